package org.invdes.core.stability;

import java.util.Locale;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/** Wording shared by the checks' reasons. */
final class Sites {
  private Sites() {
  }

  /**
   * Names a site for a person: {@code "site 3 (Na)"}, with the source's label when it has one,
   * {@code "site 3 'Na1' (Na)"}; sites are numbered from 0 in the order of {@link
   * Structure#sites()}.
   */
  static String describe(Structure structure, int index) {
    Site site = structure.site(index);
    String label = site.label();
    return "site " + index + (label != null && !label.isBlank() ? " '" + label + "'" : "") + " ("
        + site.speciesString() + ")";
  }

  /** A number with three decimals, independent of the default locale: {@code "0.300"}. */
  static String f3(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** A number in Python's shortest-repr style for thresholds: 0.5, 0.1, 1.25. */
  static String g(double value) {
    return Double.toString(value).replaceAll("\\.0$", "").replace("E", "e");
  }
}
