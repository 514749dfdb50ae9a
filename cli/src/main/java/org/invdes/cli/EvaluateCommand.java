package org.invdes.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.metrics.BenchmarkDataset;
import org.invdes.core.metrics.Coverage;
import org.invdes.core.metrics.EvaluationOptions;
import org.invdes.core.metrics.GenerationMetrics;
import org.invdes.core.metrics.GenerationReport;
import org.invdes.core.structure.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes evaluate}: the CDVAE benchmark's generation metrics of a generated table against
 * a reference (test) table and optionally a training table. One call into {@link
 * GenerationMetrics#evaluate}; a readable table (or the report's JSON) on stdout, warnings and
 * progress on stderr.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"Evaluate generated crystals as the CDVAE benchmark does: structure",
        "and composition validity; Wasserstein distances (EMD) of density, number of",
        "elements and a property between a seeded draw of valid crystals and the",
        "reference set; coverage (COV-R and COV-P with the thresholds of --dataset, mean",
        "fingerprint distances always); uniqueness; novelty against --train.",
        "Tables are CSV (or CSV.gz) with a cif column. Generated rows that cannot be",
        "read count as invalid (one warning on stderr). Exit codes: 0 done, 1 an input",
        "could not be read, 2 usage error."},
    footer = {"", "Example:",
        "  invdes evaluate --generated gen.csv --reference test.csv --train train.csv \\",
        "      --dataset perov_5 --property heat_ref --seed 7 --json"})
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--generated", required = true, paramLabel = "GEN.csv",
      description = "Generated crystals (CSV with a cif column).")
  Path generated;

  @Option(names = "--reference", required = true, paramLabel = "TEST.csv",
      description = "Reference (test) crystals.")
  Path reference;

  @Option(names = "--train", paramLabel = "TRAIN.csv",
      description = "Training crystals, for novelty.")
  Path train;

  @Option(names = "--property", paramLabel = "NAME",
      description = "A numeric column of both tables whose EMD is wanted, e.g. heat_ref.")
  String property;

  @Option(names = "--dataset", paramLabel = "NAME",
      description = "perov_5, carbon_24 or mp_20: the coverage thresholds (0.2/4, 0.2/4, 0.4/10).")
  String dataset;

  @Option(names = "--samples", defaultValue = "" + EvaluationOptions.DEFAULT_SAMPLE_SIZE,
      paramLabel = "N",
      description = "Valid generated crystals drawn for the EMDs (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--seed", defaultValue = "" + EvaluationOptions.DEFAULT_SEED,
      paramLabel = "SEED",
      description = "Seed of the draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
      description = "Worker threads (0 = all processors).")
  int threads;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the report to FILE (atomically) instead of standard output: JSON when "
          + "FILE ends in .json or --json is given, else the table.")
  java.nio.file.Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (threads < 0 || samples < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--threads must be >= 0 and --samples >= 1");
    }
    EvaluationOptions options = EvaluationOptions.defaults().withSampleSize(samples)
        .withSeed(seed).withThreads(threads == 0 ? Runtime.getRuntime().availableProcessors()
            : threads);
    if (dataset != null) {
      BenchmarkDataset d = BenchmarkDataset.lookup(dataset).orElseThrow(() ->
          new CommandLine.ParameterException(spec.commandLine(), "unknown --dataset '" + dataset
              + "'; use perov_5, carbon_24 or mp_20"));
      options = options.withThresholds(d.coverageThresholds());
    }
    if (property != null) {
      if (property.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--property is blank");
      }
      options = options.withProperty(property);
    }
    PrintWriter err = spec.commandLine().getErr();
    Table gen = read(generated, "generated", "count as invalid", err);
    Table ref = read(reference, "reference", "are left out", err);
    if (ref.structures.isEmpty()) {
      err.println("invdes: no reference crystal could be read from " + reference);
      return 1;
    }
    List<Structure> training = train == null ? List.of()
        : read(train, "training", "are left out", err).structures;
    if (property != null) {
      warnIfMissing(gen, "generated", err);
      warnIfMissing(ref, "reference", err);
    }
    GenerationReport report;
    try (ConsoleProgress progress = new ConsoleProgress("evaluate")) {
      report = GenerationMetrics.evaluate(gen.structures, gen.unreadable, ref.structures,
          training, options, progress);
    }
    boolean asJson = json || (out != null && out.getFileName().toString().endsWith(".json"));
    String text = asJson ? report.toJson() + "\n" : table(report);
    if (out != null) {
      org.invdes.core.io.Structures.writeAtomically(out, w -> w.write(text));
    } else {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(text);
      stdout.flush();
    }
    return 0;
  }

  /** The readable rows of a table and the count of the others. */
  private static final class Table {
    final List<Structure> structures = new ArrayList<>();
    final List<String> columns = new ArrayList<>();
    int unreadable;
  }

  private static Table read(Path file, String role, String fate, PrintWriter err)
      throws Exception {
    DatasetCsv.Table t = DatasetCsv.readTable(file, ReadOptions.relaxed());
    t.warnings().forEach(w -> err.println("invdes: warning: " + w.message()));
    Table out = new Table();
    out.columns.addAll(t.propertyColumns());
    ReadResult firstBad = null;
    for (ReadResult r : t.rows()) {
      if (r.ok()) {
        out.structures.add(r.structure());
      } else {
        out.unreadable++;
        if (firstBad == null) {
          firstBad = r;
        }
      }
    }
    if (firstBad != null) {
      err.println(String.format(Locale.ROOT,
          "invdes: warning: %d of %d %s rows could not be read and %s (first: %s, line %d: %s)",
          out.unreadable, t.rows().size(), role, fate, firstBad.id(), firstBad.line(),
          firstBad.error().detail()));
    }
    return out;
  }

  private void warnIfMissing(Table t, String role, PrintWriter err) {
    if (!t.columns.contains(property)) {
      err.println("invdes: warning: the " + role + " table has no column '" + property
          + "'; its property EMD is not computed (columns: " + t.columns + ")");
    }
  }

  /** The report as an aligned two-column table. */
  static String table(GenerationReport r) {
    StringBuilder b = new StringBuilder();
    GenerationReport.Counts c = r.counts();
    b.append(String.format(Locale.ROOT,
        "generated %d (%d unreadable), reference %d, training %d%n", c.generated(),
        c.unreadable(), c.reference(), c.training()));
    row(b, "metric", "value");
    row(b, "struct validity (%)", pct(r.validity().structurePercent()));
    row(b, "comp validity (%)", pct(r.validity().compositionPercent()));
    row(b, "valid (%)", pct(r.validity().validPercent()));
    GenerationReport.DistributionDistances d = r.distributions();
    row(b, "EMD samples (seed " + d.seed() + ")", Integer.toString(d.samples()));
    row(b, "density EMD (g/cm3)", num(d.density()));
    row(b, "#elements EMD", num(d.numElements()));
    if (d.property() != null) {
      row(b, d.property() + " EMD (" + d.propertySamples() + " vs " + d.propertyReference() + ")",
          num(d.propertyDistance()));
    }
    Coverage.Report cov = r.coverage();
    if (cov.structureCutoff() != null) {
      String cut = String.format(Locale.ROOT, " [ds %s, dc %s]", trim(cov.structureCutoff()),
          trim(cov.compositionCutoff()));
      row(b, "COV-R (%)" + cut, pct(cov.recallPercent()));
      row(b, "COV-P (%)" + cut, pct(cov.precisionPercent()));
    }
    row(b, "AMSD recall / precision", num(cov.amsdRecall()) + " / " + num(cov.amsdPrecision()));
    row(b, "AMCD recall / precision", num(cov.amcdRecall()) + " / " + num(cov.amcdPrecision()));
    row(b, "fingerprinted gen / ref", cov.generatedFingerprinted() + " / "
        + cov.referenceFingerprinted());
    row(b, "uniqueness (%)", pct(r.diversity().uniquePercent()));
    row(b, "novelty (%)", pct(r.diversity().novelPercent()));
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append(String.format(Locale.ROOT, "%-44s %s%n", name, value));
  }

  private static String pct(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String num(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
