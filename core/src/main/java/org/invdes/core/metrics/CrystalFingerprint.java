package org.invdes.core.metrics;

import java.util.Objects;
import java.util.Optional;
import org.invdes.core.structure.Structure;

/**
 * The two fingerprints CDVAE's coverage metrics compare for one crystal: the CrystalNN structure
 * fingerprint ({@link CrystalNNFingerprint}, 61 values) and the standardised Magpie composition
 * fingerprint ({@link MagpieFingerprint}, 132 values). Immutable (the arrays are copied in and
 * out).
 */
public final class CrystalFingerprint {
  private final double[] structure;
  private final double[] composition;

  private CrystalFingerprint(double[] structure, double[] composition) {
    this.structure = structure;
    this.composition = composition;
  }

  /**
   * @param structure the structure fingerprint, {@value CrystalNNFingerprint#LENGTH} finite values
   * @param composition the standardised composition fingerprint, {@value MagpieFingerprint#LENGTH}
   *     finite values
   * @return the pair
   * @throws IllegalArgumentException if a length is wrong or a value is not finite
   */
  public static CrystalFingerprint of(double[] structure, double[] composition) {
    return new CrystalFingerprint(check(structure, CrystalNNFingerprint.LENGTH, "structure"),
        check(composition, MagpieFingerprint.LENGTH, "composition"));
  }

  /**
   * Both fingerprints of a crystal, as CDVAE computes them; none when the structure fingerprint
   * cannot be computed (CDVAE then drops the composition fingerprint too).
   *
   * @param crystal a crystal
   * @return its fingerprints, or empty
   */
  public static Optional<CrystalFingerprint> of(Structure crystal) {
    Objects.requireNonNull(crystal, "crystal");
    return CrystalNNFingerprint.of(crystal).map(s -> new CrystalFingerprint(s,
        MagpieFingerprint.of(crystal.composition())));
  }

  private static double[] check(double[] v, int length, String name) {
    Objects.requireNonNull(v, name);
    if (v.length != length) {
      throw new IllegalArgumentException(name + " fingerprint has " + v.length
          + " values; needs " + length);
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(name + " fingerprint value " + i + " is " + v[i]);
      }
    }
    return v.clone();
  }

  /** @return the structure fingerprint (a copy) */
  public double[] structure() {
    return structure.clone();
  }

  /** @return the composition fingerprint (a copy) */
  public double[] composition() {
    return composition.clone();
  }

  double[] structureView() {
    return structure;
  }

  double[] compositionView() {
    return composition;
  }
}
