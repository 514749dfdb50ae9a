package org.invdes.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.encoding.CellChoice;
import org.invdes.core.model.CheckpointSelection;
import org.invdes.core.model.CvaeConfig;
import org.invdes.core.model.CvaeTrainer;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.DiffusionTrainer;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.model.TrainingListener;
import org.invdes.core.sampling.ValiditySelection;
import org.invdes.core.stability.DerivedProperties;
import org.invdes.core.structure.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes train}: trains a generator (the conditional VAE, or with {@code --generator
 * diffusion} the periodic diffusion generator) on a dataset CSV and saves the model.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Train a generator (DJL, PyTorch on the CPU) on a dataset CSV (id,"
        + " cif, property columns) and save it as a model directory (weights +"
        + " manifest.json): the conditional VAE (--generator vae, the default) or the periodic"
        + " diffusion generator (--generator diffusion; 'invdes sample' tells them apart). Rows that cannot be encoded or lack every listed property are"
        + " skipped with one warning. Progress goes to stderr, a JSON summary to stdout. The"
        + " model directory is written whole or not at all (Ctrl-C stops training and leaves"
        + " nothing). On a shared machine set OMP_WAIT_POLICY=PASSIVE (the ./invdes launcher"
        + " does) or the PyTorch threads spin against other processes.",
    footer = {"", "Example:",
        "  invdes train --data perov.csv --properties heat_ref --out perov-model --seed 42",
        "  invdes train --generator diffusion --data perov.csv --properties heat_ref \\",
        "      --out perov-diffusion --epochs 100"})
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Dataset CSV (optionally .gz) with a cif column and the property columns.")
  Path data;

  @Option(names = "--properties", required = true, split = ",", paramLabel = "P1,P2",
      description = "Property columns to condition on (at least one). charge_balanced, when"
          + " the data has no such column, is derived from each structure: 1 when its"
          + " composition can be charge balanced (SMACT's rule, as invdes filter), else 0;"
          + " sample with --target charge_balanced=1.")
  List<String> properties;

  @Option(names = "--out", required = true, paramLabel = "MODEL",
      description = "Model directory to create; must not exist.")
  Path out;

  @Option(names = "--generator", paramLabel = "vae|diffusion",
      description = "The generator to train (default ${DEFAULT-VALUE}).")
  String generator = "vae";

  @Option(names = "--epochs",
      description = "Most epochs (default ${DEFAULT-VALUE}; diffusion: "
          + DIFFUSION_EPOCHS + ").")
  int epochs = CvaeConfig.defaults().maxEpochs();

  @Option(names = "--layers", description = "Diffusion only: message-passing layers (default "
      + DIFFUSION_LAYERS + ").")
  Integer layers;

  @Option(names = "--timesteps", description = "Diffusion only: diffusion times T (default "
      + DIFFUSION_TIMESTEPS + ").")
  Integer timesteps;

  @Option(names = "--sample-steps", description = "Diffusion only: the model's default"
      + " predictor-corrector steps for 'invdes sample' (default " + DIFFUSION_SAMPLE_STEPS
      + ").")
  Integer sampleSteps;

  @Option(names = "--guidance", description = "Diffusion only: the model's default guidance"
      + " strength for 'invdes sample' (default " + DIFFUSION_GUIDANCE + ").")
  Double guidance;

  @Option(names = "--condition-dropout", paramLabel = "P",
      description = "Diffusion only: probability of hiding a row's condition in training"
          + " (default " + DIFFUSION_DROPOUT + ").")
  Double conditionDropout;

  @Option(names = "--type-loss", paramLabel = "crossEntropy|epsilon|masked",
      description = "Diffusion only: how atom types are diffused, predicted and trained:"
          + " crossEntropy (Gaussian one-hot diffusion, logits of the clean type), epsilon (the"
          + " noise, DiffCSP's MSE) or masked (absorbing diffusion: types hidden at random and"
          + " revealed one by one when sampling, as MatterGen's D3PM) (default "
          + DIFFUSION_TYPE_LOSS + ").")
  String typeLoss;

  @Option(names = "--ema-decay", paramLabel = "D",
      description = "Diffusion only: decay of the moving average of the weights that is"
          + " validated and saved, 0 for the raw weights (default " + DIFFUSION_EMA + ").")
  Double emaDecay;

  @Option(names = "--atom-count-batches", arity = "1", paramLabel = "true|false",
      description = "Diffusion only: training batches of cells with one atom count each, each"
          + " run without padding (true), or mixed batches padded to their largest cell"
          + " (false) (default " + DIFFUSION_ATOM_COUNT_BATCHES + ").")
  Boolean atomCountBatches;

  @Option(names = "--atom-count-input", description = "Diffusion only: tell the denoiser"
      + " each cell's number of atoms, so that it can choose elements whose stoichiometry fits"
      + " the cell (with --init-from: the starting model's choice, which cannot change).")
  boolean atomCountInput;

  @Option(names = "--element-features", description = "Diffusion only: give the denoiser fixed"
      + " chemical descriptors of the elements (period, group, electronegativity, covalent"
      + " radius, metal flag, common oxidation states), so that what it learns of one element"
      + " carries over to similar ones (with --init-from: the starting model's choice, which"
      + " cannot change).")
  boolean elementFeatures;

  @Option(names = "--self-condition", description = "Diffusion only, with --type-loss masked or"
      + " crossEntropy: let the denoiser see its own previous estimate of every atom's type,"
      + " so that each atom's type is chosen knowing what the others are likely to become"
      + " (training does a second pass on half of the batches; with --init-from: the starting"
      + " model's choice, which cannot change).")
  boolean selfCondition;

  @Option(names = "--mask-exponent", paramLabel = "P", description = "Diffusion only, with"
      + " --type-loss masked: hide each atom's type at time t with probability (t/T)^P; below 1"
      + " types stay hidden until the coordinates have formed, above 1 they are revealed"
      + " earlier (default 1, linear).")
  Double maskExponent;

  @Option(names = "--select-by-validity", paramLabel = "N", description = "Diffusion only:"
      + " keep the epoch whose N samples (conditions drawn from the training rows) have the most"
      + " valid (charge-balanced) compositions, instead of the lowest validation loss; scored"
      + " every --select-every epochs from --select-from on (validation loss still drives"
      + " learning-rate halving and early stopping). Each scoring costs N samples' time.")
  Integer selectByValidity;

  @Option(names = "--select-every", paramLabel = "K", description = "With --select-by-validity:"
      + " epochs between scored checkpoints (default " + SELECT_EVERY + ").")
  Integer selectEvery;

  @Option(names = "--select-from", paramLabel = "E", description = "With --select-by-validity:"
      + " the first scored epoch (default half of the epochs); the last epoch is always scored.")
  Integer selectFrom;

  @Option(names = "--select-steps", paramLabel = "S", description = "With --select-by-validity:"
      + " sampling steps of the scoring samples (default --sample-steps); use what you will"
      + " sample with.")
  Integer selectSteps;

  @Option(names = "--select-guidance", paramLabel = "W", description = "With"
      + " --select-by-validity: guidance strength of the scoring samples (default --guidance);"
      + " use what you will sample with.")
  Double selectGuidance;

  @Option(names = "--select-max-density-emd", paramLabel = "D", description = "With"
      + " --select-by-validity: prefer checkpoints whose samples' density distribution is within"
      + " D g/cm³ (earth mover's distance) of the training rows' densities; one beyond it is kept"
      + " only if none is within (default: no bound).")
  Double selectMaxDensityEmd;

  @Option(names = "--latent", description = "Latent dimension (default ${DEFAULT-VALUE}).")
  int latent = CvaeConfig.defaults().latentDim();

  @Option(names = "--hidden", description = "Hidden units per layer (default ${DEFAULT-VALUE};"
      + " diffusion: " + DIFFUSION_HIDDEN + ").")
  int hidden = CvaeConfig.defaults().hiddenDim();

  @Option(names = "--batch", description = "Mini-batch rows (default ${DEFAULT-VALUE};"
      + " diffusion: " + DIFFUSION_BATCH + ").")
  int batch = CvaeConfig.defaults().batchSize();

  @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE};"
      + " diffusion: " + DIFFUSION_LR + ").")
  double lr = CvaeConfig.defaults().learningRate();

  @Option(names = "--beta", description = "KL weight after warm-up (default ${DEFAULT-VALUE}).")
  double beta = CvaeConfig.defaults().beta();

  @Option(names = "--distance-weight", paramLabel = "W", description = "VAE: weight of the"
      + " penalty on atoms closer than --min-distance in decodings of prior draws (default"
      + " ${DEFAULT-VALUE}; 0 turns it off).")
  double distanceWeight = CvaeConfig.defaults().distanceWeight();

  @Option(names = "--min-distance", paramLabel = "ANGSTROM", description = "VAE: the distance"
      + " below which the penalty acts, Å (default ${DEFAULT-VALUE}).")
  double minDistance = CvaeConfig.defaults().minDistance();

  @Option(names = "--patience",
      description = "Early-stopping patience in epochs (default ${DEFAULT-VALUE}; diffusion: "
          + DIFFUSION_PATIENCE + ").")
  int patience = CvaeConfig.defaults().patience();

  @Option(names = "--validation",
      description = "Fraction held out for early stopping (default ${DEFAULT-VALUE}).")
  double validation = CvaeConfig.defaults().validationFraction();

  @Option(names = "--max-sites", paramLabel = "N",
      description = "Site budget; larger cells are skipped (default: the largest cell).")
  Integer maxSites;

  @Option(names = "--niggli", description = "Encode each training crystal's Niggli-reduced"
      + " cell instead of the cell as given, as CDVAE and DiffCSP do: one basis per lattice, the"
      + " most compact one (with --init-from: the starting model's choice, which cannot"
      + " change).")
  boolean niggli;

  @Option(names = "--seed", description = "Seed of every random step (default ${DEFAULT-VALUE}).")
  long seed = CvaeConfig.defaults().seed();

  @Option(names = "--threads",
      description = "PyTorch threads (default: available processors, ${DEFAULT-VALUE}); 1 makes"
          + " the model bit-for-bit reproducible across runs.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Option(names = "--init-from", paramLabel = "MODEL", description = "Diffusion only: start"
      + " from this diffusion model's weights, encoding and hyper-parameters instead of random"
      + " weights (more epochs for a model that had not converged, or fine-tuning on new data;"
      + " options given here override its hyper-parameters, except the denoiser's size).")
  Path initFrom;

  @Option(names = "--history", paramLabel = "FILE.csv", description = "Also write the loss of"
      + " every epoch to this CSV table (training and validation terms, best epoch so far,"
      + " seconds since the start), e.g. to see when training converged.")
  Path history;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static final int DIFFUSION_EPOCHS = 300;
  static final int DIFFUSION_LAYERS = 3;
  static final int DIFFUSION_TIMESTEPS = 1000;
  static final int DIFFUSION_SAMPLE_STEPS = 200;
  static final double DIFFUSION_GUIDANCE = 1.0;
  static final double DIFFUSION_DROPOUT = 0.1;
  static final int DIFFUSION_HIDDEN = 128;
  static final int DIFFUSION_BATCH = 64;
  static final double DIFFUSION_LR = 1e-3;
  static final int DIFFUSION_PATIENCE = 40;
  static final String DIFFUSION_TYPE_LOSS = "crossEntropy";
  static final double DIFFUSION_EMA = 0;
  static final int SELECT_EVERY = 10;
  static final boolean DIFFUSION_ATOM_COUNT_BATCHES = true;

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The diffusion configuration from the options; VAE-only options are refused. */
  private DiffusionConfig diffusionConfig(DiffusionModel initial) {
    for (String vaeOnly : List.of("--latent", "--beta", "--distance-weight",
        "--min-distance")) {
      if (given(vaeOnly)) {
        throw new CommandLine.ParameterException(spec.commandLine(), vaeOnly
            + " applies to the VAE only, not to --generator diffusion");
      }
    }
    try {
      DiffusionConfig.Builder b = (initial == null ? DiffusionConfig.builder()
          : initial.manifest().hyperParameters().toBuilder())
          .optValidationFraction(validation).optSeed(seed).optThreads(threads);
      if (given("--epochs")) {
        b.optMaxEpochs(epochs);
      }
      if (given("--hidden")) {
        b.optHiddenDim(hidden);
      }
      if (given("--batch")) {
        b.optBatchSize(batch);
      }
      if (given("--lr")) {
        b.optLearningRate(lr);
      }
      if (given("--patience")) {
        b.optPatience(patience);
      }
      if (maxSites != null) {
        if (initial != null && maxSites != initial.maxSites()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--max-sites "
              + maxSites + ": the model of --init-from holds " + initial.maxSites()
              + " sites, which cannot change");
        }
        b.optMaxSites(maxSites);
      }
      if (niggli) {
        b.optCellChoice(CellChoice.NIGGLI);
      }
      if (atomCountInput) {
        b.optAtomCountInput(true);
      }
      if (elementFeatures) {
        b.optElementFeatures(true);
      }
      if (selfCondition) {
        b.optSelfCondition(true);
      }
      if (maskExponent != null) {
        b.optMaskExponent(maskExponent);
      }
      if (layers != null) {
        b.optLayers(layers);
      }
      if (timesteps != null) {
        b.optTimesteps(timesteps);
      }
      if (sampleSteps != null) {
        b.optSampleSteps(sampleSteps);
      } else if (timesteps != null) {
        b.optSampleSteps(Math.min(timesteps, DIFFUSION_SAMPLE_STEPS));
      }
      if (guidance != null) {
        b.optGuidance(guidance);
      }
      if (conditionDropout != null) {
        b.optConditionDropout(conditionDropout);
      }
      if (emaDecay != null) {
        b.optEmaDecay(emaDecay);
      }
      if (atomCountBatches != null) {
        b.optAtomCountBatches(atomCountBatches);
      }
      if (typeLoss != null) {
        b.optTypeLoss(DiffusionConfig.TypeLoss.fromJsonName(typeLoss));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    if (initFrom == null || !generator.equals("diffusion")) {
      return train(null);
    }
    if (!Files.isDirectory(initFrom)) {
      spec.commandLine().getErr().println("invdes: --init-from " + initFrom
          + ": no model directory there");
      return 1;
    }
    DiffusionModel initial;
    try {
      initial = DiffusionModel.load(initFrom);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--init-from " + initFrom + ": " + e.getMessage(), e);
    }
    try (initial) {
      return train(initial);
    }
  }

  private int train(DiffusionModel initial) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!generator.equals("vae") && !generator.equals("diffusion")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--generator is '"
          + generator + "'; choose vae or diffusion");
    }
    boolean diffusion = generator.equals("diffusion");
    if (!diffusion) {
      for (String only : List.of("--layers", "--timesteps", "--sample-steps", "--guidance",
          "--condition-dropout", "--type-loss", "--ema-decay", "--atom-count-batches",
          "--atom-count-input", "--element-features", "--self-condition", "--mask-exponent",
          "--init-from", "--select-by-validity")) {
        if (given(only)) {
          throw new CommandLine.ParameterException(spec.commandLine(), only
              + " applies to --generator diffusion only");
        }
      }
    }
    if (selectByValidity == null) {
      for (String only : List.of("--select-every", "--select-from", "--select-steps",
          "--select-guidance", "--select-max-density-emd")) {
        if (given(only)) {
          throw new CommandLine.ParameterException(spec.commandLine(), only
              + " applies to --select-by-validity only");
        }
      }
    }
    DiffusionConfig diffusionConfig = diffusion ? diffusionConfig(initial) : null;
    CheckpointSelection selection = diffusion ? selection(diffusionConfig, null) : null;
    if (initial != null) {
      try {
        DiffusionTrainer.checkStart(initial, properties, diffusionConfig);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--init-from " + initFrom + ": " + e.getMessage(), e);
      }
    }
    CvaeConfig config;
    try {
      CvaeConfig.Builder b = CvaeConfig.builder().optMaxEpochs(epochs).optLatentDim(latent)
          .optHiddenDim(hidden).optBatchSize(batch).optLearningRate(lr).optBeta(beta)
          .optDistanceWeight(distanceWeight).optMinDistance(minDistance)
          .optPatience(patience).optValidationFraction(validation).optSeed(seed)
          .optThreads(threads);
      if (maxSites != null) {
        b.optMaxSites(maxSites);
      }
      if (niggli) {
        b.optCellChoice(CellChoice.NIGGLI);
      }
      config = b.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (Files.exists(out)) {
      err.println("invdes: " + out + " already exists; a model directory is never overwritten");
      return 1;
    }
    if (!Files.isRegularFile(data)) {
      err.println("invdes: no data file " + data);
      return 1;
    }
    if (history != null) {
      // find out now, not after a long training, whether the table can be written there
      try {
        org.invdes.core.io.AtomicFiles.deleteTree(
            org.invdes.core.io.AtomicFiles.tempFileBeside(history));
      } catch (java.io.IOException e) {
        err.println("invdes: --history " + history + ": cannot write there (" + e + ")");
        return 1;
      }
    }
    DatasetCsv.Table table = DatasetCsv.readTable(data, ReadOptions.relaxed());
    for (String p : properties) {
      if (!table.propertyColumns().contains(p) && !DerivedProperties.isDerived(p)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "property '" + p
            + "' is not a column of " + data + "; its property columns are "
            + table.propertyColumns() + ", and " + DerivedProperties.NAMES
            + " can be derived from the structures");
      }
    }
    TrainingRows rows = TrainingRows.of(table, err);
    // derived only where the data has no column of the name (a blank cell stays missing, as in
    // the KNIME learner)
    List<Structure> structures = DerivedProperties.add(rows.structures(), properties.stream()
        .filter(p -> !table.propertyColumns().contains(p)).toList());
    int unreadable = rows.unreadable();
    if (diffusion) {
      if (selectMaxDensityEmd != null) {
        selection = selection(diffusionConfig, structures);
      }
      return trainDiffusion(structures, unreadable, diffusionConfig, initial, selection, err);
    }
    TrainingHistory epochs = TrainingHistory.vae();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void warning(String message) {
        err.println("invdes: warning: " + message);
        err.flush();
      }

      @Override
      public void epoch(org.invdes.core.model.EpochReport report) {
        epochs.add(report);
      }
    };
    ModelManifest m;
    try (ConsoleProgress progress = new ConsoleProgress("train")) {
      m = CvaeTrainer.trainAndSave(structures, properties, config, out,
          quiet ? org.invdes.core.progress.ProgressMonitor.NONE : progress, listener);
    }
    writeHistory(epochs);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = json.createObjectNode();
    o.put("model", out.toString());
    o.put("properties", String.join(",", m.propertyNames()));
    o.put("inputRows", m.inputRows() + unreadable);
    o.put("skippedRows", m.skippedRows() + unreadable);
    o.put("trainRows", m.trainRows());
    o.put("validationRows", m.validationRows());
    o.put("epochsRun", m.metrics().epochsRun());
    o.put("bestEpoch", m.metrics().bestEpoch());
    o.put("earlyStopped", m.metrics().earlyStopped());
    o.put("trainingSeconds", Double.parseDouble(String.format(Locale.ROOT, "%.2f",
        m.metrics().seconds())));
    if (m.metrics().validation() != null) {
      o.put("validationLoss", m.metrics().validation().total());
    }
    o.put("sha256", m.fingerprint());
    spec.commandLine().getOut().println(json.writeValueAsString(o));
    return 0;
  }

  /**
   * The --select-by-validity selection (null without it), checked against {@code config}; the
   * density bound's reference is {@code structures}' densities (null before the data are read:
   * then only the bound itself is checked, and the selection has none).
   */
  private CheckpointSelection selection(DiffusionConfig config, List<Structure> structures) {
    if (selectByValidity == null) {
      return null;
    }
    try {
      ValiditySelection.DensityBound bound = null;
      if (selectMaxDensityEmd != null) {
        ValiditySelection.DensityBound.checkMaxEmd(selectMaxDensityEmd);
        if (structures != null) {
          bound = new ValiditySelection.DensityBound(structures.stream()
              .mapToDouble(Structure::density).filter(Double::isFinite).toArray(),
              selectMaxDensityEmd);
        }
      }
      CheckpointSelection s = new ValiditySelection(selectByValidity,
          selectSteps == null ? 0 : selectSteps,
          selectGuidance == null ? Double.NaN : selectGuidance, seed, bound)
          .every(selectEvery == null ? SELECT_EVERY : selectEvery,
              selectFrom == null ? Math.max(1, (config.maxEpochs() + 1) / 2) : selectFrom);
      s.check(config);
      return s;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--select-by-validity: "
          + e.getMessage());
    }
  }

  private int trainDiffusion(List<Structure> structures, int unreadable, DiffusionConfig config,
      DiffusionModel initial, CheckpointSelection selection, PrintWriter err) throws Exception {
    DiffusionManifest m;
    TrainingHistory epochs = TrainingHistory.diffusion();
    try (ConsoleProgress progress = new ConsoleProgress("train")) {
      m = DiffusionTrainer.trainAndSave(structures, properties, config, out,
          quiet ? org.invdes.core.progress.ProgressMonitor.NONE : progress, w -> {
            err.println("invdes: warning: " + w);
            err.flush();
          }, epochs::add, initial, selection);
    }
    writeHistory(epochs);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = json.createObjectNode();
    o.put("model", out.toString());
    o.put("generator", "diffusion");
    if (initial != null) {
      o.put("initFrom", initFrom.toString());
    }
    o.put("properties", String.join(",", m.propertyNames()));
    o.put("inputRows", m.inputRows() + unreadable);
    o.put("skippedRows", m.skippedRows() + unreadable);
    o.put("trainRows", m.trainRows());
    o.put("validationRows", m.validationRows());
    o.put("epochsRun", m.epochsRun());
    o.put("bestEpoch", m.bestEpoch());
    if (m.selectionCriterion() != null) {
      o.put("selectedBy", m.selectionCriterion());
      ObjectNode scores = o.putObject("checkpointScores");
      m.checkpointScores().forEach(c -> scores.put(Integer.toString(c.epoch()), c.score()));
    }
    o.put("earlyStopped", m.earlyStopped());
    o.put("trainingSeconds", Double.parseDouble(String.format(Locale.ROOT, "%.2f",
        m.seconds())));
    if (m.validationLoss() != null) {
      o.put("validationLoss", m.validationLoss().total());
    }
    o.put("sha256", m.fingerprint());
    spec.commandLine().getOut().println(json.writeValueAsString(o));
    return 0;
  }

  /** Writes the epoch table when {@code --history} asks for it. */
  private void writeHistory(TrainingHistory epochs) throws java.io.IOException {
    if (history != null) {
      epochs.write(history);
    }
  }
}
