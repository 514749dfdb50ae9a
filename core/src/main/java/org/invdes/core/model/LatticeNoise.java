package org.invdes.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Gaussian part of the VAE decoder's lattice: p(lattice | z, c) = N(f(z, c), Σ), f the
 * decoder's lattice head and Σ a 6 × 6 covariance of the normalised lattice components (ln
 * lengths and angles, normalised as the encoding does). Immutable.
 *
 * <p>Σ is the maximum-likelihood covariance of the residuals x − f(z) of the training rows with
 * z drawn from the approximate posterior ({@link #fit}): the spread of cells that the
 * deterministic head cannot explain from z. Sampling the decoder draws lattice = f + R ξ, ξ ~
 * N(0, I₆), R the symmetric square root of Σ, so that generated cells have the spread of real
 * ones instead of regressing toward the mean (without it, 10,000 Perov-5 samples had a volume
 * per atom standard deviation of 2.65 Å³ against 3.39 Å³ in the data). A full covariance keeps
 * correlated components correlated: the three edges of a cubic cell move together.
 */
public final class LatticeNoise {
  /** Lattice components: three ln lengths and three angles. */
  public static final int SIZE = 6;
  private static final LatticeNoise NONE = new LatticeNoise(new double[SIZE][SIZE]);

  private final double[][] covariance;
  private final double[][] root;

  private LatticeNoise(double[][] covariance) {
    this.covariance = copy(covariance);
    this.root = symmetricSquareRoot(covariance);
  }

  /** No noise: Σ = 0, the decoder's lattice is deterministic. */
  public static LatticeNoise none() {
    return NONE;
  }

  /**
   * A noise of the given covariance.
   *
   * @param covariance 6 × 6, finite and symmetric (within 1e-9 relative); negative eigenvalues
   *     within rounding are treated as 0
   * @throws IllegalArgumentException naming the offending entry, or if an eigenvalue is
   *     clearly negative
   */
  public static LatticeNoise of(double[][] covariance) {
    if (covariance == null || covariance.length != SIZE) {
      throw new IllegalArgumentException("a lattice covariance is 6 x 6");
    }
    double scale = 0;
    for (int i = 0; i < SIZE; i++) {
      if (covariance[i] == null || covariance[i].length != SIZE) {
        throw new IllegalArgumentException("a lattice covariance is 6 x 6; row " + i + " is not");
      }
      for (int j = 0; j < SIZE; j++) {
        if (!Double.isFinite(covariance[i][j])) {
          throw new IllegalArgumentException("lattice covariance entry (" + i + ", " + j
              + ") is " + covariance[i][j]);
        }
        scale = Math.max(scale, Math.abs(covariance[i][j]));
      }
    }
    for (int i = 0; i < SIZE; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(covariance[i][j] - covariance[j][i]) > 1e-9 * Math.max(scale, 1e-300)) {
          throw new IllegalArgumentException("lattice covariance is not symmetric: (" + i + ", "
              + j + ") = " + covariance[i][j] + " but (" + j + ", " + i + ") = "
              + covariance[j][i]);
        }
      }
    }
    double[] eigen = eigen(covariance)[0][0];
    for (double v : eigen) {
      if (v < -1e-9 * Math.max(scale, 1e-300)) {
        throw new IllegalArgumentException("lattice covariance is not positive semi-definite:"
            + " eigenvalue " + v);
      }
    }
    return new LatticeNoise(covariance);
  }

  /**
   * The maximum-likelihood covariance (1/n Σ r rᵀ, residuals of mean zero by assumption: the
   * decoder's head is the mean) of n residual rows.
   *
   * @param residuals n rows of 6 components each
   * @throws IllegalArgumentException if there are none or one is not finite
   */
  public static LatticeNoise fit(float[][] residuals) {
    if (residuals.length == 0) {
      throw new IllegalArgumentException("no residuals to fit a lattice covariance to");
    }
    double[][] s = new double[SIZE][SIZE];
    for (int r = 0; r < residuals.length; r++) {
      float[] v = residuals[r];
      if (v.length != SIZE) {
        throw new IllegalArgumentException("residual row " + r + " has " + v.length
            + " components; expected 6");
      }
      for (int i = 0; i < SIZE; i++) {
        if (!Float.isFinite(v[i])) {
          throw new IllegalArgumentException("residual row " + r + " component " + i + " is "
              + v[i]);
        }
        for (int j = 0; j <= i; j++) {
          s[i][j] += (double) v[i] * v[j];
        }
      }
    }
    for (int i = 0; i < SIZE; i++) {
      for (int j = 0; j <= i; j++) {
        s[i][j] /= residuals.length;
        s[j][i] = s[i][j];
      }
    }
    return new LatticeNoise(s);
  }

  /** Σ (a copy). */
  public double[][] covariance() {
    return copy(covariance);
  }

  /** True when Σ = 0. */
  public boolean isNone() {
    for (double[] row : covariance) {
      for (double v : row) {
        if (v != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Adds R ξ to {@code lattice[offset .. offset + 6)}, drawing ξ's six standard normal values
   * from {@code random} (always six, also when Σ = 0, so the stream advances the same way).
   */
  public void addTo(float[] lattice, int offset, SplittableRandom random) {
    double[] xi = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      xi[i] = random.nextGaussian();
    }
    for (int i = 0; i < SIZE; i++) {
      double d = 0;
      for (int j = 0; j < SIZE; j++) {
        d += root[i][j] * xi[j];
      }
      lattice[offset + i] += (float) d;
    }
  }

  /** Σ as a JSON array of six rows. */
  public JsonNode toJsonNode() {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (double[] row : covariance) {
      ArrayNode r = rows.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    return rows;
  }

  /**
   * Reads {@link #toJsonNode()}.
   *
   * @throws IllegalArgumentException if it is not six rows of six numbers forming a valid
   *     covariance
   */
  public static LatticeNoise fromJsonNode(JsonNode node) {
    if (node == null || !node.isArray() || node.size() != SIZE) {
      throw new IllegalArgumentException("latticeCovariance must be an array of 6 rows");
    }
    double[][] c = new double[SIZE][SIZE];
    for (int i = 0; i < SIZE; i++) {
      JsonNode row = node.get(i);
      if (!row.isArray() || row.size() != SIZE) {
        throw new IllegalArgumentException("latticeCovariance row " + i + " must hold 6"
            + " numbers");
      }
      for (int j = 0; j < SIZE; j++) {
        if (!row.get(j).isNumber()) {
          throw new IllegalArgumentException("latticeCovariance entry (" + i + ", " + j
              + ") is not a number: " + row.get(j));
        }
        c[i][j] = row.get(j).asDouble();
      }
    }
    return of(c);
  }

  // ------------------------------------------------------------------ linear algebra

  /** V diag(√max(λ, 0)) Vᵀ. */
  static double[][] symmetricSquareRoot(double[][] a) {
    double[][][] ev = eigen(a);
    double[] lambda = ev[0][0];
    double[][] v = ev[1];
    double[][] r = new double[SIZE][SIZE];
    for (int k = 0; k < SIZE; k++) {
      double s = Math.sqrt(Math.max(lambda[k], 0));
      for (int i = 0; i < SIZE; i++) {
        for (int j = 0; j < SIZE; j++) {
          r[i][j] += v[i][k] * s * v[j][k];
        }
      }
    }
    return r;
  }

  /**
   * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations:
   * {{λ}}, V with the eigenvectors as columns.
   */
  static double[][][] eigen(double[][] sym) {
    int n = sym.length;
    double[][] a = copy(sym);
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          total += a[i][j] * a[i][j];
          if (i != j) {
            off += a[i][j] * a[i][j];
          }
        }
      }
      if (off <= 1e-30 * total || off == 0) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) {
      lambda[i] = a[i][i];
    }
    return new double[][][] {{lambda}, v};
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatticeNoise other && Arrays.deepEquals(covariance, other.covariance);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(covariance);
  }

  @Override
  public String toString() {
    double[] sd = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      sd[i] = Math.sqrt(covariance[i][i]);
    }
    return "LatticeNoise[sd " + Arrays.toString(sd) + "]";
  }
}
