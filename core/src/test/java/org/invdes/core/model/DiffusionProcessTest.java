package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/** The forward processes against closed forms. */
class DiffusionProcessTest {
  static final DiffusionSchedule S = DiffusionSchedule.of(1000, 0.005, 0.5);

  @Property(tries = 300)
  void wrappedNormalScoreIsTheDerivativeOfItsLogDensity(
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double d,
      @ForAll @DoubleRange(min = 0.005, max = 0.5) @Scale(4) double sigma) {
    double h = 1e-4 * sigma;
    double numeric = (WrappedNormal.logDensity(d + h, sigma)
        - WrappedNormal.logDensity(d - h, sigma)) / (2 * h);
    double score = WrappedNormal.score(d, sigma);
    // central differences: error ~ h² · |∂³ ln p| ≲ 1e-8 / σ; float64 cancellation ~ 1e-16 / h
    assertEquals(numeric, score, 1e-6 * Math.max(1, Math.abs(score)) + 1e-9 / sigma);
  }

  @Property(tries = 100)
  void wrappedNormalHasPeriodOne(@ForAll @DoubleRange(min = -0.5, max = 0.5) double d,
      @ForAll @DoubleRange(min = 0.005, max = 0.5) @Scale(4) double sigma) {
    assertEquals(WrappedNormal.score(d, sigma), WrappedNormal.score(d + 3, sigma),
        1e-9 * Math.max(1, Math.abs(WrappedNormal.score(d, sigma))));
  }

  @Test
  void wrappedNormalIntegratesToOneAndMatchesTheNormalWhenNarrow() {
    for (double sigma : new double[] {0.02, 0.1, 0.3, 0.5}) {
      int n = 20000;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.exp(WrappedNormal.logDensity((i + 0.5) / n - 0.5, sigma)) / n;
      }
      assertEquals(1.0, sum, 1e-9, "sigma " + sigma);
    }
    double sigma = 0.01;
    assertEquals(-0.03 / (sigma * sigma), WrappedNormal.score(0.03, sigma), 1e-9);
    assertEquals(-0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - 0.5 * 9,
        WrappedNormal.logDensity(0.03, sigma), 1e-9);
    // at sigma 0.5 the density is nearly flat: the score at d = 0.25 is small but negative
    double flat = WrappedNormal.score(0.25, 0.5);
    assertEquals(true, flat < 0 && flat > -1, "score " + flat);
    assertEquals(0.0, WrappedNormal.score(0.5, 0.5), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> WrappedNormal.score(0.1, 0));
  }

  @Test
  void alphaBarFollowsTheCosineClosedFormAndTheChainComposes() {
    double s = DiffusionSchedule.COSINE_OFFSET;
    double f0 = Math.pow(Math.cos(Math.PI / 2 * s / (1 + s)), 2);
    double mean = 1;
    double var = 0;
    for (int t = 1; t <= 1000; t++) {
      double f = Math.pow(Math.cos(Math.PI / 2 * (t / 1000.0 + s) / (1 + s)), 2);
      if (S.beta(t) < DiffusionSchedule.MAX_BETA) {
        assertEquals(f / f0, S.alphaBar(t), 1e-9, "t = " + t);
      }
      // one forward step x_t = √(1 − β) x_{t−1} + √β ε composed t times
      mean *= Math.sqrt(1 - S.beta(t));
      var = (1 - S.beta(t)) * var + S.beta(t);
      assertEquals(Math.sqrt(S.alphaBar(t)), mean, 1e-12);
      assertEquals(1 - S.alphaBar(t), var, 1e-12);
    }
    assertEquals(1.0, S.alphaBar(0), 0);
    assertEquals(true, S.alphaBar(1000) < 1e-6);
  }

  @Test
  void posteriorMatchesTheOneStepFormulaAndTheGaussianProduct() {
    for (int t : new int[] {2, 10, 500, 999}) {
      double[] p = S.posterior(t, t - 1);
      double b = S.beta(t);
      double at = S.alphaBar(t);
      double as = S.alphaBar(t - 1);
      assertEquals(Math.sqrt(as) * b / (1 - at), p[0], 1e-12);
      assertEquals(Math.sqrt(1 - b) * (1 - as) / (1 - at), p[1], 1e-12);
      assertEquals((1 - as) / (1 - at) * b, p[2], 1e-12);
    }
    // respaced step t -> s: the product of N(x_s; √ᾱ_s x0, 1−ᾱ_s) and N(x_t; √(ᾱ_t/ᾱ_s) x_s, β')
    int t = 800;
    int s = 600;
    double ratio = S.alphaBar(t) / S.alphaBar(s);
    double bp = 1 - ratio;
    double precision = 1 / (1 - S.alphaBar(s)) + ratio / bp;
    double[] p = S.posterior(t, s);
    assertEquals(1 / precision, p[2], 1e-12);
    assertEquals(Math.sqrt(S.alphaBar(s)) / (1 - S.alphaBar(s)) / precision, p[0], 1e-12);
    assertEquals(Math.sqrt(ratio) / bp / precision, p[1], 1e-12);
  }

  @Test
  void sigmaIsGeometricBetweenItsEnds() {
    assertEquals(0.005, S.sigma(1), 1e-15);
    assertEquals(0.5, S.sigma(1000), 1e-12);
    assertEquals(0.0, S.sigma(0), 0);
    assertEquals(Math.sqrt(S.sigma(100) * S.sigma(300)), S.sigma(200), 1e-12);
    assertArrayEquals(new int[] {250, 500, 750, 1000}, S.stepTimes(4));
    assertEquals(1000, S.stepTimes(1000).length);
    assertThrows(IllegalArgumentException.class, () -> S.stepTimes(1001));
  }

  @Test
  void theMaskRateIsAPowerOfTheTimeAndRevealsFollowFromIt() {
    assertEquals(1, S.maskExponent());
    assertEquals(0.25, S.maskRate(250), 0);
    assertEquals(0.2, S.revealProbability(250, 200), 1e-15);
    assertEquals(1, S.revealProbability(250, 0));
    DiffusionSchedule square = S.withMaskExponent(2);
    assertEquals(0.0625, square.maskRate(250), 1e-15);
    assertEquals(1 - 0.64, square.revealProbability(250, 200), 1e-12);
    assertEquals(0, square.maskRate(0));
    assertEquals(1, square.maskRate(1000), 1e-15);
    assertEquals(0.5, S.withMaskExponent(0.5).maskRate(250), 1e-15);
    assertEquals(S.alphaBar(300), square.alphaBar(300), 0, "the other processes are unchanged");
    assertEquals(S.sigma(300), square.sigma(300), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> S.withMaskExponent(0));
    assertEquals("maskExponent is 0.0; must be in (0, 10]", e.getMessage());
  }

  /** Staying hidden from t to s and from s to r is staying hidden from t to r. */
  @Property(tries = 200)
  void revealsOverConsecutiveStepsCompose(@ForAll @IntRange(min = 3, max = 1000) int t,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double u,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double v,
      @ForAll @DoubleRange(min = 0.1, max = 5) double p) {
    DiffusionSchedule sch = S.withMaskExponent(p);
    int s = Math.max(2, (int) (u * t));
    int r = Math.max(1, (int) (v * (s - 1)));
    if (!(t > s && s > r)) {
      return;
    }
    double stay = (1 - sch.revealProbability(t, s)) * (1 - sch.revealProbability(s, r));
    assertEquals(1 - sch.revealProbability(t, r), stay, 1e-12);
    assertEquals(sch.maskRate(r) / sch.maskRate(t), stay, 1e-12);
  }
}
