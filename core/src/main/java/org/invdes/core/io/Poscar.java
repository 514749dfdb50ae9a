package org.invdes.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * VASP POSCAR/CONTCAR files.
 *
 * <p>Layout read: (1) comment line; (2) universal scaling factor — one positive factor, a
 * negative number meaning the target cell volume in Å³, or three factors, one per axis; (3–5)
 * the lattice vectors in Å; (6) the element symbols (VASP 5; optional — when missing, as in VASP
 * 4 files, they are taken from the comment line if it starts with one symbol per species); (7)
 * the number of atoms of each element; optional {@code Selective dynamics} line; the coordinate
 * mode ({@code Direct}, or {@code Cartesian}/{@code K} for Cartesian in Å before scaling); then one
 * line per atom. Anything after the atom lines (velocities, predictor data of a CONTCAR) is
 * ignored.
 *
 * <p>The writer groups sites by element (in order of each element's first appearance), writes
 * VASP 5 with a scale of 1 and direct coordinates, and refuses disordered structures: POSCAR
 * has no way to hold partial occupancy.
 */
public final class Poscar {
  private Poscar() {}

  /**
   * Parses one POSCAR/CONTCAR.
   *
   * @param text the file content
   * @param source the file name, for messages
   * @throws StructureIOException naming the line and value that cannot be read
   */
  public static Structure read(String text, String source) throws StructureIOException {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    Cursor cur = new Cursor(lines, source);
    String comment = cur.line(1, "the comment line");
    String[] scaleTok = cur.tokens(2, "the scaling factor");
    double[] scale = new double[3];
    boolean volumeScale = false;
    if (scaleTok.length >= 3 && isNumber(scaleTok[1]) && isNumber(scaleTok[2])) {
      for (int k = 0; k < 3; k++) {
        scale[k] = cur.number(scaleTok[k], 2, "scaling factor " + (k + 1));
        if (!(scale[k] > 0)) {
          throw cur.error(2, "per-axis scaling factors must be positive, got '" + scaleTok[k] + "'");
        }
      }
    } else {
      double s = cur.number(scaleTok[0], 2, "the scaling factor");
      if (s == 0 || !Double.isFinite(s)) {
        throw cur.error(2, "scaling factor must be non-zero, got '" + scaleTok[0] + "'");
      }
      volumeScale = s < 0;
      scale[0] = scale[1] = scale[2] = Math.abs(s);
    }
    double[][] m = new double[3][3];
    for (int i = 0; i < 3; i++) {
      String[] t = cur.tokens(3 + i, "lattice vector " + (i + 1));
      if (t.length < 3) {
        throw cur.error(3 + i, "lattice vector " + (i + 1) + " needs 3 numbers, found " + t.length);
      }
      for (int k = 0; k < 3; k++) {
        m[i][k] = cur.number(t[k], 3 + i, "lattice vector " + (i + 1));
      }
    }
    Lattice lattice;
    try {
      if (volumeScale) {
        // a negative factor is the target volume: one factor for all axes gives it
        double f = Math.cbrt(scale[0] / Lattice.fromMatrix(m).volume());
        scale[0] = scale[1] = scale[2] = f;
      }
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
          m[i][k] *= scale[k];
        }
      }
      lattice = Lattice.fromMatrix(m);
    } catch (IllegalArgumentException e) {
      throw cur.error(3, "the lattice vectors do not form a cell: " + e.getMessage());
    }
    int lineNo = 6;
    String[] t6 = cur.tokens(lineNo, "the element symbols or atom counts");
    List<Element> elements = new ArrayList<>();
    String[] countTok;
    if (!isNumber(t6[0])) {
      for (String sym : t6) {
        elements.add(element(cur, cleanSymbol(sym), lineNo));
      }
      lineNo++;
      countTok = cur.tokens(lineNo, "the atom counts");
    } else {
      countTok = t6;
    }
    int[] counts = new int[countTok.length];
    int total = 0;
    for (int i = 0; i < countTok.length; i++) {
      try {
        counts[i] = Integer.parseInt(countTok[i]);
      } catch (NumberFormatException e) {
        throw cur.error(lineNo, "atom count '" + countTok[i] + "' is not a whole number");
      }
      if (counts[i] < 0) {
        throw cur.error(lineNo, "atom count " + counts[i] + " is negative");
      }
      total += counts[i];
    }
    if (total == 0) {
      throw cur.error(lineNo, "the atom counts add up to 0: a structure needs atoms");
    }
    if (elements.isEmpty()) {
      String[] fromComment = comment.trim().split("\\s+");
      if (fromComment.length >= counts.length) {
        for (int i = 0; i < counts.length; i++) {
          Optional<Element> e = Element.lookup(cleanSymbol(fromComment[i]));
          if (e.isEmpty()) {
            elements.clear();
            break;
          }
          elements.add(e.get());
        }
      }
      if (elements.isEmpty()) {
        throw cur.error(6, "no element symbols: this VASP 4 file has no symbols line and the"
            + " comment line does not name " + counts.length + " elements; add a line with the"
            + " symbols above the counts");
      }
    }
    if (elements.size() != counts.length) {
      throw cur.error(lineNo, elements.size() + " element symbols but " + counts.length
          + " atom counts");
    }
    lineNo++;
    String mode = cur.line(lineNo, "the coordinate mode").trim();
    if (!mode.isEmpty() && (mode.charAt(0) == 's' || mode.charAt(0) == 'S')) {
      lineNo++;
      mode = cur.line(lineNo, "the coordinate mode").trim();
    }
    boolean cartesian;
    if (mode.isEmpty()) {
      throw cur.error(lineNo, "expected 'Direct' or 'Cartesian', found an empty line");
    }
    char c0 = Character.toLowerCase(mode.charAt(0));
    if (c0 == 'c' || c0 == 'k') {
      cartesian = true;
    } else if (c0 == 'd') {
      cartesian = false;
    } else {
      throw cur.error(lineNo, "expected 'Direct' or 'Cartesian', found '" + mode + "'");
    }
    List<Site> sites = new ArrayList<>(total);
    int e = 0;
    int left = counts[0];
    for (int i = 0; i < total; i++) {
      while (left == 0) {
        left = counts[++e];
      }
      left--;
      int ln = lineNo + 1 + i;
      String[] t = cur.tokens(ln, "atom " + (i + 1) + " of " + total);
      if (t.length < 3) {
        throw cur.error(ln, "atom " + (i + 1) + " needs 3 coordinates, found " + t.length);
      }
      double[] x = new double[3];
      for (int k = 0; k < 3; k++) {
        x[k] = cur.number(t[k], ln, "a coordinate of atom " + (i + 1));
      }
      if (cartesian) {
        for (int k = 0; k < 3; k++) {
          x[k] *= scale[k];
        }
        x = lattice.toFractional(x);
      }
      sites.add(Site.of(elements.get(e), x));
    }
    return Structure.of(lattice, sites);
  }

  private static String cleanSymbol(String s) {
    // VASP 5.4+ may write "Fe_pv" or "Fe/abc123" (POTCAR names) in the symbols line.
    int cut = s.length();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '_' || ch == '/') {
        cut = i;
        break;
      }
    }
    return s.substring(0, cut);
  }

  private static Element element(Cursor cur, String sym, int line) throws StructureIOException {
    Optional<Element> e = Element.lookup(sym);
    if (e.isEmpty()) {
      throw cur.error(line, "unknown element symbol '" + sym + "'");
    }
    return e.get();
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  }

  /**
   * Formats a structure as a VASP 5 POSCAR with direct coordinates.
   *
   * @throws IllegalArgumentException if the structure is disordered
   */
  public static String write(Structure s) {
    for (Site site : s.sites()) {
      if (!site.isOrdered()) {
        throw new IllegalArgumentException(
            "POSCAR cannot hold a disordered structure: site "
                + (site.label() != null ? "'" + site.label() + "' " : "")
                + "holds " + site.speciesString() + "; write CIF instead");
      }
    }
    Map<Element, List<Site>> groups = new LinkedHashMap<>();
    for (Site site : s.sites()) {
      groups.computeIfAbsent(site.majorElement(), k -> new ArrayList<>()).add(site);
    }
    StringBuilder sb = new StringBuilder(64 * (s.size() + 8));
    sb.append(s.composition().reducedFormula()).append('\n');
    sb.append("1.0\n");
    double[][] m = s.lattice().matrix();
    for (double[] row : m) {
      sb.append(String.format(Locale.ROOT, "%22.16f%22.16f%22.16f%n", row[0], row[1], row[2]));
    }
    StringBuilder syms = new StringBuilder();
    StringBuilder counts = new StringBuilder();
    for (Map.Entry<Element, List<Site>> g : groups.entrySet()) {
      syms.append(' ').append(g.getKey().symbol());
      counts.append(' ').append(g.getValue().size());
    }
    sb.append(syms.substring(1)).append('\n').append(counts.substring(1)).append('\n');
    sb.append("direct\n");
    for (Map.Entry<Element, List<Site>> g : groups.entrySet()) {
      for (Site site : g.getValue()) {
        sb.append(String.format(Locale.ROOT, "%20.16f%20.16f%20.16f %s%n",
            site.frac(0), site.frac(1), site.frac(2), g.getKey().symbol()));
      }
    }
    return sb.toString();
  }

  /** Line access with 1-based numbers and errors that name the line. */
  private static final class Cursor {
    final String[] lines;
    final String source;

    Cursor(String[] lines, String source) {
      this.lines = lines;
      this.source = source;
    }

    String line(int n, String what) throws StructureIOException {
      if (n > lines.length || (n == lines.length && lines[n - 1].isEmpty())) {
        throw error(n, "file ends before " + what);
      }
      return lines[n - 1];
    }

    String[] tokens(int n, String what) throws StructureIOException {
      String l = line(n, what).trim();
      if (l.isEmpty()) {
        throw error(n, "expected " + what + ", found an empty line");
      }
      return l.split("\\s+");
    }

    double number(String tok, int n, String what) throws StructureIOException {
      try {
        double v = Double.parseDouble(tok);
        if (!Double.isFinite(v)) {
          throw error(n, what + ": '" + tok + "' is not a finite number");
        }
        return v;
      } catch (NumberFormatException e) {
        throw error(n, what + ": '" + tok + "' is not a number");
      }
    }

    StructureIOException error(int n, String msg) {
      return new StructureIOException(source, null, n, 0,
          msg, null);
    }
  }
}
