package org.invdes.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * A tiny made-up training set for the model tests (not derived from any dataset): cubic ABO₃
 * perovskites in the SrTiO₃ arrangement (A at the origin, B at the body centre, O at the face
 * centres), A from {Na, K, Ca, Sr, Ba, La}, B from {Al, Ti, Fe, Zr, Nb, Ta}, lattice constant
 * a = 3.7 Å + 0.06 Å · (index of A) + 0.04 Å · (index of B), every coordinate jittered by up to
 * ±0.01, and a made-up property {@code y} = 2 · (a − 4.0 Å) eV/atom/Å, so it is a smooth
 * function of the structure that the property head can learn.
 */
public final class TinyPerovskites {
  /** The A-site elements. */
  public static final List<String> A = List.of("Na", "K", "Ca", "Sr", "Ba", "La");
  /** The B-site elements. */
  public static final List<String> B = List.of("Al", "Ti", "Fe", "Zr", "Nb", "Ta");

  private TinyPerovskites() {
  }

  /** n structures drawn with the seed; ids "t0", "t1", …. */
  public static List<Structure> generate(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Structure> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int ia = r.nextInt(A.size());
      int ib = r.nextInt(B.size());
      double a = 3.7 + 0.06 * ia + 0.04 * ib;
      List<Site> sites = List.of(
          Site.of(Element.of(A.get(ia)), jitter(r, 0), jitter(r, 0), jitter(r, 0)),
          Site.of(Element.of(B.get(ib)), jitter(r, 0.5), jitter(r, 0.5), jitter(r, 0.5)),
          Site.of(Element.of("O"), jitter(r, 0.5), jitter(r, 0.5), jitter(r, 0)),
          Site.of(Element.of("O"), jitter(r, 0.5), jitter(r, 0), jitter(r, 0.5)),
          Site.of(Element.of("O"), jitter(r, 0), jitter(r, 0.5), jitter(r, 0.5)));
      out.add(Structure.of(Lattice.cubic(a), sites, Map.of("id", "t" + i, "y", 2 * (a - 4.0))));
    }
    return out;
  }

  private static double jitter(SplittableRandom r, double x) {
    return Structure.wrap(x + (r.nextDouble() * 2 - 1) * 0.01);
  }

  /** A small, fast configuration for unit tests. */
  public static CvaeConfig tinyConfig() {
    return CvaeConfig.builder().optLatentDim(8).optHiddenDim(64).optHeadDim(16)
        .optFourierIndex(1).optBatchSize(8).optMaxEpochs(8).optKlWarmupEpochs(0)
        .optLearningRate(3e-3).optPatience(100).optThreads(1).optSeed(7).build();
  }
}
