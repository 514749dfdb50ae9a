package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * {@link DiffusionTrainer#trainReporting}: one report per epoch whose kept epoch's terms are the
 * manifest's, and whose lines are exactly those {@link DiffusionTrainer#train} logs.
 */
class DiffusionEpochReportTest {

  static DiffusionConfig tiny(double validation) {
    return DiffusionConfig.builder().optHiddenDim(16).optLayers(1).optFrequencies(2)
        .optTimeDim(8).optTimesteps(30).optSampleSteps(4).optMaxEpochs(3).optBatchSize(8)
        .optValidationFraction(validation).optThreads(1).optSeed(3).build();
  }

  @Test
  void oneReportPerEpochAgreeingWithTheManifestAndTheLog() {
    List<Structure> data = TinyPerovskites.generate(20, 4);
    List<DiffusionEpochReport> reports = new ArrayList<>();
    DiffusionManifest m;
    try (DiffusionModel model = DiffusionTrainer.trainReporting(data, List.of("y"), tiny(0.2),
        ProgressMonitor.NONE, w -> { }, reports::add)) {
      m = model.manifest();
    }
    assertEquals(m.epochsRun(), reports.size());
    int best = 0;
    for (int i = 0; i < reports.size(); i++) {
      DiffusionEpochReport r = reports.get(i);
      assertEquals(i + 1, r.epoch());
      assertEquals(3, r.maxEpochs());
      assertNotNull(r.validation());
      assertTrue(r.bestEpoch() >= best && r.bestEpoch() <= r.epoch());
      best = r.bestEpoch();
    }
    assertEquals(m.bestEpoch(), best);
    DiffusionEpochReport kept = reports.get(best - 1);
    assertEquals(m.trainLoss(), kept.train());
    assertEquals(m.validationLoss(), kept.validation());

    List<String> lines = new ArrayList<>();
    try (DiffusionModel again = DiffusionTrainer.train(data, List.of("y"), tiny(0.2),
        ProgressMonitor.NONE, w -> { }, lines::add)) {
      assertEquals(m.fingerprint(), again.manifest().fingerprint());
    }
    List<String> fromReports = new ArrayList<>();
    reports.forEach(r -> fromReports.add(r.line()));
    assertEquals(lines, fromReports, "one thread, same seed: the same epochs, logged alike");
    assertTrue(lines.get(0).startsWith("epoch 1/3: train "), lines.get(0));
    assertTrue(lines.get(0).contains(", validation "), lines.get(0));
  }

  @Test
  void withoutAValidationSplitTheReportHasNoValidationTerms() {
    List<DiffusionEpochReport> reports = new ArrayList<>();
    try (DiffusionModel model = DiffusionTrainer.trainReporting(
        TinyPerovskites.generate(10, 5), List.of("y"), tiny(0), ProgressMonitor.NONE, w -> { },
        reports::add)) {
      assertNull(model.manifest().validationLoss());
    }
    assertEquals(3, reports.size());
    assertNull(reports.get(0).validation());
    assertTrue(!reports.get(0).line().contains("validation"), reports.get(0).line());
  }
}
