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
    TrainingData data = TrainingData.prepare(TinyPerovskites.generate(60, 3), List.of("y"),
        CvaeConfig.builder().optFourierIndex(0).build(), null);
    DiffusionTrainer.Rows rows = DiffusionTrainer.Rows.of(data);
    int steps = 100;
    int timeDim = 8;
    DiffusionSchedule schedule = DiffusionSchedule.of(steps, 0.005, 0.5);
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
    // E[t/T] = (T + 1)/(2T) ≈ 0.5 over all atoms; at most 0.2 / at least 0.8 in the two bins
    assertEquals(0.505, (double) hiddenAll / atomsAll, 0.05);
    assertTrue((double) hidden[0] / total[0] < 0.2, hidden[0] + " of " + total[0]);
    assertTrue((double) hidden[1] / total[1] > 0.8, hidden[1] + " of " + total[1]);
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
