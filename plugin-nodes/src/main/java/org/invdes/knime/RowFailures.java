package org.invdes.knime;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rows a node could not process, to report them in one warning instead of one per
 * row: "2 of 10 rows failed (missing cells in their output): Row3: ...; Row7: ...". At most
 * {@value #SHOWN} rows are named, each reason cut to {@value #MAX_REASON} characters.
 */
public final class RowFailures {
  /** How many failing rows the warning names. */
  public static final int SHOWN = 3;
  /** The longest reason shown per row, characters. */
  public static final int MAX_REASON = 160;

  private final String what;
  private final List<String> shown = new ArrayList<>();
  private int count;
  private long total;

  /** @param what what the node does to a row that failed, e.g. "missing cells in their output" */
  public RowFailures(String what) {
    this.what = what;
  }

  /** Records that a row was processed. */
  public void processed() {
    total++;
  }

  /** Records a failed row (also counted as processed). */
  public void failed(String row, String reason) {
    total++;
    count++;
    if (shown.size() < SHOWN) {
      String r = reason == null ? "unknown reason" : reason.strip().replaceAll("\\s+", " ");
      shown.add(row + ": " + (r.length() > MAX_REASON ? r.substring(0, MAX_REASON) + "…" : r));
    }
  }

  /** @return the number of failed rows */
  public int count() {
    return count;
  }

  /** @return the number of rows seen */
  public long total() {
    return total;
  }

  /** @return the consolidated warning, or null when no row failed */
  public String message() {
    if (count == 0) {
      return null;
    }
    return count + " of " + total + " rows failed (" + what + "): " + String.join("; ", shown)
        + (count > shown.size() ? "; …" : "");
  }
}
