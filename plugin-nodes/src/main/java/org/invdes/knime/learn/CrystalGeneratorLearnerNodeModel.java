package org.invdes.knime.learn;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.model.CheckpointSelection;
import org.invdes.core.model.CvaeConfig;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.CvaeTrainer;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionEpochReport;
import org.invdes.core.model.DiffusionLossTerms;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.DiffusionTrainer;
import org.invdes.core.model.EpochReport;
import org.invdes.core.model.LossTerms;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.model.TrainingListener;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.stability.DerivedProperties;
import org.invdes.core.structure.Structure;
import org.invdes.knime.DjlSupport;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.KnimeProgress;
import org.invdes.knime.RowFailures;
import org.invdes.knime.StructureCells;
import org.invdes.knime.port.GeneratorPortObject;
import org.invdes.knime.port.GeneratorPortObjectSpec;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The Crystal Generator Learner: a table of structures with property columns to a trained
 * crystal generator (the {@link GeneratorPortObject} port) and its training history.
 *
 * <p>Execution: (1) read each row's structure (CIF text) and attach its property values (a
 * missing cell leaves that property unknown for the row); a row whose structure cannot be read
 * is skipped; (2) train the chosen generator — the conditional VAE with {@link
 * CvaeTrainer#train}, the periodic diffusion generator with {@link
 * DiffusionTrainer#trainReporting} (as {@code invdes train --generator diffusion}); both: encoding,
 * seeded split, mini-batch Adam with early stopping on the validation loss, best weights kept —
 * reporting the epochs as progress and polling cancellation before every batch; (3) capture the
 * model in the port object (its spec names the generator type); (4) one history row per epoch,
 * with the loss terms of the chosen generator ({@link #HISTORY} or {@link #DIFFUSION_HISTORY}).
 * With 'Diffusion: keep the epoch by validity of N samples' ({@code invdes train
 * --select-by-validity N}), step 2 scores checkpoints by the composition validity of their own
 * samples (seeded with the node's seed; a density bound takes the training structures'
 * densities as its reference) and keeps the best-scored epoch ({@link
 * CrystalGeneratorLearnerSettings#selection}); the history's {@value #CHECKPOINT_SCORE} column
 * holds the scores, missing at the epochs not scored.
 * Unreadable rows and the trainer's own skip message (rows that cannot be encoded or have no
 * property) make one warning.
 *
 * <p>Starting generator (optional second input; {@code invdes train --generator diffusion
 * --init-from MODEL}): when connected, step 2 goes on from its weights with its encoder
 * (vocabulary, site budget, normalisation) and its hyper-parameters, each overridden by a
 * diffusion option set away from its default ({@link
 * CrystalGeneratorLearnerSettings#diffusionConfig(DiffusionConfig, int)}); empty 'Properties'
 * takes its properties. Only a diffusion generator can go on: the generator type must be
 * Diffusion and the start a diffusion generator, conditioned on the same properties with the
 * same denoiser size; configure checks what the start's spec tells (type, properties, denoiser
 * size, site budget, type loss, atom-count input, element features, self-conditioning),
 * execute checks the rest ({@link DiffusionTrainer#checkStart}).
 *
 * <p>Flow variables: {@value #VAR_EPOCHS} (epochs run), {@value #VAR_BEST_EPOCH} (the epoch
 * whose weights were kept) and {@value #VAR_LOSS} (its validation loss, or its training loss
 * without a validation split).
 */
public final class CrystalGeneratorLearnerNodeModel
    extends InvdesNodeModel<CrystalGeneratorLearnerSettings> {
  /** Flow variable: epochs run. */
  public static final String VAR_EPOCHS = "invdes_learner_epochs";
  /** Flow variable: the kept epoch. */
  public static final String VAR_BEST_EPOCH = "invdes_learner_best_epoch";
  /** Flow variable: the kept epoch's validation (else training) loss. */
  public static final String VAR_LOSS = "invdes_learner_loss";
  /** The history table's epoch column. */
  public static final String EPOCH = "epoch";
  /** The history table's validation loss column. */
  public static final String VALIDATION_LOSS = "validation loss";

  private static final String[] TERMS = {"loss", "element loss", "coordinate loss",
      "lattice loss", "KL divergence", "property loss"};

  private static final String[] DIFFUSION_TERMS = {"loss", "lattice loss", "coordinate loss",
      "type loss"};

  /** The diffusion history table's column of the checkpoint scores. */
  public static final String CHECKPOINT_SCORE = "checkpoint score";

  /** The CVAE's history table: epoch, KL weight, training terms, validation terms, best epoch. */
  static final DataTableSpec HISTORY = history(List.of("KL weight"), TERMS, List.of());
  /**
   * The diffusion generator's history table: epoch, training terms, validation terms, best
   * epoch, checkpoint score (missing unless 'Diffusion: keep the epoch by validity of N
   * samples' scored the epoch).
   */
  static final DataTableSpec DIFFUSION_HISTORY = history(List.of(), DIFFUSION_TERMS,
      List.of(CHECKPOINT_SCORE));

  /** The input port of the optional starting generator. */
  static final int START_PORT = 1;

  CrystalGeneratorLearnerNodeModel() {
    super(new PortType[] {BufferedDataTable.TYPE, GeneratorPortObject.TYPE_OPTIONAL},
        new PortType[] {GeneratorPortObject.TYPE, BufferedDataTable.TYPE},
        new CrystalGeneratorLearnerSettings());
  }

  private static DataTableSpec history(List<String> extra, String[] terms,
      List<String> trailing) {
    List<String> names = new ArrayList<>(List.of(EPOCH));
    List<DataType> types = new ArrayList<>(List.of(IntCell.TYPE));
    for (String e : extra) {
      names.add(e);
      types.add(DoubleCell.TYPE);
    }
    for (String t : terms) {
      names.add(t);
      types.add(DoubleCell.TYPE);
    }
    for (String t : terms) {
      names.add("validation " + t);
      types.add(DoubleCell.TYPE);
    }
    names.add("best epoch");
    types.add(IntCell.TYPE);
    for (String t : trailing) {
      names.add(t);
      types.add(DoubleCell.TYPE);
    }
    return new DataTableSpec(names.toArray(new String[0]), types.toArray(new DataType[0]));
  }

  /** The columns resolved against the input spec. */
  private record Columns(int structure, List<String> properties, int[] indices) {}

  @Override
  protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    // null: not connected, or its generator is not trained yet (checked again in execute)
    GeneratorPortObjectSpec start = inSpecs.length > START_PORT
        ? (GeneratorPortObjectSpec) inSpecs[START_PORT] : null;
    if (start != null) {
      checkStartType(start);
      options().checkStart(start.hiddenDim(), start.layers(), start.maxSites());
      // a spec saved before the type process was recorded leaves it to execute
      String mismatch = start.typeLoss() == null ? null : options().typeProcessMismatch(
          start.typeLoss(), start.atomCountInput(), start.elementFeatures(),
          start.selfCondition());
      if (mismatch != null) {
        throw cannotGoOn(mismatch, null);
      }
      if (start.typeLoss() != null && options().isDiffusion()) {
        options().checkTypeOptions(start.typeLoss());
      }
    }
    columns((DataTableSpec) inSpecs[0], start == null ? null : start.propertyNames());
    if (options().isDiffusion()) {
      String ignored = options().ignoredSelectionOptions();
      if (ignored != null) {
        setWarningMessage(ignored);
      }
      if (start == null) {
        // with a starting generator, its epochs and diffusion times are known in execute
        options().selection(options().diffusionConfig(), null);
      }
    } else {
      options().config();
      String ignored = options().ignoredDiffusionOptions();
      if (ignored != null) {
        setWarningMessage(ignored);
      }
    }
    // the generator's spec (vocabulary, property ranges) is known once the data has been seen
    return new PortObjectSpec[] {null, options().isDiffusion() ? DIFFUSION_HISTORY : HISTORY};
  }

  /**
   * Refuses a starting generator the node cannot go on from: a CVAE, or any start while the
   * generator type is the CVAE.
   */
  private void checkStartType(GeneratorPortObjectSpec start) throws InvalidSettingsException {
    if (!start.isDiffusion()) {
      throw new InvalidSettingsException("The starting generator (second input) is a '"
          + start.generatorType() + "' generator; training can only go on from a diffusion"
          + " generator. Connect a diffusion generator or disconnect the second input.");
    }
    if (!options().isDiffusion()) {
      throw new InvalidSettingsException("A starting generator is connected to the second"
          + " input, which only the diffusion generator can go on from; set 'Generator type'"
          + " to '" + CrystalGeneratorLearnerSettings.DIFFUSION + "' or disconnect it.");
    }
  }

  /** @return the refusal of the starting generator for this reason (core's wording) */
  private static InvalidSettingsException cannotGoOn(String reason, Throwable cause) {
    return new InvalidSettingsException("Training cannot go on from the starting generator"
        + " (second input): " + reason + ".", cause);
  }

  /**
   * @param startProperties the starting generator's properties, or null without one
   */
  private Columns columns(DataTableSpec in, List<String> startProperties)
      throws InvalidSettingsException {
    int structure = StructureCells.structureColumn(in, options().structureColumn,
        "the training table");
    List<String> props = options().propertyList();
    if (startProperties != null) {
      if (props.isEmpty()) {
        props.addAll(startProperties);
      } else if (!props.equals(startProperties)) {
        throw new InvalidSettingsException("'Properties' names " + props + " but the starting"
            + " generator (second input) is conditioned on " + startProperties + "; list the"
            + " same properties in the same order, or leave 'Properties' empty to take the"
            + " starting generator's.");
      }
      for (String p : props) {
        if (in.findColumnIndex(p) < 0 && !DerivedProperties.isDerived(p)) {
          throw new InvalidSettingsException("The starting generator (second input) is"
              + " conditioned on '" + p + "', which is not a column of the training table; its"
              + " columns: " + StructureCells.columnList(in));
        }
      }
    }
    if (props.isEmpty()) {
      for (DataColumnSpec c : in) {
        if (c.getType().isCompatible(DoubleValue.class)) {
          props.add(c.getName());
        }
      }
      if (props.isEmpty()) {
        throw new InvalidSettingsException("The training table has no numeric column to"
            + " condition the generator on; add property columns (e.g. read a dataset CSV with"
            + " the Crystal Structure Reader) or name them in 'Properties'. Columns: "
            + StructureCells.columnList(in));
      }
    }
    int[] indices = new int[props.size()];
    for (int i = 0; i < indices.length; i++) {
      int k = in.findColumnIndex(props.get(i));
      if (k < 0 && DerivedProperties.isDerived(props.get(i))) {
        // derived from each structure when the rows are read
        indices[i] = -1;
        continue;
      }
      if (k < 0) {
        throw new InvalidSettingsException("The property '" + props.get(i) + "' in 'Properties'"
            + " is not a column of the training table, nor one derived from the structures "
            + DerivedProperties.NAMES + "; its columns: " + StructureCells.columnList(in));
      }
      if (!in.getColumnSpec(k).getType().isCompatible(DoubleValue.class)) {
        throw new InvalidSettingsException("The property column '" + props.get(i) + "' holds "
            + in.getColumnSpec(k).getType() + ", not numbers; name numeric columns in"
            + " 'Properties'.");
      }
      indices[i] = k;
    }
    return new Columns(structure, props, indices);
  }

  @Override
  protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec)
      throws Exception {
    BufferedDataTable in = (BufferedDataTable) inObjects[0];
    GeneratorPortObject start = inObjects.length > START_PORT
        ? (GeneratorPortObject) inObjects[START_PORT] : null;
    if (start != null) {
      checkStartType(start.getSpec());
    }
    Columns c = columns(in.getDataTableSpec(),
        start == null ? null : start.getSpec().propertyNames());
    boolean diffusion = options().isDiffusion();
    CvaeConfig config = diffusion ? null : options().config();
    DiffusionConfig diffusionConfig = diffusion && start == null
        ? options().diffusionConfig() : null;
    // step 1
    RowFailures failures = new RowFailures("skipped: no readable structure");
    List<Structure> structures = new ArrayList<>();
    long n = Math.max(1, in.size());
    long k = 0;
    for (DataRow r : in) {
      exec.checkCanceled();
      exec.setProgress(0.05 * k++ / n, "reading structure " + k + " of " + in.size());
      try {
        Structure s = StructureCells.structure(r.getCell(c.structure()));
        for (int i = 0; i < c.indices().length; i++) {
          if (c.indices()[i] < 0) {
            String name = c.properties().get(i);
            s = s.withProperty(name, DerivedProperties.value(s, name));
            continue;
          }
          DataCell v = r.getCell(c.indices()[i]);
          if (!v.isMissing()) {
            s = s.withProperty(c.properties().get(i), ((DoubleValue) v).getDoubleValue());
          }
        }
        structures.add(s);
        failures.processed();
      } catch (IllegalArgumentException e) {
        failures.failed(r.getKey().getString(), e.getMessage());
      }
    }
    if (structures.isEmpty()) {
      throw new IllegalArgumentException("None of the " + in.size() + " rows of the training"
          + " table holds a readable structure" + (failures.count() > 0 ? ": "
          + failures.message() : "") + ".");
    }
    // step 2
    List<String> warnings = new ArrayList<>();
    if (failures.count() > 0) {
      warnings.add(failures.message());
    }
    if (!diffusion && options().ignoredDiffusionOptions() != null) {
      warnings.add(options().ignoredDiffusionOptions());
    }
    if (options().ignoredSelectionOptions() != null) {
      warnings.add(options().ignoredSelectionOptions());
    }
    if (diffusion && start != null) {
      exec.setMessage("opening the starting generator");
      try (DiffusionModel initial = start.openDiffusionModel()) {
        DiffusionConfig continued = options().diffusionConfig(
            initial.manifest().hyperParameters(), initial.maxSites());
        try {
          DiffusionTrainer.checkStart(initial, c.properties(), continued);
        } catch (IllegalArgumentException e) {
          throw cannotGoOn(e.getMessage(), e);
        }
        List<String> overriding = options().overridingOptions();
        getLogger().info("going on from the starting generator ("
            + initial.manifest().epochsRun() + " epochs); "
            + (overriding.isEmpty() ? "no option overrides its hyper-parameters"
                : "options overriding its hyper-parameters: " + overriding));
        return trainDiffusion(structures, c.properties(), continued, exec, warnings, initial,
            options().selection(continued, densities(structures)));
      }
    }
    if (diffusion) {
      return trainDiffusion(structures, c.properties(), diffusionConfig, exec, warnings, null,
          options().selection(diffusionConfig, densities(structures)));
    }
    List<EpochReport> epochs = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }

      @Override
      public void epoch(EpochReport report) {
        epochs.add(report);
      }
    };
    GeneratorPortObject generator;
    // DJL finds its engine through the bundle's class loader (see DjlSupport)
    try (CvaeModel model = DjlSupport.call(() -> CvaeTrainer.train(structures, c.properties(),
        config, KnimeProgress.of(exec.createSubProgress(0.9)), listener))) {
      // step 3
      exec.setMessage("storing the trained generator");
      generator = GeneratorPortObject.of(model);
    } catch (CancelledException e) {
      throw canceled(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The generator cannot be trained on this table: "
          + e.getMessage(), e);
    }
    // step 4
    BufferedDataContainer history = exec.createDataContainer(HISTORY);
    for (EpochReport e : epochs) {
      List<DataCell> cells = new ArrayList<>();
      cells.add(new IntCell(e.epoch()));
      cells.add(new DoubleCell(e.klWeight()));
      cells.addAll(terms(e.train()));
      cells.addAll(terms(e.validation()));
      cells.add(new IntCell(e.bestEpoch()));
      history.addRowToTable(new DefaultRow(new RowKey("epoch " + e.epoch()), cells));
    }
    ModelManifest m = generator.manifest();
    LossTerms kept = m.metrics().validation() != null ? m.metrics().validation()
        : m.metrics().train();
    return finish(generator, history, epochs.size(), exec, warnings, m.metrics().epochsRun(),
        m.metrics().bestEpoch(), kept == null ? null : kept.total());
  }

  /**
   * The end of step 4 for either generator: closes the history, reports the warnings and
   * pushes the flow variables (the loss only when there is one).
   */
  private PortObject[] finish(GeneratorPortObject generator, BufferedDataContainer history,
      int epochs, ExecutionContext exec, List<String> warnings, int epochsRun, int bestEpoch,
      Double loss) {
    history.close();
    exec.setProgress(1.0, "trained " + epochs + " epochs");
    if (!warnings.isEmpty()) {
      setWarningMessage(String.join(". ", warnings));
    }
    pushFlowVariableInt(VAR_EPOCHS, epochsRun);
    pushFlowVariableInt(VAR_BEST_EPOCH, bestEpoch);
    if (loss != null) {
      pushFlowVariableDouble(VAR_LOSS, loss);
    }
    return new PortObject[] {generator, history.getTable()};
  }

  /**
   * Steps 2 to 4 for the diffusion generator, from random weights or, when {@code initial} is
   * not null, from the starting generator's; with a {@code selection} (else null) the kept
   * epoch is the best-scored checkpoint.
   */
  private PortObject[] trainDiffusion(List<Structure> structures, List<String> properties,
      DiffusionConfig config, ExecutionContext exec, List<String> warnings,
      DiffusionModel initial, CheckpointSelection selection) throws Exception {
    List<DiffusionEpochReport> epochs = new ArrayList<>();
    GeneratorPortObject generator;
    try (DiffusionModel model = DjlSupport.call(() -> DiffusionTrainer.trainReporting(
        structures, properties, config, KnimeProgress.of(exec.createSubProgress(0.9)),
        warnings::add, epochs::add, initial, selection))) {
      exec.setMessage("storing the trained generator");
      generator = GeneratorPortObject.of(model);
    } catch (CancelledException e) {
      throw canceled(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The diffusion generator cannot be trained on this"
          + " table: " + e.getMessage(), e);
    }
    BufferedDataContainer history = exec.createDataContainer(DIFFUSION_HISTORY);
    for (DiffusionEpochReport e : epochs) {
      List<DataCell> cells = new ArrayList<>();
      cells.add(new IntCell(e.epoch()));
      cells.addAll(diffusionTerms(e.train()));
      cells.addAll(diffusionTerms(e.validation()));
      cells.add(new IntCell(e.bestEpoch()));
      cells.add(Double.isFinite(e.checkpointScore()) ? new DoubleCell(e.checkpointScore())
          : DataType.getMissingCell());
      history.addRowToTable(new DefaultRow(new RowKey("epoch " + e.epoch()), cells));
    }
    DiffusionManifest m = generator.diffusionManifest();
    DiffusionLossTerms kept = m.validationLoss() != null ? m.validationLoss() : m.trainLoss();
    return finish(generator, history, epochs.size(), exec, warnings, m.epochsRun(),
        m.bestEpoch(), kept == null ? null : kept.total());
  }

  /**
   * The densities (g/cm³) of the training structures, the reference of the checkpoint
   * selection's density bound, as {@code invdes train --select-max-density-emd} takes them.
   */
  private static double[] densities(List<Structure> structures) {
    return structures.stream().mapToDouble(Structure::density).filter(Double::isFinite)
        .toArray();
  }

  /** The four diffusion loss terms as cells, missing when there are none (no validation). */
  private static List<DataCell> diffusionTerms(DiffusionLossTerms t) {
    double[] v = t == null ? null
        : new double[] {t.total(), t.lattice(), t.coordinates(), t.types()};
    List<DataCell> out = new ArrayList<>();
    for (int i = 0; i < DIFFUSION_TERMS.length; i++) {
      out.add(v == null || !Double.isFinite(v[i]) ? DataType.getMissingCell()
          : new DoubleCell(v[i]));
    }
    return out;
  }

  /** The six loss terms as cells, missing when there are none (no validation split). */
  private static List<DataCell> terms(LossTerms t) {
    List<DataCell> out = new ArrayList<>();
    double[] v = t == null ? null
        : new double[] {t.total(), t.elements(), t.coordinates(), t.lattice(), t.kl(),
            t.property()};
    for (int i = 0; i < TERMS.length; i++) {
      out.add(v == null || !Double.isFinite(v[i]) ? DataType.getMissingCell()
          : new DoubleCell(v[i]));
    }
    return out;
  }
}
