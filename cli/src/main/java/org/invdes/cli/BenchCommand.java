package org.invdes.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.invdes.core.io.CifReader;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes bench read}: measures how fast CIF text becomes structures, single-threaded, on
 * the {@code cif} column of a dataset table. The CSV is read first and not timed; each round
 * parses every CIF string into a {@code Structure} (tokenizer, parser, symmetry, building).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class, description = "Benchmarks of the core library.",
    subcommands = {BenchCommand.Read.class},
    footer = {"", "Example:", "  invdes bench read --data perov_5/val.csv"})
public final class BenchCommand {

  /** Parsing throughput. */
  @Command(name = "read", mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {"Time reading every CIF string of a dataset table's cif column into a",
          "structure, single-threaded. Prints one JSON line: structures, rounds, best and",
          "median structures per second."},
      footer = {"", "Example:", "  invdes bench read --data perov_5/val.csv --rounds 5"})
  public static final class Read implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Dataset CSV (.csv or .csv.gz).")
    Path data;

    @Option(names = "--rounds", defaultValue = "10", description = "Timed rounds (default 10).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10",
        description = "Untimed rounds first, for the JIT compiler (default 10).")
    int warmup;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<String> cifs = new ArrayList<>();
      try (CsvReader r = CsvReader.open(data)) {
        List<String> header = r.next();
        int col = -1;
        for (int i = 0; header != null && i < header.size(); i++) {
          if (header.get(i).trim().equalsIgnoreCase("cif")) {
            col = i;
          }
        }
        if (col < 0) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "no 'cif' column in " + data);
        }
        List<String> rec;
        while ((rec = r.next()) != null) {
          if (col < rec.size()) {
            cifs.add(rec.get(col));
          }
        }
      }
      ReadOptions opts = ReadOptions.relaxed();
      long sink = 0;
      for (int w = 0; w < warmup; w++) {
        sink += parseAll(cifs, opts);
      }
      double[] rates = new double[rounds];
      for (int k = 0; k < rounds; k++) {
        long t0 = System.nanoTime();
        sink += parseAll(cifs, opts);
        rates[k] = cifs.size() / ((System.nanoTime() - t0) / 1e9);
      }
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "{\"structures\":%d,\"rounds\":%d,\"best_per_s\":%.1f,\"median_per_s\":%.1f,"
              + "\"sites\":%d}",
          cifs.size(), rounds, sorted[sorted.length - 1], sorted[sorted.length / 2],
          sink / Math.max(1, warmup + rounds)));
      return 0;
    }

    private static long parseAll(List<String> cifs, ReadOptions opts) throws Exception {
      long sites = 0;
      for (String c : cifs) {
        for (ReadResult r : CifReader.read(c, "bench", opts)) {
          sites += r.get().size();
        }
      }
      return sites;
    }
  }
}
