package org.invdes.knime.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncoderOptions;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.RowFailures;
import org.invdes.knime.StructureCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The Crystal Encoder: a structure column to the fixed-size feature columns of {@link Encoder}
 * (FTCP-style: normalised lattice, one-hot elements and coordinates per site row, optional
 * occupancies and Fourier features), fitted on the input.
 *
 * <p>Execution:
 *
 * <ol>
 *   <li>Read every row's structure; a missing or unreadable cell fails the row.
 *   <li>Check each structure alone against the options ({@link Encoder#fit} on that structure:
 *       too many sites for a fixed maximum, an element outside fixed elements, a disordered
 *       site when they are rejected); such rows fail too.
 *   <li>Fit the encoder on the remaining structures (vocabulary, site budget and lattice
 *       statistics; deterministic, independent of row order) and encode each of them.
 *   <li>Append one double column per feature; failed rows get missing cells and are named in
 *       one warning. If no row can be encoded, the node fails with the first reason.
 * </ol>
 *
 * <p>The output columns are known at configure time only when both the maximum sites and the
 * elements are set; otherwise they depend on the data and appear after execution.
 *
 * <p>Flow variables: {@value #VAR_CONFIG} (the fitted encoding as JSON, enough to decode the
 * features with the invdes library or CLI) and {@value #VAR_LENGTH} (the number of features).
 */
public final class CrystalEncoderNodeModel extends InvdesNodeModel<CrystalEncoderSettings> {
  /** Flow variable: the fitted encoding configuration, JSON. */
  public static final String VAR_CONFIG = "invdes_encoder_config";
  /** Flow variable: the number of feature columns. */
  public static final String VAR_LENGTH = "invdes_encoder_features";
  /** The prefix of every feature column. */
  public static final String PREFIX = "enc_";

  CrystalEncoderNodeModel() {
    super(new PortType[] {BufferedDataTable.TYPE}, new PortType[] {BufferedDataTable.TYPE},
        new CrystalEncoderSettings());
  }

  @Override
  protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    DataTableSpec in = (DataTableSpec) inSpecs[0];
    StructureCells.structureColumn(in, options().structureColumn, "the input table");
    EncoderOptions opts = options().encoderOptions();
    if (!options().layoutFixed()) {
      return new PortObjectSpec[] {null};
    }
    // the layout depends on the options only: fit on one stand-in atom to obtain it
    Element first = opts.vocabulary().orElseThrow().get(0);
    Structure standIn = Structure.of(Lattice.cubic(3.0), List.of(first),
        List.of(new double[] {0, 0, 0}));
    try {
      return new PortObjectSpec[] {outputSpec(in, Encoder.fit(List.of(standIn), opts).config())};
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("These encoder options do not work together: "
          + e.getMessage(), e);
    }
  }

  /** The input columns followed by one double column per feature, named by its meaning. */
  static DataTableSpec outputSpec(DataTableSpec in, EncodingConfig config) {
    List<DataColumnSpec> cols = new ArrayList<>();
    in.forEach(cols::add);
    DataTableSpec sofar = in;
    for (String name : featureNames(config)) {
      String unique = DataTableSpec.getUniqueColumnName(sofar, PREFIX + name);
      cols.add(new DataColumnSpecCreator(unique, DoubleCell.TYPE).createSpec());
      sofar = new DataTableSpec(cols.toArray(new DataColumnSpec[0]));
    }
    return sofar;
  }

  /**
   * The name of every feature, in vector order: {@code ln_a ln_b ln_c alpha beta gamma}, then per
   * site row i {@code s<i>_none} and {@code s<i>_<element>} (one-hot), {@code s<i>_x/y/z} and
   * {@code s<i>_occ}, then {@code F(h,k,l)_re} and {@code _im} per reflection.
   */
  static List<String> featureNames(EncodingConfig config) {
    return config.featureNames();
  }

  @Override
  protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec)
      throws Exception {
    BufferedDataTable in = (BufferedDataTable) inObjects[0];
    DataTableSpec spec = in.getDataTableSpec();
    int col = StructureCells.structureColumn(spec, options().structureColumn, "the input table");
    EncoderOptions opts = options().encoderOptions();
    RowFailures failures = new RowFailures("missing cells in their output");
    long n = Math.max(1, in.size());
    // steps 1 and 2
    List<Structure> structures = new ArrayList<>();
    List<Structure> training = new ArrayList<>();
    String firstReason = null;
    long k = 0;
    for (DataRow r : in) {
      exec.checkCanceled();
      exec.setProgress(0.5 * k++ / n, "checking structure " + k + " of " + in.size());
      Structure s = null;
      try {
        s = StructureCells.structure(r.getCell(col));
        Encoder.fit(List.of(s), opts);
        training.add(s);
      } catch (IllegalArgumentException e) {
        // fitting on this structure alone names it "training structure #0"; the row says which
        String why = String.valueOf(e.getMessage()).replaceFirst("^training structure #0: ", "");
        failures.failed(r.getKey().getString(), why);
        firstReason = firstReason == null ? why : firstReason;
        s = null;
      }
      structures.add(s);
    }
    if (training.isEmpty()) {
      throw new InvalidSettingsException(in.size() == 0 ? "The input table is empty; there is"
          + " nothing to fit the encoder on." : "None of the " + in.size() + " structures can be"
          + " encoded with these options; the first reason: " + firstReason);
    }
    // step 3
    exec.setProgress(0.5, "fitting the encoder on " + training.size() + " structures");
    Encoder encoder = Encoder.fit(training, opts);
    DataTableSpec outSpec = outputSpec(spec, encoder.config());
    int width = encoder.layout().length();
    // step 4
    BufferedDataContainer out = exec.createDataContainer(outSpec);
    k = 0;
    for (DataRow r : in) {
      exec.checkCanceled();
      Structure s = structures.get((int) k++);
      DataCell[] cells = new DataCell[spec.getNumColumns() + width];
      for (int i = 0; i < spec.getNumColumns(); i++) {
        cells[i] = r.getCell(i);
      }
      if (s == null) {
        Arrays.fill(cells, spec.getNumColumns(), cells.length, DataType.getMissingCell());
      } else {
        float[] f = encoder.encode(s).features();
        for (int i = 0; i < width; i++) {
          cells[spec.getNumColumns() + i] = new DoubleCell(f[i]);
        }
        failures.processed();
      }
      out.addRowToTable(new DefaultRow(r.getKey(), cells));
      exec.setProgress(0.5 + 0.5 * k / n, "encoded " + k + " of " + in.size());
    }
    out.close();
    warn(failures);
    pushFlowVariableString(VAR_CONFIG, encoder.toJson());
    pushFlowVariableInt(VAR_LENGTH, width);
    return new PortObject[] {out.getTable()};
  }
}
