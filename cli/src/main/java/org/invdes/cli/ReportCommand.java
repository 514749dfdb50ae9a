package org.invdes.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.invdes.core.report.HtmlReport;
import org.invdes.core.report.Report;
import org.invdes.core.report.ReportAssembler;
import org.invdes.core.report.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes report}: one self-contained HTML page about a run, from what {@code invdes
 * filter} and {@code invdes evaluate --json} wrote.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"Write one self-contained HTML report (no network access when opened) of a",
        "run: its settings, the funnel generated -> valid -> unique -> novel -> stable counted",
        "from the filter's columns, histograms of the properties (training data, candidates,",
        "target), the metrics of invdes evaluate --json, and the top candidates as interactive",
        "3-D unit cells with formula, properties, E_hull and a CIF download link. Candidates",
        "are ranked by closeness to the --target values, else by energy above the hull (or a",
        "predicted energy, or --rank-by), lowest first. The same inputs give the same file."},
    footer = {"", "Example:",
        "  invdes report --candidates kept.csv --rejected rejected.csv --train train.csv \\",
        "      --metrics metrics.json --target heat_ref=0.5 --setting seed=7 --top 12 \\",
        "      --out report.html"})
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--candidates", required = true, paramLabel = "KEPT.csv",
      description = "The kept table of invdes filter (CSV or CSV.gz).")
  Path candidates;

  @Option(names = "--rejected", paramLabel = "REJECTED.csv",
      description = "The rejected table of invdes filter; without it the funnel covers the"
          + " kept rows only.")
  Path rejected;

  @Option(names = "--train", paramLabel = "TRAIN.csv",
      description = "Training dataset (CSV with property columns) for the histograms.")
  Path train;

  @Option(names = "--metrics", paramLabel = "METRICS.json",
      description = "What invdes evaluate --json printed.")
  Path metrics;

  @Option(names = "--property", paramLabel = "NAME", split = ",",
      description = "Property column to show (repeatable; default: the targets, else every"
          + " numeric column the filter did not add).")
  List<String> properties = new ArrayList<>();

  @Option(names = "--target", paramLabel = "NAME=VALUE",
      description = "Target value of a property (repeatable): marked on its histogram and"
          + " used to rank the candidates.")
  Map<String, Double> targets = new LinkedHashMap<>();

  @Option(names = "--setting", paramLabel = "KEY=VALUE",
      description = "A setting of the run to list in the report (repeatable, kept in order).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--top", paramLabel = "N", defaultValue = "12",
      description = "Candidates shown in detail (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--rank-by", paramLabel = "COLUMN",
      description = "Without targets, rank by this column, lowest first (default: the energy"
          + " above the hull, else a predicted formation energy column).")
  String rankBy;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "24",
      description = "Histogram bins (default: ${DEFAULT-VALUE}).")
  int bins;

  @Option(names = "--title", paramLabel = "TEXT", defaultValue = "invdes design report",
      description = "Title of the page (default: ${DEFAULT-VALUE}).")
  String title;

  @Option(names = "--out", required = true, paramLabel = "REPORT.html",
      description = "The HTML file to write (atomically).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (top < 0 || top > 1000 || bins < 1 || bins > 200) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--top must be 0..1000 and --bins 1..200 (got " + top + " and " + bins + ")");
    }
    for (Map.Entry<String, Double> t : targets.entrySet()) {
      if (t.getValue() == null || !Double.isFinite(t.getValue())) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--target " + t.getKey()
            + " needs a finite number, e.g. --target " + t.getKey() + "=0.5");
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    for (Object[] input : new Object[][] {{"--candidates", candidates}, {"--rejected", rejected},
        {"--train", train}, {"--metrics", metrics}}) {
      Path p = (Path) input[1];
      if (p != null && !Files.isRegularFile(p)) {
        err.println("invdes: " + input[0] + ": no such file " + p);
        return 1;
      }
    }
    ReportAssembler a = ReportAssembler.forCandidates(Table.read(candidates))
        .setTitle(title).setTop(top).setBins(bins).setRankBy(rankBy);
    settings.forEach(a::addSetting);
    a.addSetting("candidates", candidates.getFileName().toString());
    if (rejected != null) {
      a.setRejected(Table.read(rejected));
      a.addSetting("rejected", rejected.getFileName().toString());
    }
    if (train != null) {
      a.setTraining(Table.read(train));
      a.addSetting("training data", train.getFileName().toString());
    }
    if (metrics != null) {
      a.setMetricsJson(Files.readString(metrics, StandardCharsets.UTF_8),
          metrics.getFileName().toString());
      a.addSetting("metrics", metrics.getFileName().toString());
    }
    properties.forEach(a::addProperty);
    targets.forEach((k, v) -> {
      a.addTarget(k, v);
      a.addSetting("target " + k, String.valueOf(v));
    });
    Report report = a.assemble();
    report.warnings().forEach(w -> err.println("invdes: warning: " + w));
    HtmlReport.write(report, out);
    err.println("invdes: wrote " + out + " (" + report.candidates().size() + " candidates)");
    return 0;
  }
}
