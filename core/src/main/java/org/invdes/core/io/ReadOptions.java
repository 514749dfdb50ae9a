package org.invdes.core.io;

import java.util.Objects;

/**
 * How strictly to read, and the tolerances used while building structures.
 *
 * <p>In <b>strict</b> mode the first problem in a file is an error. In <b>relaxed</b> mode (the
 * default) problems that have a safe interpretation — a missing type symbol taken from the atom
 * label, 0.3333 read as 1/3, an unknown symmetry setting read as P1 — are reported as warnings
 * and reading goes on.
 *
 * @param strict true for strict mode
 * @param mergeTolerance Å: atoms that symmetry maps onto one position within this distance are
 *     merged into one site (pymatgen's {@code site_tolerance} is 1e-4 fractional; 0.01 Å is the
 *     common choice for real files)
 * @param fracTolerance fractional: coordinates within this of a multiple of 1/12, 1/8 or 1/6 are
 *     snapped to it (database CIFs write 1/3 as 0.3333)
 * @param occupancyTolerance occupancies summing to at most 1 + this are accepted (and
 *     normalised to 1); more is an error
 */
public record ReadOptions(
    boolean strict, double mergeTolerance, double fracTolerance, double occupancyTolerance) {

  public ReadOptions {
    if (!(mergeTolerance >= 0) || !(fracTolerance >= 0) || !(occupancyTolerance >= 0)) {
      throw new IllegalArgumentException(
          "tolerances must be >= 0, got merge " + mergeTolerance + " Å, frac " + fracTolerance
              + ", occupancy " + occupancyTolerance);
    }
  }

  /** Relaxed mode with the default tolerances. */
  public static ReadOptions relaxed() {
    return new ReadOptions(false, 0.01, 1e-4, 0.05);
  }

  /** Strict mode with the default tolerances. */
  public static ReadOptions strictMode() {
    return new ReadOptions(true, 0.01, 1e-4, 0.05);
  }

  public ReadOptions withStrict(boolean s) {
    return new ReadOptions(s, mergeTolerance, fracTolerance, occupancyTolerance);
  }

  public ReadOptions withMergeTolerance(double angstrom) {
    return new ReadOptions(strict, angstrom, fracTolerance, occupancyTolerance);
  }

  @Override
  public String toString() {
    return (strict ? "strict" : "relaxed") + " (merge " + mergeTolerance + " Å)";
  }

  static ReadOptions orDefault(ReadOptions o) {
    return Objects.requireNonNullElseGet(o, ReadOptions::relaxed);
  }
}
