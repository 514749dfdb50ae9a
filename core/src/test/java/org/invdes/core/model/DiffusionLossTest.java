package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The terms of {@link DiffusionLoss} against values worked out by hand: one cell, N = 2 site
 * rows of which only the first holds an atom, A = 3 types.
 */
class DiffusionLossTest {
  private static final float LN2 = (float) Math.log(2);

  /** Labels and predictions; the padding row carries values that must not count. */
  private static float[] terms(DiffusionConfig config, float[] typeOut, float[] typeLabel) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDList labels = new NDList(m.create(new float[] {1, 0, 0, 0, 0, 0}, new Shape(1, 6)),
          m.create(new float[] {0.5f, 0, 0, 9, 9, 9}, new Shape(1, 2, 3)),
          m.create(typeLabel, new Shape(1, 2, 3)), m.create(new float[] {1, 0}, new Shape(1, 2)));
      NDList preds = new NDList(m.create(new float[] {0, 0, 0, 0, 0, 2}, new Shape(1, 6)),
          m.create(new float[] {0, 0, 0, -9, -9, -9}, new Shape(1, 2, 3)),
          m.create(typeOut, new Shape(1, 2, 3)));
      NDList t = new DiffusionLoss(config).terms(labels, preds);
      return new float[] {t.get(0).getFloat(), t.get(1).getFloat(), t.get(2).getFloat(),
          t.get(3).getFloat()};
    }
  }

  @Test
  void crossEntropyIsTheNegativeLogProbabilityOfTheCleanTypePerAtom() {
    // logits (0, ln 2, 0): softmax (1/4, 1/2, 1/4); the atom is type 1 → −ln(1/2) = ln 2
    float[] t = terms(DiffusionConfig.builder().optTypeLoss(DiffusionConfig.TypeLoss.CROSS_ENTROPY)
        .build(), new float[] {0, LN2, 0, 50, -50, 7}, new float[] {0, 1, 0, 1, 0, 0});
    // lattice: ((0 − 1)² + (2 − 0)²) / 6 = 5/6; coordinates: (0 − 0.5)² / 3 = 1/12
    assertEquals(5.0 / 6, t[1], 1e-6);
    assertEquals(1.0 / 12, t[2], 1e-6);
    assertEquals(Math.log(2), t[3], 1e-6);
    assertEquals(5.0 / 6 + 1.0 / 12 + Math.log(2), t[0], 1e-6);
    // type 0 instead: −ln(1/4) = 2 ln 2
    t = terms(DiffusionConfig.builder().optTypeLoss(DiffusionConfig.TypeLoss.CROSS_ENTROPY)
        .build(), new float[] {0, LN2, 0, 50, -50, 7}, new float[] {1, 0, 0, 1, 0, 0});
    assertEquals(2 * Math.log(2), t[3], 1e-6);
  }

  @Test
  void maskedTypeLossIsTheCrossEntropyPerHiddenAtom() {
    DiffusionConfig masked = DiffusionConfig.builder()
        .optTypeLoss(DiffusionConfig.TypeLoss.MASKED).build();
    // the atom is hidden (its label row is its one-hot type 1): −ln(1/2); the padding row's
    // label neither adds a term nor counts as a hidden atom
    float[] t = terms(masked, new float[] {0, LN2, 0, 50, -50, 7},
        new float[] {0, 1, 0, 1, 0, 0});
    assertEquals(Math.log(2), t[3], 1e-6);
    // a visible atom (zero label row) has nothing to predict
    t = terms(masked, new float[] {0, LN2, 0, 50, -50, 7}, new float[] {0, 0, 0, 1, 0, 0});
    assertEquals(0, t[3], 1e-9);
    assertEquals(5.0 / 6 + 1.0 / 12, t[0], 1e-6);
  }

  @Test
  void theWeightsScaleTheirTerms() {
    float[] t = terms(DiffusionConfig.builder().optLossWeights(2, 3, 0.5)
        .optTypeLoss(DiffusionConfig.TypeLoss.CROSS_ENTROPY).build(),
        new float[] {0, LN2, 0, 50, -50, 7}, new float[] {0, 1, 0, 1, 0, 0});
    assertEquals(2 * 5.0 / 6, t[1], 1e-6);
    assertEquals(3 * 1.0 / 12, t[2], 1e-6);
    assertEquals(0.5 * Math.log(2), t[3], 1e-6);
  }

  @Test
  void epsilonTypeLossIsTheMeanSquaredErrorPerChannel() {
    // (0.5 − 0)² + (0 − 1)² + (2 − 0)² over 3 channels = 5.25 / 3
    float[] t = terms(DiffusionConfig.builder().optTypeLoss(DiffusionConfig.TypeLoss.EPSILON)
        .build(), new float[] {0.5f, 0, 2, 50, -50, 7}, new float[] {0, 1, 0, 1, 0, 0});
    assertEquals(5.25 / 3, t[3], 1e-6);
  }
}
