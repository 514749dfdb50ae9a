package org.invdes.core.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.invdes.core.progress.ProgressMonitor;

/**
 * The coverage metrics COV-R (recall) and COV-P (precision) of CDVAE ({@code
 * scripts/eval_utils.py}, {@code compute_cov}), with the mean nearest distances AMSD and AMCD.
 *
 * <p>Algorithm of {@link #compute}:
 * <ol>
 *   <li>Euclidean distances between every generated crystal that has fingerprints and every
 *       reference crystal, separately for the structure and the composition fingerprints.
 *   <li>For each reference crystal: its nearest structure distance and its nearest composition
 *       distance to any generated crystal, taken separately (they may come from different
 *       crystals). It is covered when the first is ≤ δs and the second ≤ δc. COV-R = covered
 *       reference crystals / all reference crystals.
 *   <li>For each generated crystal with fingerprints: the same against the reference crystals.
 *       COV-P = covered generated crystals / <em>all</em> generated crystals, those without
 *       fingerprints (and unreadable ones) included.
 *   <li>AMSD and AMCD: the means of the nearest structure and composition distances, over the
 *       reference crystals (recall) or the fingerprinted generated crystals (precision).
 * </ol>
 * Rows of the distance matrices are shared out among threads; the result does not depend on
 * their number. A distance is summed only until it certainly exceeds both nearest distances it
 * could lower (the row's so far and the column's so far in its block): the nearest distances, and
 * so every figure, are those of the full matrices, bit for bit.
 */
public final class Coverage {
  /** Relative widening of the squared bound of {@link #distanceBelow} (dimensionless). */
  private static final double EARLY_EXIT_MARGIN = 1e-12;

  private Coverage() {
  }

  /**
   * The coverage figures of one evaluation; the COV figures are null when no thresholds were
   * given, the mean distances null when a side has no fingerprint.
   *
   * @param structureCutoff δs used, or null
   * @param compositionCutoff δc used, or null
   * @param generatedFingerprinted generated crystals with fingerprints
   * @param generatedTotal all generated crystals (the COV-P denominator)
   * @param referenceFingerprinted reference crystals with fingerprints (the COV-R denominator)
   * @param recallPercent COV-R, percent
   * @param precisionPercent COV-P, percent
   * @param amsdRecall mean nearest structure distance of the reference crystals
   * @param amsdPrecision mean nearest structure distance of the generated crystals
   * @param amcdRecall mean nearest composition distance of the reference crystals
   * @param amcdPrecision mean nearest composition distance of the generated crystals
   */
  @JsonPropertyOrder({"struc_cutoff", "comp_cutoff", "generated_fingerprinted",
      "generated_total", "reference_fingerprinted", "cov_recall_pct", "cov_precision_pct",
      "amsd_recall", "amsd_precision", "amcd_recall", "amcd_precision"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Report(
      @JsonProperty("struc_cutoff") Double structureCutoff,
      @JsonProperty("comp_cutoff") Double compositionCutoff,
      @JsonProperty("generated_fingerprinted") int generatedFingerprinted,
      @JsonProperty("generated_total") int generatedTotal,
      @JsonProperty("reference_fingerprinted") int referenceFingerprinted,
      @JsonProperty("cov_recall_pct") Double recallPercent,
      @JsonProperty("cov_precision_pct") Double precisionPercent,
      @JsonProperty("amsd_recall") Double amsdRecall,
      @JsonProperty("amsd_precision") Double amsdPrecision,
      @JsonProperty("amcd_recall") Double amcdRecall,
      @JsonProperty("amcd_precision") Double amcdPrecision) {
  }

  /**
   * Computes the coverage figures.
   *
   * @param generated the fingerprints of the generated crystals that have them
   * @param generatedTotal all generated crystals, ≥ generated.size()
   * @param reference the fingerprints of the reference crystals
   * @param thresholds δs and δc, or null for the mean distances only
   * @param threads worker threads, ≥ 1
   * @param monitor progress and cancellation
   * @return the figures
   */
  public static Report compute(List<CrystalFingerprint> generated, int generatedTotal,
      List<CrystalFingerprint> reference, CoverageThresholds thresholds, int threads,
      ProgressMonitor monitor) {
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(monitor, "monitor");
    if (generatedTotal < generated.size()) {
      throw new IllegalArgumentException("generatedTotal " + generatedTotal + " is less than the "
          + generated.size() + " fingerprinted generated crystals");
    }
    int ng = generated.size();
    int nr = reference.size();
    Double sCut = thresholds == null ? null : thresholds.structureCutoff();
    Double cCut = thresholds == null ? null : thresholds.compositionCutoff();
    if (ng == 0 || nr == 0) {
      Double zero = thresholds == null ? null : 0.0;
      return new Report(sCut, cCut, ng, generatedTotal, nr, nr == 0 ? null : zero,
          generatedTotal == 0 ? null : zero, null, null, null, null);
    }
    // rows (generated) in blocks; each block keeps its rows' minima and its own column minima
    int blocks = Math.min(ng, Math.max(1, threads) * 4);
    int per = (ng + blocks - 1) / blocks;
    double[] rowS = new double[ng];
    double[] rowC = new double[ng];
    List<double[][]> columnMinima = Parallel.map(blocks, b -> {
      double[] colS = new double[nr];
      double[] colC = new double[nr];
      Arrays.fill(colS, Double.POSITIVE_INFINITY);
      Arrays.fill(colC, Double.POSITIVE_INFINITY);
      int end = Math.min(ng, (b + 1) * per);
      for (int i = b * per; i < end; i++) {
        double[] gs = generated.get(i).structureView();
        double[] gc = generated.get(i).compositionView();
        double minS = Double.POSITIVE_INFINITY;
        double minC = Double.POSITIVE_INFINITY;
        for (int j = 0; j < nr; j++) {
          double ds = distanceBelow(gs, reference.get(j).structureView(),
              Math.max(minS, colS[j]));
          double dc = distanceBelow(gc, reference.get(j).compositionView(),
              Math.max(minC, colC[j]));
          minS = Math.min(minS, ds);
          minC = Math.min(minC, dc);
          colS[j] = Math.min(colS[j], ds);
          colC[j] = Math.min(colC[j], dc);
        }
        rowS[i] = minS;
        rowC[i] = minC;
      }
      return new double[][] {colS, colC};
    }, threads, monitor, 0, 1, "coverage distances (row blocks)");
    double[] colS = new double[nr];
    double[] colC = new double[nr];
    Arrays.fill(colS, Double.POSITIVE_INFINITY);
    Arrays.fill(colC, Double.POSITIVE_INFINITY);
    for (double[][] m : columnMinima) {
      for (int j = 0; j < nr; j++) {
        colS[j] = Math.min(colS[j], m[0][j]);
        colC[j] = Math.min(colC[j], m[1][j]);
      }
    }
    Double recall = null;
    Double precision = null;
    if (thresholds != null) {
      int coveredReference = 0;
      for (int j = 0; j < nr; j++) {
        if (colS[j] <= sCut && colC[j] <= cCut) {
          coveredReference++;
        }
      }
      int coveredGenerated = 0;
      for (int i = 0; i < ng; i++) {
        if (rowS[i] <= sCut && rowC[i] <= cCut) {
          coveredGenerated++;
        }
      }
      recall = 100.0 * coveredReference / nr;
      precision = 100.0 * coveredGenerated / generatedTotal;
    }
    return new Report(sCut, cCut, ng, generatedTotal, nr, recall, precision, mean(colS),
        mean(rowS), mean(colC), mean(rowC));
  }

  /**
   * The fingerprints of crystals that have them, in order.
   *
   * @param fingerprints one entry per crystal, null where a crystal has none
   * @return the non-null entries
   */
  static List<CrystalFingerprint> present(List<CrystalFingerprint> fingerprints) {
    List<CrystalFingerprint> out = new ArrayList<>();
    for (CrystalFingerprint f : fingerprints) {
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * The Euclidean distance of a and b, or +∞ as soon as the running sum of squares shows that it
   * exceeds the bound (then it can lower neither nearest distance it is compared with). The sum
   * runs in the same order either way, so a distance that is returned has the same bits as the
   * full sum's; the bound is widened by a relative 1e-12 so that rounding of bound² cannot make
   * it stop early on a distance equal to the bound.
   */
  static double distanceBelow(double[] a, double[] b, double bound) {
    double limit = bound * bound * (1 + EARLY_EXIT_MARGIN);
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double d = a[k] - b[k];
      s += d * d;
      if (s > limit) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return Math.sqrt(s);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
