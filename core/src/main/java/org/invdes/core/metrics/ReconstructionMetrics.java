package org.invdes.core.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.invdes.core.matching.MatchResult;
import org.invdes.core.matching.StructureMatcher;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;

/**
 * The reconstruction metrics of the CDVAE benchmark ({@code scripts/compute_metrics.py}, class
 * {@code RecEval}): how many reconstructions match their original, and how closely.
 *
 * <p>Algorithm of {@link #evaluate}:
 * <ol>
 *   <li>A reconstruction counts only if it is valid as CDVAE defines it ({@link
 *       GenerationMetrics#valid}: readable, structure and composition valid, with a structure
 *       fingerprint); an invalid one is a miss.
 *   <li>Match each valid reconstruction with its original ({@link StructureMatcher#match}, pymatgen's
 *       {@code get_rms_dist(reconstruction, original)}; by default {@link
 *       StructureMatcher#reconstruction()}: stol 0.5, ltol 0.3, angle_tol 10°).
 *   <li>Match rate = matched pairs / all pairs; RMSE = the mean of the matched pairs' RMS
 *       displacements (normalised by (V/N)^(1/3), dimensionless).
 * </ol>
 */
public final class ReconstructionMetrics {
  private ReconstructionMetrics() {
  }

  /**
   * The reconstruction figures.
   *
   * @param matcher the matcher's tolerances
   * @param pairs how many (reconstruction, original) pairs were given
   * @param valid how many reconstructions were valid
   * @param matched how many valid reconstructions matched their original
   * @param matchRatePercent matched / pairs, percent (null without pairs)
   * @param rmse mean normalised RMS displacement of the matched pairs (null when none matched)
   */
  @JsonPropertyOrder({"matcher", "pairs", "valid", "matched", "match_rate_pct", "rms_dist"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Report(
      @JsonProperty("matcher") String matcher,
      @JsonProperty("pairs") int pairs,
      @JsonProperty("valid") int valid,
      @JsonProperty("matched") int matched,
      @JsonProperty("match_rate_pct") Double matchRatePercent,
      @JsonProperty("rms_dist") Double rmse) {
  }

  /**
   * Evaluates reconstructions with {@link StructureMatcher#reconstruction()} on one thread.
   *
   * @param reconstructed the reconstructions; null for one that could not be read (a miss)
   * @param original the originals, in the same order
   * @return the figures
   */
  public static Report evaluate(List<Structure> reconstructed, List<Structure> original) {
    return evaluate(reconstructed, original, StructureMatcher.reconstruction(), 1,
        ProgressMonitor.NONE);
  }

  /**
   * Evaluates reconstructions.
   *
   * @param reconstructed the reconstructions; null for one that could not be read (a miss)
   * @param original the originals, in the same order, none null
   * @param matcher the structure matcher
   * @param threads worker threads, ≥ 1
   * @param monitor progress and cancellation
   * @return the figures
   * @throws IllegalArgumentException if the lists differ in length or an original is null
   */
  public static Report evaluate(List<Structure> reconstructed, List<Structure> original,
      StructureMatcher matcher, int threads, ProgressMonitor monitor) {
    Objects.requireNonNull(reconstructed, "reconstructed");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(matcher, "matcher");
    if (reconstructed.size() != original.size()) {
      throw new IllegalArgumentException(reconstructed.size() + " reconstructions but "
          + original.size() + " originals; they must pair up");
    }
    for (int i = 0; i < original.size(); i++) {
      if (original.get(i) == null) {
        throw new IllegalArgumentException("original " + i + " is missing");
      }
    }
    int n = original.size();
    // per pair: NaN = invalid, +inf = valid but no match, else the RMS
    List<Double> outcome = Parallel.map(n, i -> {
      Structure r = reconstructed.get(i);
      if (r == null || !GenerationMetrics.valid(r)) {
        return Double.NaN;
      }
      Optional<MatchResult> m = matcher.match(r, original.get(i));
      return m.map(MatchResult::rms).orElse(Double.POSITIVE_INFINITY);
    }, threads, monitor, 0, 1, "reconstruction matches");
    int valid = 0;
    int matched = 0;
    double sum = 0;
    for (double v : outcome) {
      if (!Double.isNaN(v)) {
        valid++;
        if (v != Double.POSITIVE_INFINITY) {
          matched++;
          sum += v;
        }
      }
    }
    String description = String.format(Locale.ROOT, "ltol %s, stol %s, angle_tol %s",
        matcher.ltol(), matcher.stol(), matcher.angleTol());
    return new Report(description, n, valid, matched, GenerationMetrics.percent(matched, n),
        matched == 0 ? null : sum / matched);
  }
}
