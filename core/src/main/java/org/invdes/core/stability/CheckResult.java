package org.invdes.core.stability;

import java.util.Objects;

/**
 * The outcome of one {@link StabilityCheck} on one structure.
 *
 * @param check the {@link StabilityCheck#name()} of the check that produced it; not blank
 * @param passed whether the structure passed
 * @param score the check's figure of merit, in the unit its check documents (e.g. the shortest
 *     interatomic distance in Å, or the energy above the hull in eV/atom); {@link Double#NaN}
 *     when the check could not compute one
 * @param reason empty when passed; otherwise a sentence a person understands, naming the
 *     offending atoms or values, e.g. {@code "sites 0 (Na) and 1 (Cl) are 0.300 Å apart, closer
 *     than 0.5 Å"}
 */
public record CheckResult(String check, boolean passed, double score, String reason) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if check is blank, if a passed result has a reason, or if a
   *     failed result has none
   */
  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(reason, "reason");
    if (check.isBlank()) {
      throw new IllegalArgumentException("check name is blank");
    }
    if (passed && !reason.isEmpty()) {
      throw new IllegalArgumentException(
          "check '" + check + "' passed but gives a reason: '" + reason + "'");
    }
    if (!passed && reason.isBlank()) {
      throw new IllegalArgumentException("check '" + check + "' failed without a reason");
    }
  }

  /**
   * A passed result.
   *
   * @param check the check's name
   * @param score its score
   * @return the result, with an empty reason
   */
  public static CheckResult pass(String check, double score) {
    return new CheckResult(check, true, score, "");
  }

  /**
   * A failed result.
   *
   * @param check the check's name
   * @param score its score, or NaN if none could be computed
   * @param reason why, for a person; not blank
   * @return the result
   */
  public static CheckResult fail(String check, double score, String reason) {
    return new CheckResult(check, false, score, reason);
  }
}
