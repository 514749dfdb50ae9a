package org.invdes.core.metrics;

import java.util.Arrays;
import java.util.Objects;

/** Distances between empirical distributions of one real quantity. */
public final class Distributions {
  private Distributions() {
  }

  /**
   * The Wasserstein-1 (earth mover's) distance between the empirical distributions of two
   * samples, each value weighing 1/n of its sample: W₁ = ∫ |F(t) − G(t)| dt with F, G the two
   * empirical cumulative distribution functions. The result is in the unit of the values (e.g.
   * g/cm³ for densities). This is the distance CDVAE reports as "EMD" (it calls
   * scipy.stats.wasserstein_distance, which computes the same integral).
   *
   * <p>Steps: (1) sort copies of both samples; (2) sweep the merged sorted values t₀ ≤ t₁ ≤ …;
   * between consecutive values, F and G are constant, so add |F − G| · (t_{i+1} − t_i), where F
   * and G count the values ≤ t_i of each sample over its size. O((n + m) log(n + m)).
   *
   * @param a at least one finite value
   * @param b at least one finite value
   * @throws IllegalArgumentException if a sample is empty or holds a NaN or infinite value,
   *     naming the sample and the index
   */
  public static double wasserstein1(double[] a, double[] b) {
    double[] x = sortedCopy(a, "first");
    double[] y = sortedCopy(b, "second");
    int i = 0;
    int j = 0;
    double total = 0;
    double prev = Math.min(x[0], y[0]);
    while (i < x.length || j < y.length) {
      double next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
      double f = (double) i / x.length;
      double g = (double) j / y.length;
      total += Math.abs(f - g) * (next - prev);
      while (i < x.length && x[i] == next) {
        i++;
      }
      while (j < y.length && y[j] == next) {
        j++;
      }
      prev = next;
    }
    return total;
  }

  private static double[] sortedCopy(double[] v, String which) {
    Objects.requireNonNull(v, which + " sample");
    if (v.length == 0) {
      throw new IllegalArgumentException("the " + which + " sample is empty");
    }
    for (int k = 0; k < v.length; k++) {
      if (!Double.isFinite(v[k])) {
        throw new IllegalArgumentException("the " + which + " sample has " + v[k] + " at index "
            + k + "; the distance needs finite values");
      }
    }
    double[] c = v.clone();
    Arrays.sort(c);
    return c;
  }
}
