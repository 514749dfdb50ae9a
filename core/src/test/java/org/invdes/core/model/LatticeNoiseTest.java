package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The decoder's lattice covariance: fitting, square root, draws and JSON. */
class LatticeNoiseTest {

  /** A cubic family: the three ln edges move together (σ 0.05), the angles stay at 90°. */
  private static double[][] cubic(double sd) {
    double[][] c = new double[6][6];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[i][j] = sd * sd;
      }
    }
    return c;
  }

  @Test
  void cubicCellsStayCubic() {
    LatticeNoise noise = LatticeNoise.of(cubic(0.05));
    SplittableRandom random = new SplittableRandom(3);
    double sum = 0;
    double sumSq = 0;
    int n = 20_000;
    for (int k = 0; k < n; k++) {
      float[] lattice = new float[8];
      noise.addTo(lattice, 1, random);
      assertEquals(0f, lattice[0]);
      assertEquals(lattice[1], lattice[2], 1e-6f);
      assertEquals(lattice[1], lattice[3], 1e-6f);
      for (int i = 4; i < 7; i++) {
        assertEquals(0f, lattice[i], 1e-6f);
      }
      assertEquals(0f, lattice[7]);
      sum += lattice[1];
      sumSq += lattice[1] * lattice[1];
    }
    // every ln edge has standard deviation 0.05: 20,000 draws estimate it within about 1 %
    double sd = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
    assertEquals(0.05, sd, 0.002);
    assertEquals(0, sum / n, 0.002);
  }

  @Test
  void fitRecoversTheCovarianceResidualsWereDrawnFrom() {
    double[][] truth = {
        {0.04, 0.01, 0.0, 0.0, 0.0, 0.002},
        {0.01, 0.03, 0.005, 0.0, 0.0, 0.0},
        {0.0, 0.005, 0.02, 0.0, 0.0, 0.0},
        {0.0, 0.0, 0.0, 0.01, 0.0, 0.0},
        {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
        {0.002, 0.0, 0.0, 0.0, 0.0, 0.005}};
    LatticeNoise source = LatticeNoise.of(truth);
    SplittableRandom random = new SplittableRandom(11);
    float[][] residuals = new float[40_000][];
    for (int k = 0; k < residuals.length; k++) {
      residuals[k] = new float[6];
      source.addTo(residuals[k], 0, random);
    }
    double[][] fitted = LatticeNoise.fit(residuals).covariance();
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        // standard error of a covariance estimate ≈ √((σᵢ²σⱼ² + σᵢⱼ²)/n) ≤ 2.3e-4 here
        assertEquals(truth[i][j], fitted[i][j], 1e-3, "entry " + i + ", " + j);
      }
    }
  }

  @Property(tries = 50)
  void squareRootSquaresBackToTheCovariance(@ForAll @LongRange(min = 0, max = 1L << 40)
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] a = new double[6][6];
    int rank = 1 + random.nextInt(6);
    for (int i = 0; i < 6; i++) {
      for (int k = 0; k < rank; k++) {
        a[i][k] = random.nextGaussian();
      }
    }
    double[][] sigma = new double[6][6];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        for (int k = 0; k < 6; k++) {
          sigma[i][j] += a[i][k] * a[j][k];
        }
      }
    }
    double[][] r = LatticeNoise.symmetricSquareRoot(sigma);
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        double rr = 0;
        for (int k = 0; k < 6; k++) {
          rr += r[i][k] * r[k][j];
        }
        assertEquals(sigma[i][j], rr, 1e-9 * (1 + Math.abs(sigma[i][j])),
            "(R R)[" + i + "][" + j + "], rank " + rank);
        assertEquals(r[i][j], r[j][i], 1e-12);
      }
    }
  }

  @Test
  void noNoiseLeavesTheLatticeButAdvancesTheStream() {
    float[] lattice = {1, 2, 3, 90, 90, 90};
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    LatticeNoise.none().addTo(lattice, 0, a);
    assertEquals(2f, lattice[1]);
    for (int i = 0; i < 6; i++) {
      b.nextGaussian();
    }
    assertEquals(b.nextLong(), a.nextLong());
    assertTrue(LatticeNoise.none().isNone());
  }

  @Test
  void jsonRoundTrip() throws Exception {
    LatticeNoise noise = LatticeNoise.of(cubic(0.07));
    String text = new ObjectMapper().writeValueAsString(noise.toJsonNode());
    assertEquals(noise, LatticeNoise.fromJsonNode(new ObjectMapper().readTree(text)));
  }

  @Test
  void badCovariancesAreRefusedWithTheEntry() {
    double[][] asym = cubic(0.1);
    asym[0][4] = 0.5;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LatticeNoise.of(asym));
    assertTrue(e.getMessage().contains("(4, 0)"), e.getMessage());
    double[][] negative = new double[6][6];
    negative[2][2] = -0.01;
    e = assertThrows(IllegalArgumentException.class, () -> LatticeNoise.of(negative));
    assertTrue(e.getMessage().contains("-0.01"), e.getMessage());
    double[][] nan = new double[6][6];
    nan[1][3] = Double.NaN;
    nan[3][1] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> LatticeNoise.of(nan));
    assertTrue(e.getMessage().contains("(1, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LatticeNoise.fromJsonNode(new ObjectMapper().createArrayNode().add(1)));
    assertTrue(e.getMessage().contains("6 rows"), e.getMessage());
  }
}
