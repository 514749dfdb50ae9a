package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiffusionTrainer} with a {@link CheckpointSelection}: the scorer sees the weights of
 * exactly the due epochs, the highest-scored ones are kept (not the lowest validation loss), the
 * training path is the one without a selection, and the manifest keeps the criterion and the
 * scores through a save and load.
 */
class DiffusionCheckpointSelectionTest {
  @TempDir Path tmp;

  private static final List<Structure> DATA = TinyPerovskites.generate(20, 4);

  private static DiffusionConfig config(int epochs) {
    return DiffusionEpochReportTest.tiny(0.2).toBuilder().optMaxEpochs(epochs).build();
  }

  /** Scores each scored epoch by {@code byEpoch}, remembering its weights. */
  private static final class Recording implements CheckpointSelection.Scorer {
    final Map<Integer, Double> byEpoch;
    final Map<Integer, List<float[]>> weights = new HashMap<>();
    final List<Integer> scored = new ArrayList<>();

    Recording(Map<Integer, Double> byEpoch) {
      this.byEpoch = byEpoch;
    }

    @Override
    public double score(DiffusionModel checkpoint, ProgressMonitor monitor) {
      int epoch = checkpoint.manifest().epochsRun();
      scored.add(epoch);
      weights.put(epoch, TrainingSupport.snapshot(checkpoint.block()));
      return byEpoch.getOrDefault(epoch, Double.NaN);
    }
  }

  @Test
  void dueEpochsAreEveryKFromTheFirstAndTheLast() {
    CheckpointSelection s = new CheckpointSelection(3, 2, "x", (m, p) -> 0);
    List<Integer> due = new ArrayList<>();
    for (int e = 1; e <= 10; e++) {
      if (s.scores(e, 10)) {
        due.add(e);
      }
    }
    assertEquals(List.of(2, 5, 8, 10), due);
    assertThrows(IllegalArgumentException.class, () -> new CheckpointSelection(0, 1, "x",
        (m, p) -> 0));
    assertThrows(IllegalArgumentException.class, () -> new CheckpointSelection(1, 0, "x",
        (m, p) -> 0));
  }

  @Test
  void theHighestScoredEpochIsKeptAndTheTrainingPathIsUnchanged() throws IOException {
    // epoch 4 scores highest; epoch 6's NaN (a scorer that could not tell) is never kept
    Recording scorer = new Recording(Map.of(2, 0.5, 4, 0.9, 6, Double.NaN));
    List<DiffusionEpochReport> reports = new ArrayList<>();
    List<float[]> kept;
    Path saved = tmp.resolve("selected");
    try (DiffusionModel m = DiffusionTrainer.trainReporting(DATA, List.of("y"), config(6),
        ProgressMonitor.NONE, w -> { }, reports::add, null,
        new CheckpointSelection(2, 2, "made-up score", scorer))) {
      kept = TrainingSupport.snapshot(m.block());
      m.save(saved);
    }
    assertEquals(List.of(2, 4, 6), scorer.scored);
    List<float[]> expected = scorer.weights.get(4);
    for (int i = 0; i < kept.size(); i++) {
      assertArrayEquals(expected.get(i), kept.get(i), "parameter " + i);
    }
    for (DiffusionEpochReport r : reports) {
      double want = r.epoch() % 2 == 0 && r.epoch() != 6 ? scorer.byEpoch.get(r.epoch())
          : Double.NaN;
      assertEquals(want, r.checkpointScore(), "epoch " + r.epoch());
    }
    assertTrue(reports.get(3).line().endsWith("; checkpoint score 0.9000"),
        reports.get(3).line());

    DiffusionManifest m;
    try (DiffusionModel loaded = DiffusionModel.load(saved)) {
      m = loaded.manifest();
    }
    assertEquals(4, m.bestEpoch());
    assertEquals(reports.get(3).train(), m.trainLoss());
    assertEquals(reports.get(3).validation(), m.validationLoss());
    assertEquals("made-up score", m.selectionCriterion());
    assertEquals(List.of(new CheckpointScore(2, 0.5), new CheckpointScore(4, 0.9),
        new CheckpointScore(6, Double.NaN)), m.checkpointScores());

    // the same run without a selection walks the same epochs
    List<DiffusionEpochReport> plain = new ArrayList<>();
    try (DiffusionModel p = DiffusionTrainer.trainReporting(DATA, List.of("y"), config(6),
        ProgressMonitor.NONE, w -> { }, plain::add)) {
      assertNull(p.manifest().selectionCriterion());
      assertEquals(List.of(), p.manifest().checkpointScores());
    }
    assertEquals(plain.size(), reports.size());
    for (int i = 0; i < plain.size(); i++) {
      assertEquals(plain.get(i).train(), reports.get(i).train(), "epoch " + (i + 1));
      assertEquals(plain.get(i).validation(), reports.get(i).validation());
    }
  }

  @Test
  void withoutAUsableScoreTheValidationLossDecides() {
    Recording scorer = new Recording(Map.of());
    DiffusionManifest plain;
    try (DiffusionModel p = DiffusionTrainer.trainReporting(DATA, List.of("y"), config(4),
        ProgressMonitor.NONE, w -> { }, r -> { })) {
      plain = p.manifest();
    }
    try (DiffusionModel m = DiffusionTrainer.trainReporting(DATA, List.of("y"), config(4),
        ProgressMonitor.NONE, w -> { }, r -> { }, null,
        new CheckpointSelection(1, 3, "nothing", scorer))) {
      assertEquals(List.of(3, 4), scorer.scored);
      assertEquals(plain.bestEpoch(), m.manifest().bestEpoch());
      assertEquals(plain.validationLoss(), m.manifest().validationLoss());
    }
  }

  @Test
  void aFirstScoredEpochAfterTheLastIsRefusedBeforeTraining() {
    Recording scorer = new Recording(Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionTrainer.trainReporting(DATA, List.of("y"), config(4),
            ProgressMonitor.NONE, w -> { }, r -> { }, null,
            new CheckpointSelection(1, 5, "x", scorer)));
    assertTrue(e.getMessage().contains("epoch 5, is after the last epoch, 4"), e.getMessage());
    assertEquals(List.of(), scorer.scored);
  }

  @Test
  void cancellingWhileScoringStopsTraining() {
    boolean[] cancel = {false};
    CheckpointSelection.Scorer scorer = (m, monitor) -> {
      cancel[0] = true;
      monitor.checkCancelled("scoring");
      return 1;
    };
    assertThrows(CancelledException.class, () -> DiffusionTrainer.trainReporting(DATA,
        List.of("y"), config(4), ProgressMonitor.cancelling(() -> cancel[0]), w -> { }, r -> { },
        null, new CheckpointSelection(1, 2, "x", scorer)));
  }
}
