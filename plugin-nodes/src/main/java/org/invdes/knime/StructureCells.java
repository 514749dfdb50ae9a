package org.invdes.knime;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.CifReader;
import org.invdes.core.io.CifWriter;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.structure.Structure;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * How structures travel through KNIME tables: as CIF text in a string column (named {@value
 * #STRUCTURE_COLUMN} by the reader), one P1 data block per cell, written by {@link CifWriter}
 * and read back by {@link CifReader} in relaxed mode.
 */
public final class StructureCells {
  /** The name the reader gives its structure column. */
  public static final String STRUCTURE_COLUMN = "structure";

  private StructureCells() {}

  /** @return the structure as a CIF cell with one data block of that name, no properties */
  public static DataCell cell(Structure s, String blockName) {
    return new StringCell(CifWriter.writeBlock(s, blockName, false));
  }

  /**
   * Reads the structure of a cell.
   *
   * @throws IllegalArgumentException with a message for the user when the cell is missing or
   *     its text holds no readable crystal structure
   */
  public static Structure structure(DataCell cell) {
    if (cell.isMissing()) {
      throw new IllegalArgumentException("the structure cell is missing");
    }
    String text = ((StringValue) cell).getStringValue();
    List<ReadResult> results;
    try {
      results = CifReader.read(text, "cell", ReadOptions.relaxed());
    } catch (StructureIOException e) {
      throw new IllegalArgumentException("not a readable CIF: " + e.getMessage(), e);
    }
    for (ReadResult r : results) {
      if (r.ok()) {
        return r.structure();
      }
    }
    throw new IllegalArgumentException(results.isEmpty() ? "the CIF holds no crystal structure"
        : "not a readable CIF: " + results.get(0).error().getMessage());
  }

  /**
   * Finds the structure column of an input: the configured one, or, when none is configured,
   * the column named {@value #STRUCTURE_COLUMN}, else the only string column whose name
   * contains "cif" or "structure"; an auto-selected name is stored in the option.
   *
   * @param input the input table's spec
   * @param option the column option (updated when auto-selecting)
   * @param port the input port's name for messages, e.g. "the candidates table"
   * @return the column index
   * @throws InvalidSettingsException naming the column and how to fix the choice
   */
  public static int structureColumn(DataTableSpec input, SettingsModelString option, String port)
      throws InvalidSettingsException {
    String name = option.getStringValue();
    if (name == null || name.isBlank()) {
      name = guess(input);
      if (name == null) {
        throw new InvalidSettingsException("No structure column in " + port + ": it has no"
            + " string column named 'structure' or containing 'cif'. Connect the output of a"
            + " Crystal Structure Reader, or a table with a CIF text column, and choose it in the"
            + " dialog. Columns: " + columnList(input));
      }
      option.setStringValue(name);
    }
    return stringColumn(input, name, port, "structure (CIF text)");
  }

  /**
   * @return the index of the named column, which must hold text
   * @throws InvalidSettingsException when it is absent or not a string column
   */
  public static int stringColumn(DataTableSpec input, String name, String port, String role)
      throws InvalidSettingsException {
    int i = input.findColumnIndex(name);
    if (i < 0) {
      throw new InvalidSettingsException("The " + role + " column '" + name + "' is not in "
          + port + "; choose one of its columns in the dialog: " + columnList(input));
    }
    DataType t = input.getColumnSpec(i).getType();
    if (!t.isCompatible(StringValue.class)) {
      throw new InvalidSettingsException("The " + role + " column '" + name + "' of " + port
          + " holds " + t + ", not text; choose a string column in the dialog.");
    }
    return i;
  }

  private static String guess(DataTableSpec input) {
    DataColumnSpec exact = input.getColumnSpec(STRUCTURE_COLUMN);
    if (exact != null && exact.getType().isCompatible(StringValue.class)) {
      return STRUCTURE_COLUMN;
    }
    List<String> candidates = new ArrayList<>();
    for (DataColumnSpec c : input) {
      String n = c.getName().toLowerCase(java.util.Locale.ROOT);
      if (c.getType().isCompatible(StringValue.class)
          && (n.contains("cif") || n.contains("structure"))) {
        candidates.add(c.getName());
      }
    }
    return candidates.size() == 1 ? candidates.get(0) : null;
  }

  /** @return the column names for messages, at most 12 */
  public static String columnList(DataTableSpec spec) {
    String[] names = spec.getColumnNames();
    if (names.length == 0) {
      return "(none)";
    }
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(12, names.length); i++) {
      shown.add("'" + names[i] + "'");
    }
    return String.join(", ", shown) + (names.length > 12 ? ", …" : "");
  }
}
