package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The training batches of the masked type process ({@link DiffusionConfig.TypeLoss#MASKED}): a
 * visible atom's input row is its one-hot type and its label row zero, a hidden atom's input row
 * zero and its label its one-hot type, padding is zero in both; an atom is hidden with
 * probability t/T, t read back from each row's time embedding.
 */
class MaskedTypeBatchTest {
  @Test
  void atomsAreHiddenWithProbabilityTOverTAndLabelledOnlyWhenHidden() {
    double[] f = hiddenFractions(DiffusionSchedule.of(100, 0.005, 0.5));
    // E[t/T] = (T + 1)/(2T) ≈ 0.5 over all atoms; at most 0.2 / at least 0.8 in the two bins
    assertEquals(0.505, f[0], 0.05);
    assertTrue(f[1] < 0.2, "t/T < 0.2: " + f[1]);
    assertTrue(f[2] > 0.8, "t/T > 0.8: " + f[2]);
  }

  @Test
  void aMaskExponentHidesWithProbabilityTOverTToThatPower() {
    double[] f = hiddenFractions(DiffusionSchedule.of(100, 0.005, 0.5).withMaskExponent(2));
    // E[(t/T)^2] = (T + 1)(2T + 1)/(6T^2) ≈ 0.338; below 0.04 / above 0.64 in the two bins
    assertEquals(0.338, f[0], 0.05);
    assertTrue(f[1] < 0.04, "t/T < 0.2: " + f[1]);
    assertTrue(f[2] > 0.64, "t/T > 0.8: " + f[2]);
    double[] root = hiddenFractions(DiffusionSchedule.of(100, 0.005, 0.5).withMaskExponent(0.5));
    // E[(t/T)^0.5] ≈ 2/3
    assertEquals(0.667, root[0], 0.05);
  }

  @Test
  void theConfigurationRecordsTheExponentAndBuildsItsSchedule() {
    DiffusionConfig squared = DiffusionConfig.builder().optMaskExponent(2)
        .optTypeLoss(DiffusionConfig.TypeLoss.MASKED).build();
    assertEquals(2, squared.schedule().maskExponent());
    assertEquals(1, DiffusionConfig.defaults().schedule().maskExponent());
    com.fasterxml.jackson.databind.node.ObjectNode json = squared.toJsonNode();
    assertEquals(squared, DiffusionConfig.fromJsonNode(json));
    json.remove("maskExponent");
    assertEquals(1, DiffusionConfig.fromJsonNode(json).maskExponent(), "older models");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DiffusionConfig.builder().optMaskExponent(-1));
    assertEquals("maskExponent is -1.0; must be in (0, 10]", e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DiffusionConfig.builder().optMaskExponent(2).build());
    assertEquals("a mask exponent (2.0) needs the masked type loss; the type loss is"
        + " crossEntropy", e.getMessage());
  }

  /**
   * Checks the rows of 20 batches over 60 perovskites (one-hot inputs of visible atoms, labels
   * of hidden ones, zero padding) and returns the hidden fraction of all atoms, of those at
   * t/T &lt; 0.2 and of those at t/T &gt; 0.8.
   */
  private static double[] hiddenFractions(DiffusionSchedule schedule) {
    TrainingData data = TrainingData.prepare(TinyPerovskites.generate(60, 3), List.of("y"),
        CvaeConfig.builder().optFourierIndex(0).build(), null);
    DiffusionTrainer.Rows rows = DiffusionTrainer.Rows.of(data);
    int steps = schedule.steps();
    int timeDim = 8;
    float[][] embeddings = new float[steps + 1][];
    for (int t = 1; t <= steps; t++) {
      embeddings[t] = DiffusionBlock.timeEmbedding(t, steps, timeDim);
    }
    int[] all = new int[data.size()];
    Arrays.setAll(all, i -> i);
    SplittableRandom noise = new SplittableRandom(5);
    int a = rows.types;
    // hidden and total atom counts of the rows with t/T below 0.2 and above 0.8
    int[] hidden = new int[2];
    int[] total = new int[2];
    int hiddenAll = 0;
    int atomsAll = 0;
    try (NDManager m = NDManager.newBaseManager()) {
      for (int round = 0; round < 20; round++) {
        NDList[] io = rows.batch(m, all, schedule, timeDim, noise, null, 0,
            DiffusionConfig.TypeLoss.MASKED);
        float[] in = io[0].get(0).toFloatArray();
        float[] emb = io[0].get(3).toFloatArray();
        float[] label = io[1].get(2).toFloatArray();
        int n = (int) io[0].get(0).getShape().get(1);
        for (int i = 0; i < all.length; i++) {
          int t = timeOf(Arrays.copyOfRange(emb, i * timeDim, (i + 1) * timeDim), embeddings);
          for (int s = 0; s < n; s++) {
            int base = (i * n + s) * a;
            float[] x = Arrays.copyOfRange(in, base, base + a);
            float[] y = Arrays.copyOfRange(label, base, base + a);
            if (s >= rows.atoms[all[i]]) {
              assertEquals(0f, sum(x) + sum(y), "padding row");
              continue;
            }
            int type = rows.classes[all[i]][s] - 1;
            boolean isHidden = sum(x) == 0;
            float[] oneHot = new float[a];
            oneHot[type] = 1f;
            assertTrue(Arrays.equals(isHidden ? y : x, oneHot), "the one-hot type");
            assertEquals(0f, sum(isHidden ? x : y), "the other row is zero");
            atomsAll++;
            hiddenAll += isHidden ? 1 : 0;
            double f = (double) t / steps;
            int bin = f < 0.2 ? 0 : f > 0.8 ? 1 : -1;
            if (bin >= 0) {
              total[bin]++;
              hidden[bin] += isHidden ? 1 : 0;
            }
          }
        }
      }
    }
    return new double[] {(double) hiddenAll / atomsAll, (double) hidden[0] / total[0],
        (double) hidden[1] / total[1]};
  }

  private static int timeOf(float[] emb, float[][] embeddings) {
    for (int t = 1; t < embeddings.length; t++) {
      if (Arrays.equals(emb, embeddings[t])) {
        return t;
      }
    }
    throw new AssertionError("no time has the embedding " + Arrays.toString(emb));
  }

  private static float sum(float[] x) {
    float s = 0;
    for (float v : x) {
      s += v;
    }
    return s;
  }
}
