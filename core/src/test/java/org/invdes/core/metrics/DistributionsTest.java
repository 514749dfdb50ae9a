package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Wasserstein-1 on hand-computed cases and its invariants. */
class DistributionsTest {

  @Test
  void pointMassesAreTheirDistance() {
    // two Dirac masses at 1 and 3.5: all mass moves 2.5
    assertEquals(2.5, Distributions.wasserstein1(new double[] {1}, new double[] {3.5}), 1e-15);
  }

  @Test
  void handComputedUnequalSizes() {
    // a = {0, 1}, b = {0, 0, 3}: F = 1/2 on [0,1), 1 on [1,3); G = 2/3 on [0,3).
    // W1 = |1/2 - 2/3|·1 + |1 - 2/3|·2 = 1/6 + 2/3 = 5/6
    assertEquals(5.0 / 6, Distributions.wasserstein1(new double[] {0, 1},
        new double[] {0, 0, 3}), 1e-15);
  }

  @Test
  void handComputedShiftedUniformGrids() {
    // {0, 1, 2} against {0.5, 1.5, 2.5}: each third of the mass moves 0.5
    assertEquals(0.5, Distributions.wasserstein1(new double[] {2, 0, 1},
        new double[] {0.5, 2.5, 1.5}), 1e-15);
  }

  @Test
  void scipyDocumentationExample() {
    // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0 (its documented example):
    // the second sample is the first shifted by 5
    assertEquals(5.0, Distributions.wasserstein1(new double[] {0, 1, 3},
        new double[] {5, 6, 8}), 1e-12);
  }

  @Test
  void rejectsEmptyAndNonFinite() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Distributions.wasserstein1(new double[0], new double[] {1}));
    assertTrue(e.getMessage().contains("first sample is empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distributions.wasserstein1(new double[] {1}, new double[] {2, Double.NaN}));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
  }

  @Property(tries = 200)
  void symmetricAndZeroOnItself(@ForAll @Size(min = 1, max = 30) double[] a,
      @ForAll @Size(min = 1, max = 30) double[] b) {
    a = finite(a);
    b = finite(b);
    assertEquals(0.0, Distributions.wasserstein1(a, a), 0.0);
    double ab = Distributions.wasserstein1(a, b);
    double ba = Distributions.wasserstein1(b, a);
    assertEquals(ab, ba, 1e-9 * (1 + Math.abs(ab)));
    assertTrue(ab >= 0);
  }

  @Property(tries = 200)
  void translationMovesEveryUnitOfMassByTheShift(@ForAll @Size(min = 1, max = 30) double[] a,
      @ForAll @DoubleRange(min = -100, max = 100) double shift) {
    a = finite(a);
    double[] b = a.clone();
    for (int i = 0; i < b.length; i++) {
      b[i] += shift;
    }
    double scale = 0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertEquals(Math.abs(shift), Distributions.wasserstein1(a, b),
        1e-9 * (1 + scale + Math.abs(shift)));
  }

  @Property(tries = 100)
  void triangleInequality(@ForAll @Size(min = 1, max = 20) double[] a,
      @ForAll @Size(min = 1, max = 20) double[] b, @ForAll @Size(min = 1, max = 20) double[] c) {
    a = finite(a);
    b = finite(b);
    c = finite(c);
    double ac = Distributions.wasserstein1(a, c);
    double ab = Distributions.wasserstein1(a, b);
    double bc = Distributions.wasserstein1(b, c);
    assertTrue(ac <= ab + bc + 1e-9 * (1 + ab + bc), ac + " > " + ab + " + " + bc);
  }

  /** Values clamped into ±1e6 so sums stay exact enough for the tolerances above. */
  private static double[] finite(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double x = Double.isFinite(v[i]) ? v[i] : 0;
      out[i] = Math.max(-1e6, Math.min(1e6, x));
    }
    return out;
  }
}
