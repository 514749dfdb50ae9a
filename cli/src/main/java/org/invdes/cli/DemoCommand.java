package org.invdes.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.invdes.core.datasets.DemoDataset;
import org.invdes.core.io.AtomicFiles;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.progress.ProgressMonitor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes demo}: the design job on the demo dataset, offline, in a few minutes. It
 * generates the demo dataset ({@link DemoDataset}: idealised ionic crystals of nine prototypes)
 * into a temporary file and runs {@code invdes design} on it with settings sized for a laptop.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"Run the whole design pipeline on the built-in demo dataset (generated offline:",
        "rock salt, CsCl, zinc blende, wurtzite, fluorite, antifluorite, rutile, perovskite and",
        "spinel crystals decorated with charge-balanced ions): train a generator on density,",
        "sample toward the target density, filter, evaluate and write the same files as",
        "'invdes design' (candidates.csv, rejected.csv, metrics.json, report.html, ...) into",
        "DIR. Takes a few minutes on 2 cores; the same seed gives the same files."},
    footer = {"", "Examples:", "  invdes demo", "  invdes demo --out my-demo --target density=4.0"
        + " --seed 7"})
public final class DemoCommand implements Callable<Integer> {
  /** Where the demo writes when no {@code --out} is given. */
  public static final String DEFAULT_OUT = "invdes-demo";

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (default ${DEFAULT-VALUE}); an earlier run is replaced.")
  Path out = Path.of(DEFAULT_OUT);

  @Option(names = "--target", paramLabel = "NAME=VALUE",
      description = "Target value of density (g/cm^3) or volume_per_atom (A^3) (default"
          + " density=8.0).")
  Map<String, Double> targets = new LinkedHashMap<>();

  @Option(names = "--n", paramLabel = "N",
      description = "Structures to generate (default ${DEFAULT-VALUE}).")
  int n = 1000;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Most training epochs (default ${DEFAULT-VALUE}).")
  int epochs = 60;

  @Option(names = "--size", paramLabel = "N",
      description = "Rows of the demo dataset (default ${DEFAULT-VALUE}).")
  int size = DemoDataset.DEFAULT_SIZE;

  @Option(names = "--seed", description = "Seed of every random step (default ${DEFAULT-VALUE}).")
  long seed = DemoDataset.DEFAULT_SEED;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if (size < 10) {
      throw new CommandLine.ParameterException(cl, "--size is " + size + "; at least 10");
    }
    Map<String, Double> goal = targets.isEmpty() ? Map.of("density", 8.0) : targets;
    for (String name : goal.keySet()) {
      if (!DemoDataset.PROPERTIES.contains(name)) {
        throw new CommandLine.ParameterException(cl, "--target " + name + ": the demo dataset"
            + " has the properties " + String.join(", ", DemoDataset.PROPERTIES));
      }
    }
    PrintWriter err = cl.getErr();
    Path tmp = AtomicFiles.tempDirectoryBeside(out.toAbsolutePath().normalize()
        .resolveSibling(out.getFileName() + "-data"));
    try {
      DemoDataset d;
      try (ConsoleProgress progress = new ConsoleProgress("demo")) {
        d = DemoDataset.generate(seed, size, quiet ? ProgressMonitor.NONE : progress);
      }
      Path data = tmp.resolve("demo.csv");
      DatasetCsv.write(data, d.all());
      List<String> args = new ArrayList<>(List.of("design", "--data", data.toString(),
          "--properties", String.join(",", goal.keySet()), "--n", Integer.toString(n),
          "--epochs", Integer.toString(epochs), "--seed", Long.toString(seed),
          "--threads", Integer.toString(threads), "--out", out.toString()));
      goal.forEach((k, v) -> args.addAll(List.of("--target", k + "=" + v)));
      if (quiet) {
        args.add("--quiet");
      }
      CommandLine design = Main.commandLine();
      design.setOut(cl.getOut());
      design.setErr(err);
      int code = design.execute(args.toArray(String[]::new));
      if (code == 0) {
        err.println("invdes: open " + out.resolve("report.html") + " in a browser");
      }
      return code;
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }
}
