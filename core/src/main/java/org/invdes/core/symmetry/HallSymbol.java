package org.invdes.core.symmetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interpreter of Hall space-group symbols (S. R. Hall, Acta Cryst. A37 (1981) 517–525; International
 * Tables for Crystallography Vol. B, Appendix A1.4.2, whose Table A1.4.2.7 lists the symbols of the
 * 530 settings — see {@link SpaceGroups}).
 *
 * <p>A Hall symbol has the form {@code L N1 N2 ... (V)}:
 *
 * <ul>
 *   <li>{@code L}: the lattice symbol, an optional {@code -} (the group contains the inversion at the
 *       origin) and the centring letter {@code P A B C I R S T F}, which implies the centring
 *       translations P (0,0,0); A (0,½,½); B (½,0,½); C (½,½,0); I (½,½,½); R (⅔,⅓,⅓), (⅓,⅔,⅔);
 *       S (⅓,⅓,⅔), (⅔,⅔,⅓); T (⅓,⅔,⅓), (⅔,⅓,⅔); F (0,½,½), (½,0,½), (½,½,0).
 *   <li>{@code N}: matrix symbols. Each is an optional {@code -} (improper rotation), the order
 *       {@code 1 2 3 4 6}, then in any order an axis symbol ({@code x y z} for a, b, c; {@code '}
 *       and {@code "} for the two-fold axes along the face diagonals perpendicular to the preceding
 *       principal axis, e.g. a−b and a+b after a z axis (and after {@code 3*}, which has no
 *       principal axis: {@code P 3* 2} is R32 on rhombohedral axes); {@code *} for the three-fold
 *       axis along a+b+c), a screw digit directly after the order ({@code 31}, {@code 41}, {@code
 *       43}, {@code 61} to {@code 65}: a translation of digit/order of the lattice vector along the
 *       axis) and translation letters {@code a b c n u v w d} = (½,0,0), (0,½,0), (0,0,½),
 *       (½,½,½), (¼,0,0), (0,¼,0), (0,0,¼), (¼,¼,¼), which add up.
 *   <li>Default axes when none is given: the first matrix is along c ({@code z}); the second, if it
 *       is two-fold, is along a ({@code x}) after an order 2 or 4 and along a−b ({@code '}) after an
 *       order 3 or 6; the third, if it is three-fold, is along a+b+c ({@code *}). Order 1 needs no
 *       axis.
 *   <li>{@code (V)}: an optional change of basis: either three integers {@code (vx vy vz)}, an origin
 *       shift in twelfths equal to {@code (x+vx/12,y+vy/12,z+vz/12)}, or an operator in {@code x,y,z} notation such as {@code (x,y,z+1/12)},
 *       {@code (-x,-y,z)} or {@code (1/2*x+1/2*y,-1/2*x+1/2*y,z)}. With V = (P|p), every operation
 *       S of the reference setting becomes V S V⁻¹. When P enlarges the cell, the former lattice
 *       translations become centring translations of the new cell.
 * </ul>
 *
 * <p>The symbol is case-insensitive; components are separated by spaces or underscores, which may
 * also be left out where unambiguous ({@code -I2yc}).
 */
public final class HallSymbol {

  private static final int D = SymmetryOperation.TRANSLATION_DENOMINATOR;

  /** Centring translations in 1/24 implied by each lattice letter (besides the zero vector). */
  private static final Map<Character, int[][]> CENTRING = Map.of(
      'P', new int[][] {},
      'A', new int[][] {{0, 12, 12}},
      'B', new int[][] {{12, 0, 12}},
      'C', new int[][] {{12, 12, 0}},
      'I', new int[][] {{12, 12, 12}},
      'R', new int[][] {{16, 8, 8}, {8, 16, 16}},
      'S', new int[][] {{8, 8, 16}, {16, 16, 8}},
      'T', new int[][] {{8, 16, 8}, {16, 8, 16}},
      'F', new int[][] {{0, 12, 12}, {12, 0, 12}, {12, 12, 0}});

  /** Translation letters in 1/24. */
  private static final Map<Character, int[]> TRANSLATION_LETTERS = Map.of(
      'a', new int[] {12, 0, 0},
      'b', new int[] {0, 12, 0},
      'c', new int[] {0, 0, 12},
      'n', new int[] {12, 12, 12},
      'u', new int[] {6, 0, 0},
      'v', new int[] {0, 6, 0},
      'w', new int[] {0, 0, 6},
      'd', new int[] {6, 6, 6});

  // Proper rotation matrices along the principal axes (Hall 1981; ITB Table A1.4.2.4), row-major,
  // indexed by order 1, 2, 3, 4, 6.
  private static final int[][] X_AXIS = {
    {1, 0, 0, 0, 1, 0, 0, 0, 1},
    {1, 0, 0, 0, -1, 0, 0, 0, -1},
    {1, 0, 0, 0, 0, -1, 0, 1, -1},
    {1, 0, 0, 0, 0, -1, 0, 1, 0},
    {1, 0, 0, 0, 1, -1, 0, 1, 0}
  };
  private static final int[][] Y_AXIS = {
    {1, 0, 0, 0, 1, 0, 0, 0, 1},
    {-1, 0, 0, 0, 1, 0, 0, 0, -1},
    {-1, 0, 1, 0, 1, 0, -1, 0, 0},
    {0, 0, 1, 0, 1, 0, -1, 0, 0},
    {0, 0, 1, 0, 1, 0, -1, 0, 1}
  };
  private static final int[][] Z_AXIS = {
    {1, 0, 0, 0, 1, 0, 0, 0, 1},
    {-1, 0, 0, 0, -1, 0, 0, 0, 1},
    {0, -1, 0, 1, -1, 0, 0, 0, 1},
    {0, -1, 0, 1, 0, 0, 0, 0, 1},
    {1, -1, 0, 1, 0, 0, 0, 0, 1}
  };
  // Two-fold rotations along face diagonals, by preceding axis x, y, z: ' then ".
  private static final int[][] PRIME_AFTER = {
    {-1, 0, 0, 0, 0, -1, 0, -1, 0}, // after x: along b-c
    {0, 0, -1, 0, -1, 0, -1, 0, 0}, // after y: along a-c
    {0, -1, 0, -1, 0, 0, 0, 0, -1} // after z: along a-b
  };
  private static final int[][] DOUBLE_PRIME_AFTER = {
    {-1, 0, 0, 0, 0, 1, 0, 1, 0}, // after x: along b+c
    {0, 0, 1, 0, -1, 0, 1, 0, 0}, // after y: along a+c
    {0, 1, 0, 1, 0, 0, 0, 0, -1} // after z: along a+b
  };
  private static final int[][] PRIME_DIRECTION = {{0, 1, -1}, {1, 0, -1}, {1, -1, 0}};
  private static final int[][] DOUBLE_PRIME_DIRECTION = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
  private static final int[] THREE_STAR = {0, 0, 1, 1, 0, 0, 0, 1, 0};

  private HallSymbol() {}

  /**
   * All operations of the space group described by a Hall symbol, modulo lattice translations,
   * centring translations included.
   *
   * <p>Steps:
   *
   * <ol>
   *   <li>Split off the change of basis {@code (V)}; read the lattice symbol and the matrix symbols
   *       (see the class description), applying the default axis rules.
   *   <li>Generators: each matrix symbol (rotation with its translation), the inversion if the
   *       lattice symbol starts with {@code -}, and the centring translations.
   *   <li>With a change of basis V = (P|p): replace each generator S by V S V⁻¹ (exact rational
   *       arithmetic; the result must have an integer matrix and a translation on the 1/24 grid) and
   *       add the images (I|P e) of the former basis translations e.
   *   <li>Close the generators into the group ({@link SymmetryOperation#closeGroup}).
   *   <li>Order the result as in the International Tables: for each pure translation (the zero
   *       translation first, then the centring translations), the coset representatives (first found
   *       operation of each rotation) shifted by it.
   * </ol>
   *
   * @param hallSymbol a Hall symbol such as {@code -P 2ybc}, {@code F 4d 2 3 -1d} or {@code P 31 2c
   *     (0 0 1)}
   * @return the operations, identity first
   * @throws IllegalArgumentException naming the symbol and the offending token
   */
  public static List<SymmetryOperation> operations(String hallSymbol) {
    Parsed p = parse(hallSymbol);
    List<SymmetryOperation> gens = new ArrayList<>(p.generators);
    List<SymmetryOperation> group;
    try {
      group = SymmetryOperation.closeGroup(gens);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Hall symbol '" + hallSymbol + "' does not describe a space group: " + e.getMessage(), e);
    }
    return ordered(group);
  }

  /**
   * The generators a Hall symbol states explicitly and implies: matrix symbols, then the inversion
   * (for a leading {@code -}), then centring translations, all after the change of basis (plus the
   * images of the former lattice translations when the basis changes the cell).
   *
   * @param hallSymbol a Hall symbol
   * @return the generators, without the identity
   * @throws IllegalArgumentException naming the symbol and the offending token
   */
  public static List<SymmetryOperation> generators(String hallSymbol) {
    return List.copyOf(parse(hallSymbol).generators);
  }

  private static List<SymmetryOperation> ordered(List<SymmetryOperation> group) {
    Map<String, SymmetryOperation> reps = new LinkedHashMap<>();
    List<SymmetryOperation> translations = new ArrayList<>();
    for (SymmetryOperation op : group) {
      reps.putIfAbsent(rotationKey(op), op);
      if (op.isPureTranslation()) {
        translations.add(op);
      }
    }
    if (reps.size() * translations.size() != group.size()) {
      return group; // cannot happen for a group; keep the closure order rather than lose operations
    }
    List<SymmetryOperation> out = new ArrayList<>(group.size());
    for (SymmetryOperation t : translations) {
      int[] shift = t.translationTwentyFourths();
      for (SymmetryOperation r : reps.values()) {
        out.add(r.translatedBy(shift));
      }
    }
    return List.copyOf(out);
  }

  private static String rotationKey(SymmetryOperation op) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        sb.append(op.rotation(i, j)).append(',');
      }
    }
    return sb.toString();
  }

  private record Parsed(List<SymmetryOperation> generators) {}

  private record MatrixSymbol(String token, boolean improper, int order, char axis, int screw, int[] translation) {}

  private static Parsed parse(String hallSymbol) {
    if (hallSymbol == null) {
      throw new IllegalArgumentException("Hall symbol is null");
    }
    String text = hallSymbol.strip();
    if (text.length() >= 2
        && (text.charAt(0) == '\'' || text.charAt(0) == '"')
        && text.charAt(text.length() - 1) == text.charAt(0)) {
      text = text.substring(1, text.length() - 1).strip();
    }
    String context = "Hall symbol '" + hallSymbol + "'";
    if (text.isEmpty()) {
      throw new IllegalArgumentException(context + " is empty");
    }
    // 1. change of basis
    RationalAffine change = null;
    int open = text.indexOf('(');
    if (open >= 0) {
      int close = text.lastIndexOf(')');
      if (close < open || !text.substring(close + 1).isBlank()) {
        throw new IllegalArgumentException(
            context + ": the change of basis '" + text.substring(open) + "' must end the symbol with ')'");
      }
      String inner = text.substring(open + 1, close);
      if (inner.indexOf('(') >= 0 || inner.indexOf(')') >= 0) {
        throw new IllegalArgumentException(context + ": nested parentheses in '" + text.substring(open) + "'");
      }
      change = changeOfBasis(inner, context);
      text = text.substring(0, open);
    }
    text = text.replace('_', ' ').strip();
    // 2. lattice symbol
    int pos = 0;
    boolean centric = false;
    if (pos < text.length() && text.charAt(pos) == '-') {
      centric = true;
      pos++;
    }
    if (pos >= text.length()) {
      throw new IllegalArgumentException(context + " has no lattice symbol");
    }
    char lattice = Character.toUpperCase(text.charAt(pos));
    if (!CENTRING.containsKey(lattice)) {
      throw new IllegalArgumentException(
          context + ": '" + text.charAt(pos) + "' is not a lattice symbol (P, A, B, C, I, R, S, T or F)");
    }
    pos++;
    if (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
        && text.charAt(pos) != '-' && !Character.isDigit(text.charAt(pos))) {
      throw new IllegalArgumentException(
          context + ": unexpected '" + text.charAt(pos) + "' after the lattice symbol");
    }
    // 3. matrix symbols
    List<MatrixSymbol> symbols = new ArrayList<>();
    String body = text.substring(pos);
    int i = 0;
    while (i < body.length()) {
      char ch = body.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
        continue;
      }
      int start = i;
      boolean improper = false;
      if (ch == '-') {
        improper = true;
        i++;
      }
      if (i >= body.length() || "12346".indexOf(body.charAt(i)) < 0) {
        String tok = token(body, start);
        throw new IllegalArgumentException(
            context + ": matrix symbol '" + tok + "' does not start with a rotation order 1, 2, 3, 4 or 6");
      }
      int order = body.charAt(i) - '0';
      i++;
      int screw = 0;
      if (i < body.length() && Character.isDigit(body.charAt(i))) {
        int d = body.charAt(i) - '0';
        if (d >= 1 && d < order) {
          screw = d;
          i++;
        }
      }
      char axis = 0;
      int[] t = new int[3];
      while (i < body.length()) {
        char c = body.charAt(i);
        char lc = Character.toLowerCase(c);
        if (Character.isWhitespace(c) || c == '-' || Character.isDigit(c)) {
          break;
        }
        if (lc == 'x' || lc == 'y' || lc == 'z' || c == '\'' || c == '"' || c == '*') {
          if (axis != 0) {
            throw new IllegalArgumentException(
                context + ": matrix symbol '" + body.substring(start, i + 1) + "...' has two axis symbols");
          }
          axis = lc;
        } else if (TRANSLATION_LETTERS.containsKey(lc)) {
          int[] v = TRANSLATION_LETTERS.get(lc);
          for (int k = 0; k < 3; k++) {
            t[k] += v[k];
          }
        } else {
          throw new IllegalArgumentException(
              context + ": unexpected '" + c + "' in matrix symbol '" + token(body, start) + "'");
        }
        i++;
      }
      symbols.add(new MatrixSymbol(body.substring(start, i), improper, order, axis, screw, t));
    }
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException(context + " has no matrix symbol");
    }
    // 4. matrices with default axes
    List<SymmetryOperation> gens = new ArrayList<>();
    char previousPrincipal = 0; // none yet: face diagonals then refer to c, as after 3*
    for (int k = 0; k < symbols.size(); k++) {
      MatrixSymbol m = symbols.get(k);
      char axis = m.axis;
      if (axis == 0 && m.order != 1) {
        if (k == 0) {
          axis = 'z';
        } else if (k == 1 && m.order == 2) {
          int prev = symbols.get(0).order;
          if (prev == 2 || prev == 4) {
            axis = 'x';
          } else if (prev == 3 || prev == 6) {
            axis = '\'';
          }
        } else if (k == 2 && m.order == 3) {
          axis = '*';
        }
        if (axis == 0) {
          throw new IllegalArgumentException(
              context + ": the axis of matrix symbol '" + m.token + "' (position " + (k + 1)
                  + ") is not given and has no default");
        }
      }
      int[] rot;
      int[] direction;
      switch (axis) {
        case 0 -> {
          rot = X_AXIS[0]; // order 1: identity
          direction = new int[3];
        }
        case 'x', 'y', 'z' -> {
          int[][] table = axis == 'x' ? X_AXIS : axis == 'y' ? Y_AXIS : Z_AXIS;
          rot = table[m.order == 6 ? 4 : m.order - 1];
          direction = new int[3];
          direction[axis - 'x'] = 1;
        }
        case '\'', '"' -> {
          if (m.order != 2) {
            throw new IllegalArgumentException(
                context + ": matrix symbol '" + m.token + "' uses a face-diagonal axis, which needs order 2");
          }
          int idx = previousPrincipal == 0 ? 2 : previousPrincipal - 'x';
          rot = axis == '\'' ? PRIME_AFTER[idx] : DOUBLE_PRIME_AFTER[idx];
          direction = axis == '\'' ? PRIME_DIRECTION[idx] : DOUBLE_PRIME_DIRECTION[idx];
        }
        case '*' -> {
          if (m.order != 3) {
            throw new IllegalArgumentException(
                context + ": matrix symbol '" + m.token + "' uses the body-diagonal axis *, which needs order 3");
          }
          rot = THREE_STAR;
          direction = new int[] {1, 1, 1};
        }
        default -> throw new IllegalStateException("axis " + axis);
      }
      if (axis == 'x' || axis == 'y' || axis == 'z') {
        previousPrincipal = axis;
      }
      int[] t = m.translation.clone();
      if (m.screw != 0) {
        for (int c = 0; c < 3; c++) {
          t[c] += direction[c] * m.screw * D / m.order;
        }
      }
      int[][] r = new int[3][3];
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          r[a][b] = m.improper ? -rot[3 * a + b] : rot[3 * a + b];
        }
      }
      gens.add(SymmetryOperation.ofTwentyFourths(r, t));
    }
    if (centric) {
      gens.add(SymmetryOperation.ofTwentyFourths(new int[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}}, new int[3]));
    }
    int[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int[] c : CENTRING.get(lattice)) {
      gens.add(SymmetryOperation.ofTwentyFourths(identity, c));
    }
    // 5. change of basis
    if (change != null) {
      RationalAffine inverse = change.inverse();
      List<SymmetryOperation> transformed = new ArrayList<>();
      for (SymmetryOperation g : gens) {
        RationalAffine s = change.compose(RationalAffine.of(g)).compose(inverse);
        transformed.add(SymmetryOperation.fromRational(s, context + " after its change of basis"));
      }
      for (int e = 0; e < 3; e++) {
        Rational[] v = new Rational[3];
        for (int c = 0; c < 3; c++) {
          v[c] = change.matrix(c, e);
        }
        SymmetryOperation lt = SymmetryOperation.fromRational(
            RationalAffine.translation(v[0], v[1], v[2]),
            context + " (a lattice translation after its change of basis)");
        if (!lt.isIdentity()) {
          transformed.add(lt);
        }
      }
      gens = transformed;
    }
    return new Parsed(gens);
  }

  private static String token(String body, int start) {
    int end = start;
    while (end < body.length() && !Character.isWhitespace(body.charAt(end))) {
      end++;
    }
    return body.substring(start, Math.max(end, Math.min(start + 1, body.length())));
  }

  private static RationalAffine changeOfBasis(String inner, String context) {
    String s = inner.strip();
    if (s.toLowerCase(Locale.ROOT).matches(".*[xyz].*")) {
      RationalAffine a;
      try {
        a = RationalAffine.parse(s, "change of basis");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(context + ": " + e.getMessage(), e);
      }
      if (a.determinant().isZero()) {
        throw new IllegalArgumentException(
            context + ": the change of basis '(" + inner + ")' is singular");
      }
      return a;
    }
    String[] parts = s.split("[\\s,]+");
    if (parts.length != 3 || parts[0].isEmpty()) {
      throw new IllegalArgumentException(
          context + ": the origin shift '(" + inner + ")' must be three integers (twelfths) or an x,y,z operator");
    }
    Rational[] v = new Rational[3];
    for (int k = 0; k < 3; k++) {
      try {
        v[k] = Rational.of(Integer.parseInt(parts[k].replace("+", "")), 12);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            context + ": origin shift component '" + parts[k] + "' is not an integer number of twelfths", e);
      }
    }
    return RationalAffine.translation(v[0], v[1], v[2]);
  }

  /**
   * Normalised text for comparing Hall symbols: lower case, enclosing quotes dropped, underscores
   * read as spaces, runs of spaces collapsed to one. Spaces are kept because they separate matrix
   * symbols: {@code P 3 2} (No. 149) is not {@code P 32} (No. 145).
   */
  static String normalise(String hallSymbol) {
    String s = hallSymbol.strip();
    if (s.length() >= 2
        && (s.charAt(0) == '\'' || s.charAt(0) == '"')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1);
    }
    return s.replace('_', ' ').strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
