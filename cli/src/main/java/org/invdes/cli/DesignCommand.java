package org.invdes.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.invdes.core.io.AtomicFiles;
import org.invdes.core.io.CsvSplit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes design}: the whole inverse-design job in one command. It runs the same steps a
 * user (or the Nextflow pipeline) runs one by one, with the same options, so its files equal
 * theirs for the same inputs and seed:
 *
 * <ol>
 *   <li>split the data into a training table and a held-out table ({@code --holdout}, seeded);
 *   <li>{@code invdes train} on the training table (skipped with {@code --model});
 *   <li>{@code invdes sample} toward the targets, with the element constraint;
 *   <li>{@code invdes filter} against the training table (validity, charge balance, energy above
 *       the hull when an energy column is named, duplicates, known structures);
 *   <li>{@code invdes evaluate} of the samples against the held-out table;
 *   <li>{@code invdes report} into {@code report.html}.
 * </ol>
 *
 * <p>Everything is written into a temporary directory beside {@code --out}, which replaces
 * {@code --out} only when every step succeeded: a failed or cancelled run leaves nothing behind,
 * and an earlier run's directory (recognised by its {@value #RUN_FILE}) is replaced whole.
 */
@Command(name = "design", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"The main job in one command: train a generator on a dataset CSV (or reuse",
        "--model), sample toward the target property values, filter the candidates, evaluate",
        "them against held-out data and write OUT/candidates.csv, OUT/rejected.csv,",
        "OUT/metrics.json and OUT/report.html (plus the model, the split and the raw samples).",
        "The steps are the train, sample, filter, evaluate and report commands with the options",
        "shown in OUT/run.json, so a scripted pipeline gets the same files for the same seed."},
    footer = {"", "Example:",
        "  invdes design --data perov.csv --target heat_ref=-0.5 --elements Sr,Ti,O,Ba,Ca \\",
        "      --energy-property heat_ref --n 2000 --seed 7 --out perov-design"})
public final class DesignCommand implements Callable<Integer> {
  /** The settings file that marks a directory as a design run (and so replaceable). */
  public static final String RUN_FILE = "run.json";

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Dataset CSV (optionally .gz) with a cif column and the property columns.")
  Path data;

  @Option(names = "--target", paramLabel = "NAME=VALUE",
      description = "Target property value (repeatable).")
  Map<String, Double> targets = new LinkedHashMap<>();

  @Option(names = "--properties", split = ",", paramLabel = "P1,P2",
      description = "Properties the generator learns (default: the --target names).")
  List<String> properties;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "Reuse this model from 'invdes train' instead of training one.")
  Path model;

  @Option(names = "--n", paramLabel = "N",
      description = "Structures to generate (default ${DEFAULT-VALUE}).")
  int n = 1000;

  @Option(names = "--elements", split = ",", paramLabel = "EL1,EL2",
      description = "Only these elements may appear.")
  List<String> elements;

  @Option(names = "--chemical-system",
      description = "With --elements: every candidate holds exactly these elements.")
  boolean chemicalSystem;

  @Option(names = "--holdout", paramLabel = "FRACTION",
      description = "Share of the data held out to evaluate against (default ${DEFAULT-VALUE}).")
  double holdout = 0.2;

  @Option(names = "--epochs", paramLabel = "N", description = "Most training epochs.")
  Integer epochs;

  @Option(names = "--energy-property", paramLabel = "NAME",
      description = "Formation energy per atom column (eV/atom) of the data: enables the"
          + " energy-above-hull filter (candidates use the generator's prediction).")
  String energyProperty;

  @Option(names = "--surrogate", paramLabel = "SURROGATE",
      description = "A formation-energy surrogate from 'invdes train-surrogate': the filter adds"
          + " its prediction and uses it, not the generator's own guess, for the energy above"
          + " the hull.")
  Path surrogate;

  @Option(names = "--ehull-max", paramLabel = "EV",
      description = "Largest energy above the hull kept, eV/atom (default ${DEFAULT-VALUE}).")
  double ehullMax = 0.1;

  @Option(names = "--dataset", paramLabel = "NAME",
      description = "Benchmark whose coverage thresholds evaluate uses (perov_5, carbon_24,"
          + " mp_20).")
  String dataset;

  @Option(names = "--seed", description = "Seed of every random step (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output directory; an earlier design run there is replaced.")
  Path out;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter err = spec.commandLine().getErr();
    Path target = out.toAbsolutePath().normalize();
    checkReplaceable(target);
    Path work = AtomicFiles.tempDirectoryBeside(target);
    boolean done = false;
    try {
      int code = run(work, err);
      if (code != 0) {
        err.println("invdes: design stopped; nothing was written to " + out);
        return code;
      }
      replace(work, target);
      done = true;
      err.println("invdes: design finished: " + out.resolve("report.html"));
      return 0;
    } finally {
      if (!done) {
        AtomicFiles.deleteTree(work);
      }
    }
  }

  /** The steps, with their command lines recorded in run.json; 0 or the failing step's code. */
  int run(Path work, PrintWriter err) throws Exception {
    List<String> props = properties != null ? properties : new ArrayList<>(targets.keySet());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode run = json.createObjectNode();
    run.put("invdes", VersionCommand.version());
    run.put("data", data.getFileName().toString());
    ObjectNode steps = run.putObject("steps");

    Path train = work.resolve("train.csv");
    Path heldOut = work.resolve("heldout.csv");
    step(err, "split");
    CsvSplit.Counts counts = CsvSplit.split(data, holdout, seed, train, heldOut);
    ObjectNode split = steps.putObject("split");
    split.put("holdout", holdout).put("seed", seed).put("train_rows", counts.first())
        .put("heldout_rows", counts.second());
    Path reference = counts.second() > 0 ? heldOut : train;

    Path modelDir = model;
    if (modelDir == null) {
      modelDir = work.resolve("model");
      List<Object> args = new ArrayList<>(List.of("train", "--data", train,
          "--properties", String.join(",", props), "--out", modelDir,
          "--seed", Long.toString(seed), "--threads", Integer.toString(threads)));
      if (epochs != null) {
        args.add("--epochs");
        args.add(epochs.toString());
      }
      int code = invoke(work, steps, "train", args, work.resolve("train-summary.json"), err);
      if (code != 0) {
        return code;
      }
    }

    Path samples = work.resolve("samples.csv");
    Path kept = work.resolve("candidates.csv");
    Path rejected = work.resolve("rejected.csv");
    Path metrics = work.resolve("metrics.json");
    List<Object> sample = new ArrayList<>(List.of("sample", "--model",
        model == null ? modelDir : model.toAbsolutePath().toString(),
        "--n", Integer.toString(n), "--seed", Long.toString(seed),
        "--threads", Integer.toString(threads), "--out", samples));
    targets.forEach((k, v) -> sample.addAll(List.of("--target", k + "=" + num(v))));
    if (elements != null) {
      sample.add("--elements");
      sample.add(String.join(",", elements));
      if (chemicalSystem) {
        sample.add("--chemical-system");
      }
    }
    int code = invoke(work, steps, "sample", sample, work.resolve("sample-summary.json"), err);
    if (code != 0) {
      return code;
    }

    List<Object> filter = new ArrayList<>(List.of("filter", "--in", samples,
        "--reference", train, "--out", kept,
        "--rejected", rejected, "--threads", Integer.toString(threads)));
    if (energyProperty != null) {
      filter.addAll(List.of("--energy-property", energyProperty, "--ehull-max", num(ehullMax)));
    }
    if (surrogate != null) {
      // the samples' own energy column is the generator's guess: the surrogate judges
      filter.addAll(List.of("--surrogate", surrogate.toAbsolutePath().toString(),
          "--surrogate-decides"));
    }
    code = invoke(work, steps, "filter", filter, null, err);
    if (code != 0) {
      return code;
    }

    List<Object> evaluate = new ArrayList<>(List.of("evaluate", "--generated", samples,
        "--reference", reference, "--train", train,
        "--seed", Long.toString(seed), "--threads", Integer.toString(threads),
        "--out", metrics));
    if (!props.isEmpty()) {
      evaluate.addAll(List.of("--property", props.get(0)));
    }
    if (dataset != null) {
      evaluate.addAll(List.of("--dataset", dataset));
    }
    code = invoke(work, steps, "evaluate", evaluate, null, err);
    if (code != 0) {
      return code;
    }

    {
      List<Object> report = new ArrayList<>(List.of("report", "--candidates", kept,
          "--rejected", rejected, "--train", train, "--metrics", metrics,
          "--out", work.resolve("report.html")));
      props.forEach(p -> report.addAll(List.of("--property", p)));
      targets.forEach((k, v) -> report.addAll(List.of("--target", k + "=" + num(v))));
      report.addAll(List.of("--setting", "data=" + data.getFileName(),
          "--setting", "samples=" + n, "--setting", "seed=" + seed,
          "--setting", "holdout=" + num(holdout)));
      if (model != null) {
        report.addAll(List.of("--setting", "model=" + model.getFileName()));
      }
      if (surrogate != null) {
        report.addAll(List.of("--setting", "surrogate=" + surrogate.getFileName()));
      }
      if (elements != null) {
        report.addAll(List.of("--setting", (chemicalSystem ? "chemical system=" : "elements=")
            + String.join(",", elements)));
      }
      code = invoke(work, steps, "report", report, null, err);
      if (code != 0) {
        return code;
      }
    }
    Files.writeString(work.resolve(RUN_FILE), json.writeValueAsString(run) + "\n");
    return 0;
  }

  /**
   * Runs one subcommand with the working directory's files, its stdout to {@code stdout} (or
   * discarded), its stderr to ours; records the command line under {@code name}.
   */
  private int invoke(Path work, ObjectNode steps, String name, List<Object> args, Path stdout,
      PrintWriter err) throws IOException {
    // recorded with the working directory's files relative to it (so run.json does not depend
    // on where the run happened); executed with absolute paths
    steps.putArray(name).addAll(args.stream()
        .map(a -> new com.fasterxml.jackson.databind.node.TextNode(a instanceof Path p
            ? (p.startsWith(work) ? work.relativize(p).toString() : p.toString())
            : a.toString())).toList());
    step(err, name);
    List<String> absolute = new ArrayList<>(args.size() + 1);
    for (Object a : args) {
      absolute.add(a instanceof Path p ? p.toAbsolutePath().toString() : a.toString());
    }
    if (quiet && List.of("train", "sample").contains(name)) {
      absolute.add("--quiet");
    }
    CommandLine cl = Main.commandLine();
    StringWriter captured = new StringWriter();
    cl.setOut(new PrintWriter(captured, true));
    cl.setErr(err);
    int code = cl.execute(absolute.toArray(String[]::new));
    if (stdout != null && code == 0) {
      Files.writeString(stdout, captured.toString());
    }
    return code;
  }

  private void step(PrintWriter err, String name) {
    if (!quiet) {
      err.println("invdes design: " + name);
      err.flush();
    }
  }

  private void validate() {
    CommandLine cl = spec.commandLine();
    if (!Files.isRegularFile(data)) {
      throw new CommandLine.ParameterException(cl, "--data " + data + ": no such file");
    }
    if (model != null && !Files.isDirectory(model)) {
      throw new CommandLine.ParameterException(cl, "--model " + model + ": no such directory");
    }
    if (surrogate != null && !Files.isDirectory(surrogate)) {
      throw new CommandLine.ParameterException(cl, "--surrogate " + surrogate
          + ": no such directory");
    }
    if (model == null && targets.isEmpty() && (properties == null || properties.isEmpty())) {
      throw new CommandLine.ParameterException(cl,
          "give at least one --target NAME=VALUE (or --properties to train on)");
    }
    if (!(holdout >= 0 && holdout < 1)) {
      throw new CommandLine.ParameterException(cl, "--holdout must be in [0, 1), got " + holdout);
    }
    if (n < 1 || threads < 1 || (epochs != null && epochs < 1) || ehullMax < 0) {
      throw new CommandLine.ParameterException(cl,
          "--n, --threads and --epochs must be >= 1 and --ehull-max >= 0");
    }
    if (chemicalSystem && elements == null) {
      throw new CommandLine.ParameterException(cl, "--chemical-system needs --elements");
    }
    List<String> header = header(data);
    List<String> needed = new ArrayList<>(model != null ? List.of()
        : properties != null ? properties : new ArrayList<>(targets.keySet()));
    if (energyProperty != null) {
      needed.add(energyProperty);
    }
    for (String column : needed) {
      if (!header.contains(column)) {
        throw new CommandLine.ParameterException(cl, data + " has no column '" + column
            + "'; its columns are " + String.join(", ", header));
      }
    }
  }

  /** The header row of a CSV table (an empty list for an empty file). */
  private static List<String> header(Path file) {
    try (org.invdes.core.io.CsvReader r = org.invdes.core.io.CsvReader.open(file)) {
      List<String> h = r.next();
      return h == null ? List.of() : h;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(new IOException(file + ": " + e.getMessage(), e));
    }
  }

  /** Refuses to replace a directory that is not empty and not an earlier design run. */
  private static void checkReplaceable(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new IOException(target + " exists and is not a directory; choose another --out");
    }
    try (Stream<Path> s = Files.list(target)) {
      if (s.findAny().isPresent() && !Files.isRegularFile(target.resolve(RUN_FILE))) {
        throw new IOException(target + " is not empty and holds no earlier design run ("
            + RUN_FILE + "); choose another --out or empty it");
      }
    }
  }

  /** Moves the finished working directory into place, replacing an earlier run. */
  private static void replace(Path work, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current()
          .pid());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    AtomicFiles.commit(work, target);
    if (old != null) {
      AtomicFiles.deleteTree(old);
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
        : Double.toString(v);
  }
}
