package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.model.CheckpointScore;
import org.invdes.core.model.CheckpointSelection;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.DiffusionTrainer;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.Validity;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * {@link ValiditySelection}: its score of a model is the valid fraction of the samples that
 * {@code invdes sample --draw-conditions} would draw with its settings, it is reproducible, its
 * settings are checked before training, and a training with it records its criterion.
 */
class ValiditySelectionTest {

  @Test
  void theScoreIsTheValidFractionOfTheDrawnSamplesAndTrainingKeepsTheBest() {
    ValiditySelection scorer = new ValiditySelection(12, 3, 1.5, 7);
    List<Double> seen = new ArrayList<>();
    CheckpointSelection.Scorer checking = (checkpoint, monitor) -> {
      double score = scorer.score(checkpoint, monitor);
      SampleResult r = DiffusionSampler.of(checkpoint).withDrawnConditions(true).withSteps(3)
          .withGuidance(1.5).sample(SamplingRequest.builder().setCount(12).optSeed(7).build(),
              ProgressMonitor.NONE);
      int valid = 0;
      for (Structure s : r.structures()) {
        valid += Validity.compositionValid(s) ? 1 : 0;
      }
      assertEquals(valid / 12.0, score, "the valid fraction of the same draws");
      assertEquals(score, scorer.score(checkpoint, ProgressMonitor.NONE), "reproducible");
      seen.add(score);
      return score;
    };
    DiffusionConfig config = DiffusionSamplerTest.tiny().toBuilder().optMaxEpochs(3).build();
    try (DiffusionModel m = DiffusionTrainer.trainReporting(DiffusionSamplerTest.tinyData(),
        List.of("y"), config, ProgressMonitor.NONE, w -> { }, r -> { }, null,
        new CheckpointSelection(1, 1, scorer.criterion(), checking))) {
      assertEquals(3, seen.size());
      List<CheckpointScore> scores = m.manifest().checkpointScores();
      double best = Math.max(seen.get(0), Math.max(seen.get(1), seen.get(2)));
      assertEquals(best, scores.get(m.manifest().bestEpoch() - 1).score());
      assertEquals(seen.indexOf(best) + 1, m.manifest().bestEpoch(), "the first of equals");
      assertEquals(scorer.criterion(), m.manifest().selectionCriterion());
    }
  }

  @Test
  void aCheckpointBeyondTheDensityBoundScoresItsValidityMinusOne() {
    DiffusionConfig config = DiffusionSamplerTest.tiny().toBuilder().optMaxEpochs(1).build();
    // the training cells' densities: perovskites and rock salt of a few g/cm³
    double[] reference = DiffusionSamplerTest.tinyData().stream()
        .mapToDouble(Structure::density).toArray();
    try (DiffusionModel m = DiffusionTrainer.trainReporting(DiffusionSamplerTest.tinyData(),
        List.of("y"), config, ProgressMonitor.NONE, w -> { }, r -> { })) {
      double plain = new ValiditySelection(10, 3, 1, 4).score(m, ProgressMonitor.NONE);
      double within = new ValiditySelection(10, 3, 1, 4,
          new ValiditySelection.DensityBound(reference, 1e6)).score(m, ProgressMonitor.NONE);
      double beyond = new ValiditySelection(10, 3, 1, 4,
          new ValiditySelection.DensityBound(new double[] {500}, 1)).score(m,
              ProgressMonitor.NONE);
      assertEquals(plain, within);
      assertEquals(plain - 1, beyond, 1e-12);
    }
    assertThrows(IllegalArgumentException.class,
        () -> new ValiditySelection.DensityBound(new double[0], 1));
    assertThrows(IllegalArgumentException.class,
        () -> new ValiditySelection.DensityBound(reference, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new ValiditySelection.DensityBound(new double[] {Double.NaN}, 1));
    assertTrue(new ValiditySelection(5, 0, 1, 1, new ValiditySelection.DensityBound(reference,
        0.5)).criterion().endsWith("; minus 1 if their density EMD against 30 reference"
        + " densities exceeds 0.500000 g/cm³"));
  }

  @Test
  void theCriterionNamesTheSettings() {
    assertEquals("composition validity of 500 samples (100 steps, guidance 3.00000, conditions"
        + " drawn from the training rows, seed 2026)",
        new ValiditySelection(500, 100, 3, 2026).criterion());
    assertTrue(new ValiditySelection(10, 0, Double.NaN, 1).criterion()
        .contains("(default steps, guidance default,"));
  }

  @Test
  void badSettingsAreRefusedBeforeTraining() {
    assertThrows(IllegalArgumentException.class, () -> new ValiditySelection(0, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ValiditySelection(1, -1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ValiditySelection(1, 0, 21, 1));
    DiffusionConfig config = DiffusionSamplerTest.tiny();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ValiditySelection(4, 51, 1, 1).every(1, 1).check(config));
    assertEquals("checkpoint sampling steps 51 exceed the diffusion times T = 50",
        e.getMessage());
    new ValiditySelection(4, 50, 1, 1).every(1, 1).check(config);
  }
}
