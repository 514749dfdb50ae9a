package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncoderOptions;
import org.invdes.core.encoding.EncodingConfig;
import org.junit.jupiter.api.Test;

/**
 * The distance penalty of {@link CvaeLoss} against distances worked out by hand: pairs in a
 * 4 Å cell, r₀ = 0.7 Å, penalty (r₀ − d)² per unordered pair closer than r₀.
 */
class CvaeLossTest {
  private static final EncodingConfig ENCODING = Encoder.fit(TinyPerovskites.generate(24, 3),
      EncoderOptions.defaults()).config();
  private static final CvaeBlock BLOCK = CvaeBlock.builder().setLayout(ENCODING.layout())
      .setPropertyCount(1).build();
  private static final CvaeLoss LOSS = new CvaeLoss(BLOCK,
      CvaeConfig.builder().optMinDistance(0.7).build(), ENCODING);

  /** The penalty of one structure: cell (a = b = c = 4 Å, angles), occupied sites 0..k−1. */
  private static double penalty(double[] angles, double[][] frac) {
    int n = BLOCK.maxSites();
    double[] mean = ENCODING.latticeMean();
    double[] scale = ENCODING.latticeScale();
    float[] lattice = new float[6];
    for (int k = 0; k < 6; k++) {
      double u = k < 3 ? Math.log(4.0) : angles[k - 3];
      lattice[k] = (float) ((u - mean[k]) / scale[k]);
    }
    float[] coords = new float[n * 3];
    float[] occupied = new float[n];
    for (int s = 0; s < frac.length; s++) {
      for (int k = 0; k < 3; k++) {
        coords[s * 3 + k] = (float) frac[s][k];
      }
      occupied[s] = 1;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p = LOSS.distancePenalty(m.create(lattice, new Shape(1, 6)),
          m.create(coords, new Shape(1, n, 3)), m.create(occupied, new Shape(1, n)));
      return p.getFloat();
    }
  }

  @Test
  void penalisesCloseAtomsByTheSquaredShortfall() {
    double[] cubic = {90, 90, 90};
    // 0.1 · 4 Å = 0.4 Å apart: (0.7 − 0.4)² = 0.09
    assertEquals(0.09, penalty(cubic, new double[][] {{0, 0, 0}, {0.1, 0, 0}}), 1e-4);
    // 1 Å apart: nothing
    assertEquals(0, penalty(cubic, new double[][] {{0.2, 0.2, 0.2}, {0.2, 0.45, 0.2}}), 1e-6);
    // across the cell boundary: 0.95 is 0.05 · 4 Å = 0.2 Å from 0: (0.7 − 0.2)² = 0.25
    assertEquals(0.25, penalty(cubic, new double[][] {{0, 0.5, 0.5}, {0.95, 0.5, 0.5}}), 1e-4);
    // three atoms within 0.4 Å of each other on a line: 0.3, 0.3 and 0.6 Å
    // → 2 · 0.16 + 0.01 = 0.33
    assertEquals(0.33, penalty(cubic, new double[][] {{0.5, 0.5, 0.5}, {0.575, 0.5, 0.5},
        {0.65, 0.5, 0.5}}), 1e-4);
  }

  @Test
  void usesTheMetricOfASkewedCell() {
    // γ = 60° between a and b: δ = (0.1, −0.1, 0) gives d² = 0.16 + 0.16 − 2 · 0.16 · cos 60°
    // = 0.16 Å², d = 0.4 Å → 0.09; δ = (0.1, 0.1, 0) gives d² = 0.48, d = 0.6928 Å
    // → (0.7 − 0.6928)² = 5.18e-5
    double[] hexagonalish = {90, 90, 60};
    assertEquals(0.09, penalty(hexagonalish, new double[][] {{0.5, 0.5, 0}, {0.6, 0.4, 0}}),
        1e-4);
    assertEquals(5.18e-5, penalty(hexagonalish, new double[][] {{0.5, 0.5, 0}, {0.6, 0.6, 0}}),
        1e-5);
    // α = 60° between b and c: the same pair along b and c
    assertEquals(0.09, penalty(new double[] {60, 90, 90},
        new double[][] {{0, 0.5, 0.5}, {0, 0.6, 0.4}}), 1e-4);
  }
}
