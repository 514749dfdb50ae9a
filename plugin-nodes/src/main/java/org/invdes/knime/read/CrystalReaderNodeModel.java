package org.invdes.knime.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.invdes.core.io.Diagnostic;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.StructureFormat;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Structure;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.RowFailures;
import org.invdes.knime.StructureCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The Crystal Structure Reader: a structure file, a dataset table or a folder of structure files
 * to a table of structures.
 *
 * <p>Output columns: {@value #ID} (block name, row id or file name), {@value #SOURCE} (the file,
 * relative to the folder), {@value #FORMULA} (reduced formula), {@value
 * StructureCells#STRUCTURE_COLUMN} (the structure as CIF text), then, for a dataset table, its
 * property columns (integer, double or string, see {@link DatasetColumns}).
 *
 * <p>Execution: (1) list the files: the chosen file, or the folder's structure files (CIF,
 * POSCAR, XYZ; not tables) sorted by path, with sub-folders if asked; (2) read each with {@link
 * Structures#read}; (3) one row per structure; a block, row or file that cannot be read gives a
 * row with its id and missing cells, and all of them, and the structures read with warnings,
 * are reported in one warning. Progress is reported per structure (per file for folders) and
 * cancellation is checked as often.
 *
 * <p>Flow variables: {@value #VAR_LOCATION} (the path read), {@value #VAR_STRUCTURES} (rows with
 * a structure) and {@value #VAR_FAILED} (rows without).
 */
public final class CrystalReaderNodeModel extends InvdesNodeModel<CrystalReaderSettings> {
  /** The id column. */
  public static final String ID = "id";
  /** The source file column. */
  public static final String SOURCE = "source";
  /** The reduced formula column. */
  public static final String FORMULA = "formula";
  /** Flow variable: the location read. */
  public static final String VAR_LOCATION = "invdes_reader_location";
  /** Flow variable: the number of structures read. */
  public static final String VAR_STRUCTURES = "invdes_reader_structures";
  /** Flow variable: the number of rows without a structure. */
  public static final String VAR_FAILED = "invdes_reader_failed";

  private static final int FIXED_COLUMNS = 4;

  /** The scanned columns of the last dataset table, reused while the file is unchanged. */
  private ScanCache cache;

  private record ScanCache(Path file, long size, long modified,
      List<DatasetColumns.Column> columns) {}

  /** What the location names, resolved. */
  private record Input(Path path, boolean folder, boolean table,
      List<DatasetColumns.Column> properties, DataTableSpec spec) {}

  CrystalReaderNodeModel() {
    super(new PortType[0], new PortType[] {BufferedDataTable.TYPE}, new CrystalReaderSettings());
  }

  @Override
  protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    return new PortObjectSpec[] {input().spec()};
  }

  private Input input() throws InvalidSettingsException {
    String loc = options().location.getStringValue();
    if (loc == null || loc.isBlank()) {
      throw new InvalidSettingsException("Choose what to read in the dialog: a structure file ("
          + StructureFormat.CIF.extensions() + "; " + StructureFormat.POSCAR.extensions() + "; "
          + StructureFormat.XYZ.extensions() + "), a dataset table ("
          + StructureFormat.CSV.extensions() + ") or a folder of structure files.");
    }
    Path path;
    try {
      path = Path.of(loc.trim());
    } catch (InvalidPathException e) {
      throw new InvalidSettingsException("'" + loc + "' is not a valid path: " + e.getReason()
          + "; check the location in the dialog.");
    }
    if (!Files.exists(path)) {
      throw new InvalidSettingsException("'" + path + "' does not exist; check the location in"
          + " the dialog (or the flow variable that sets it).");
    }
    if (Files.isDirectory(path)) {
      return new Input(path, true, false, List.of(), spec(List.of()));
    }
    Optional<StructureFormat> format = StructureFormat.of(path);
    if (format.isEmpty()) {
      throw new InvalidSettingsException("Cannot tell the format of '" + path.getFileName()
          + "' from its name; structure files end in .cif, .vasp, .xyz (or are named POSCAR or"
          + " CONTCAR), dataset tables in .csv or .csv.gz. Rename the file or choose a folder.");
    }
    if (format.get() != StructureFormat.CSV) {
      return new Input(path, false, false, List.of(), spec(List.of()));
    }
    List<DatasetColumns.Column> columns = scan(path);
    return new Input(path, false, true, columns, spec(columns));
  }

  private List<DatasetColumns.Column> scan(Path path) throws InvalidSettingsException {
    try {
      long size = Files.size(path);
      long modified = Files.getLastModifiedTime(path).toMillis();
      if (cache == null || !cache.file().equals(path) || cache.size() != size
          || cache.modified() != modified) {
        cache = new ScanCache(path, size, modified, DatasetColumns.scan(path));
      }
      return cache.columns();
    } catch (IOException e) {
      throw new InvalidSettingsException("Cannot read the columns of the dataset table '"
          + path.getFileName() + "': " + e.getMessage(), e);
    }
  }

  /** The output spec: the fixed columns, then the property columns under unique names. */
  static DataTableSpec spec(List<DatasetColumns.Column> properties) {
    List<DataColumnSpec> cols = new ArrayList<>();
    for (String n : new String[] {ID, SOURCE, FORMULA, StructureCells.STRUCTURE_COLUMN}) {
      cols.add(new DataColumnSpecCreator(n, StringCell.TYPE).createSpec());
    }
    for (DatasetColumns.Column c : properties) {
      DataTableSpec sofar = new DataTableSpec(cols.toArray(new DataColumnSpec[0]));
      DataType type = c.kind() == DatasetColumns.Kind.LONG ? LongCell.TYPE
          : c.kind() == DatasetColumns.Kind.DOUBLE ? DoubleCell.TYPE : StringCell.TYPE;
      cols.add(new DataColumnSpecCreator(DataTableSpec.getUniqueColumnName(sofar, c.name()), type)
          .createSpec());
    }
    return new DataTableSpec(cols.toArray(new DataColumnSpec[0]));
  }

  @Override
  protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec)
      throws Exception {
    Input input = input();
    List<Path> files = files(input);
    BufferedDataContainer out = exec.createDataContainer(input.spec());
    RowFailures failures = new RowFailures("missing cells in their output");
    List<String> readWarnings = new ArrayList<>();
    int withWarnings = 0;
    long row = 0;
    int ok = 0;
    for (int f = 0; f < files.size(); f++) {
      exec.checkCanceled();
      Path file = files.get(f);
      String source = input.folder() ? input.path().relativize(file).toString()
          : file.getFileName().toString();
      double base = (double) f / files.size();
      exec.setProgress(base, "reading " + source);
      List<ReadResult> results;
      try {
        results = Structures.read(file, options().readOptions());
      } catch (StructureIOException e) {
        RowKey key = RowKey.createRowKey(row++);
        out.addRowToTable(failedRow(key, source, source, input.spec()));
        failures.failed(key.getString() + " (" + source + ")", e.getMessage());
        continue;
      }
      for (int k = 0; k < results.size(); k++) {
        exec.checkCanceled();
        ReadResult r = results.get(k);
        String id = id(file, source, r, results.size());
        RowKey key = RowKey.createRowKey(row++);
        if (r.ok()) {
          List<String> problems = new ArrayList<>();
          out.addRowToTable(structureRow(key, id, source, r.structure(), input, problems));
          ok++;
          if (problems.isEmpty()) {
            failures.processed();
          } else {
            failures.failed(key.getString() + " (" + id + ")", String.join("; ", problems));
          }
        } else {
          out.addRowToTable(failedRow(key, id, source, input.spec()));
          failures.failed(key.getString() + " (" + id + ")", r.error().getMessage());
        }
        if (!r.warnings().isEmpty()) {
          withWarnings++;
          if (readWarnings.size() < 2) {
            Diagnostic d = r.warnings().get(0);
            readWarnings.add(id + ": " + d.message());
          }
        }
        exec.setProgress(base + (k + 1.0) / results.size() / files.size(),
            "read " + (k + 1) + " of " + results.size() + " structures from " + source);
      }
    }
    out.close();
    List<String> warning = new ArrayList<>();
    if (failures.count() > 0) {
      warning.add(failures.message());
    }
    if (withWarnings > 0) {
      warning.add(withWarnings + " structure(s) were read with warnings (relaxed reading), e.g. "
          + String.join("; ", readWarnings));
    }
    if (!warning.isEmpty()) {
      setWarningMessage(String.join(". ", warning));
    }
    pushFlowVariableString(VAR_LOCATION, input.path().toString());
    pushFlowVariableInt(VAR_STRUCTURES, ok);
    pushFlowVariableInt(VAR_FAILED, (int) (row - ok));
    return new PortObject[] {out.getTable()};
  }

  /** The files to read: the file, or the folder's structure files sorted by relative path. */
  private List<Path> files(Input input) throws IOException, InvalidSettingsException {
    if (!input.folder()) {
      return List.of(input.path());
    }
    int depth = options().recursive.getBooleanValue() ? Integer.MAX_VALUE : 1;
    List<Path> files;
    try (Stream<Path> s = Files.walk(input.path(), depth)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> StructureFormat.of(p).map(f -> f != StructureFormat.CSV).orElse(false))
          .sorted((a, b) -> input.path().relativize(a).toString()
              .compareTo(input.path().relativize(b).toString()))
          .collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (files.isEmpty()) {
      throw new InvalidSettingsException("The folder '" + input.path() + "' holds no structure"
          + " files (" + StructureFormat.CIF.extensions() + "; " + StructureFormat.POSCAR
          .extensions() + "; " + StructureFormat.XYZ.extensions() + ")"
          + (depth == 1 ? "; tick 'Include sub-folders' to read those too." : "."));
    }
    return files;
  }

  /** A row's id: the table's row id, the CIF block name, or the file (and frame) name. */
  private static String id(Path file, String source, ReadResult r, int results) {
    StructureFormat f = StructureFormat.of(file).orElseThrow();
    if (f == StructureFormat.CSV || f == StructureFormat.CIF) {
      return r.id() == null ? source : r.id();
    }
    return results == 1 ? source : source + " " + r.id();
  }

  private static DefaultRow failedRow(RowKey key, String id, String source, DataTableSpec spec) {
    DataCell[] cells = new DataCell[spec.getNumColumns()];
    cells[0] = new StringCell(id);
    cells[1] = new StringCell(source);
    for (int i = 2; i < cells.length; i++) {
      cells[i] = DataType.getMissingCell();
    }
    return new DefaultRow(key, cells);
  }

  private static DefaultRow structureRow(RowKey key, String id, String source, Structure s,
      Input input, List<String> problems) {
    DataCell[] cells = new DataCell[input.spec().getNumColumns()];
    cells[0] = new StringCell(id);
    cells[1] = new StringCell(source);
    cells[2] = new StringCell(s.composition().reducedFormula());
    cells[3] = StructureCells.cell(s, id);
    for (int p = 0; p < input.properties().size(); p++) {
      DatasetColumns.Column c = input.properties().get(p);
      cells[FIXED_COLUMNS + p] = propertyCell(c, s.properties().get(c.name()), problems);
    }
    return new DefaultRow(key, cells);
  }

  /** A property value as a cell of its column's type; a value that does not fit is missing. */
  static DataCell propertyCell(DatasetColumns.Column c, Object v, List<String> problems) {
    if (v == null) {
      return DataType.getMissingCell();
    }
    switch (c.kind()) {
      case LONG:
        if (v instanceof Long) {
          return new LongCell((Long) v);
        }
        break;
      case DOUBLE:
        if (v instanceof Number) {
          return new DoubleCell(((Number) v).doubleValue());
        }
        break;
      default:
        return new StringCell(v instanceof Double ? Double.toString((Double) v) : v.toString());
    }
    problems.add("column '" + c.name() + "': '" + v + "' is not "
        + (c.kind() == DatasetColumns.Kind.LONG ? "an integer" : "a number"));
    return DataType.getMissingCell();
  }
}
