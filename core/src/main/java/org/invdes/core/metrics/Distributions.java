package org.invdes.core.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Distances between one-dimensional empirical distributions.
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class Distributions {
  private Distributions() {
  }

  /**
   * The first Wasserstein distance (earth mover's distance) between the empirical distributions
   * of two samples, every value weighted equally: W₁ = ∫ |F_a(x) − F_b(x)| dx, where F is a
   * sample's empirical cumulative distribution function. These are the semantics of scipy's
   * {@code scipy.stats.wasserstein_distance(a, b)} without weights, which the CDVAE benchmark
   * uses for its density, element-count and property distances.
   *
   * <p>Algorithm:
   * <ol>
   *   <li>Sort copies of both samples (the inputs are not changed).
   *   <li>Walk the union of their values in increasing order; between two consecutive distinct
   *       values x_k &lt; x_{k+1} both CDFs are constant: F_a = (number of a-values ≤ x_k) / |a|,
   *       likewise F_b.
   *   <li>Sum |F_a − F_b| · (x_{k+1} − x_k) over all such intervals.
   * </ol>
   * O((n + m) log(n + m)) time.
   *
   * @param a the first sample, in any unit; at least one value, every value finite
   * @param b the second sample, in the same unit as {@code a}; at least one value, every value
   *     finite
   * @return W₁ in the unit of the samples; 0 for identical distributions, symmetric in a and b
   * @throws IllegalArgumentException if a sample is empty or holds a NaN or infinite value (its
   *     position and value are named)
   */
  public static double wasserstein1(double[] a, double[] b) {
    double[] x = sortedFiniteCopy(a, "a");
    double[] y = sortedFiniteCopy(b, "b");
    int n = x.length;
    int m = y.length;
    int i = 0;
    int j = 0;
    double sum = 0.0;
    double previous = Math.min(x[0], y[0]);
    while (i < n || j < m) {
      double next;
      if (j >= m || (i < n && x[i] <= y[j])) {
        next = x[i];
      } else {
        next = y[j];
      }
      // Both CDFs are constant on [previous, next): the counts consumed so far.
      double fa = (double) i / n;
      double fb = (double) j / m;
      sum += Math.abs(fa - fb) * (next - previous);
      previous = next;
      while (i < n && x[i] == next) {
        i++;
      }
      while (j < m && y[j] == next) {
        j++;
      }
    }
    return sum;
  }

  private static double[] sortedFiniteCopy(double[] values, String name) {
    Objects.requireNonNull(values, name);
    if (values.length == 0) {
      throw new IllegalArgumentException("sample " + name + " is empty; W1 needs at least one"
          + " value on each side");
    }
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "sample %s has value %s at index %d; every value must be finite", name, values[k], k));
      }
    }
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }
}
