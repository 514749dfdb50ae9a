package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** Training behaviour on the tiny made-up perovskite set. */
class CvaeTrainerTest {

  @Test
  void lossDecreasesOverAFewEpochs() {
    List<Structure> data = TinyPerovskites.generate(48, 1);
    List<EpochReport> reports = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void epoch(EpochReport report) {
        reports.add(report);
      }
    };
    try (CvaeModel model = CvaeTrainer.train(data, List.of("y"), TinyPerovskites.tinyConfig(),
        ProgressMonitor.NONE, listener)) {
      assertEquals(8, reports.size());
      double first = reports.get(0).train().total();
      double last = reports.get(7).train().total();
      // a fixed objective (no warm-up): eight Adam epochs must cut the training loss clearly
      assertTrue(last < 0.7 * first, "first " + first + ", last " + last);
      assertTrue(reports.get(7).validation().elements() < reports.get(0).validation().elements(),
          reports.toString());
      assertEquals(48, model.manifest().inputRows());
      assertEquals(0, model.manifest().skippedRows());
      assertEquals(43 + 5, model.manifest().trainRows() + model.manifest().validationRows());
    }
  }

  @Test
  void latticeCovarianceHoldsWhatTheDecoderLeavesOfTheCellSpread() {
    List<Structure> data = TinyPerovskites.generate(48, 1);
    try (CvaeModel model = CvaeTrainer.train(data, List.of("y"), TinyPerovskites.tinyConfig(),
        ProgressMonitor.NONE, TrainingListener.NONE)) {
      double[][] sigma = model.manifest().latticeNoise().covariance();
      float[][] x = model.encoder().encodeAll(data);
      for (int i = 0; i < 3; i++) {
        double mean = 0;
        for (float[] row : x) {
          mean += row[i];
        }
        mean /= x.length;
        double spread = 0;
        for (float[] row : x) {
          spread += (row[i] - mean) * (row[i] - mean);
        }
        spread /= x.length;
        // the edge follows from the elements (a = 3.7 Å + 0.06 Å·A + 0.04 Å·B), which the
        // decoder sees: what is left for the noise is a small, non-zero part of the spread
        assertTrue(sigma[i][i] > 0 && sigma[i][i] < 0.5 * spread,
            "ln edge " + i + ": residual variance " + sigma[i][i] + ", data " + spread);
      }
    }
  }
}
