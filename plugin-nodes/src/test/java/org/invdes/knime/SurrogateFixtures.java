package org.invdes.knime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateConfig;
import org.invdes.core.surrogate.SurrogateListener;
import org.invdes.core.surrogate.SurrogateTrainer;

/**
 * A tiny formation-energy surrogate trained once per test JVM on made-up data, saved as the
 * folder {@code invdes train-surrogate} would write.
 *
 * <p>The data: CsCl-type AX cells (A at the origin, X at the body centre), A from {Li, Na, K},
 * X from {F, Cl, Br}, lattice constant a = 3.0 Å + 0.3 Å · (A index) + 0.2 Å · (X index) + 0.01
 * Å · (row / 9), with the made-up property {@value #PROPERTY} = e_A + e_X (eV/atom) for e_A in
 * {−0.6, −0.4, −0.3} and e_X in {−1.2, −0.8, −0.6}. Only the elements Li, Na, K, F, Cl, Br are
 * in the surrogate's vocabulary.
 */
public final class SurrogateFixtures {
  /** The predicted property. */
  public static final String PROPERTY = "formation_energy_per_atom";
  static final String[] A = {"Li", "Na", "K"};
  static final String[] X = {"F", "Cl", "Br"};
  static final double[] EA = {-0.6, -0.4, -0.3};
  static final double[] EX = {-1.2, -0.8, -0.6};

  private static Path folder;

  private SurrogateFixtures() {}

  /** @return the training cell of row i, with its property */
  public static Structure cell(int i) {
    int a = i % 3;
    int x = (i / 3) % 3;
    double len = 3.0 + 0.3 * a + 0.2 * x + 0.01 * (i / 9);
    return Structure.of(Lattice.cubic(len), List.of(
        org.invdes.core.structure.Site.of(Element.of(A[a]), 0, 0, 0),
        org.invdes.core.structure.Site.of(Element.of(X[x]), .5, .5, .5)),
        Map.of(PROPERTY, EA[a] + EX[x]));
  }

  /**
   * @return the folder of a surrogate trained (one thread, seed 5, 8 epochs) on 36 rows, once
   *     per JVM; do not change it
   */
  public static synchronized Path folder() throws IOException {
    if (folder == null) {
      List<Structure> rows = new ArrayList<>();
      for (int i = 0; i < 36; i++) {
        rows.add(cell(i));
      }
      SurrogateConfig config = SurrogateConfig.builder().optAtomFeatures(8).optConvLayers(1)
          .optHeadDim(16).optBatchSize(12).optMaxEpochs(8).optPatience(8)
          .optLearningRate(5e-3).optValidationFraction(0.2).optCutoff(6).optSeed(5)
          .optThreads(1).build();
      Path tmp = Files.createTempDirectory("invdes-test-surrogate");
      tmp.toFile().deleteOnExit();
      Path out = tmp.resolve("surrogate");
      DjlSupport.call(() -> SurrogateTrainer.trainAndSave(rows, PROPERTY, config, out,
          ProgressMonitor.NONE, SurrogateListener.NONE));
      folder = out;
    }
    return folder;
  }
}
