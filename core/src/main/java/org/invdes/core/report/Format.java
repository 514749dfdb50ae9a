package org.invdes.core.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting shared by the report classes: locale-independent and deterministic. */
final class Format {
  private Format() {}

  /**
   * A number with four significant digits, without trailing zeros; integers as integers; "—"
   * for NaN.
   */
  static String num(double x) {
    if (Double.isNaN(x)) {
      return "—";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "∞" : "−∞";
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    double a = Math.abs(x);
    if (a >= 1e-3 && a < 1e7) {
      BigDecimal b = new BigDecimal(String.format(Locale.ROOT, "%.4g", x));
      return b.stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.3e", x);
  }

  /** A coordinate for the embedded JSON: up to 4 decimals. */
  static String coord(double x) {
    BigDecimal b = new BigDecimal(String.format(Locale.ROOT, "%.4f", x)).stripTrailingZeros();
    String s = b.toPlainString();
    return s.equals("-0") ? "0" : s;
  }
}
