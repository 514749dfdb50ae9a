package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link Distributions#wasserstein1}: published examples, closed forms and invariants. */
class DistributionsTest {

  @Test
  void scipyDocumentationExample() {
    // scipy.stats.wasserstein_distance docstring: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0
    assertEquals(5.0, Distributions.wasserstein1(new double[] {0, 1, 3}, new double[] {5, 6, 8}),
        1e-12);
  }

  @Test
  void twoPointMassesAreTheirDistanceApart() {
    assertEquals(2.5, Distributions.wasserstein1(new double[] {1}, new double[] {3.5}), 0);
  }

  @Test
  void unequalSizes() {
    // a = {0, 1}: F_a = 1/2 on [0, 1); b = {0}: F_b = 1 from 0. W1 = |1/2 - 1| * 1 = 0.5.
    assertEquals(0.5, Distributions.wasserstein1(new double[] {0, 1}, new double[] {0}), 1e-15);
    // a = {0, 0, 3}, b = {1, 2}: on [0,1) |2/3-0|, [1,2) |2/3-1/2|, [2,3) |2/3-1| -> 2/3+1/6+1/3
    assertEquals(2.0 / 3 + 1.0 / 6 + 1.0 / 3,
        Distributions.wasserstein1(new double[] {0, 0, 3}, new double[] {1, 2}), 1e-15);
  }

  @Test
  void repeatedValuesAreWeightedByMultiplicity() {
    // {1, 1, 1, 5} vs {1}: mass 1/4 moves 4 units
    assertEquals(1.0, Distributions.wasserstein1(new double[] {1, 1, 1, 5}, new double[] {1}),
        1e-15);
  }

  @Test
  void inputsAreNotReordered() {
    double[] a = {3, 1, 2};
    double[] b = {9, 7};
    Distributions.wasserstein1(a, b);
    assertTrue(Arrays.equals(new double[] {3, 1, 2}, a));
    assertTrue(Arrays.equals(new double[] {9, 7}, b));
  }

  @Test
  void rejectsEmptyAndNonFiniteSamplesNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Distributions.wasserstein1(new double[0], new double[] {1}));
    assertTrue(e.getMessage().contains("sample a is empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distributions.wasserstein1(new double[] {1}, new double[] {2, Double.NaN}));
    assertTrue(e.getMessage().contains("NaN at index 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Distributions.wasserstein1(
        new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
  }

  /** Equal sizes: W1 is the mean distance between the sorted samples, matched in order. */
  @Property(tries = 300)
  void equalSizesMatchSortedPairs(@ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = -50,
      max = 50) Double> a, @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = -50,
      max = 50) Double> bSource) {
    double[] x = toArray(a);
    double[] y = new double[x.length];
    for (int k = 0; k < y.length; k++) {
      y[k] = bSource.get(k % bSource.size()) + k * 0.37;
    }
    double[] xs = x.clone();
    double[] ys = y.clone();
    Arrays.sort(xs);
    Arrays.sort(ys);
    double expected = 0;
    for (int k = 0; k < xs.length; k++) {
      expected += Math.abs(xs[k] - ys[k]);
    }
    expected /= xs.length;
    assertEquals(expected, Distributions.wasserstein1(x, y), 1e-9 * (1 + expected));
  }

  /**
   * Any sizes: W1 = ∫₀¹ |F_a⁻¹(u) − F_b⁻¹(u)| du, integrated exactly over the merged steps of
   * the two quantile functions (breakpoints k/n and l/m) — a formula independent of the CDF walk.
   */
  @Property(tries = 300)
  void agreesWithTheQuantileFunctionIntegral(@ForAll @Size(min = 1, max = 25)
      List<@DoubleRange(min = -10, max = 10) Double> a, @ForAll @Size(min = 1, max = 25)
      List<@DoubleRange(min = -10, max = 10) Double> b) {
    double[] x = toArray(a);
    double[] y = toArray(b);
    Arrays.sort(x);
    Arrays.sort(y);
    int n = x.length;
    int m = y.length;
    double expected = 0;
    int i = 0;
    int j = 0;
    double u = 0;
    while (i < n && j < m) {
      // the next breakpoint, compared exactly as the integers (i+1)*m and (j+1)*n
      long ni = (long) (i + 1) * m;
      long nj = (long) (j + 1) * n;
      double next = Math.min((double) (i + 1) / n, (double) (j + 1) / m);
      expected += Math.abs(x[i] - y[j]) * (next - u);
      u = next;
      if (ni <= nj) {
        i++;
      }
      if (nj <= ni) {
        j++;
      }
    }
    assertEquals(expected, Distributions.wasserstein1(toArray(a), toArray(b)), 1e-9);
  }

  @Property(tries = 200)
  void isAMetricAndShiftsWithTheData(@ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = -5,
      max = 5) Double> a, @ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = -5, max = 5)
      Double> b, @ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = -5, max = 5) Double> c,
      @ForAll @DoubleRange(min = -3, max = 3) double shift) {
    double[] x = toArray(a);
    double[] y = toArray(b);
    double[] z = toArray(c);
    double xy = Distributions.wasserstein1(x, y);
    assertTrue(xy >= 0);
    assertEquals(0.0, Distributions.wasserstein1(x, x), 0);
    assertEquals(xy, Distributions.wasserstein1(y, x), 1e-12);
    assertTrue(xy <= Distributions.wasserstein1(x, z) + Distributions.wasserstein1(z, y) + 1e-9);
    double[] shifted = x.clone();
    for (int k = 0; k < shifted.length; k++) {
      shifted[k] += shift;
    }
    assertEquals(Math.abs(shift), Distributions.wasserstein1(x, shifted), 1e-9);
  }

  private static double[] toArray(List<Double> values) {
    double[] out = new double[values.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = values.get(k);
    }
    return out;
  }
}
