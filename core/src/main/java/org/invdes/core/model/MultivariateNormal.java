package org.invdes.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A multivariate normal distribution N(m, Σ) of dimension d, fitted to data and drawn from by the
 * VAE. Immutable. Draws are m + R ξ, ξ ~ N(0, I_d) and R the symmetric square root of Σ (so a
 * singular Σ is fine: a component with no variance is never moved).
 *
 * <p>The VAE uses two ({@link ModelManifest}):
 *
 * <ul>
 *   <li>the <b>lattice noise</b> (d = 6, m = 0): p(lattice | z, c) = N(f(z, c), Σ), f the
 *       decoder's lattice head and Σ the maximum-likelihood covariance of the residuals x − f(z)
 *       of rows training did not fit (the validation split), z drawn from the approximate
 *       posterior. Sampling the decoder adds
 *       R ξ to the normalised lattice components (ln lengths and angles), so generated cells
 *       have the spread of real ones instead of regressing toward the mean. A full covariance
 *       keeps correlated components correlated: the three edges of a cubic cell move together.
 *   <li>the <b>latent prior</b> (d = L): the Gaussian closest (maximum likelihood) to the
 *       aggregate posterior q(z) = 1/n Σᵢ q(z | xᵢ) of the training rows, with m the mean of the
 *       μᵢ and Σ = Cov(μᵢ) + diag(mean of σᵢ²). Unconditional samples draw z from it instead
 *       of N(0, I): a β-VAE's aggregate posterior is not standard normal, and decoding the
 *       standard normal's draws gives structures that are too alike (the "ex-post density
 *       estimation" of Ghosh et al., ICLR 2020, with one component).
 * </ul>
 */
public final class MultivariateNormal {
  private final double[] mean;
  private final double[][] covariance;
  private final double[][] root;

  private MultivariateNormal(double[] mean, double[][] covariance) {
    this.mean = mean.clone();
    this.covariance = copy(covariance);
    this.root = symmetricSquareRoot(covariance);
  }

  /** N(0, 0) of dimension d: draws are always 0. */
  public static MultivariateNormal zero(int d) {
    return new MultivariateNormal(new double[d], new double[d][d]);
  }

  /** N(0, I) of dimension d. */
  public static MultivariateNormal standard(int d) {
    double[][] identity = new double[d][d];
    for (int i = 0; i < d; i++) {
      identity[i][i] = 1;
    }
    return new MultivariateNormal(new double[d], identity);
  }

  /**
   * N(mean, covariance).
   *
   * @param mean d finite values
   * @param covariance d × d, finite and symmetric (within 1e-9 relative); negative eigenvalues
   *     within rounding are treated as 0
   * @throws IllegalArgumentException naming the offending entry, or if an eigenvalue is
   *     clearly negative
   */
  public static MultivariateNormal of(double[] mean, double[][] covariance) {
    int d = mean.length;
    for (int i = 0; i < d; i++) {
      if (!Double.isFinite(mean[i])) {
        throw new IllegalArgumentException("mean component " + i + " is " + mean[i]);
      }
    }
    if (covariance.length != d) {
      throw new IllegalArgumentException("a covariance for a mean of " + d + " components is "
          + d + " x " + d + "; it has " + covariance.length + " rows");
    }
    double scale = 0;
    for (int i = 0; i < d; i++) {
      if (covariance[i] == null || covariance[i].length != d) {
        throw new IllegalArgumentException("covariance row " + i + " does not have " + d
            + " entries");
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(covariance[i][j])) {
          throw new IllegalArgumentException("covariance entry (" + i + ", " + j + ") is "
              + covariance[i][j]);
        }
        scale = Math.max(scale, Math.abs(covariance[i][j]));
      }
    }
    double tolerance = 1e-9 * Math.max(scale, 1e-300);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(covariance[i][j] - covariance[j][i]) > tolerance) {
          throw new IllegalArgumentException("covariance is not symmetric: (" + i + ", " + j
              + ") = " + covariance[i][j] + " but (" + j + ", " + i + ") = " + covariance[j][i]);
        }
      }
    }
    for (double v : eigen(covariance)[0][0]) {
      if (v < -tolerance) {
        throw new IllegalArgumentException("covariance is not positive semi-definite:"
            + " eigenvalue " + v);
      }
    }
    return new MultivariateNormal(mean, covariance);
  }

  /**
   * The maximum-likelihood N(0, Σ) of residuals assumed to have mean zero: Σ = 1/n Σ r rᵀ.
   *
   * @param rows n rows of d components each
   * @throws IllegalArgumentException if there are none, one has another length or a value that
   *     is not finite
   */
  public static MultivariateNormal fitZeroMean(float[][] rows) {
    return fit(rows, null, false);
  }

  /**
   * The maximum-likelihood N(m, Σ) of the rows, plus {@code extraVariance} on the diagonal
   * (for rows that are themselves means of distributions of that variance); null for none.
   *
   * @throws IllegalArgumentException as {@link #fitZeroMean}
   */
  public static MultivariateNormal fit(float[][] rows, double[] extraVariance) {
    return fit(rows, extraVariance, true);
  }

  private static MultivariateNormal fit(float[][] rows, double[] extra, boolean centre) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no rows to fit a normal distribution to");
    }
    int d = rows[0].length;
    double[] m = new double[d];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != d) {
        throw new IllegalArgumentException("row " + r + " has " + rows[r].length
            + " components; row 0 has " + d);
      }
      for (int i = 0; i < d; i++) {
        if (!Float.isFinite(rows[r][i])) {
          throw new IllegalArgumentException("row " + r + " component " + i + " is "
              + rows[r][i]);
        }
        if (centre) {
          m[i] += rows[r][i];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      m[i] /= rows.length;
    }
    double[][] s = new double[d][d];
    double[] v = new double[d];
    for (float[] row : rows) {
      for (int i = 0; i < d; i++) {
        v[i] = row[i] - m[i];
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          s[i][j] += v[i] * v[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        s[i][j] /= rows.length;
        s[j][i] = s[i][j];
      }
      if (extra != null) {
        s[i][i] += extra[i];
      }
    }
    return new MultivariateNormal(m, s);
  }

  /** d: the number of components. */
  public int dimension() {
    return mean.length;
  }

  /** m (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** Σ (a copy). */
  public double[][] covariance() {
    return copy(covariance);
  }

  /** True when Σ = 0 and m = 0: every draw is 0. */
  public boolean isZero() {
    for (int i = 0; i < mean.length; i++) {
      if (mean[i] != 0) {
        return false;
      }
      for (double v : covariance[i]) {
        if (v != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Adds a draw m + scale · R ξ to {@code out[offset .. offset + d)}, drawing ξ's d standard
   * normal values from {@code random} (always d, whatever Σ is, so the stream advances the
   * same way).
   */
  public void addDraw(float[] out, int offset, double scale, SplittableRandom random) {
    int d = mean.length;
    double[] xi = new double[d];
    for (int i = 0; i < d; i++) {
      xi[i] = random.nextGaussian();
    }
    for (int i = 0; i < d; i++) {
      double v = 0;
      for (int j = 0; j < d; j++) {
        v += root[i][j] * xi[j];
      }
      out[offset + i] += (float) (mean[i] + scale * v);
    }
  }

  /** {@code {"mean": [...], "covariance": [[...], ...]}}. */
  public JsonNode toJsonNode() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode m = o.putArray("mean");
    for (double v : mean) {
      m.add(v);
    }
    ArrayNode rows = o.putArray("covariance");
    for (double[] row : covariance) {
      ArrayNode r = rows.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    return o;
  }

  /**
   * Reads {@link #toJsonNode()}.
   *
   * @param d the dimension expected
   * @param what the field's name, for messages
   * @throws IllegalArgumentException naming the field if it is not a valid normal distribution
   *     of dimension d
   */
  public static MultivariateNormal fromJsonNode(JsonNode node, int d, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " must be an object with \"mean\" and"
          + " \"covariance\"");
    }
    double[] m = numbers(node.get("mean"), d, what + ".mean");
    JsonNode rows = node.get("covariance");
    if (rows == null || !rows.isArray() || rows.size() != d) {
      throw new IllegalArgumentException(what + ".covariance must be an array of " + d
          + " rows");
    }
    double[][] c = new double[d][];
    for (int i = 0; i < d; i++) {
      c[i] = numbers(rows.get(i), d, what + ".covariance row " + i);
    }
    try {
      return of(m, c);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  private static double[] numbers(JsonNode a, int d, String what) {
    if (a == null || !a.isArray() || a.size() != d) {
      throw new IllegalArgumentException(what + " must hold " + d + " numbers");
    }
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      if (!a.get(i).isNumber()) {
        throw new IllegalArgumentException(what + ": entry " + i + " is not a number: "
            + a.get(i));
      }
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  // ------------------------------------------------------------------ linear algebra

  /** V diag(√max(λ, 0)) Vᵀ. */
  static double[][] symmetricSquareRoot(double[][] a) {
    int n = a.length;
    double[][][] ev = eigen(a);
    double[] lambda = ev[0][0];
    double[][] v = ev[1];
    double[][] r = new double[n][n];
    for (int k = 0; k < n; k++) {
      double s = Math.sqrt(Math.max(lambda[k], 0));
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
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
      if (off == 0 || off <= 1e-30 * total) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = theta == 0 ? 1
              : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
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
    return o instanceof MultivariateNormal other && Arrays.equals(mean, other.mean)
        && Arrays.deepEquals(covariance, other.covariance);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(covariance);
  }

  @Override
  public String toString() {
    double[] sd = new double[mean.length];
    for (int i = 0; i < sd.length; i++) {
      sd[i] = Math.sqrt(covariance[i][i]);
    }
    return "MultivariateNormal[d " + mean.length + ", mean " + Arrays.toString(mean) + ", sd "
        + Arrays.toString(sd) + "]";
  }
}
