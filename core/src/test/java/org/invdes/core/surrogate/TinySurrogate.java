package org.invdes.core.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * A made-up training set where the target is an exact function of composition (not derived from
 * any dataset): cubic ABO₃ perovskites (A from {K, Ca, Sr, Ba}, B from {Ti, Zr, Nb}), lattice
 * constant a = 3.8 Å + 0.05 Å·i_A + 0.04 Å·i_B with ±0.01 jitter of every fractional coordinate,
 * and {@code y} = e_A + e_B with made-up per-element values (eV/atom); plus one small surrogate
 * trained on it, shared by the tests of this JVM.
 */
public final class TinySurrogate {
  static final String[] A = {"K", "Ca", "Sr", "Ba"};
  static final String[] B = {"Ti", "Zr", "Nb"};
  static final double[] EA = {-0.40, 0.35, -0.10, 0.60};
  static final double[] EB = {-0.80, 0.20, 0.55};
  private static SurrogateModel shared;

  private TinySurrogate() {
  }

  /** n structures drawn with the seed; ids "p{seed}-{k}", target property {@code y}. */
  public static List<Structure> perovskites(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Structure> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int i = r.nextInt(A.length);
      int j = r.nextInt(B.length);
      double len = 3.8 + 0.05 * i + 0.04 * j;
      List<Site> sites = List.of(Site.of(Element.of(A[i]), j(r, 0), j(r, 0), j(r, 0)),
          Site.of(Element.of(B[j]), j(r, 0.5), j(r, 0.5), j(r, 0.5)),
          Site.of(Element.of("O"), j(r, 0.5), j(r, 0.5), j(r, 0)),
          Site.of(Element.of("O"), j(r, 0.5), j(r, 0), j(r, 0.5)),
          Site.of(Element.of("O"), j(r, 0), j(r, 0.5), j(r, 0.5)));
      out.add(Structure.of(Lattice.cubic(len), sites,
          Map.of("id", "p" + seed + "-" + k, "y", EA[i] + EB[j])));
    }
    return out;
  }

  /** The exact target of a composition A B O₃ of this set. */
  public static double target(String a, String b) {
    return EA[List.of(A).indexOf(a)] + EB[List.of(B).indexOf(b)];
  }

  private static double j(SplittableRandom r, double x) {
    return Structure.wrap(x + (r.nextDouble() * 2 - 1) * 0.01);
  }

  /** A small, fast configuration (one thread, seed 11). */
  public static SurrogateConfig tiny() {
    return SurrogateConfig.builder().optAtomFeatures(16).optConvLayers(2).optHeadDim(32)
        .optBatchSize(16).optMaxEpochs(40).optPatience(40).optLearningRate(5e-3)
        .optValidationFraction(0.2).optCutoff(6).optSeed(11).optThreads(1).build();
  }

  /** A surrogate trained once on 96 rows (seed 1) and kept open for the JVM's tests. */
  public static synchronized SurrogateModel shared() {
    if (shared == null) {
      shared = SurrogateTrainer.train(perovskites(96, 1), "y", tiny(), ProgressMonitor.NONE,
          SurrogateListener.NONE);
    }
    return shared;
  }
}
