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
}
