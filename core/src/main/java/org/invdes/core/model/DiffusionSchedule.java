package org.invdes.core.model;

/**
 * The noise schedules of the periodic diffusion generator over T discrete times t = 1..T.
 * Immutable; {@link #of(int, double, double)}.
 *
 * <ul>
 *   <li><b>Lattice and atom types</b> (variance-preserving DDPM, Ho et al. 2020) with the
 *       cosine schedule of Nichol and Dhariwal (2021): ᾱ(t) = f(t) / f(0), f(t) = cos²(π/2 ·
 *       (t/T + s) / (1 + s)), s = 0.008; β_t = 1 − ᾱ(t)/ᾱ(t − 1) clipped to at most 0.999 and
 *       ᾱ_t recomputed as Π_{s ≤ t} (1 − β_s), so the discrete chain and its marginal agree
 *       exactly. Forward marginal: x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε.
 *   <li><b>Fractional coordinates</b> (variance-exploding, wrapped normal, as DiffCSP): σ_t =
 *       σ_min · (σ_max / σ_min)^((t − 1)/(T − 1)), from σ_min (default 0.005) at t = 1 to
 *       σ_max (default 0.5) at t = T, fractional units; σ_0 = 0. Forward marginal: f_t = (f₀ +
 *       σ_t ε) mod 1, whose score is {@link WrappedNormal#score}.
 *   <li><b>Masked atom types</b> (absorbing state, {@link DiffusionConfig.TypeLoss#MASKED}):
 *       each atom is hidden at time t with probability m(t) = (t/T)^p, the mask exponent p
 *       (default 1, linear; {@link #withMaskExponent}); p &lt; 1 keeps more types hidden
 *       until the coordinates have formed, p &gt; 1 reveals them earlier.
 * </ul>
 *
 * <p>Sampling with S ≤ T steps visits the times τ_S = T > … > τ_1 ≥ 1 ({@link #stepTimes})
 * and takes DDPM steps between consecutive ones with the respaced β' = 1 − ᾱ(τ_i)/ᾱ(τ_{i−1})
 * ({@link #posterior}); ᾱ(0) = 1.
 */
public final class DiffusionSchedule {
  /** The cosine schedule's offset s. */
  static final double COSINE_OFFSET = 0.008;
  /** The largest β_t. */
  static final double MAX_BETA = 0.999;

  private final int steps;
  private final double sigmaMin;
  private final double sigmaMax;
  private final double[] alphaBar;
  private final double[] beta;
  private final double maskExponent;

  private DiffusionSchedule(int steps, double sigmaMin, double sigmaMax, double maskExponent) {
    this.maskExponent = maskExponent;
    this.steps = steps;
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
    this.alphaBar = new double[steps + 1];
    this.beta = new double[steps + 1];
    alphaBar[0] = 1;
    double f0 = cosine(0, steps);
    for (int t = 1; t <= steps; t++) {
      double b = 1 - (cosine(t, steps) / f0) / (cosine(t - 1, steps) / f0);
      beta[t] = Math.min(MAX_BETA, b);
      alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
    }
  }

  /**
   * A schedule.
   *
   * @param steps T, 2..100000
   * @param sigmaMin σ at t = 1 (fractional units), > 0
   * @param sigmaMax σ at t = T (fractional units), ≥ σ_min and ≤ 1
   */
  public static DiffusionSchedule of(int steps, double sigmaMin, double sigmaMax) {
    if (steps < 2 || steps > 100_000) {
      throw new IllegalArgumentException("diffusion steps T is " + steps
          + "; must be in 2..100000");
    }
    if (!(sigmaMin > 0) || !(sigmaMax >= sigmaMin) || !(sigmaMax <= 1)) {
      throw new IllegalArgumentException("coordinate noise range [" + sigmaMin + ", " + sigmaMax
          + "] must satisfy 0 < sigmaMin <= sigmaMax <= 1");
    }
    return new DiffusionSchedule(steps, sigmaMin, sigmaMax, 1);
  }

  /**
   * This schedule with mask exponent p: the masked type process hides an atom at time t with
   * probability (t/T)^p.
   *
   * @param p in (0, 10]
   */
  public DiffusionSchedule withMaskExponent(double p) {
    return new DiffusionSchedule(steps, sigmaMin, sigmaMax, checkMaskExponent(p));
  }

  /**
   * @return p when it is a valid mask exponent
   * @throws IllegalArgumentException naming p when it is outside (0, 10]
   */
  static double checkMaskExponent(double p) {
    if (!(p > 0 && p <= 10)) {
      throw new IllegalArgumentException("maskExponent is " + p + "; must be in (0, 10]");
    }
    return p;
  }

  /** The mask exponent p. */
  public double maskExponent() {
    return maskExponent;
  }

  /** m(t) = (t/T)^p, the probability that an atom's type is hidden at time t (0 at t = 0). */
  public double maskRate(int t) {
    check(t, 0);
    double f = (double) t / steps;
    return maskExponent == 1 ? f : Math.pow(f, maskExponent);
  }

  /**
   * The probability that an atom hidden at time t is revealed by time s &lt; t, 1 − m(s)/m(t)
   * ((t − s)/t for the linear schedule; 1 at s = 0).
   */
  public double revealProbability(int t, int s) {
    check(t, 1);
    check(s, 0);
    if (s == 0) {
      return 1;
    }
    return maskExponent == 1 ? (double) (t - s) / t : 1 - maskRate(s) / maskRate(t);
  }

  private static double cosine(int t, int steps) {
    double c = Math.cos(Math.PI / 2 * ((double) t / steps + COSINE_OFFSET) / (1 + COSINE_OFFSET));
    return c * c;
  }

  /** T. */
  public int steps() {
    return steps;
  }

  /** σ_min (fractional units). */
  public double sigmaMin() {
    return sigmaMin;
  }

  /** σ_max (fractional units). */
  public double sigmaMax() {
    return sigmaMax;
  }

  /** ᾱ_t for t in 0..T (ᾱ_0 = 1). */
  public double alphaBar(int t) {
    check(t, 0);
    return alphaBar[t];
  }

  /** β_t for t in 1..T. */
  public double beta(int t) {
    check(t, 1);
    return beta[t];
  }

  /** σ_t of the coordinates for t in 0..T (σ_0 = 0), fractional units. */
  public double sigma(int t) {
    check(t, 0);
    if (t == 0) {
      return 0;
    }
    return sigmaMin * Math.pow(sigmaMax / sigmaMin, (double) (t - 1) / (steps - 1));
  }

  /**
   * The sampling times for S steps: τ_i = round(i · T / S) for i = 1..S, ascending (τ_S = T).
   *
   * @param sampleSteps S, 1..T
   */
  public int[] stepTimes(int sampleSteps) {
    if (sampleSteps < 1 || sampleSteps > steps) {
      throw new IllegalArgumentException("sampling steps is " + sampleSteps + "; must be in 1.."
          + steps + " (the training schedule's T)");
    }
    int[] tau = new int[sampleSteps];
    for (int i = 1; i <= sampleSteps; i++) {
      tau[i - 1] = Math.max(1, (int) Math.round((double) i * steps / sampleSteps));
    }
    return tau;
  }

  /**
   * The Gaussian q(x_s | x_t, x₀) of a DDPM step from time t back to an earlier time s
   * (respaced: β' = 1 − ᾱ_t/ᾱ_s): mean = c₀ · x₀ + c_t · x_t, variance v, with c₀ = √ᾱ_s β' /
   * (1 − ᾱ_t), c_t = √(1 − β') (1 − ᾱ_s)/(1 − ᾱ_t), v = (1 − ᾱ_s)/(1 − ᾱ_t) · β'.
   *
   * @param t the later time, 1..T
   * @param s the earlier time, 0..t − 1
   * @return {c₀, c_t, v}
   */
  public double[] posterior(int t, int s) {
    check(t, 1);
    if (s < 0 || s >= t) {
      throw new IllegalArgumentException("earlier time " + s + " must be in 0.." + (t - 1));
    }
    double at = alphaBar[t];
    double as = alphaBar[s];
    double b = 1 - at / as;
    return new double[] {Math.sqrt(as) * b / (1 - at), Math.sqrt(1 - b) * (1 - as) / (1 - at),
        (1 - as) / (1 - at) * b};
  }

  private void check(int t, int min) {
    if (t < min || t > steps) {
      throw new IllegalArgumentException("diffusion time " + t + " must be in " + min + ".."
          + steps);
    }
  }

  @Override
  public String toString() {
    return "DiffusionSchedule[T=" + steps + ", cosine DDPM, sigma " + sigmaMin + ".." + sigmaMax
        + (maskExponent == 1 ? "" : ", mask exponent " + maskExponent) + "]";
  }
}
