package org.invdes.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.invdes.core.structure.Structure;

/**
 * The tabular dataset format: a CSV file (optionally gzip-compressed) with a header row, a
 * {@code cif} column holding one complete CIF per row, an id column ({@code material_id}, else
 * {@code id}, else the row number) and property columns. This is the format of the CDVAE
 * benchmark data (Perov-5, Carbon-24, MP-20).
 *
 * <p>Reading, step by step: (1) read all records; (2) find the {@code cif} and id columns and
 * drop a pandas index column (header empty or {@code Unnamed: 0}); (3) a column is numeric when
 * more than half of its non-empty cells are numbers — its other cells become missing values,
 * reported in one consolidated warning per column; other columns are kept as text; (4) each
 * row's CIF is read into a structure carrying the row's id (property {@code id}) and its
 * non-missing property values. A row whose CIF cannot be read gives a failed {@link ReadResult}
 * naming the row id and the line in the file; the other rows are unaffected.
 */
public final class DatasetCsv {
  private DatasetCsv() {}

  /** The property that holds a structure's row id. */
  public static final String ID = "id";

  /** What reading a table gave: one result per row, and the table-wide warnings. */
  public record Table(List<String> propertyColumns, List<ReadResult> rows, List<Diagnostic> warnings) {}

  /** Reads a dataset file; table-wide warnings are added to the first row's warnings. */
  public static List<ReadResult> read(Path file, ReadOptions options)
      throws IOException, StructureIOException {
    Table t = readTable(file, options);
    if (t.warnings().isEmpty() || t.rows().isEmpty()) {
      return t.rows();
    }
    List<ReadResult> out = new ArrayList<>(t.rows());
    ReadResult first = out.get(0);
    List<Diagnostic> w = new ArrayList<>(t.warnings());
    w.addAll(first.warnings());
    out.set(0, new ReadResult(first.source(), first.id(), first.line(), first.structure(),
        first.error(), w));
    return out;
  }

  /** Reads a dataset file into rows and consolidated warnings. */
  public static Table readTable(Path file, ReadOptions options)
      throws IOException, StructureIOException {
    String name = file.getFileName().toString();
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> header;
    try (CsvReader r = CsvReader.open(file)) {
      header = r.next();
      if (header == null) {
        throw new StructureIOException(name, null, 1, 0,
          "the table is empty: expected a header row with a 'cif'"
            + " column", null);
      }
      List<String> rec;
      while ((rec = r.next()) != null) {
        records.add(rec);
        lines.add(r.recordLine());
      }
    }
    return build(name, header, records, lines, ReadOptions.orDefault(options));
  }

  private static Table build(String name, List<String> header, List<List<String>> records,
      List<Integer> lines, ReadOptions options) throws StructureIOException {
    int cifCol = -1;
    int idCol = -1;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim().toLowerCase(Locale.ROOT);
      if (h.equals("cif")) {
        cifCol = i;
      }
    }
    if (cifCol < 0) {
      throw new StructureIOException(name, null, 1, 0,
          "no 'cif' column; the header has " + header
          + ". A dataset table needs a column named cif holding one CIF per row", null);
    }
    for (String want : new String[] {"material_id", "id"}) {
      for (int i = 0; i < header.size() && idCol < 0; i++) {
        if (header.get(i).trim().equalsIgnoreCase(want)) {
          idCol = i;
        }
      }
    }
    List<Integer> propCols = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim();
      if (i != cifCol && i != idCol && !h.isEmpty() && !h.equals("Unnamed: 0")) {
        propCols.add(i);
      }
    }
    List<Diagnostic> warnings = new ArrayList<>();
    int nProps = propCols.size();
    boolean[] numeric = new boolean[nProps];
    boolean[] integral = new boolean[nProps];
    for (int p = 0; p < nProps; p++) {
      int col = propCols.get(p);
      int nonEmpty = 0;
      int numbers = 0;
      boolean allIntegral = true;
      for (List<String> rec : records) {
        if (col >= rec.size() || rec.get(col).isBlank()) {
          continue;
        }
        nonEmpty++;
        String v = rec.get(col).trim();
        Double d = parseNumber(v);
        if (d != null) {
          numbers++;
          allIntegral &= isIntegerText(v);
        }
      }
      numeric[p] = nonEmpty > 0 && numbers * 2 > nonEmpty;
      integral[p] = numeric[p] && allIntegral;
    }
    List<ReadResult> rows = new ArrayList<>(records.size());
    Map<Integer, List<String>> badCells = new LinkedHashMap<>();
    for (int r = 0; r < records.size(); r++) {
      List<String> rec = records.get(r);
      int line = lines.get(r);
      String id = idCol >= 0 && idCol < rec.size() && !rec.get(idCol).isBlank()
          ? rec.get(idCol).trim() : "row " + (r + 1);
      if (rec.size() != header.size()) {
        rows.add(ReadResult.failed(name, id, line, new StructureIOException(name, id, line, 0,
          "row " + id + " has "
            + rec.size() + " fields but the header has " + header.size()
            + " (a missing comma or an unquoted comma?)", null), List.of()));
        continue;
      }
      Map<String, Object> props = new LinkedHashMap<>();
      props.put(ID, id);
      for (int p = 0; p < nProps; p++) {
        int col = propCols.get(p);
        String v = rec.get(col).trim();
        if (v.isEmpty()) {
          continue;
        }
        String key = header.get(col).trim();
        if (numeric[p]) {
          Double d = parseNumber(v);
          if (d == null) {
            badCells.computeIfAbsent(p, k -> new ArrayList<>()).add(id + " (line " + line + "): '"
                + (v.length() > 30 ? v.substring(0, 30) + "…" : v) + "'");
          } else if (integral[p]) {
            props.put(key, (long) Math.rint(d));
          } else {
            props.put(key, d);
          }
        } else {
          props.put(key, v);
        }
      }
      rows.add(readCif(name, id, line, rec.get(cifCol), props, options));
    }
    for (Map.Entry<Integer, List<String>> e : badCells.entrySet()) {
      List<String> cells = e.getValue();
      String col = header.get(propCols.get(e.getKey())).trim();
      warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, name, null, 0, 0,
          "column '" + col + "': " + cells.size() + " value(s) are not numbers and were read as"
              + " missing: " + String.join(", ", cells.subList(0, Math.min(5, cells.size())))
              + (cells.size() > 5 ? ", …" : "")));
    }
    List<String> propertyNames = new ArrayList<>();
    for (int c : propCols) {
      propertyNames.add(header.get(c).trim());
    }
    return new Table(propertyNames, rows, warnings);
  }

  private static ReadResult readCif(String name, String id, int line, String cif,
      Map<String, Object> props, ReadOptions options) {
    if (cif.isBlank()) {
      return ReadResult.failed(name, id, line, new StructureIOException(name, id, line, 0,
          "row " + id
          + " has an empty cif cell", null), List.of());
    }
    List<ReadResult> blocks;
    try {
      blocks = CifReader.read(cif, name, options);
    } catch (StructureIOException e) {
      return ReadResult.failed(name, id, line, shift(e, name, id, line), List.of());
    }
    for (ReadResult b : blocks) {
      if (b.ok()) {
        Map<String, Object> all = new LinkedHashMap<>(b.structure().properties());
        all.putAll(props);
        return ReadResult.of(name, id, line, b.structure().withProperties(all), b.warnings());
      }
    }
    StructureIOException first = blocks.isEmpty()
        ? new StructureIOException(name, id, 1, 0,
          "the cif cell holds no data block", null)
        : blocks.get(0).error();
    return ReadResult.failed(name, id, line, shift(first, name, id, line), List.of());
  }

  /** The same error with its line counted from the start of the table file. */
  private static StructureIOException shift(StructureIOException e, String name, String id,
      int rowLine) {
    int line = e.line() > 0 ? rowLine + e.line() - 1 : rowLine;
    return new StructureIOException(name, id, line, e.column(),
          "row " + id + ": " + e.detail(), e);
  }

  private static Double parseNumber(String v) {
    char c = v.charAt(0);
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'n'
        || c == 'I' || c == 'i')) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isNaN(d) ? null : d;
    } catch (NumberFormatException e) {
      return null;
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

  /**
   * Writes structures as a dataset table: {@code id}, {@code cif}, then one column per property
   * (in order of first appearance). The id is the structure's {@code id} property, else its
   * 1-based position. Gzip-compressed when the name ends in {@code .gz}. Atomic.
   */
  public static void write(Path file, List<Structure> structures) throws IOException {
    Set<String> columns = new LinkedHashSet<>();
    for (Structure s : structures) {
      for (String k : s.properties().keySet()) {
        if (!k.equals(ID)) {
          columns.add(k);
        }
      }
    }
    List<String> header = new ArrayList<>();
    header.add("id");
    header.add("cif");
    header.addAll(columns);
    CsvWriter.write(file, header, sink -> {
      int n = 0;
      for (Structure s : structures) {
        n++;
        String id = s.stringProperty(ID).orElse(Integer.toString(n));
        List<String> row = new ArrayList<>(header.size());
        row.add(id);
        row.add(CifWriter.writeBlock(s, id, false));
        for (String c : columns) {
          Object v = s.properties().get(c);
          row.add(v == null ? null : v instanceof Double ? CifWriter.num((Double) v) : v.toString());
        }
        sink.accept(row);
      }
    });
  }
}
