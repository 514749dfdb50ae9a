package org.invdes.core.symmetry;

import java.util.Locale;

/**
 * An affine map {@code x -> M x + t} on fractional column vectors with exact rational entries.
 *
 * <p>Package-private: it parses the {@code x,y,z} notation (for symmetry operations and for the
 * change-of-basis part of Hall symbols, whose coefficients may be fractions such as {@code 1/2*x})
 * and carries out changes of basis exactly.
 */
final class RationalAffine {

  /** Largest distance (dimensionless, in fractional units) between a decimal and the grid value. */
  static final double DECIMAL_SNAP_TOLERANCE = 1e-3;

  private final Rational[][] matrix;
  private final Rational[] vector;

  private RationalAffine(Rational[][] matrix, Rational[] vector) {
    this.matrix = matrix;
    this.vector = vector;
  }

  static RationalAffine of(Rational[][] matrix, Rational[] vector) {
    Rational[][] m = new Rational[3][3];
    for (int i = 0; i < 3; i++) {
      m[i] = matrix[i].clone();
    }
    return new RationalAffine(m, vector.clone());
  }

  static RationalAffine translation(Rational x, Rational y, Rational z) {
    Rational[][] m = new Rational[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i][j] = i == j ? Rational.ONE : Rational.ZERO;
      }
    }
    return new RationalAffine(m, new Rational[] {x, y, z});
  }

  static RationalAffine of(SymmetryOperation op) {
    Rational[][] m = new Rational[3][3];
    Rational[] v = new Rational[3];
    int[] t = op.translationTwentyFourths();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i][j] = Rational.of(op.rotation(i, j));
      }
      v[i] = Rational.of(t[i], SymmetryOperation.TRANSLATION_DENOMINATOR);
    }
    return new RationalAffine(m, v);
  }

  Rational matrix(int row, int column) {
    return matrix[row][column];
  }

  Rational vector(int row) {
    return vector[row];
  }

  /** {@code this ∘ other}: applies {@code other} first. */
  RationalAffine compose(RationalAffine other) {
    Rational[][] m = new Rational[3][3];
    Rational[] v = new Rational[3];
    for (int i = 0; i < 3; i++) {
      Rational vi = vector[i];
      for (int j = 0; j < 3; j++) {
        Rational s = Rational.ZERO;
        for (int k = 0; k < 3; k++) {
          s = s.add(matrix[i][k].multiply(other.matrix[k][j]));
        }
        m[i][j] = s;
        vi = vi.add(matrix[i][j].multiply(other.vector[j]));
      }
      v[i] = vi;
    }
    return new RationalAffine(m, v);
  }

  Rational determinant() {
    Rational[][] a = matrix;
    return a[0][0].multiply(a[1][1].multiply(a[2][2]).subtract(a[1][2].multiply(a[2][1])))
        .subtract(a[0][1].multiply(a[1][0].multiply(a[2][2]).subtract(a[1][2].multiply(a[2][0]))))
        .add(a[0][2].multiply(a[1][0].multiply(a[2][1]).subtract(a[1][1].multiply(a[2][0]))));
  }

  /** The inverse map; the matrix must be invertible (checked by the callers' factories). */
  RationalAffine inverse() {
    Rational det = determinant();
    if (det.isZero()) {
      throw new ArithmeticException("singular matrix");
    }
    Rational[][] a = matrix;
    Rational[][] inv = new Rational[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        // cofactor of a[j][i] (transposed) divided by the determinant
        int r1 = (j + 1) % 3;
        int r2 = (j + 2) % 3;
        int c1 = (i + 1) % 3;
        int c2 = (i + 2) % 3;
        Rational cof = a[r1][c1].multiply(a[r2][c2]).subtract(a[r1][c2].multiply(a[r2][c1]));
        inv[i][j] = cof.divide(det);
      }
    }
    Rational[] v = new Rational[3];
    for (int i = 0; i < 3; i++) {
      Rational s = Rational.ZERO;
      for (int k = 0; k < 3; k++) {
        s = s.subtract(inv[i][k].multiply(vector[k]));
      }
      v[i] = s;
    }
    return new RationalAffine(inv, v);
  }

  /**
   * Parses the {@code x,y,z} notation into an exact affine map.
   *
   * <p>Steps:
   *
   * <ol>
   *   <li>Trim; strip one pair of enclosing single or double quotes.
   *   <li>Split at commas; exactly three components are required.
   *   <li>Drop all whitespace of a component and read it as a signed sum of terms. A term is a number
   *       (integer {@code 2}, fraction {@code 1/2}, or decimal {@code 0.5}), a variable {@code x},
   *       {@code y} or {@code z} (either case), or a number times a variable ({@code 2x}, {@code
   *       2*x}, {@code 1/2*x}, {@code x/2}).
   *   <li>Decimals are snapped to the nearest multiple of 1/{@value
   *       SymmetryOperation#TRANSLATION_DENOMINATOR} when they lie within {@value
   *       #DECIMAL_SNAP_TOLERANCE} (fractional units) of it ({@code 0.3333} is read as 1/3), and are
   *       rejected otherwise.
   * </ol>
   *
   * @param text the operation text
   * @param what how the text is named in error messages, e.g. {@code "symmetry operation"}
   * @throws IllegalArgumentException naming {@code what}, the text and the fault
   */
  static RationalAffine parse(String text, String what) {
    if (text == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    String s = text.strip();
    if (s.length() >= 2
        && (s.charAt(0) == '\'' || s.charAt(0) == '"')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1).strip();
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException(what + " '" + text + "' is empty");
    }
    String[] parts = s.split(",", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          what + " '" + text + "' has " + parts.length + " components, expected 3");
    }
    Rational[][] m = new Rational[3][3];
    Rational[] v = new Rational[3];
    for (int i = 0; i < 3; i++) {
      parseComponent(parts[i], i, text, what, m[i], v, i);
    }
    return new RationalAffine(m, v);
  }

  private static void parseComponent(
      String raw, int index, String text, String what, Rational[] row, Rational[] v, int vi) {
    String c = raw.replaceAll("\\s+", "").replace('\u2212', '-');
    String where = what + " '" + text + "', component " + (index + 1) + " ('" + raw.strip() + "')";
    if (c.isEmpty()) {
      throw new IllegalArgumentException(where + " is empty");
    }
    Rational[] coef = {Rational.ZERO, Rational.ZERO, Rational.ZERO};
    Rational constant = Rational.ZERO;
    int pos = 0;
    int n = c.length();
    boolean first = true;
    while (pos < n) {
      int sign = 1;
      char ch = c.charAt(pos);
      if (ch == '+' || ch == '-') {
        sign = ch == '-' ? -1 : 1;
        pos++;
        if (pos == n) {
          throw new IllegalArgumentException(where + " ends with '" + ch + "'");
        }
      } else if (!first) {
        throw new IllegalArgumentException(
            where + ": expected '+' or '-' before '" + c.substring(pos) + "'");
      }
      first = false;
      // number
      int start = pos;
      Rational number = null;
      while (pos < n && (Character.isDigit(c.charAt(pos)) || c.charAt(pos) == '.')) {
        pos++;
      }
      if (pos > start) {
        number = number(c.substring(start, pos), where);
        if (pos < n && c.charAt(pos) == '/') {
          int dstart = ++pos;
          while (pos < n && Character.isDigit(c.charAt(pos))) {
            pos++;
          }
          if (pos == dstart) {
            throw new IllegalArgumentException(where + ": '/' is not followed by a denominator");
          }
          Rational den = number(c.substring(dstart, pos), where);
          if (den.isZero()) {
            throw new IllegalArgumentException(where + ": division by zero");
          }
          number = number.divide(den);
        }
      }
      boolean star = false;
      if (pos < n && c.charAt(pos) == '*') {
        if (number == null) {
          throw new IllegalArgumentException(where + ": '*' without a preceding number");
        }
        star = true;
        pos++;
      }
      int variable = -1;
      if (pos < n) {
        char vch = Character.toLowerCase(c.charAt(pos));
        if (vch >= 'x' && vch <= 'z') {
          variable = vch - 'x';
          pos++;
          if (pos < n && c.charAt(pos) == '/') {
            int dstart = ++pos;
            while (pos < n && Character.isDigit(c.charAt(pos))) {
              pos++;
            }
            if (pos == dstart) {
              throw new IllegalArgumentException(where + ": '/' is not followed by a denominator");
            }
            Rational den = number(c.substring(dstart, pos), where);
            if (den.isZero()) {
              throw new IllegalArgumentException(where + ": division by zero");
            }
            number = (number == null ? Rational.ONE : number).divide(den);
          }
        }
      }
      if (star && variable < 0) {
        throw new IllegalArgumentException(where + ": '*' is not followed by x, y or z");
      }
      if (number == null && variable < 0) {
        String bad = pos < n ? "'" + c.charAt(pos) + "'" : "end of text";
        throw new IllegalArgumentException(where + ": unexpected " + bad + ", expected a number or x, y, z");
      }
      Rational value = number == null ? Rational.ONE : number;
      if (sign < 0) {
        value = value.negate();
      }
      if (variable >= 0) {
        coef[variable] = coef[variable].add(value);
      } else {
        constant = constant.add(value);
      }
    }
    System.arraycopy(coef, 0, row, 0, 3);
    v[vi] = constant;
  }

  private static Rational number(String digits, String where) {
    if (digits.indexOf('.') < 0) {
      if (digits.length() > 9) {
        throw new IllegalArgumentException(where + ": number " + digits + " is too large");
      }
      return Rational.of(Long.parseLong(digits));
    }
    if (digits.equals(".") || digits.indexOf('.') != digits.lastIndexOf('.')) {
      throw new IllegalArgumentException(where + ": '" + digits + "' is not a number");
    }
    double d = Double.parseDouble(digits);
    int den = SymmetryOperation.TRANSLATION_DENOMINATOR;
    long k = Math.round(d * den);
    if (Math.abs(d - (double) k / den) > DECIMAL_SNAP_TOLERANCE) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: decimal %s is not within %s of a multiple of 1/%d",
              where,
              digits,
              DECIMAL_SNAP_TOLERANCE,
              den));
    }
    return Rational.of(k, den);
  }
}
