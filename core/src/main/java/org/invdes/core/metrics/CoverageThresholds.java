package org.invdes.core.metrics;

import java.util.Locale;

/**
 * The two cut-offs of the coverage metrics COV-R and COV-P: a crystal is covered when its nearest
 * structure fingerprint is within δs and its nearest composition fingerprint within δc.
 *
 * @param structureCutoff δs, on the Euclidean distance between CrystalNN structure fingerprints
 *     (dimensionless), finite and ≥ 0
 * @param compositionCutoff δc, on the Euclidean distance between standardised Magpie composition
 *     fingerprints (dimensionless), finite and ≥ 0
 */
public record CoverageThresholds(double structureCutoff, double compositionCutoff) {

  /** Validates the cut-offs, naming a bad value. */
  public CoverageThresholds {
    if (!(structureCutoff >= 0) || !Double.isFinite(structureCutoff)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "structure cut-off is %s; must be finite and >= 0", structureCutoff));
    }
    if (!(compositionCutoff >= 0) || !Double.isFinite(compositionCutoff)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "composition cut-off is %s; must be finite and >= 0", compositionCutoff));
    }
  }

  /**
   * @param structureCutoff δs (dimensionless), finite and ≥ 0
   * @param compositionCutoff δc (dimensionless), finite and ≥ 0
   * @return the thresholds
   */
  public static CoverageThresholds of(double structureCutoff, double compositionCutoff) {
    return new CoverageThresholds(structureCutoff, compositionCutoff);
  }
}
