package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.invdes.core.progress.ProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-conditioned denoiser ({@link DiffusionConfig#selfCondition()}): the setting and its
 * limits, a network that takes the previous type estimate in and whose outputs depend on it,
 * the estimate training feeds it, and a saved form that loads into the same network.
 */
class DiffusionSelfConditionTest {
  static DiffusionModel selfConditioned;

  static DiffusionConfig tiny(boolean self) {
    return DiffusionBatchingTest.tiny(true).toBuilder()
        .optTypeLoss(DiffusionConfig.TypeLoss.MASKED).optSelfCondition(self).build();
  }

  @BeforeAll
  static void train() {
    selfConditioned = DiffusionTrainer.train(DiffusionBatchingTest.data(), List.of("y"),
        tiny(true), ProgressMonitor.NONE, w -> { }, e -> { });
  }

  @AfterAll
  static void close() {
    if (selfConditioned != null) {
      selfConditioned.close();
    }
  }

  @Test
  void theSettingIsRecordedAndNeedsACategoricalTypeLoss() {
    assertTrue(selfConditioned.selfConditioned());
    assertTrue(selfConditioned.manifest().hyperParameters().selfCondition());
    assertFalse(DiffusionConfig.defaults().selfCondition());
    ObjectNode json = tiny(true).toJsonNode();
    assertEquals(tiny(true), DiffusionConfig.fromJsonNode(json));
    json.remove("selfCondition");
    assertFalse(DiffusionConfig.fromJsonNode(json).selfCondition(), "older models");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionConfig.builder().optSelfCondition(true)
            .optTypeLoss(DiffusionConfig.TypeLoss.EPSILON).build());
    assertTrue(e.getMessage().contains("type loss is epsilon"), e.getMessage());
    DiffusionConfig.builder().optSelfCondition(true).build();
  }

  @Test
  void theNetworkTakesTheEstimateInNextToTheTypes() {
    DiffusionBlock block = selfConditioned.block();
    int a = selfConditioned.types();
    long inputs = -1;
    for (ai.djl.util.Pair<String, ai.djl.nn.Block> child : block.getChildren()) {
      if (child.getKey().endsWith("embed")) {
        inputs = child.getValue().getParameters().get("weight").getArray().getShape().get(1);
      }
    }
    assertEquals(2L * a + 8 + 2, inputs,
        "types, the estimate, time embedding, condition and its mask");
    assertEquals(8, block.inputShapes(3).length);
    assertEquals(new Shape(3, block.maxSites(), a), block.inputShapes(3)[7]);
    try (DiffusionModel plain = DiffusionTrainer.train(DiffusionBatchingTest.data(),
        List.of("y"), tiny(false), ProgressMonitor.NONE, w -> { }, e -> { })) {
      assertEquals(7, plain.block().inputShapes(3).length);
      assertFalse(plain.selfConditioned());
    }
  }

  /** A probability row per atom: softmax of Gaussian logits, 0 on padding. */
  static float[] estimate(float[] mask, int a, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[mask.length * a];
    for (int row = 0; row < mask.length; row++) {
      if (mask[row] == 0) {
        continue;
      }
      double sum = 0;
      for (int j = 0; j < a; j++) {
        p[row * a + j] = (float) Math.exp(2 * r.nextGaussian());
        sum += p[row * a + j];
      }
      for (int j = 0; j < a; j++) {
        p[row * a + j] /= (float) sum;
      }
    }
    return p;
  }

  @Test
  void theOutputsDependOnTheEstimateAndGroupingKeepsThem() {
    int n = selfConditioned.maxSites();
    int a = selfConditioned.types();
    float[][] x = DiffusionBatchingTest.rows(n, a, 1);
    int[] times = {3, 29, 11, 17, 1};
    float[] p = estimate(x[5], a, 4);
    float[][] none = selfConditioned.denoise(x[0], x[1], x[2], times, x[3], x[4], x[5]);
    float[][] zeros = selfConditioned.denoise(x[0], new float[p.length], x[1], x[2], times,
        x[3], x[4], x[5]);
    float[][] with = selfConditioned.denoise(x[0], p, x[1], x[2], times, x[3], x[4], x[5]);
    assertArrayEquals(none[2], zeros[2], "no estimate means zeros");
    double change = 0;
    for (int i = 0; i < with[2].length; i++) {
      change = Math.max(change, Math.abs(with[2][i] - none[2][i]));
    }
    assertTrue(change > 1e-4, "the type outputs ignore the estimate: " + change);
    float[][] padded = selfConditioned.pass(n, x[0], p, x[1], x[2], times, x[3], x[4], x[5]);
    for (int o = 0; o < 3; o++) {
      for (int i = 0; i < padded[o].length; i++) {
        assertEquals(padded[o][i], with[o][i], 1e-5, "output " + o + " entry " + i);
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> selfConditioned.denoise(x[0], new float[3], x[1], x[2], times, x[3], x[4], x[5]));
    assertTrue(e.getMessage().startsWith("estimate has 3 values"), e.getMessage());
  }

  @Test
  void trainingFeedsTheSoftmaxOfAFirstPassOnTheHiddenAtomsOnly() {
    DiffusionBlock block = selfConditioned.block();
    int a = selfConditioned.types();
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionTrainer.Rows rows = DiffusionTrainer.Rows.of(
          TrainingData.prepare(DiffusionBatchingTest.data(), List.of("y"),
              CvaeConfig.builder().optFourierIndex(0).build(), selfConditioned.encoder()));
      DiffusionSchedule schedule = DiffusionSchedule.of(30, 0.005, 0.5);
      NDList[] io = rows.batch(m, new int[] {0, 1, 16, 17, 20, 21}, schedule, block.timeDim(),
          new SplittableRandom(3), null, 0, DiffusionConfig.TypeLoss.MASKED);
      ParameterStore ps = new ParameterStore(m, false);
      List<NDList> passes = new java.util.ArrayList<>();
      NDList plain = DiffusionTrainer.selfConditioned(in -> {
        passes.add(in);
        return block.forward(ps, in, false);
      }, io[0], false, DiffusionConfig.TypeLoss.MASKED);
      assertEquals(0, passes.size(), "no first pass without the estimate");
      assertEquals(8, plain.size());
      assertEquals(0f, plain.get(7).abs().sum().getFloat());
      NDList fed = DiffusionTrainer.selfConditioned(in -> {
        passes.add(in);
        return block.forward(ps, in, false);
      }, io[0], true, DiffusionConfig.TypeLoss.MASKED);
      assertEquals(1, passes.size());
      assertEquals(0f, passes.get(0).get(7).abs().sum().getFloat(), "the first pass sees zeros");
      float[] p = fed.get(7).toFloatArray();
      float[] types = io[0].get(0).toFloatArray();
      float[] mask = io[0].get(6).toFloatArray();
      NDArray logits = block.forward(ps, plain, false).get(2);
      float[] expected = logits.softmax(2).toFloatArray();
      int hidden = 0;
      int shown = 0;
      for (int row = 0; row < mask.length; row++) {
        double visible = 0;
        double sum = 0;
        for (int j = 0; j < a; j++) {
          visible += types[row * a + j];
          sum += p[row * a + j];
        }
        if (mask[row] == 0 || visible > 0) {
          assertEquals(0, sum, 0, "row " + row + " is padding or shown");
          shown += mask[row] == 0 ? 0 : 1;
        } else {
          hidden++;
          for (int j = 0; j < a; j++) {
            assertEquals(expected[row * a + j], p[row * a + j], 1e-6);
          }
          assertEquals(1, sum, 1e-5);
        }
      }
      assertTrue(hidden > 0 && shown > 0, hidden + " hidden and " + shown + " shown atoms");
    }
  }

  @Test
  void theSavedModelLoadsWithTheSameOutputs(@TempDir Path dir) throws Exception {
    DiffusionBatchingTest.assertSavedModelDenoisesAlike(selfConditioned, dir);
    int n = selfConditioned.maxSites();
    int a = selfConditioned.types();
    float[][] x = DiffusionBatchingTest.rows(n, a, 1);
    int[] times = {5, 5, 20, 2, 9};
    float[] p = estimate(x[5], a, 9);
    try (DiffusionModel back = DiffusionModel.load(dir.resolve("m"))) {
      assertTrue(back.selfConditioned());
      assertArrayEquals(
          selfConditioned.denoise(x[0], p, x[1], x[2], times, x[3], x[4], x[5])[2],
          back.denoise(x[0], p, x[1], x[2], times, x[3], x[4], x[5])[2]);
    }
  }

  @Test
  void trainingGoesOnOnlyWithTheSameSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionTrainer.checkStart(selfConditioned, List.of("y"), tiny(false)));
    assertTrue(e.getMessage().contains("is self-conditioned"), e.getMessage());
    DiffusionTrainer.checkStart(selfConditioned, List.of("y"), tiny(true));
  }
}
