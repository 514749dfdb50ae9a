package org.invdes.knime.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.stability.CandidateFilter;
import org.invdes.core.stability.CheckResult;
import org.invdes.core.stability.CompositionValidity;
import org.invdes.core.stability.ConvexHull;
import org.invdes.core.stability.CovalentDistanceCheck;
import org.invdes.core.stability.EnergyAboveHullCheck;
import org.invdes.core.stability.GeometricValidity;
import org.invdes.core.stability.StabilityCheck;
import org.invdes.core.stability.StabilityFilter;
import org.invdes.core.stability.SurrogateEnergyCheck;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateManifest;
import org.invdes.core.surrogate.SurrogateModel;
import org.invdes.knime.DjlSupport;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.KnimeProgress;
import org.invdes.knime.RowFailures;
import org.invdes.knime.StructureCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
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
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The Crystal Stability Filter: candidates (and an optional table of reference phases) to the
 * candidates that pass every enabled check and those that do not, each with one score column
 * per check, a duplicate column, (with a reference table) a reference-match column and a reason
 * column.
 *
 * <p>The checks are those of {@code org.invdes.core.stability}: {@link GeometricValidity}
 * (score: the shortest interatomic distance, Å), {@link CovalentDistanceCheck} (score: the
 * smallest distance over the sum of covalent radii), {@link CompositionValidity} (score 1 or 0)
 * and, when the reference table is connected, {@link EnergyAboveHullCheck} against the convex
 * hull of the reference phases (score: energy above the hull, eV/atom; the candidates' formation
 * energies come from a column, e.g. a surrogate model's prediction).
 *
 * <p>With a formation-energy surrogate (a folder written by {@code invdes train-surrogate}), as
 * {@code invdes filter --surrogate MODEL} does: {@link SurrogateEnergyCheck} adds the column
 * {@code predicted_<property>} (the surrogate's prediction, eV/atom for a formation energy; a
 * candidate it cannot predict, e.g. with an element it was not trained on, is rejected), and
 * the hull check takes the prediction for candidates without an energy of their own ({@link
 * EnergyAboveHullCheck#withPredictor}) or, when the surrogate decides, for every candidate
 * ({@link EnergyAboveHullCheck#withPredictionFirst}). Without a chosen energy column, a
 * candidate column named like the surrogate's property gives the candidates' own energies.
 *
 * <p>Execution: (1) read the reference phases (rows without a readable structure or an energy
 * are skipped) and build the hull; (2) read the candidates' structures; a row that cannot be
 * read is rejected with that reason; (3) run every check on every candidate with {@link
 * StabilityFilter} on several threads (results in input order, progress and cancellation through
 * the execution monitor); (4) among the candidates that passed, find duplicates (the first of
 * each group of matching structures is the original) and, with a reference table, candidates
 * matching a reference structure, with {@link CandidateFilter} (the code {@code invdes filter}
 * uses); (5) write each row to the kept or the rejected table with its scores, the duplicate
 * and reference matches and, when rejected, the reasons (failed checks, "duplicate of", "not
 * novel") — duplicates and known structures are rejected unless the options say otherwise.
 * Skipped and unreadable rows are reported in one warning.
 *
 * <p>Flow variables: {@value #VAR_KEPT} and {@value #VAR_REJECTED} (row counts).
 */
public final class CrystalStabilityFilterNodeModel
    extends InvdesNodeModel<CrystalStabilityFilterSettings> {
  /** Score column of the geometric check, Å. */
  public static final String MIN_DISTANCE = "min distance (Å)";
  /** Score column of the covalent check, dimensionless. */
  public static final String COVALENT_RATIO = "covalent distance ratio";
  /** Score column of the composition check, 1 or 0. */
  public static final String COMPOSITION_VALID = "composition valid";
  /** Score column of the hull check, eV/atom. */
  public static final String E_ABOVE_HULL = "energy above hull (eV/atom)";
  /** The id (row ID) of the earlier candidate a candidate duplicates, missing if none. */
  public static final String DUPLICATE_OF = "duplicate of";
  /** The row ID of the reference structure a candidate matches, missing if none. */
  public static final String MATCHES_REFERENCE = "matches reference";
  /** The reason column: the failed checks' reasons, missing for kept rows. */
  public static final String REASON = "reason";
  /** Flow variable: the number of kept rows. */
  public static final String VAR_KEPT = "invdes_filter_kept";
  /** Flow variable: the number of rejected rows. */
  public static final String VAR_REJECTED = "invdes_filter_rejected";

  CrystalStabilityFilterNodeModel() {
    super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
        new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE},
        new CrystalStabilityFilterSettings());
  }

  /** The columns resolved against the input specs. */
  private record Columns(int structure, int energy, String energyName, int refStructure,
      int refEnergy, List<String> scores, int duplicateOf, int matchesReference,
      DataTableSpec out) {}

  /** The score column of the surrogate's prediction, as {@code invdes filter} names it. */
  public static String predictedColumn(String property) {
    return "predicted_" + property;
  }

  @Override
  protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    SurrogateManifest s = surrogateManifest();
    Columns c = columns((DataTableSpec) inSpecs[0], (DataTableSpec) inSpecs[1],
        s == null ? null : s.property());
    return new PortObjectSpec[] {c.out(), c.out()};
  }

  /** The chosen surrogate folder, or null without a surrogate. */
  private Path surrogateFolder() throws InvalidSettingsException {
    CrystalStabilityFilterSettings o = options();
    if (!o.useSurrogate.getBooleanValue()) {
      return null;
    }
    String folder = o.surrogate.getStringValue();
    if (folder == null || folder.isBlank()) {
      throw new InvalidSettingsException("'Use a formation-energy surrogate' is ticked but no"
          + " 'Surrogate model folder' is chosen; choose the folder 'invdes train-surrogate'"
          + " wrote, or untick the box.");
    }
    try {
      return Path.of(folder.trim());
    } catch (InvalidPathException e) {
      throw new InvalidSettingsException("'Surrogate model folder' is '" + folder + "', which"
          + " is not a valid path: " + e.getReason() + "; check it in the dialog.");
    }
  }

  /**
   * The chosen surrogate's manifest (read without the weights), or null without a surrogate.
   *
   * @throws InvalidSettingsException naming the folder when it is not a surrogate model
   */
  private SurrogateManifest surrogateManifest() throws InvalidSettingsException {
    Path dir = surrogateFolder();
    if (dir == null) {
      return null;
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidSettingsException("'Surrogate model folder' is '" + dir + "', which "
          + (Files.exists(dir) ? "is a file, not a folder" : "does not exist") + "; choose the"
          + " folder 'invdes train-surrogate' wrote (it holds manifest.json and the weights).");
    }
    Path file = dir.resolve(org.invdes.core.model.ModelManifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new InvalidSettingsException("'Surrogate model folder' is '" + dir + "', which is"
          + " not a surrogate model: it has no " + file.getFileName() + "; choose the folder"
          + " 'invdes train-surrogate' wrote.");
    }
    try {
      return SurrogateManifest.fromJson(Files.readString(file, StandardCharsets.UTF_8),
          file.toString());
    } catch (IOException e) {
      throw new InvalidSettingsException("'Surrogate model folder': cannot read " + file + ": "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("'Surrogate model folder' is '" + dir + "', which is"
          + " not a usable surrogate model: " + e.getMessage() + ". Choose a folder written by"
          + " 'invdes train-surrogate'.", e);
    }
  }

  private Columns columns(DataTableSpec in, DataTableSpec ref, String surrogateProperty)
      throws InvalidSettingsException {
    CrystalStabilityFilterSettings o = options();
    int structure = StructureCells.structureColumn(in, o.structureColumn, "the candidates table");
    List<String> scores = new ArrayList<>();
    if (o.geometric.getBooleanValue()) {
      scores.add(MIN_DISTANCE);
    }
    if (o.covalent.getBooleanValue()) {
      scores.add(COVALENT_RATIO);
    }
    if (o.composition.getBooleanValue()) {
      scores.add(COMPOSITION_VALID);
    }
    if (surrogateProperty != null) {
      scores.add(predictedColumn(surrogateProperty));
    }
    int energy = -1;
    String energyName = null;
    int refStructure = -1;
    int refEnergy = -1;
    if (ref != null) {
      refStructure = StructureCells.structureColumn(ref, o.referenceStructureColumn,
          "the reference table");
      refEnergy = numericColumn(ref, o.referenceEnergyColumn, "the reference table",
          "Formation energy column (reference)");
      String candidateEnergy = o.energyColumn.getStringValue();
      boolean chosen = candidateEnergy != null && !candidateEnergy.isBlank();
      if (!chosen && surrogateProperty != null) {
        // the surrogate predicts the energies; a column named like its property gives a
        // candidate's own energy (unless the surrogate decides)
        energyName = surrogateProperty;
        energy = isNumeric(in, surrogateProperty) ? in.findColumnIndex(surrogateProperty) : -1;
      } else if (!chosen) {
        String guess = guessEnergy(in, o.referenceEnergyColumn.getStringValue());
        if (guess == null) {
          throw new InvalidSettingsException("With a reference table connected, the energy above"
              + " hull check needs the candidates' formation energies (eV/atom, e.g. predicted by"
              + " a model): choose their column in 'Formation energy column (candidates)', or"
              + " disconnect the reference table. Candidate columns: "
              + StructureCells.columnList(in));
        }
        o.energyColumn.setStringValue(guess);
      }
      if (energyName == null) {
        energy = numericColumn(in, o.energyColumn, "the candidates table",
            "Formation energy column (candidates)");
        energyName = o.energyColumn.getStringValue();
      }
      scores.add(E_ABOVE_HULL);
    }
    if (scores.isEmpty()) {
      throw new InvalidSettingsException("Every check is switched off and no reference table is"
          + " connected; enable at least one check in the dialog.");
    }
    List<DataColumnSpec> cols = new ArrayList<>();
    in.forEach(cols::add);
    DataTableSpec sofar = in;
    for (String s : scores) {
      cols.add(new DataColumnSpecCreator(DataTableSpec.getUniqueColumnName(sofar, s),
          DoubleCell.TYPE).createSpec());
      sofar = new DataTableSpec(cols.toArray(new DataColumnSpec[0]));
    }
    List<String> labels = new ArrayList<>(List.of(DUPLICATE_OF));
    if (ref != null) {
      labels.add(MATCHES_REFERENCE);
    }
    labels.add(REASON);
    for (String s : labels) {
      cols.add(new DataColumnSpecCreator(DataTableSpec.getUniqueColumnName(sofar, s),
          StringCell.TYPE).createSpec());
      sofar = new DataTableSpec(cols.toArray(new DataColumnSpec[0]));
    }
    int duplicateOf = in.getNumColumns() + scores.size();
    return new Columns(structure, energy, energyName, refStructure, refEnergy, scores,
        duplicateOf, ref == null ? -1 : duplicateOf + 1, sofar);
  }

  private static boolean isNumeric(DataTableSpec spec, String name) {
    DataColumnSpec c = name == null ? null : spec.getColumnSpec(name);
    return c != null && c.getType().isCompatible(DoubleValue.class);
  }

  /**
   * The energy column to use when none is chosen: the preferred name, else the column named
   * {@value EnergyAboveHullCheck#DEFAULT_PROPERTY}, else the only numeric column whose name
   * contains "energy", else the only numeric column; null when none of these decides.
   */
  static String guessEnergy(DataTableSpec spec, String preferred) {
    if (isNumeric(spec, preferred)) {
      return preferred;
    }
    if (isNumeric(spec, EnergyAboveHullCheck.DEFAULT_PROPERTY)) {
      return EnergyAboveHullCheck.DEFAULT_PROPERTY;
    }
    List<String> numeric = new ArrayList<>();
    List<String> energies = new ArrayList<>();
    for (DataColumnSpec c : spec) {
      if (c.getType().isCompatible(DoubleValue.class)) {
        numeric.add(c.getName());
        if (c.getName().toLowerCase(Locale.ROOT).contains("energy")) {
          energies.add(c.getName());
        }
      }
    }
    return energies.size() == 1 ? energies.get(0) : numeric.size() == 1 ? numeric.get(0) : null;
  }

  /** The configured numeric column, or the guessed one (stored in the option). */
  private static int numericColumn(DataTableSpec spec, SettingsModelString option, String port,
      String label) throws InvalidSettingsException {
    String name = option.getStringValue();
    if (name == null || name.isBlank()) {
      name = guessEnergy(spec, null);
      if (name == null) {
        throw new InvalidSettingsException("Choose the formation energy column (eV/atom) of "
            + port + " in '" + label + "'; its columns: " + StructureCells.columnList(spec));
      }
      option.setStringValue(name);
    }
    int i = spec.findColumnIndex(name);
    if (i < 0 || !spec.getColumnSpec(i).getType().isCompatible(DoubleValue.class)) {
      throw new InvalidSettingsException("'" + label + "' is '" + name + "', which is "
          + (i < 0 ? "not a column of " + port : "not numeric") + "; choose a numeric column of "
          + port + ": " + StructureCells.columnList(spec));
    }
    return i;
  }

  @Override
  protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec)
      throws Exception {
    BufferedDataTable in = (BufferedDataTable) inObjects[0];
    BufferedDataTable ref = (BufferedDataTable) inObjects[1];
    Path surrogateFolder = surrogateFolder();
    SurrogateManifest manifest = surrogateManifest();
    Columns c = columns(in.getDataTableSpec(), ref == null ? null : ref.getDataTableSpec(),
        manifest == null ? null : manifest.property());
    SurrogateModel surrogate = null;
    if (surrogateFolder != null) {
      exec.setMessage("loading the surrogate");
      try {
        surrogate = DjlSupport.call(() -> SurrogateModel.load(surrogateFolder));
      } catch (IOException | IllegalArgumentException e) {
        throw new InvalidSettingsException("'Surrogate model folder' is '" + surrogateFolder
            + "', whose model does not load: " + e.getMessage(), e);
      }
    }
    try {
      return execute(in, ref, c, surrogate, exec);
    } finally {
      if (surrogate != null) {
        surrogate.close();
      }
    }
  }

  private PortObject[] execute(BufferedDataTable in, BufferedDataTable ref, Columns c,
      SurrogateModel surrogate, ExecutionContext exec) throws Exception {
    RowFailures failures = new RowFailures("rejected, with missing scores");
    List<String> notes = new ArrayList<>();
    // step 1
    String energyProperty = null;
    List<StabilityCheck> checks = new ArrayList<>(baseChecks());
    SurrogateEnergyCheck predicted = null;
    if (surrogate != null) {
      predicted = SurrogateEnergyCheck.of(surrogate);
      checks.add(predicted);
    }
    List<Structure> known = new ArrayList<>();
    List<String> knownIds = new ArrayList<>();
    if (ref != null) {
      energyProperty = c.energyName();
      ConvexHull hull = hull(ref, c, exec, notes, known, knownIds);
      EnergyAboveHullCheck hullCheck = EnergyAboveHullCheck.of(hull, energyProperty,
          options().threshold.getDoubleValue());
      if (predicted != null) {
        String refEnergy = ref.getDataTableSpec().getColumnSpec(c.refEnergy()).getName();
        if (!refEnergy.equals(surrogate.property())) {
          notes.add("the surrogate predicts '" + surrogate.property() + "' but the hull is"
              + " built from the reference column '" + refEnergy + "'; make sure both are the"
              + " same formation energy (eV/atom)");
        }
        hullCheck = options().surrogateDecides.getBooleanValue()
            ? hullCheck.withPredictionFirst(predicted) : hullCheck.withPredictor(predicted);
      }
      checks.add(hullCheck);
    }
    // step 2
    List<Structure> structures = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    long n = Math.max(1, in.size());
    long k = 0;
    for (DataRow r : in) {
      exec.checkCanceled();
      exec.setProgress(0.1 * k++ / n, "reading candidate " + k + " of " + in.size());
      try {
        Structure s = StructureCells.structure(r.getCell(c.structure()));
        if (energyProperty != null && c.energy() >= 0 && !r.getCell(c.energy()).isMissing()) {
          s = s.withProperty(energyProperty,
              ((DoubleValue) r.getCell(c.energy())).getDoubleValue());
        }
        structures.add(s);
        unreadable.add(null);
      } catch (IllegalArgumentException e) {
        structures.add(null);
        unreadable.add("the structure cannot be read: " + e.getMessage());
        failures.failed(r.getKey().getString(), e.getMessage());
      }
    }
    // step 3
    List<Structure> readable = new ArrayList<>();
    List<String> readableIds = new ArrayList<>();
    k = 0;
    for (DataRow r : in) {
      if (structures.get((int) k) != null) {
        readable.add(structures.get((int) k));
        readableIds.add(r.getKey().getString());
      }
      k++;
    }
    StabilityFilter filter = StabilityFilter.of(checks).withThreads(options().threadCount());
    List<StabilityFilter.Evaluation> evaluations;
    try {
      evaluations = filter.evaluateAll(readable, KnimeProgress.of(exec.createSubProgress(0.6)));
    } catch (CancelledException e) {
      throw canceled(e);
    }
    // step 4
    boolean[] passed = new boolean[evaluations.size()];
    for (int i = 0; i < passed.length; i++) {
      passed[i] = evaluations.get(i).passed();
    }
    CandidateFilter.Result matches;
    try {
      exec.setMessage("looking for duplicates" + (known.isEmpty() ? "" : " and known structures"));
      matches = CandidateFilter.defaults().assess(readable, readableIds, passed, known, knownIds,
          KnimeProgress.of(exec.createSubProgress(0.25)));
    } catch (CancelledException e) {
      throw canceled(e);
    }
    // step 5
    BufferedDataContainer kept = exec.createDataContainer(c.out());
    BufferedDataContainer rejected = exec.createDataContainer(c.out());
    int inputColumns = in.getDataTableSpec().getNumColumns();
    int next = 0;
    k = 0;
    for (DataRow r : in) {
      exec.checkCanceled();
      DataCell[] cells = new DataCell[c.out().getNumColumns()];
      for (int i = 0; i < inputColumns; i++) {
        cells[i] = r.getCell(i);
      }
      String reason = unreadable.get((int) k);
      if (reason != null) {
        for (int i = inputColumns; i < cells.length - 1; i++) {
          cells[i] = DataType.getMissingCell();
        }
      } else {
        int j = next++;
        StabilityFilter.Evaluation e = evaluations.get(j);
        List<CheckResult> results = e.results();
        for (int i = 0; i < results.size(); i++) {
          double score = results.get(i).score();
          cells[inputColumns + i] = Double.isNaN(score) ? DataType.getMissingCell()
              : new DoubleCell(score);
        }
        cells[c.duplicateOf()] = text(matches.duplicateOf().get(j));
        if (c.matchesReference() >= 0) {
          cells[c.matchesReference()] = text(matches.matchesReference().get(j));
        }
        List<String> reasons = new ArrayList<>();
        if (!e.passed()) {
          reasons.add(e.reason());
        }
        reasons.addAll(matches.reasons(j, !options().rejectDuplicates.getBooleanValue(),
            !options().rejectKnown.getBooleanValue()));
        reason = reasons.isEmpty() ? null : String.join("; ", reasons);
        failures.processed();
      }
      cells[cells.length - 1] = reason == null ? DataType.getMissingCell()
          : new StringCell(reason);
      (reason == null ? kept : rejected).addRowToTable(new DefaultRow(r.getKey(), cells));
      k++;
    }
    kept.close();
    rejected.close();
    exec.setProgress(1.0, "kept " + kept.size() + " of " + in.size());
    List<String> warning = new ArrayList<>(notes);
    if (failures.count() > 0) {
      warning.add(0, failures.message());
    }
    if (!warning.isEmpty()) {
      setWarningMessage(String.join(". ", warning));
    }
    pushFlowVariableInt(VAR_KEPT, (int) kept.size());
    pushFlowVariableInt(VAR_REJECTED, (int) rejected.size());
    return new PortObject[] {kept.getTable(), rejected.getTable()};
  }

  private static DataCell text(String s) {
    return s == null ? DataType.getMissingCell() : new StringCell(s);
  }

  /** The enabled checks without the hull, in the order of the score columns. */
  List<StabilityCheck> baseChecks() {
    CrystalStabilityFilterSettings o = options();
    List<StabilityCheck> checks = new ArrayList<>();
    if (o.geometric.getBooleanValue()) {
      checks.add(GeometricValidity.of(o.minDistance.getDoubleValue(),
          o.minVolume.getDoubleValue()));
    }
    if (o.covalent.getBooleanValue()) {
      checks.add(CovalentDistanceCheck.withFactor(o.covalentFactor.getDoubleValue()));
    }
    if (o.composition.getBooleanValue()) {
      checks.add(o.pauling.getBooleanValue() && o.alloys.getBooleanValue()
          ? CompositionValidity.standard()
          : CompositionValidity.of(o.pauling.getBooleanValue(), o.alloys.getBooleanValue()));
    }
    return checks;
  }

  /**
   * The hull of the reference phases; unusable rows are counted into a note. Every readable
   * reference structure (with or without an energy) goes to {@code known}, its row ID to {@code
   * knownIds}, for the novelty check.
   */
  private static ConvexHull hull(BufferedDataTable ref, Columns c, ExecutionContext exec,
      List<String> notes, List<Structure> known, List<String> knownIds) throws Exception {
    List<ConvexHull.Entry> entries = new ArrayList<>();
    int skipped = 0;
    String firstReason = null;
    for (DataRow r : ref) {
      exec.checkCanceled();
      DataCell e = r.getCell(c.refEnergy());
      try {
        Structure s = StructureCells.structure(r.getCell(c.refStructure()));
        known.add(s);
        knownIds.add(r.getKey().getString());
        if (e.isMissing()) {
          throw new IllegalArgumentException("the formation energy is missing");
        }
        entries.add(new ConvexHull.Entry(r.getKey().getString(), s.composition(),
            ((DoubleValue) e).getDoubleValue()));
      } catch (IllegalArgumentException x) {
        skipped++;
        firstReason = firstReason == null ? r.getKey().getString() + ": " + x.getMessage()
            : firstReason;
      }
    }
    exec.setMessage("built the hull of " + entries.size() + " reference phases");
    if (entries.isEmpty()) {
      throw new InvalidSettingsException("None of the " + ref.size() + " rows of the reference"
          + " table gives a phase (a readable structure and a formation energy)"
          + (firstReason == null ? "" : "; the first: " + firstReason));
    }
    if (skipped > 0) {
      notes.add(skipped + " of " + ref.size() + " reference rows were skipped (" + firstReason
          + (skipped > 1 ? "; …" : "") + ")");
    }
    return ConvexHull.of(entries);
  }
}
