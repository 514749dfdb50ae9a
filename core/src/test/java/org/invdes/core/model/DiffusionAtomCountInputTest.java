package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.invdes.core.progress.ProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The denoiser told each cell's atom count ({@link DiffusionConfig#atomCountInput()}): the
 * one-hot of the count, a model trained with it that denoises rows grouped by atom count as one
 * padded pass does (the one-hot must not depend on how many rows a group is run with), its
 * saved form, and training that goes on only with the same setting.
 */
class DiffusionAtomCountInputTest {
  static DiffusionModel counting;

  static DiffusionConfig tiny(boolean countInput) {
    return DiffusionBatchingTest.tiny(true).toBuilder().optAtomCountInput(countInput).build();
  }

  @BeforeAll
  static void train() {
    counting = DiffusionTrainer.train(DiffusionBatchingTest.data(), List.of("y"), tiny(true),
        ProgressMonitor.NONE, w -> { }, e -> { });
  }

  @AfterAll
  static void close() {
    if (counting != null) {
      counting.close();
    }
  }

  @Test
  void theOneHotMarksEachCellsNumberOfAtoms() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] mask = {1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
      float[] oneHot = DiffusionBlock.countOneHot(m.create(mask, new Shape(4, 5)), 6)
          .toFloatArray();
      assertArrayEquals(new float[] {
          0, 0, 1, 0, 0, 0,
          0, 0, 0, 0, 1, 0,
          1, 0, 0, 0, 0, 0,
          0, 0, 0, 0, 0, 0}, oneHot);
    }
  }

  @Test
  void theSettingIsRecordedAndOlderManifestsReadWithout() {
    assertFalse(DiffusionConfig.defaults().atomCountInput());
    assertTrue(counting.manifest().hyperParameters().atomCountInput());
    ObjectNode json = tiny(true).toJsonNode();
    assertEquals(tiny(true), DiffusionConfig.fromJsonNode(json));
    json.remove("atomCountInput");
    assertFalse(DiffusionConfig.fromJsonNode(json).atomCountInput());
  }

  @Test
  void groupedDenoisingGivesTheOutputsOfOnePaddedPass() {
    int n = counting.maxSites();
    float[][] x = DiffusionBatchingTest.rows(n, counting.types(), 1);
    int[] times = {3, 29, 11, 17, 1};
    float[][] grouped = counting.denoise(x[0], x[1], x[2], times, x[3], x[4], x[5]);
    float[][] padded = counting.pass(n, x[0], null, x[1], x[2], times, x[3], x[4], x[5]);
    for (int o = 0; o < 3; o++) {
      assertArrayEquals(padded[o], grouped[o], 1e-5f, "output " + o);
    }
  }

  @Test
  void theSavedModelLoadsIntoACountingDenoiserWithTheSameOutputs(@TempDir Path dir)
      throws Exception {
    DiffusionBatchingTest.assertSavedModelDenoisesAlike(counting, dir);
  }

  @Test
  void trainingGoesOnOnlyWithTheSameSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionTrainer.checkStart(counting, List.of("y"), tiny(false)));
    assertTrue(e.getMessage().contains("sees each cell's atom count"), e.getMessage());
    DiffusionTrainer.checkStart(counting, List.of("y"), tiny(true));
    try (DiffusionModel blind = DiffusionTrainer.train(DiffusionBatchingTest.data(),
        List.of("y"), tiny(false).toBuilder().optMaxEpochs(1).build(), ProgressMonitor.NONE,
        w -> { }, e2 -> { })) {
      e = assertThrows(IllegalArgumentException.class,
          () -> DiffusionTrainer.checkStart(blind, List.of("y"), tiny(true)));
      assertTrue(e.getMessage().contains("does not see each cell's atom count"),
          e.getMessage());
    }
  }
}
