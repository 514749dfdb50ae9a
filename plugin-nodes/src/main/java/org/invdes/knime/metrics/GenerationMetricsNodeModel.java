package org.invdes.knime.metrics;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.metrics.BenchmarkDataset;
import org.invdes.core.metrics.Coverage;
import org.invdes.core.metrics.EvaluationOptions;
import org.invdes.core.metrics.GenerationMetrics;
import org.invdes.core.metrics.GenerationReport;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.structure.Structure;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.KnimeProgress;
import org.invdes.knime.RowFailures;
import org.invdes.knime.StructureCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Generation Metrics: a generated set, a reference (test) set and optionally the training set to
 * the CDVAE benchmark's generation metrics ({@link GenerationMetrics#evaluate}), one row per
 * metric.
 *
 * <p>Execution: (1) read the structures of the three tables (with the property, when one is
 * chosen); a generated row that cannot be read counts as invalid, a reference or training row
 * that cannot be read is left out, all reported in one warning; (2) evaluate, with progress and
 * cancellation; (3) one row per metric: {@value #METRIC} (its name), {@value #VALUE} (missing
 * when it cannot be computed, e.g. novelty without training set), {@value #UNIT} and {@value
 * #PUBLISHED} (CDVAE's published value on the chosen benchmark dataset, see {@link
 * PublishedResults}). Row IDs are the report's JSON keys ({@code struct_valid_pct}, …).
 *
 * <p>Flow variables: {@code invdes_metric_<key>} for every computed metric (doubles).
 */
public final class GenerationMetricsNodeModel extends InvdesNodeModel<GenerationMetricsSettings> {
  /** Output: the metric's name. */
  public static final String METRIC = "metric";
  /** Output: its value. */
  public static final String VALUE = "value";
  /** Output: its unit. */
  public static final String UNIT = "unit";
  /** Output: CDVAE's published value. */
  public static final String PUBLISHED = "CDVAE (published)";
  /** The prefix of the flow variables. */
  public static final String VAR_PREFIX = "invdes_metric_";

  static final DataTableSpec OUT = new DataTableSpec(
      new String[] {METRIC, VALUE, UNIT, PUBLISHED},
      new DataType[] {StringCell.TYPE, DoubleCell.TYPE, StringCell.TYPE, DoubleCell.TYPE});

  GenerationMetricsNodeModel() {
    super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE,
        BufferedDataTable.TYPE_OPTIONAL}, new PortType[] {BufferedDataTable.TYPE},
        new GenerationMetricsSettings());
  }

  /** The resolved columns: structure and property (-1: none) of each table. */
  private record Columns(int generated, int generatedProperty, int reference,
      int referenceProperty, int training) {}

  @Override
  protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    columns((DataTableSpec) inSpecs[0], (DataTableSpec) inSpecs[1],
        (DataTableSpec) inSpecs[2]);
    return new PortObjectSpec[] {OUT};
  }

  private Columns columns(DataTableSpec gen, DataTableSpec ref, DataTableSpec train)
      throws InvalidSettingsException {
    GenerationMetricsSettings o = options();
    int g = StructureCells.structureColumn(gen, o.generatedColumn, "the generated table");
    int r = StructureCells.structureColumn(ref, o.referenceColumn, "the reference table");
    int t = train == null ? -1
        : StructureCells.structureColumn(train, o.trainingColumn, "the training table");
    String p = o.propertyName();
    return new Columns(g, p == null ? -1 : numeric(gen, p, "the generated table"), r,
        p == null ? -1 : numeric(ref, p, "the reference table"), t);
  }

  private static int numeric(DataTableSpec spec, String name, String port)
      throws InvalidSettingsException {
    int i = spec.findColumnIndex(name);
    if (i < 0 || !spec.getColumnSpec(i).getType().isCompatible(DoubleValue.class)) {
      throw new InvalidSettingsException("The property '" + name + "' is " + (i < 0
          ? "not a column of " + port : "not numeric in " + port) + "; name a numeric column"
          + " both the generated and the reference table have (e.g. the sampler's prediction"
          + " and the data's value), or leave 'Property' empty. Columns of " + port + ": "
          + StructureCells.columnList(spec));
    }
    return i;
  }

  @Override
  protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec)
      throws Exception {
    BufferedDataTable gen = (BufferedDataTable) inObjects[0];
    BufferedDataTable ref = (BufferedDataTable) inObjects[1];
    BufferedDataTable train = (BufferedDataTable) inObjects[2];
    Columns c = columns(gen.getDataTableSpec(), ref.getDataTableSpec(),
        train == null ? null : train.getDataTableSpec());
    GenerationMetricsSettings o = options();
    String property = o.propertyName();
    // step 1
    List<String> notes = new ArrayList<>();
    ExecutionMonitor reading = exec.createSubProgress(0.1);
    List<Structure> generated = read(gen, c.generated(), c.generatedProperty(), property,
        "generated", "counted as invalid", reading, notes);
    int unreadable = (int) gen.size() - generated.size();
    List<Structure> reference = read(ref, c.reference(), c.referenceProperty(), property,
        "reference", "left out", reading, notes);
    if (reference.isEmpty()) {
      throw new IllegalArgumentException("None of the " + ref.size() + " rows of the reference"
          + " table holds a readable structure; connect a table of real crystals (CIF text).");
    }
    List<Structure> training = train == null ? List.of()
        : read(train, c.training(), -1, null, "training", "left out", reading, notes);
    // step 2
    EvaluationOptions options = EvaluationOptions.defaults()
        .withSampleSize(o.samples.getIntValue()).withSeed(o.seed.getIntValue())
        .withThreads(o.threadCount());
    String dataset = o.dataset.getStringValue();
    if (!GenerationMetricsSettings.NONE.equals(dataset)) {
      options = options.withThresholds(BenchmarkDataset.lookup(dataset).orElseThrow()
          .coverageThresholds());
    }
    if (property != null) {
      options = options.withProperty(property);
    }
    GenerationReport report;
    try {
      report = GenerationMetrics.evaluate(generated, unreadable, reference, training, options,
          KnimeProgress.of(exec.createSubProgress(0.9)));
    } catch (CancelledException e) {
      throw canceled(e);
    }
    // step 3
    BufferedDataContainer out = exec.createDataContainer(OUT);
    for (Row r : rows(report)) {
      DataCell published = PublishedResults.cdvae(dataset, r.key())
          .<DataCell>map(DoubleCell::new).orElse(DataType.getMissingCell());
      out.addRowToTable(new DefaultRow(r.key(), new StringCell(r.name()),
          r.value() == null ? DataType.getMissingCell() : new DoubleCell(r.value()),
          new StringCell(r.unit()), published));
      if (r.value() != null) {
        pushFlowVariableDouble(VAR_PREFIX + r.key(), r.value());
      }
    }
    out.close();
    if (!notes.isEmpty()) {
      setWarningMessage(String.join(". ", notes));
    }
    return new PortObject[] {out.getTable()};
  }

  /** One metric row. */
  record Row(String key, String name, Double value, String unit) {}

  /** The report's figures as rows, in the order the CDVAE benchmark lists them. */
  static List<Row> rows(GenerationReport r) {
    List<Row> out = new ArrayList<>();
    GenerationReport.Counts n = r.counts();
    out.add(new Row("generated", "generated structures", (double) n.generated(), "count"));
    out.add(new Row("unreadable", "unreadable generated rows", (double) n.unreadable(),
        "count"));
    out.add(new Row("reference", "reference structures", (double) n.reference(), "count"));
    out.add(new Row("training", "training structures", (double) n.training(), "count"));
    out.add(new Row("struct_valid_pct", "structure validity", r.validity().structurePercent(),
        "%"));
    out.add(new Row("comp_valid_pct", "composition validity",
        r.validity().compositionPercent(), "%"));
    out.add(new Row("valid_pct", "validity (both)", r.validity().validPercent(), "%"));
    GenerationReport.DistributionDistances d = r.distributions();
    out.add(new Row("emd_samples", "valid structures drawn for the distances",
        (double) d.samples(), "count"));
    out.add(new Row("wdist_density", "density EMD", d.density(), "g/cm³"));
    out.add(new Row("wdist_num_elems", "number of elements EMD", d.numElements(), "elements"));
    if (d.property() != null) {
      out.add(new Row("wdist_prop", d.property() + " EMD", d.propertyDistance(),
          "unit of " + d.property()));
    }
    Coverage.Report cov = r.coverage();
    out.add(new Row("cov_recall_pct", "COV-R", cov.recallPercent(), "%"));
    out.add(new Row("cov_precision_pct", "COV-P", cov.precisionPercent(), "%"));
    out.add(new Row("amsd_recall", "mean nearest structure distance (recall)",
        cov.amsdRecall(), "fingerprint distance"));
    out.add(new Row("amsd_precision", "mean nearest structure distance (precision)",
        cov.amsdPrecision(), "fingerprint distance"));
    out.add(new Row("amcd_recall", "mean nearest composition distance (recall)",
        cov.amcdRecall(), "fingerprint distance"));
    out.add(new Row("amcd_precision", "mean nearest composition distance (precision)",
        cov.amcdPrecision(), "fingerprint distance"));
    out.add(new Row("unique_pct", "uniqueness", r.diversity().uniquePercent(), "%"));
    out.add(new Row("novel_pct", "novelty", r.diversity().novelPercent(), "%"));
    return out;
  }

  /**
   * The readable structures of a table, with the property attached when its cell has a value;
   * unreadable rows go into one note.
   */
  private static List<Structure> read(BufferedDataTable t, int column, int propertyColumn,
      String property, String role, String fate, ExecutionMonitor exec, List<String> notes)
      throws Exception {
    RowFailures failures = new RowFailures(fate);
    List<Structure> out = new ArrayList<>();
    long k = 0;
    for (DataRow r : t) {
      exec.checkCanceled();
      if (k++ % 100 == 0) {
        exec.setMessage("reading the " + role + " structures (" + k + " of " + t.size() + ")");
      }
      try {
        Structure s = StructureCells.structure(r.getCell(column));
        if (propertyColumn >= 0 && !r.getCell(propertyColumn).isMissing()) {
          s = s.withProperty(property,
              ((DoubleValue) r.getCell(propertyColumn)).getDoubleValue());
        }
        out.add(s);
        failures.processed();
      } catch (IllegalArgumentException e) {
        failures.failed(r.getKey().getString(), e.getMessage());
      }
    }
    if (failures.count() > 0) {
      notes.add(role + " table: " + failures.message());
    }
    return out;
  }
}
