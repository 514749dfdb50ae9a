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
 * Extended XYZ files (the ASE/QUIP convention): per frame, a line with the atom count, a comment
 * line of {@code key=value} pairs that must hold {@code Lattice="ax ay az bx by bz cx cy cz"} (Å)
 * and may hold {@code Properties=species:S:1:pos:R:3:...} naming the per-atom columns (default:
 * species then position), then one line per atom with Cartesian coordinates in Å. A file may hold
 * several frames. Other {@code key=value} pairs with a numeric, boolean or string value become
 * structure properties, and structure properties are written back the same way.
 *
 * <p>Plain XYZ has no cell, so a frame without {@code Lattice=} is an error: a crystal needs one.
 * The writer refuses disordered structures (the format has no occupancy).
 */
public final class ExtendedXyz {
  private ExtendedXyz() {}

  /** One frame's structure and the line where it starts. */
  public record Frame(int line, Structure structure) {}

  /**
   * Reads every frame of an extended XYZ file; the first bad frame is an error.
   *
   * @throws StructureIOException naming the line and value that cannot be read
   */
  public static List<Frame> read(String text, String source) throws StructureIOException {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<Frame> frames = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int start = i + 1;
      int n;
      try {
        n = Integer.parseInt(lines[i].trim());
      } catch (NumberFormatException e) {
        throw err(source, start, "expected the number of atoms, found '" + clip(lines[i]) + "'");
      }
      if (n <= 0) {
        throw err(source, start, "the number of atoms must be positive, got " + n);
      }
      if (i + 1 >= lines.length) {
        throw err(source, start + 1, "file ends before the comment line of this frame");
      }
      Map<String, String> kv = parseComment(lines[i + 1], source, start + 1);
      frames.add(new Frame(start, frame(lines, i + 2, n, kv, source, start + 1)));
      i += 2 + n;
    }
    if (frames.isEmpty()) {
      throw err(source, 1, "no frames: the file is empty");
    }
    return frames;
  }

  private static Structure frame(
      String[] lines, int first, int n, Map<String, String> kv, String source, int commentLine)
      throws StructureIOException {
    String lat = get(kv, "lattice");
    if (lat == null) {
      throw err(source, commentLine, "no Lattice=\"...\" in the comment line: extended XYZ needs"
          + " the cell as 9 numbers (Å) to describe a crystal");
    }
    String[] lt = lat.trim().split("\\s+");
    if (lt.length != 9) {
      throw err(source, commentLine, "Lattice must hold 9 numbers, found " + lt.length);
    }
    double[][] m = new double[3][3];
    for (int k = 0; k < 9; k++) {
      m[k / 3][k % 3] = number(lt[k], source, commentLine, "Lattice");
    }
    Lattice lattice;
    try {
      lattice = Lattice.fromMatrix(m);
    } catch (IllegalArgumentException e) {
      throw err(source, commentLine, "Lattice does not form a cell: " + e.getMessage());
    }
    int speciesCol = 0;
    int posCol = 1;
    String props = get(kv, "properties");
    if (props != null) {
      String[] p = props.split(":");
      if (p.length % 3 != 0) {
        throw err(source, commentLine, "Properties='" + props + "' is not name:type:count triples");
      }
      speciesCol = -1;
      posCol = -1;
      int col = 0;
      for (int k = 0; k < p.length; k += 3) {
        int count;
        try {
          count = Integer.parseInt(p[k + 2]);
        } catch (NumberFormatException e) {
          throw err(source, commentLine, "Properties column count '" + p[k + 2] + "' is not a"
              + " number");
        }
        String name = p[k].toLowerCase(Locale.ROOT);
        if (name.equals("species")) {
          speciesCol = col;
        } else if (name.equals("pos")) {
          posCol = col;
        }
        col += count;
      }
      if (speciesCol < 0 || posCol < 0) {
        throw err(source, commentLine, "Properties='" + props + "' lacks species or pos");
      }
    }
    List<Site> sites = new ArrayList<>(n);
    for (int a = 0; a < n; a++) {
      int ln = first + a + 1;
      if (first + a >= lines.length || lines[first + a].isBlank()) {
        throw err(source, ln, "expected atom " + (a + 1) + " of " + n + ", found "
            + (first + a >= lines.length ? "the end of the file" : "an empty line"));
      }
      String[] t = lines[first + a].trim().split("\\s+");
      if (t.length <= Math.max(speciesCol, posCol + 2)) {
        throw err(source, ln, "atom " + (a + 1) + " has " + t.length + " columns, too few");
      }
      Optional<Element> el = Element.lookup(t[speciesCol]);
      if (el.isEmpty()) {
        throw err(source, ln, "unknown element symbol '" + t[speciesCol] + "'");
      }
      double[] cart = new double[3];
      for (int k = 0; k < 3; k++) {
        cart[k] = number(t[posCol + k], source, ln, "position");
      }
      sites.add(Site.of(el.get(), lattice.toFractional(cart)));
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      if (!reserved(e.getKey())) {
        properties.put(e.getKey(), typed(e.getValue()));
      }
    }
    return Structure.of(lattice, sites, properties);
  }

  /** The value of {@code key} in a parsed comment line, matching the key case-insensitively. */
  private static String get(Map<String, String> kv, String key) {
    for (Map.Entry<String, String> e : kv.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static boolean reserved(String key) {
    return key.equalsIgnoreCase("lattice") || key.equalsIgnoreCase("properties")
        || key.equalsIgnoreCase("pbc");
  }

  private static Object typed(String v) {
    if (v.equals("T") || v.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (v.equals("F") || v.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    try {
      if (v.matches("[-+]?\\d+")) {
        return Long.parseLong(v);
      }
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // not a number: a string property
    }
    return v;
  }

  /** Parses {@code key=value key="quoted value"} pairs, keys as written; a bare key means T. */
  static Map<String, String> parseComment(String line, String source, int lineNo)
      throws StructureIOException {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int ks = i;
      while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      String key = line.substring(ks, i);
      String value = "T";
      if (i < n && line.charAt(i) == '=') {
        i++;
        if (i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
          char q = line.charAt(i++);
          int vs = i;
          while (i < n && line.charAt(i) != q) {
            i++;
          }
          if (i >= n) {
            throw err(source, lineNo, "value of " + key + " opens a quote that is not closed");
          }
          value = line.substring(vs, i++);
        } else {
          int vs = i;
          while (i < n && !Character.isWhitespace(line.charAt(i))) {
            i++;
          }
          value = line.substring(vs, i);
        }
      }
      out.put(key, value);
    }
    return out;
  }

  /**
   * Formats structures as one extended XYZ file, one frame each.
   *
   * @throws IllegalArgumentException if a structure is disordered
   */
  public static String write(List<Structure> structures) {
    StringBuilder sb = new StringBuilder();
    for (Structure s : structures) {
      for (Site site : s.sites()) {
        if (!site.isOrdered()) {
          throw new IllegalArgumentException("extended XYZ cannot hold a disordered structure: a"
              + " site holds " + site.speciesString() + "; write CIF instead");
        }
      }
      sb.append(s.size()).append('\n');
      double[][] m = s.lattice().matrix();
      sb.append("Lattice=\"");
      for (int k = 0; k < 9; k++) {
        sb.append(k == 0 ? "" : " ").append(num(m[k / 3][k % 3]));
      }
      sb.append("\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"");
      for (Map.Entry<String, Object> p : s.properties().entrySet()) {
        String key = p.getKey();
        if (!key.matches("[A-Za-z_][A-Za-z0-9_.\\-]*") || reserved(key)) {
          continue;
        }
        Object v = p.getValue();
        String text;
        if (v instanceof Boolean) {
          text = ((Boolean) v) ? "T" : "F";
        } else if (v instanceof Double) {
          text = num((Double) v);
        } else if (v instanceof String) {
          text = "\"" + ((String) v).replace('"', '\'').replace('\n', ' ') + "\"";
        } else {
          text = v.toString();
        }
        sb.append(' ').append(key).append('=').append(text);
      }
      sb.append('\n');
      for (int i = 0; i < s.size(); i++) {
        double[] c = s.cartesian(i);
        sb.append(String.format(Locale.ROOT, "%-3s %20.14f %20.14f %20.14f%n",
            s.site(i).majorElement().symbol(), c[0], c[1], c[2]));
      }
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  private static double number(String tok, String source, int line, String what)
      throws StructureIOException {
    try {
      double v = Double.parseDouble(tok);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw err(source, line, what + ": '" + clip(tok) + "' is not a finite number");
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static StructureIOException err(String source, int line, String msg) {
    return new StructureIOException(source, null, line, 0,
          msg, null);
  }
}
