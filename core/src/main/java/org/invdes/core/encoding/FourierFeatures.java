package org.invdes.core.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Structure-factor-like features of one cell at fixed Miller indices.
 *
 * <p>For each (h, k, l) the normalised structure factor
 *
 * <pre>
 *   F̂(hkl) = Σⱼ wⱼ · exp(+2πi (h xⱼ + k yⱼ + l zⱼ)) / Σⱼ wⱼ
 * </pre>
 *
 * is computed over the sites j of the cell (fractional coordinates xⱼ, yⱼ, zⱼ; weights wⱼ per
 * {@link FourierWeighting}), with the crystallographic sign convention (+2πi, International Tables
 * Vol. B). Its real and imaginary parts are the two features of that reflection, each in [−1, 1]
 * because |F̂| ≤ F̂(000) = 1. They are complex amplitudes, not intensities: a translation of every
 * site by t multiplies F̂(hkl) by exp(2πi (h, k, l)·t), so the features change by that phase
 * only and |F̂|² is unchanged. The sum runs over the sites in canonical order, so permuting the
 * input sites leaves the features bit for bit identical.
 */
final class FourierFeatures {
  private FourierFeatures() {
  }

  /** The half box of Miller indices described on {@link EncoderOptions.Builder#optFourier}. */
  static List<int[]> halfBox(int maxIndex) {
    List<int[]> out = new ArrayList<>();
    for (int h = -maxIndex; h <= maxIndex; h++) {
      for (int k = -maxIndex; k <= maxIndex; k++) {
        for (int l = -maxIndex; l <= maxIndex; l++) {
          int first = h != 0 ? h : k != 0 ? k : l;
          if (first > 0) {
            out.add(new int[] {h, k, l});
          }
        }
      }
    }
    return out;
  }

  /**
   * Writes Re F̂ and Im F̂ of each reflection, in the order of {@code hkl}, to {@code out} from
   * {@code offset} on (2 · hkl.length floats).
   *
   * @param frac fractional coordinates of the sites, in canonical order
   * @param weights wⱼ of the sites, same order; their sum must be positive
   */
  static void compute(int[][] hkl, double[][] frac, double[] weights, float[] out, int offset) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    for (int r = 0; r < hkl.length; r++) {
      int h = hkl[r][0];
      int k = hkl[r][1];
      int l = hkl[r][2];
      double re = 0;
      double im = 0;
      for (int j = 0; j < frac.length; j++) {
        double phase = h * frac[j][0] + k * frac[j][1] + l * frac[j][2];
        // reduce to [0, 1) turns before multiplying by 2π, to keep the argument small
        phase -= Math.floor(phase);
        double angle = 2 * Math.PI * phase;
        re += weights[j] * Math.cos(angle);
        im += weights[j] * Math.sin(angle);
      }
      out[offset + 2 * r] = (float) (re / total);
      out[offset + 2 * r + 1] = (float) (im / total);
    }
  }
}
