package org.invdes.knime.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.StructureIOException;

/**
 * The property columns of a dataset table and their types, found without reading its CIFs, so
 * that the reader can tell its output columns at configure time. The rules are those of {@link
 * DatasetCsv}: (1) the columns other than {@code cif}, the id column ({@code material_id}, else
 * {@code id}) and a pandas index column (header empty or {@code Unnamed: 0}) are properties;
 * (2) a property is numeric when more than half of its non-empty cells are numbers (not NaN),
 * (3) and integral when each of those numbers is written as an integer. Should a value at
 * execution not fit the type chosen here, its cell is missing and the row is reported.
 */
final class DatasetColumns {
  private DatasetColumns() {}

  /** A property column's type. */
  enum Kind {
    LONG, DOUBLE, STRING
  }

  /** One property column. */
  record Column(String name, Kind kind) {}

  /**
   * @return the property columns in file order
   * @throws StructureIOException if the table has no header or no {@code cif} column
   */
  static List<Column> scan(Path file) throws IOException, StructureIOException {
    String name = file.getFileName().toString();
    try (CsvReader r = CsvReader.open(file)) {
      List<String> header = r.next();
      if (header == null) {
        throw new StructureIOException(name, null, 1, 0,
            "the table is empty: expected a header row with a 'cif' column", null);
      }
      int cif = -1;
      int id = -1;
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).trim().toLowerCase(Locale.ROOT).equals("cif")) {
          cif = i;
        }
      }
      if (cif < 0) {
        throw new StructureIOException(name, null, 1, 0, "no 'cif' column; the header has "
            + header + ". A dataset table needs a column named cif holding one CIF per row",
            null);
      }
      for (String want : new String[] {"material_id", "id"}) {
        for (int i = 0; i < header.size() && id < 0; i++) {
          if (header.get(i).trim().equalsIgnoreCase(want)) {
            id = i;
          }
        }
      }
      List<Integer> props = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i).trim();
        if (i != cif && i != id && !h.isEmpty() && !h.equals("Unnamed: 0")) {
          props.add(i);
        }
      }
      int[] nonEmpty = new int[props.size()];
      int[] numbers = new int[props.size()];
      boolean[] integral = new boolean[props.size()];
      java.util.Arrays.fill(integral, true);
      List<String> rec;
      while ((rec = r.next()) != null) {
        for (int p = 0; p < props.size(); p++) {
          int col = props.get(p);
          if (col >= rec.size() || rec.get(col).isBlank()) {
            continue;
          }
          nonEmpty[p]++;
          String v = rec.get(col).trim();
          if (isNumber(v)) {
            numbers[p]++;
            integral[p] &= isIntegerText(v);
          }
        }
      }
      List<Column> out = new ArrayList<>();
      for (int p = 0; p < props.size(); p++) {
        boolean numeric = nonEmpty[p] > 0 && numbers[p] * 2 > nonEmpty[p];
        Kind k = !numeric ? Kind.STRING : integral[p] ? Kind.LONG : Kind.DOUBLE;
        out.add(new Column(header.get(props.get(p)).trim(), k));
      }
      return out;
    }
  }

  private static boolean isNumber(String v) {
    char c = v.charAt(0);
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'n'
        || c == 'I' || c == 'i')) {
      return false;
    }
    try {
      return !Double.isNaN(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isIntegerText(String v) {
    int i = (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
    if (i == v.length()) {
      return false;
    }
    for (; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
