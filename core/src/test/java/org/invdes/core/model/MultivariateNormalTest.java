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

/** Multivariate normals: fitting, square root, draws and JSON. */
class MultivariateNormalTest {

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
    MultivariateNormal noise = MultivariateNormal.of(new double[6], cubic(0.05));
    SplittableRandom random = new SplittableRandom(3);
    double sum = 0;
    double sumSq = 0;
    int n = 20_000;
    for (int k = 0; k < n; k++) {
      float[] lattice = new float[8];
      noise.addDraw(lattice, 1, 1, random);
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
  void fitRecoversTheDistributionRowsWereDrawnFrom() {
    double[][] truth = {
        {0.04, 0.01, 0.0, 0.0, 0.0, 0.002},
        {0.01, 0.03, 0.005, 0.0, 0.0, 0.0},
        {0.0, 0.005, 0.02, 0.0, 0.0, 0.0},
        {0.0, 0.0, 0.0, 0.01, 0.0, 0.0},
        {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
        {0.002, 0.0, 0.0, 0.0, 0.0, 0.005}};
    double[] mean = {1, -2, 0.5, 0, 3, -0.25};
    MultivariateNormal source = MultivariateNormal.of(mean, truth);
    SplittableRandom random = new SplittableRandom(11);
    float[][] rows = new float[40_000][];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = new float[6];
      source.addDraw(rows[k], 0, 1, random);
    }
    double[] extra = {0.5, 0, 0, 0, 0, 0.1};
    MultivariateNormal fitted = MultivariateNormal.fit(rows, extra);
    for (int i = 0; i < 6; i++) {
      // standard error of a mean estimate ≤ √(0.04/n) = 1e-3
      assertEquals(mean[i], fitted.mean()[i], 5e-3, "mean " + i);
      for (int j = 0; j < 6; j++) {
        // standard error of a covariance estimate ≈ √((σᵢ²σⱼ² + σᵢⱼ²)/n) ≤ 2.3e-4 here
        assertEquals(truth[i][j] + (i == j ? extra[i] : 0), fitted.covariance()[i][j], 1e-3,
            "entry " + i + ", " + j);
      }
    }
    // the zero-mean fit takes the second moment about 0: E[x xᵀ] = Σ + m mᵀ
    MultivariateNormal about0 = MultivariateNormal.fitZeroMean(rows);
    assertEquals(truth[1][1] + 4, about0.covariance()[1][1], 0.02);
    assertEquals(0, about0.mean()[1]);
  }

  @Property(tries = 50)
  void squareRootSquaresBackToTheCovariance(@ForAll @LongRange(min = 0, max = 1L << 40)
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(32);
    double[][] a = new double[n][n];
    int rank = 1 + random.nextInt(n);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < rank; k++) {
        a[i][k] = random.nextGaussian();
      }
    }
    double[][] sigma = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          sigma[i][j] += a[i][k] * a[j][k];
        }
      }
    }
    double[][] r = MultivariateNormal.symmetricSquareRoot(sigma);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double rr = 0;
        for (int k = 0; k < n; k++) {
          rr += r[i][k] * r[k][j];
        }
        assertEquals(sigma[i][j], rr, 1e-9 * n * (1 + Math.abs(sigma[i][j])),
            "(R R)[" + i + "][" + j + "], n " + n + ", rank " + rank);
        assertEquals(r[i][j], r[j][i], 1e-12);
      }
    }
  }

  @Test
  void theZeroDistributionLeavesTheValuesButAdvancesTheStream() {
    float[] lattice = {1, 2, 3, 90, 90, 90};
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    MultivariateNormal.zero(6).addDraw(lattice, 0, 1, a);
    assertEquals(2f, lattice[1]);
    for (int i = 0; i < 6; i++) {
      b.nextGaussian();
    }
    assertEquals(b.nextLong(), a.nextLong());
    assertTrue(MultivariateNormal.zero(6).isZero());
    assertTrue(!MultivariateNormal.standard(6).isZero());
  }

  @Test
  void jsonRoundTrip() throws Exception {
    MultivariateNormal noise = MultivariateNormal.of(new double[] {0, 1, 2, 3, 4, 5},
        cubic(0.07));
    String text = new ObjectMapper().writeValueAsString(noise.toJsonNode());
    assertEquals(noise, MultivariateNormal.fromJsonNode(new ObjectMapper().readTree(text), 6,
        "latticeNoise"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MultivariateNormal.fromJsonNode(new ObjectMapper().readTree(text), 8,
            "latentPrior"));
    assertEquals("latentPrior.mean must hold 8 numbers", e.getMessage());
  }

  @Test
  void badCovariancesAreRefusedWithTheEntry() {
    double[][] asym = cubic(0.1);
    asym[0][4] = 0.5;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MultivariateNormal.of(new double[6], asym));
    assertTrue(e.getMessage().contains("(4, 0)"), e.getMessage());
    double[][] negative = new double[6][6];
    negative[2][2] = -0.01;
    e = assertThrows(IllegalArgumentException.class,
        () -> MultivariateNormal.of(new double[6], negative));
    assertTrue(e.getMessage().contains("-0.01"), e.getMessage());
    double[][] nan = new double[6][6];
    nan[1][3] = Double.NaN;
    nan[3][1] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class,
        () -> MultivariateNormal.of(new double[6], nan));
    assertTrue(e.getMessage().contains("(1, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MultivariateNormal.of(new double[] {0, Double.POSITIVE_INFINITY}, new double[2][2]));
    assertTrue(e.getMessage().contains("mean component 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MultivariateNormal.fromJsonNode(new ObjectMapper().createArrayNode().add(1), 6,
            "latticeNoise"));
    assertTrue(e.getMessage().startsWith("latticeNoise must be an object"), e.getMessage());
  }
}
