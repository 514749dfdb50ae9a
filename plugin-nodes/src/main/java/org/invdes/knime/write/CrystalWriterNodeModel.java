package org.invdes.knime.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.invdes.core.io.CifWriter;
import org.invdes.core.io.Poscar;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Structure;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.RowFailures;
import org.invdes.knime.StructureCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The Crystal Structure Writer: one CIF or POSCAR file per row of a structure column.
 *
 * <p>Execution:
 *
 * <ol>
 *   <li>For every row, read its structure and choose its file name: the name column's value (or
 *       the row ID), with characters other than letters, digits, '.', '_' and '-' replaced by
 *       '_', a name used before (ignoring case) suffixed with "_2", "_3", …, and the format's
 *       extension ({@code .cif}, {@code .vasp}). A row whose structure cannot be read is
 *       skipped.
 *   <li>Unless overwriting is allowed, stop before writing anything if any file exists.
 *   <li>Write the files, each atomically (into a temporary file beside it, then moved into
 *       place), so a file is complete or absent; a structure the format cannot hold (a
 *       disordered one in POSCAR) is skipped. Skipped rows are reported in one warning.
 * </ol>
 *
 * Progress is reported per row in both passes, and cancellation is checked between files; the
 * files written before a cancellation remain, each complete.
 *
 * <p>Flow variables: {@value #VAR_FOLDER} (the output folder) and {@value #VAR_FILES} (the number
 * of files written).
 */
public final class CrystalWriterNodeModel extends InvdesNodeModel<CrystalWriterSettings> {
  /** Flow variable: the output folder. */
  public static final String VAR_FOLDER = "invdes_writer_folder";
  /** Flow variable: the number of files written. */
  public static final String VAR_FILES = "invdes_writer_files";
  /** The longest file name stem kept, characters. */
  static final int MAX_STEM = 100;

  CrystalWriterNodeModel() {
    super(new PortType[] {BufferedDataTable.TYPE}, new PortType[0], new CrystalWriterSettings());
  }

  @Override
  protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    DataTableSpec in = (DataTableSpec) inSpecs[0];
    StructureCells.structureColumn(in, options().structureColumn, "the input table");
    nameColumn(in);
    folder();
    return new PortObjectSpec[0];
  }

  private int nameColumn(DataTableSpec in) throws InvalidSettingsException {
    String name = options().nameColumn.getStringValue();
    if (name == null || name.isEmpty()) {
      return -1;
    }
    int i = in.findColumnIndex(name);
    if (i < 0) {
      throw new InvalidSettingsException("The file name column '" + name + "' is not in the"
          + " input table; choose one of its columns, or none to name the files after the row"
          + " IDs: " + StructureCells.columnList(in));
    }
    return i;
  }

  private Path folder() throws InvalidSettingsException {
    String f = options().folder.getStringValue();
    if (f == null || f.isBlank()) {
      throw new InvalidSettingsException("Choose the output folder in the dialog; it is created"
          + " if it does not exist.");
    }
    try {
      Path p = Path.of(f.trim());
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new InvalidSettingsException("The output folder '" + p + "' is a file; choose a"
            + " folder.");
      }
      return p;
    } catch (InvalidPathException e) {
      throw new InvalidSettingsException("'" + f + "' is not a valid path: " + e.getReason());
    }
  }

  private record Planned(String row, Path file, Structure structure, String blockName) {}

  @Override
  protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec)
      throws Exception {
    BufferedDataTable in = (BufferedDataTable) inObjects[0];
    DataTableSpec spec = in.getDataTableSpec();
    int structureCol = StructureCells.structureColumn(spec, options().structureColumn,
        "the input table");
    int nameCol = nameColumn(spec);
    Path folder = folder();
    String ext = options().extension();
    RowFailures failures = new RowFailures("no file written");
    List<Planned> plan = new ArrayList<>();
    Set<String> used = new HashSet<>();
    long n = Math.max(1, in.size());
    long k = 0;
    // step 1
    for (DataRow r : in) {
      exec.checkCanceled();
      exec.setProgress(0.5 * k++ / n, "reading structure " + k + " of " + in.size());
      String stem = uniqueStem(stem(r, nameCol), used);
      try {
        Structure s = StructureCells.structure(r.getCell(structureCol));
        plan.add(new Planned(r.getKey().getString(), folder.resolve(stem + ext), s, stem));
      } catch (IllegalArgumentException e) {
        failures.failed(r.getKey().getString(), e.getMessage());
      }
    }
    // step 2
    if (!options().overwrite.getBooleanValue()) {
      List<String> existing = new ArrayList<>();
      for (Planned p : plan) {
        if (Files.exists(p.file())) {
          existing.add(p.file().getFileName().toString());
        }
      }
      if (!existing.isEmpty()) {
        throw new IOException(existing.size() + " of the " + plan.size() + " files"
            + " exist already in '" + folder + "' (" + String.join(", ",
                existing.subList(0, Math.min(3, existing.size())))
            + (existing.size() > 3 ? ", …" : "") + "); nothing was written. Tick 'Overwrite"
            + " existing files' or choose another folder.");
      }
    }
    // step 3
    Files.createDirectories(folder);
    int written = 0;
    for (int i = 0; i < plan.size(); i++) {
      exec.checkCanceled();
      Planned p = plan.get(i);
      exec.setProgress(0.5 + 0.5 * i / plan.size(), "writing " + p.file().getFileName());
      try {
        String text = ext.equals(".cif") ? CifWriter.writeBlock(p.structure(), p.blockName(), true)
            : Poscar.write(p.structure());
        Structures.writeAtomically(p.file(), w -> w.write(text));
        written++;
        failures.processed();
      } catch (IllegalArgumentException e) {
        failures.failed(p.row(), e.getMessage());
      }
    }
    exec.setProgress(1.0, "wrote " + written + " files");
    warn(failures);
    pushFlowVariableString(VAR_FOLDER, folder.toString());
    pushFlowVariableInt(VAR_FILES, written);
    return new PortObject[0];
  }

  /** The file name stem of a row: its name cell (or row ID), made safe for file systems. */
  static String stem(DataRow r, int nameCol) {
    String raw = r.getKey().getString();
    if (nameCol >= 0) {
      DataCell c = r.getCell(nameCol);
      if (!c.isMissing()) {
        raw = c instanceof StringValue ? ((StringValue) c).getStringValue() : c.toString();
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < raw.length() && b.length() < MAX_STEM; i++) {
      char c = raw.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      b.append(safe ? c : '_');
    }
    while (b.length() > 0 && b.charAt(0) == '.') {
      b.setCharAt(0, '_');
    }
    return b.length() == 0 ? "structure" : b.toString();
  }

  /** The stem, or the stem with "_2", "_3", … if it was used before (ignoring case). */
  static String uniqueStem(String stem, Set<String> used) {
    String s = stem;
    for (int k = 2; !used.add(s.toLowerCase(Locale.ROOT)); k++) {
      s = stem + "_" + k;
    }
    return s;
  }
}
