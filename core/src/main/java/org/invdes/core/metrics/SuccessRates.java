package org.invdes.core.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.invdes.core.structure.Structure;

/**
 * The property-optimisation success rates SR5, SR10 and SR15 of the CDVAE benchmark: from each of
 * a number of starting structures an optimiser produces candidates; the best (lowest) property
 * value among a start's valid candidates is its result, and SRp is the fraction of starts whose
 * result is at or below the dataset's p-th percentile of the property. A start without a valid
 * candidate fails.
 *
 * @param starts the number of starting structures
 * @param sr5 fraction of starts at or below the 5th percentile, in [0, 1]
 * @param sr10 fraction at or below the 10th percentile, in [0, 1]
 * @param sr15 fraction at or below the 15th percentile, in [0, 1]
 */
@JsonPropertyOrder({"starts", "SR5", "SR10", "SR15"})
public record SuccessRates(
    @JsonProperty("starts") int starts,
    @JsonProperty("SR5") double sr5,
    @JsonProperty("SR10") double sr10,
    @JsonProperty("SR15") double sr15) {

  /** Validates the figures. */
  public SuccessRates {
    if (starts < 1) {
      throw new IllegalArgumentException("success rates need at least one start, got " + starts);
    }
    for (double v : new double[] {sr5, sr10, sr15}) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "a success rate is %s; must be in [0, 1]", v));
      }
    }
  }

  /**
   * Success rates from each start's best property value.
   *
   * <p>Steps: (1) check the percentiles; (2) for p = 5, 10, 15 count the starts whose best value
   * is ≤ the p-th percentile (a NaN or +∞ best value, meaning no valid candidate, never counts);
   * (3) divide by the number of starts.
   *
   * @param bestPerStart the lowest property value among each start's valid candidates, in the
   *     property's unit; NaN or +∞ where a start has no valid candidate
   * @param percentiles the dataset's 5th, 10th and 15th percentiles of the property, in its unit
   *     (e.g. {@link BenchmarkDataset#percentiles()}); three finite non-decreasing values
   * @return SR5, SR10, SR15
   * @throws IllegalArgumentException if there is no start or the percentiles are not three finite
   *     non-decreasing values
   */
  public static SuccessRates of(double[] bestPerStart, double[] percentiles) {
    Objects.requireNonNull(bestPerStart, "bestPerStart");
    checkPercentiles(percentiles);
    int n = bestPerStart.length;
    if (n == 0) {
      throw new IllegalArgumentException("success rates need at least one start, got none");
    }
    int[] hits = new int[3];
    for (double v : bestPerStart) {
      for (int p = 0; p < 3; p++) {
        if (v <= percentiles[p]) {
          hits[p]++;
        }
      }
    }
    return new SuccessRates(n, (double) hits[0] / n, (double) hits[1] / n, (double) hits[2] / n);
  }

  /**
   * Success rates from the optimiser's candidates, grouped by start. A candidate counts when it
   * is valid as CDVAE's evaluation defines it ({@link GenerationMetrics#valid}: structure and
   * composition valid, with a structure fingerprint) and carries the property; the lowest such
   * value is the start's result.
   *
   * @param candidatesPerStart for each start, its candidates (possibly none)
   * @param property the name of the numeric structure property to minimise, e.g. {@code heat_ref}
   * @param percentiles the dataset's 5th, 10th and 15th percentiles of the property
   * @return SR5, SR10, SR15
   * @throws IllegalArgumentException as {@link #of(double[], double[])}
   */
  public static SuccessRates fromCandidates(List<? extends List<Structure>> candidatesPerStart,
      String property, double[] percentiles) {
    Objects.requireNonNull(candidatesPerStart, "candidatesPerStart");
    Objects.requireNonNull(property, "property");
    double[] best = new double[candidatesPerStart.size()];
    for (int s = 0; s < best.length; s++) {
      best[s] = Double.POSITIVE_INFINITY;
      for (Structure c : candidatesPerStart.get(s)) {
        OptionalDouble v = c.doubleProperty(property);
        if (v.isPresent() && !Double.isNaN(v.getAsDouble()) && GenerationMetrics.valid(c)) {
          best[s] = Math.min(best[s], v.getAsDouble());
        }
      }
    }
    return of(best, percentiles);
  }

  private static void checkPercentiles(double[] percentiles) {
    Objects.requireNonNull(percentiles, "percentiles");
    if (percentiles.length != 3) {
      throw new IllegalArgumentException("need the 5th, 10th and 15th percentiles, got "
          + percentiles.length + " values");
    }
    for (int p = 0; p < 3; p++) {
      if (!Double.isFinite(percentiles[p])) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "percentile %d is %s; must be finite", p, percentiles[p]));
      }
      if (p > 0 && percentiles[p] < percentiles[p - 1]) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "percentiles must not decrease: %s then %s", percentiles[p - 1], percentiles[p]));
      }
    }
  }
}
