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
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateConfig;
import org.invdes.core.surrogate.SurrogateListener;
import org.invdes.core.surrogate.SurrogateManifest;
import org.invdes.core.surrogate.SurrogateTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes train-surrogate}: trains the crystal-graph formation-energy surrogate on a
 * dataset CSV and saves it as a model directory, for {@code invdes filter --surrogate}.
 */
@Command(name = "train-surrogate", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Train a formation-energy surrogate (a CGCNN-style crystal-graph network,"
        + " DJL with PyTorch on the CPU) on one numeric column of a dataset CSV (id, cif,"
        + " property columns) and save it as a model directory (weights + manifest.json) for"
        + " invdes filter --surrogate. Rows without a numeric value or with partially"
        + " occupied sites are skipped with one warning. Progress goes to stderr, a JSON"
        + " summary (with the validation MAE) to stdout. The directory is written whole or not"
        + " at all (Ctrl-C stops training and leaves nothing).",
    footer = {"", "Example:",
        "  invdes train-surrogate --data perov.csv --property heat_ref --out surrogate \\",
        "      --seed 42 --threads 1"})
public final class TrainSurrogateCommand implements Callable<Integer> {
  private static final SurrogateConfig D = SurrogateConfig.defaults();

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Dataset CSV (optionally .gz) with a cif column and the property column.")
  Path data;

  @Option(names = {"--property", "--properties"}, required = true, paramLabel = "NAME",
      description = "The column to predict, e.g. heat_ref or formation_energy_per_atom"
          + " (eV/atom).")
  String property;

  @Option(names = "--out", required = true, paramLabel = "MODEL",
      description = "Model directory to create; must not exist.")
  Path out;

  @Option(names = "--epochs", description = "Most epochs (default ${DEFAULT-VALUE}).")
  int epochs = D.maxEpochs();

  @Option(names = "--patience",
      description = "Early-stopping patience in epochs (default ${DEFAULT-VALUE}).")
  int patience = D.patience();

  @Option(names = "--batch", description = "Mini-batch rows (default ${DEFAULT-VALUE}).")
  int batch = D.batchSize();

  @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double lr = D.learningRate();

  @Option(names = "--features", description = "Atom feature width (default ${DEFAULT-VALUE}).")
  int features = D.atomFeatures();

  @Option(names = "--layers", description = "Message-passing layers (default ${DEFAULT-VALUE}).")
  int layers = D.convLayers();

  @Option(names = "--cutoff", description = "Neighbour cut-off, Angstrom (default"
      + " ${DEFAULT-VALUE}).")
  double cutoff = D.cutoffAngstrom();

  @Option(names = "--neighbours", description = "Nearest neighbours per atom (default"
      + " ${DEFAULT-VALUE}).")
  int neighbours = D.maxNeighbours();

  @Option(names = "--loss", description = "l1 or mse (default l1).")
  String loss = D.loss().name().toLowerCase(Locale.ROOT);

  @Option(names = "--validation",
      description = "Fraction held out for early stopping (default ${DEFAULT-VALUE}).")
  double validation = D.validationFraction();

  @Option(names = "--seed", description = "Seed of every random step (default ${DEFAULT-VALUE}).")
  long seed = D.seed();

  @Option(names = "--threads",
      description = "PyTorch threads (default: available processors, ${DEFAULT-VALUE}); 1 makes"
          + " the model bit-for-bit reproducible across runs.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    SurrogateConfig config;
    try {
      config = SurrogateConfig.builder().optMaxEpochs(epochs).optPatience(patience)
          .optBatchSize(batch).optLearningRate(lr).optAtomFeatures(features)
          .optConvLayers(layers).optCutoff(cutoff).optMaxNeighbours(neighbours).optLoss(loss)
          .optValidationFraction(validation).optSeed(seed).optThreads(threads).build();
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
    DatasetCsv.Table table = DatasetCsv.readTable(data, ReadOptions.relaxed());
    if (!table.propertyColumns().contains(property)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "property '" + property
          + "' is not a column of " + data + "; its property columns are "
          + table.propertyColumns());
    }
    TrainingRows rows = TrainingRows.of(table, err);
    List<Structure> structures = rows.structures();
    int unreadable = rows.unreadable();
    SurrogateListener listener = new SurrogateListener() {
      @Override
      public void warning(String message) {
        err.println("invdes: warning: " + message);
        err.flush();
      }
    };
    SurrogateManifest m;
    try (ConsoleProgress progress = new ConsoleProgress("train-surrogate")) {
      m = SurrogateTrainer.trainAndSave(structures, property, config, out,
          quiet ? ProgressMonitor.NONE : progress, listener);
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = json.createObjectNode();
    o.put("model", out.toString());
    o.put("property", m.property());
    o.put("inputRows", m.inputRows() + unreadable);
    o.put("skippedRows", m.skippedRows() + unreadable);
    o.put("trainRows", m.trainRows());
    o.put("validationRows", m.validationRows());
    o.put("epochsRun", m.metrics().epochsRun());
    o.put("bestEpoch", m.metrics().bestEpoch());
    o.put("earlyStopped", m.metrics().earlyStopped());
    o.put("trainMae", round(m.metrics().trainMae()));
    if (!Double.isNaN(m.metrics().validationMae())) {
      o.put("validationMae", round(m.metrics().validationMae()));
    }
    o.put("propertySd", round(m.sd()));
    o.put("trainingSeconds", Double.parseDouble(String.format(Locale.ROOT, "%.2f",
        m.metrics().seconds())));
    o.put("sha256", m.fingerprint());
    spec.commandLine().getOut().println(json.writeValueAsString(o));
    return 0;
  }

  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.5f", v));
  }
}
