package org.invdes.core.model;

/**
 * The wrapped normal distribution on the unit circle [0, 1) (fractional coordinates): the
 * density of x = (x₀ + σε) mod 1 for ε ~ N(0, 1), as a function of the displacement d = x − x₀,
 *
 * <pre>
 *   p_σ(d) = Σ_k N(d + k; 0, σ²),  k = −K..K
 * </pre>
 *
 * and its score ∂/∂d ln p_σ(d) = Σ_k w_k · (−(d + k) / σ²) with w_k ∝ exp(−(d + k)² / 2σ²)
 * normalised to sum 1. The sum over images is truncated at |k| ≤ {@link #IMAGES}; for σ ≤ 0.5
 * (the largest noise of {@link DiffusionSchedule}) and d in [−1, 1] the first omitted image has
 * weight below exp(−(K − 1)² / 2σ²) = e⁻³² relative to the nearest one. Weights are computed
 * with the largest exponent subtracted, so no term underflows to 0/0. Stateless.
 */
public final class WrappedNormal {
  /** K: images summed on each side. */
  public static final int IMAGES = 5;

  private WrappedNormal() {
  }

  /**
   * ln p_σ(d).
   *
   * @param d displacement (fractional units, any real; the density has period 1)
   * @param sigma standard deviation (fractional units), > 0
   */
  public static double logDensity(double d, double sigma) {
    checkSigma(sigma);
    double r = d - Math.rint(d);
    double max = Double.NEGATIVE_INFINITY;
    for (int k = -IMAGES; k <= IMAGES; k++) {
      max = Math.max(max, exponent(r, k, sigma));
    }
    double sum = 0;
    for (int k = -IMAGES; k <= IMAGES; k++) {
      sum += Math.exp(exponent(r, k, sigma) - max);
    }
    return max + Math.log(sum) - Math.log(sigma * Math.sqrt(2 * Math.PI));
  }

  /**
   * The score ∂/∂d ln p_σ(d) (1 / fractional units).
   *
   * @param d displacement (fractional units, any real)
   * @param sigma standard deviation (fractional units), > 0
   */
  public static double score(double d, double sigma) {
    checkSigma(sigma);
    double r = d - Math.rint(d);
    double max = Double.NEGATIVE_INFINITY;
    for (int k = -IMAGES; k <= IMAGES; k++) {
      max = Math.max(max, exponent(r, k, sigma));
    }
    double num = 0;
    double den = 0;
    for (int k = -IMAGES; k <= IMAGES; k++) {
      double w = Math.exp(exponent(r, k, sigma) - max);
      num += w * (-(r + k) / (sigma * sigma));
      den += w;
    }
    return num / den;
  }

  private static double exponent(double r, int k, double sigma) {
    double x = r + k;
    return -x * x / (2 * sigma * sigma);
  }

  private static void checkSigma(double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("wrapped-normal sigma is " + sigma
          + "; must be finite and > 0");
    }
  }
}
