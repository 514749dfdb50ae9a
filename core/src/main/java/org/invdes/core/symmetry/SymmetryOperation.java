package org.invdes.core.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable crystallographic symmetry operation {@code x' = R x + t} acting on fractional column
 * vectors: an integer 3×3 rotation matrix {@code R} (proper or improper, determinant ±1, of finite
 * order 1, 2, 3, 4 or 6) and a translation {@code t} in fractional units (multiples of the lattice
 * vectors).
 *
 * <p>The translation is kept exactly, as a multiple of 1/{@value #TRANSLATION_DENOMINATOR} reduced
 * into [0, 1): every space-group operation in every setting of the International Tables (and every
 * origin shift in twelfths of a Hall symbol) lies on that grid, so two operations that differ by a
 * lattice translation are equal, and {@link #equals}/{@link #hashCode} are exact. A space group is
 * therefore handled as a finite set of operations modulo lattice translations.
 *
 * <p>Create operations with {@link #parseXyz(String)}, {@link #of(int[][], double[])}, {@link
 * #ofTwentyFourths(int[][], int[])} or {@link #identity()}.
 */
public final class SymmetryOperation {

  /** Denominator of the exact translation grid: translations are multiples of 1/24. */
  public static final int TRANSLATION_DENOMINATOR = 24;

  /**
   * Largest distance (fractional units) between a floating-point translation component and the
   * 1/24 grid for {@link #of(int[][], double[])} to accept it.
   */
  public static final double TRANSLATION_SNAP_TOLERANCE = 1e-3;

  /**
   * Upper bound of {@link #closeGroup(Collection)}: the largest crystallographic space group modulo
   * its conventional lattice (Fm-3m and the other F-centred cubic groups of point group m-3m) has 192
   * operations.
   */
  public static final int MAX_GROUP_ORDER = 192;

  private static final int[] IDENTITY_ROTATION = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  private static final SymmetryOperation IDENTITY =
      new SymmetryOperation(IDENTITY_ROTATION, new int[3]);

  private final int[] rotation; // row-major
  private final int[] translation; // in 1/24, each in [0, 24)

  private SymmetryOperation(int[] rotation, int[] translation) {
    this.rotation = rotation;
    this.translation = translation;
  }

  /** The identity operation {@code x,y,z}. */
  public static SymmetryOperation identity() {
    return IDENTITY;
  }

  /**
   * An operation from a rotation matrix and a translation in fractional units.
   *
   * @param rotation 3×3 integer matrix acting on fractional column vectors ({@code rotation[row][column]})
   * @param fractionalTranslation translation in fractional units; each component must lie within
   *     {@value #TRANSLATION_SNAP_TOLERANCE} of a multiple of 1/24 and is snapped to it and reduced
   *     into [0, 1)
   * @throws IllegalArgumentException if the matrix is not 3×3, its determinant is not ±1, its order
   *     is not 1, 2, 3, 4 or 6, or a translation component is off the 1/24 grid
   */
  public static SymmetryOperation of(int[][] rotation, double[] fractionalTranslation) {
    Objects.requireNonNull(fractionalTranslation, "fractionalTranslation");
    if (fractionalTranslation.length != 3) {
      throw new IllegalArgumentException(
          "translation has " + fractionalTranslation.length + " components, expected 3");
    }
    int[] t = new int[3];
    for (int i = 0; i < 3; i++) {
      double d = fractionalTranslation[i];
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("translation component " + i + " is " + d);
      }
      long k = Math.round(d * TRANSLATION_DENOMINATOR);
      if (Math.abs(d - (double) k / TRANSLATION_DENOMINATOR) > TRANSLATION_SNAP_TOLERANCE) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "translation component %d = %s is not within %s of a multiple of 1/%d",
                i,
                d,
                TRANSLATION_SNAP_TOLERANCE,
                TRANSLATION_DENOMINATOR));
      }
      t[i] = (int) Math.floorMod(k, (long) TRANSLATION_DENOMINATOR);
    }
    return create(flatten(rotation), t, null);
  }

  /**
   * An operation from a rotation matrix and an exact translation in units of 1/24.
   *
   * @param rotation 3×3 integer matrix acting on fractional column vectors
   * @param translationTwentyFourths translation numerators over {@value #TRANSLATION_DENOMINATOR}
   *     (any integers; reduced into [0, 24))
   * @throws IllegalArgumentException if the matrix is not 3×3, its determinant is not ±1 or its
   *     order is not 1, 2, 3, 4 or 6
   */
  public static SymmetryOperation ofTwentyFourths(int[][] rotation, int[] translationTwentyFourths) {
    Objects.requireNonNull(translationTwentyFourths, "translationTwentyFourths");
    if (translationTwentyFourths.length != 3) {
      throw new IllegalArgumentException(
          "translation has " + translationTwentyFourths.length + " components, expected 3");
    }
    int[] t = new int[3];
    for (int i = 0; i < 3; i++) {
      t[i] = Math.floorMod(translationTwentyFourths[i], TRANSLATION_DENOMINATOR);
    }
    return create(flatten(rotation), t, null);
  }

  /**
   * Parses a symmetry operation written in the CIF {@code x,y,z} notation.
   *
   * <p>Accepted: {@code x,y,z}; {@code -x+1/2, y, -z+1/2}; {@code 'x-y, x, z+1/6'} (one pair of
   * enclosing quotes is dropped); {@code 1/2+x,1/2-y,z}; {@code +x,+y,+z}; {@code -y+x,-y,1/3-z};
   * upper-case {@code X,Y,Z}; whitespace anywhere; coefficients {@code 2x} or {@code 2*x}; decimal
   * translations {@code x+0.5} and {@code x+0.3333}, snapped to the nearest multiple of 1/24 when
   * within {@value RationalAffine#DECIMAL_SNAP_TOLERANCE} (fractional units) of it — the twelfths of
   * the International Tables are on that grid.
   *
   * @param xyz the operation text
   * @return the operation, translation reduced into [0, 1)
   * @throws IllegalArgumentException naming the string and what is wrong with it: not three
   *     components, a malformed term, a non-integer coefficient of x, y or z, a translation off the
   *     1/24 grid, or a matrix that is not a crystallographic rotation (determinant ±1, order 1, 2,
   *     3, 4 or 6)
   */
  public static SymmetryOperation parseXyz(String xyz) {
    RationalAffine a = RationalAffine.parse(xyz, "symmetry operation");
    return fromRational(a, "symmetry operation '" + xyz + "'");
  }

  /**
   * Converts an exact affine map into an operation, checking integrality and the translation grid.
   *
   * @param context how the source is named in error messages
   */
  static SymmetryOperation fromRational(RationalAffine a, String context) {
    int[] r = new int[9];
    int[] t = new int[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        Rational m = a.matrix(i, j);
        if (!m.isInteger()) {
          throw new IllegalArgumentException(
              context
                  + " has the non-integer coefficient "
                  + m
                  + " of "
                  + "xyz".charAt(j)
                  + " in component "
                  + (i + 1));
        }
        if (Math.abs(m.numerator()) > 1000) {
          throw new IllegalArgumentException(
              context + " has the coefficient " + m + " of " + "xyz".charAt(j) + ", too large");
        }
        r[3 * i + j] = (int) m.numerator();
      }
      Rational f = a.vector(i).fractionalPart();
      Rational scaled = f.multiply(Rational.of(TRANSLATION_DENOMINATOR));
      if (!scaled.isInteger()) {
        throw new IllegalArgumentException(
            context
                + " has the translation "
                + a.vector(i)
                + " in component "
                + (i + 1)
                + ", which is not a multiple of 1/"
                + TRANSLATION_DENOMINATOR);
      }
      t[i] = (int) scaled.numerator();
    }
    return create(r, t, context);
  }

  private static int[] flatten(int[][] rotation) {
    Objects.requireNonNull(rotation, "rotation");
    if (rotation.length != 3) {
      throw new IllegalArgumentException("rotation has " + rotation.length + " rows, expected 3");
    }
    int[] r = new int[9];
    for (int i = 0; i < 3; i++) {
      if (rotation[i] == null || rotation[i].length != 3) {
        throw new IllegalArgumentException(
            "rotation row "
                + i
                + " has "
                + (rotation[i] == null ? "no" : rotation[i].length)
                + " entries, expected 3");
      }
      System.arraycopy(rotation[i], 0, r, 3 * i, 3);
    }
    return r;
  }

  private static SymmetryOperation create(int[] r, int[] t, String context) {
    int det = determinant(r);
    if (det != 1 && det != -1) {
      throw new IllegalArgumentException(
          (context == null ? "rotation " + matrixText(r) : context)
              + " has determinant "
              + det
              + ", expected 1 or -1");
    }
    if (order(r) == 0) {
      throw new IllegalArgumentException(
          (context == null ? "rotation " + matrixText(r) : context)
              + " is not of crystallographic order 1, 2, 3, 4 or 6");
    }
    if (Arrays.equals(r, IDENTITY_ROTATION) && t[0] == 0 && t[1] == 0 && t[2] == 0) {
      return IDENTITY;
    }
    return new SymmetryOperation(r, t);
  }

  private static String matrixText(int[] r) {
    return "[[" + r[0] + "," + r[1] + "," + r[2] + "],[" + r[3] + "," + r[4] + "," + r[5] + "],["
        + r[6] + "," + r[7] + "," + r[8] + "]]";
  }

  private static int determinant(int[] a) {
    return a[0] * (a[4] * a[8] - a[5] * a[7])
        - a[1] * (a[3] * a[8] - a[5] * a[6])
        + a[2] * (a[3] * a[7] - a[4] * a[6]);
  }

  private static int[] multiply(int[] a, int[] b) {
    int[] c = new int[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return c;
  }

  /** Order 1, 2, 3, 4 or 6 of the matrix, or 0 if none of these powers is the identity. */
  private static int order(int[] r) {
    int[] p = r;
    for (int k = 1; k <= 6; k++) {
      if (Arrays.equals(p, IDENTITY_ROTATION)) {
        return k == 5 ? 0 : k;
      }
      p = multiply(p, r);
    }
    return 0;
  }

  /** A copy of the rotation matrix, {@code [row][column]}, acting on fractional column vectors. */
  public int[][] rotation() {
    return new int[][] {
      {rotation[0], rotation[1], rotation[2]},
      {rotation[3], rotation[4], rotation[5]},
      {rotation[6], rotation[7], rotation[8]}
    };
  }

  /**
   * One entry of the rotation matrix.
   *
   * @param row row index 0..2
   * @param column column index 0..2
   * @return the integer entry
   */
  public int rotation(int row, int column) {
    Objects.checkIndex(row, 3);
    Objects.checkIndex(column, 3);
    return rotation[3 * row + column];
  }

  /** A copy of the translation in fractional units, each component in [0, 1). */
  public double[] translation() {
    return new double[] {
      (double) translation[0] / TRANSLATION_DENOMINATOR,
      (double) translation[1] / TRANSLATION_DENOMINATOR,
      (double) translation[2] / TRANSLATION_DENOMINATOR
    };
  }

  /** A copy of the exact translation as numerators over 24, each in [0, 24). */
  public int[] translationTwentyFourths() {
    return translation.clone();
  }

  /** Determinant of the rotation: +1 for proper rotations, -1 for improper ones. */
  public int determinant() {
    return determinant(rotation);
  }

  /** Order of the rotation part (1, 2, 3, 4 or 6): the least n with R^n = identity. */
  public int rotationOrder() {
    return order(rotation);
  }

  /** Whether the rotation part is the identity matrix (a pure lattice or centring translation). */
  public boolean isPureTranslation() {
    return Arrays.equals(rotation, IDENTITY_ROTATION);
  }

  /** Whether this is the identity modulo lattice translations ({@code x,y,z}). */
  public boolean isIdentity() {
    return isPureTranslation() && translation[0] == 0 && translation[1] == 0 && translation[2] == 0;
  }

  /**
   * Applies the operation to a point: {@code R x + t}, not wrapped into the unit cell.
   *
   * @param fractional fractional coordinates (3 components)
   * @return new fractional coordinates
   */
  public double[] apply(double[] fractional) {
    Objects.requireNonNull(fractional, "fractional");
    if (fractional.length != 3) {
      throw new IllegalArgumentException(
          "point has " + fractional.length + " coordinates, expected 3");
    }
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] =
          rotation[3 * i] * fractional[0]
              + rotation[3 * i + 1] * fractional[1]
              + rotation[3 * i + 2] * fractional[2]
              + (double) translation[i] / TRANSLATION_DENOMINATOR;
    }
    return out;
  }

  /**
   * The product {@code this ∘ other}: the operation that applies {@code other} first and then this
   * one, {@code (R1|t1)(R2|t2) = (R1 R2 | R1 t2 + t1)}, translation reduced into [0, 1).
   */
  public SymmetryOperation compose(SymmetryOperation other) {
    Objects.requireNonNull(other, "other");
    int[] r = multiply(rotation, other.rotation);
    int[] t = new int[3];
    for (int i = 0; i < 3; i++) {
      int s =
          rotation[3 * i] * other.translation[0]
              + rotation[3 * i + 1] * other.translation[1]
              + rotation[3 * i + 2] * other.translation[2]
              + translation[i];
      t[i] = Math.floorMod(s, TRANSLATION_DENOMINATOR);
    }
    if (Arrays.equals(r, IDENTITY_ROTATION) && t[0] == 0 && t[1] == 0 && t[2] == 0) {
      return IDENTITY;
    }
    return new SymmetryOperation(r, t);
  }

  /** The inverse {@code (R^-1 | -R^-1 t)}, translation reduced into [0, 1). */
  public SymmetryOperation inverse() {
    int[] a = rotation;
    int det = determinant(a);
    int[] inv = new int[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int r1 = (j + 1) % 3;
        int r2 = (j + 2) % 3;
        int c1 = (i + 1) % 3;
        int c2 = (i + 2) % 3;
        inv[3 * i + j] = (a[3 * r1 + c1] * a[3 * r2 + c2] - a[3 * r1 + c2] * a[3 * r2 + c1]) * det;
      }
    }
    int[] t = new int[3];
    for (int i = 0; i < 3; i++) {
      int s = inv[3 * i] * translation[0] + inv[3 * i + 1] * translation[1] + inv[3 * i + 2] * translation[2];
      t[i] = Math.floorMod(-s, TRANSLATION_DENOMINATOR);
    }
    return create(inv, t, null);
  }

  /** This operation followed by a translation of {@code twentyFourths}/24, reduced into [0, 1). */
  SymmetryOperation translatedBy(int[] twentyFourths) {
    int[] t = new int[3];
    for (int i = 0; i < 3; i++) {
      t[i] = Math.floorMod(translation[i] + twentyFourths[i], TRANSLATION_DENOMINATOR);
    }
    return create(rotation.clone(), t, null);
  }

  /**
   * The canonical {@code x,y,z} text: per component the variables in the order x, y, z with their
   * signed integer coefficients ({@code -x}, {@code +y}, {@code 2*x}), then the translation as a
   * reduced fraction in [0, 1) if it is not zero, components separated by commas without spaces, e.g.
   * {@code -x+1/2,y,-z+1/2}. {@link #parseXyz(String)} reads it back to an equal operation.
   */
  public String toXyz() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        sb.append(',');
      }
      int start = sb.length();
      for (int j = 0; j < 3; j++) {
        int c = rotation[3 * i + j];
        if (c == 0) {
          continue;
        }
        if (c < 0) {
          sb.append('-');
        } else if (sb.length() > start) {
          sb.append('+');
        }
        if (Math.abs(c) != 1) {
          sb.append(Math.abs(c)).append('*');
        }
        sb.append("xyz".charAt(j));
      }
      if (translation[i] != 0) {
        sb.append('+').append(Rational.of(translation[i], TRANSLATION_DENOMINATOR));
      }
    }
    return sb.toString();
  }

  /**
   * Closes a set of generators into the group they generate modulo lattice translations.
   *
   * <p>Steps:
   *
   * <ol>
   *   <li>Start from the identity and the distinct generators, in their iteration order.
   *   <li>Walk the list; multiply each element on the right by every generator; append products
   *       not yet present. In a finite group, right multiplication by the generators from the
   *       identity reaches every element.
   *   <li>Stop with an {@link IllegalArgumentException} when more than {@value #MAX_GROUP_ORDER}
   *       operations appear: the generators are then not a crystallographic space group modulo the
   *       lattice (e.g. a translation off the lattice such as x+1/5 would never close).
   * </ol>
   *
   * @param generators the generators (the identity may be omitted)
   * @return the group: identity first, then the other operations in order of discovery
   * @throws IllegalArgumentException if the group would exceed {@value #MAX_GROUP_ORDER} operations
   */
  public static List<SymmetryOperation> closeGroup(Collection<SymmetryOperation> generators) {
    Objects.requireNonNull(generators, "generators");
    Set<SymmetryOperation> seen = new LinkedHashSet<>();
    seen.add(IDENTITY);
    List<SymmetryOperation> gens = new ArrayList<>();
    for (SymmetryOperation g : generators) {
      Objects.requireNonNull(g, "generator");
      if (!g.isIdentity() && !gens.contains(g)) {
        gens.add(g);
      }
    }
    List<SymmetryOperation> elements = new ArrayList<>();
    elements.add(IDENTITY);
    for (SymmetryOperation g : gens) {
      if (seen.add(g)) {
        elements.add(g);
      }
    }
    for (int i = 0; i < elements.size(); i++) {
      SymmetryOperation e = elements.get(i);
      for (SymmetryOperation g : gens) {
        SymmetryOperation p = e.compose(g);
        if (seen.add(p)) {
          elements.add(p);
          if (elements.size() > MAX_GROUP_ORDER) {
            throw new IllegalArgumentException(
                "the "
                    + gens.size()
                    + " generators "
                    + describe(gens)
                    + " generate more than "
                    + MAX_GROUP_ORDER
                    + " operations modulo lattice translations; they are not a crystallographic"
                    + " space group");
          }
        }
      }
    }
    return List.copyOf(elements);
  }

  private static String describe(List<SymmetryOperation> ops) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < ops.size() && i < 8; i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(ops.get(i).toXyz());
    }
    if (ops.size() > 8) {
      sb.append("; ...");
    }
    return sb.append(']').toString();
  }

  /** Exact equality of the rotation and of the translation modulo lattice translations. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SymmetryOperation s
        && Arrays.equals(rotation, s.rotation)
        && Arrays.equals(translation, s.translation);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rotation) + Arrays.hashCode(translation);
  }

  /** The canonical {@link #toXyz()} text. */
  @Override
  public String toString() {
    return toXyz();
  }
}
