package org.invdes.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.StructureIOException;

/**
 * A CSV table as text, as {@code invdes filter} wrote it: a header and rows of cells, each row
 * with the line on which it starts in its file. Short rows read as empty cells. Immutable.
 */
public final class Table {
  private final String source;
  private final List<String> header;
  private final List<List<String>> rows;
  private final List<Integer> lines;

  private Table(String source, List<String> header, List<List<String>> rows, List<Integer> lines) {
    this.source = source;
    this.header = List.copyOf(header);
    List<List<String>> copy = new ArrayList<>(rows.size());
    for (List<String> r : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
    }
    this.rows = Collections.unmodifiableList(copy);
    this.lines = List.copyOf(lines);
  }

  /**
   * A table from memory.
   *
   * @param source the name used in messages (a file name)
   * @param header the column names
   * @param rows the rows, each a list of cells (null cells are not allowed)
   * @return the table; row {@code i} is said to start on line {@code i + 2}
   * @throws IllegalArgumentException if the header is empty or a row is longer than the header
   */
  public static Table of(String source, List<String> header, List<List<String>> rows) {
    Objects.requireNonNull(source, "source");
    List<Integer> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      lines.add(i + 2);
    }
    check(source, header, rows, lines);
    return new Table(source, header, rows, lines);
  }

  /**
   * Reads a CSV file (plain or gzip-compressed).
   *
   * @param file the file
   * @return the table
   * @throws IOException if the file cannot be read
   * @throws StructureIOException if the file is empty or a row has more cells than the header
   */
  public static Table read(Path file) throws IOException {
    String name = file.getFileName().toString();
    List<String> header;
    List<List<String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (CsvReader r = CsvReader.open(file)) {
      header = r.next();
      if (header == null) {
        throw new StructureIOException(name, null, 1, 0,
            "the table is empty: expected a header row", null);
      }
      List<String> rec;
      while ((rec = r.next()) != null) {
        if (rec.size() == 1 && rec.get(0).isEmpty()) {
          continue;
        }
        rows.add(rec);
        lines.add(r.recordLine());
      }
    }
    try {
      check(name, header, rows, lines);
    } catch (IllegalArgumentException e) {
      throw new StructureIOException(name, null, 0, 0, e.getMessage(), null);
    }
    return new Table(name, header, rows, lines);
  }

  private static void check(String source, List<String> header, List<List<String>> rows,
      List<Integer> lines) {
    if (header.isEmpty()) {
      throw new IllegalArgumentException(source + ": the header row has no column");
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() > header.size()) {
        throw new IllegalArgumentException(source + " line " + lines.get(i) + ": "
            + rows.get(i).size() + " cells but the header has " + header.size() + " columns");
      }
      for (String c : rows.get(i)) {
        Objects.requireNonNull(c, "cell");
      }
    }
  }

  /** @return the name used in messages */
  public String source() {
    return source;
  }

  /** @return the column names */
  public List<String> header() {
    return header;
  }

  /** @return the number of rows, header excluded */
  public int size() {
    return rows.size();
  }

  /**
   * @param name a column name
   * @return its index, or -1 when there is no such column
   */
  public int column(String name) {
    return header.indexOf(name);
  }

  /**
   * The last column named {@code name} or {@code name} followed by any number of {@code
   * _invdes}: the column {@code invdes filter} added (it renames its column when the input
   * already has one of that name).
   *
   * @param name the column name
   * @return the index, or -1
   */
  public int addedColumn(String name) {
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (h.startsWith(name) && h.substring(name.length()).replace("_invdes", "").isEmpty()) {
        found = i;
      }
    }
    return found;
  }

  /**
   * @param row the row, 0-based
   * @param column the column index; -1 gives ""
   * @return the cell, "" when the row is short
   */
  public String cell(int row, int column) {
    List<String> r = rows.get(row);
    return column < 0 || column >= r.size() ? "" : r.get(column);
  }

  /**
   * @param row the row, 0-based
   * @return the 1-based line of the file on which it starts
   */
  public int line(int row) {
    return lines.get(row);
  }
}
