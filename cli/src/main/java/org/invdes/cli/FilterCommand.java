package org.invdes.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.CsvWriter;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
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
import org.invdes.core.surrogate.SurrogateModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes filter}: keeps the plausible candidates of a dataset table. Every input column
 * is kept as it was; one score column per check and a {@code reason} column are added.
 */
@Command(name = "filter", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"Keep the plausible candidates of a table (CSV with a cif column): geometric",
        "validity (shortest distance >= 0.5 A, volume >= 0.1 A^3), distances against covalent",
        "radii, charge balance (SMACT's rule), with --surrogate the formation energy predicted",
        "by a trained surrogate (invdes train-surrogate), and, with --reference, energy above",
        "the convex hull of the reference entries (a candidate without its own energy column",
        "takes the surrogate's prediction), then duplicates within the set and (with",
        "--reference) known structures, by structure matching. Input columns are kept; a score",
        "column per check, duplicate_of, matches_reference and a reason column are added. Rows",
        "whose CIF cannot be read, or that the surrogate cannot predict (an element it was not",
        "trained on), are rejected with the reason."},
    footer = {"", "Examples:",
        "  invdes filter --in candidates.csv --reference train.csv --energy-property heat_ref \\",
        "      --ehull-max 0.1 --out kept.csv --rejected rejected.csv",
        "  invdes filter --in samples.csv --reference train.csv --surrogate surrogate \\",
        "      --out kept.csv"})
public final class FilterCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, paramLabel = "CANDIDATES.csv",
      description = "Candidates (CSV or CSV.gz with a cif column).")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "KEPT.csv",
      description = "Where the kept rows go.")
  Path out;

  @Option(names = "--rejected", paramLabel = "REJ.csv",
      description = "Where the rejected rows go, with their reason.")
  Path rejected;

  @Option(names = "--reference", paramLabel = "TRAIN.csv",
      description = "Reference entries for the convex hull (CSV with a cif column and the energy"
          + " column).")
  Path reference;

  @Option(names = "--energy-property",
      description = "Formation energy per atom (eV/atom) column, in the candidates and the"
          + " reference (default: the surrogate's property with --surrogate, else "
          + EnergyAboveHullCheck.DEFAULT_PROPERTY + ").")
  String energyProperty;

  @Option(names = "--surrogate", paramLabel = "MODEL",
      description = "A surrogate model directory (invdes train-surrogate): adds its predicted"
          + " energy as a column, and the hull check uses it for candidates without an energy.")
  Path surrogatePath;

  @Option(names = "--surrogate-decides",
      description = "With --surrogate: the hull check uses the surrogate's prediction for every"
          + " candidate, also those with an energy column of their own (e.g. samples carrying"
          + " the generator's own guess).")
  boolean surrogateDecides;

  @Option(names = "--ehull-max", defaultValue = "0.1",
      description = "Largest energy above the hull kept, eV/atom (default: ${DEFAULT-VALUE}).")
  double ehullMax;

  @Option(names = "--covalent-factor", defaultValue = "0.5",
      description = "Reject pairs closer than this times the sum of covalent radii"
          + " (default: ${DEFAULT-VALUE}).")
  double covalentFactor;

  @Option(names = "--keep-duplicates",
      description = "Keep structures that match an earlier candidate (by default only the first"
          + " of each group of matching structures is kept).")
  boolean keepDuplicates;

  @Option(names = "--keep-known",
      description = "Keep candidates that match a --reference structure (by default they are"
          + " rejected as not novel).")
  boolean keepKnown;

  @Option(names = "--threads", defaultValue = "0",
      description = "Worker threads (0 = all processors).")
  int threads;

  @Option(names = "--timings",
      description = "Print the seconds spent in each stage on stderr: reading (candidates,"
          + " reference and hull), checks, duplicates, novelty, writing.")
  boolean timings;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (ehullMax < 0 || !(covalentFactor > 0) || threads < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--ehull-max must be >= 0, --covalent-factor > 0 and --threads >= 0");
    }
    SurrogateModel surrogate = null;
    if (surrogatePath != null) {
      try {
        surrogate = SurrogateModel.load(surrogatePath);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--surrogate "
            + surrogatePath + ": " + e.getReason() + " (" + e.getFile() + ")");
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--surrogate: "
            + e.getMessage());
      }
    }
    try {
      return run(surrogate);
    } finally {
      if (surrogate != null) {
        surrogate.close();
      }
    }
  }

  private Integer run(SurrogateModel surrogate) throws Exception {
    if (surrogateDecides && surrogate == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--surrogate-decides needs --surrogate");
    }
    long tRead = System.nanoTime();
    if (energyProperty == null) {
      energyProperty = surrogate != null ? surrogate.property()
          : EnergyAboveHullCheck.DEFAULT_PROPERTY;
    } else if (surrogate != null && reference != null
        && !energyProperty.equals(surrogate.property())) {
      spec.commandLine().getErr().println("invdes: warning: the surrogate predicts '"
          + surrogate.property() + "' but the hull uses '" + energyProperty + "'; candidates"
          + " without '" + energyProperty + "' are judged by the prediction of '"
          + surrogate.property() + "'");
    }
    List<StabilityCheck> checks = new ArrayList<>(List.of(GeometricValidity.standard(),
        CovalentDistanceCheck.standard().withFactor(covalentFactor),
        CompositionValidity.standard()));
    // score columns, in the order of the checks: shortest distance (Å), smallest distance over
    // the sum of covalent radii, 1/0 charge balance, the surrogate's prediction (eV/atom),
    // energy above the hull (eV/atom)
    List<String> columns = new ArrayList<>(List.of("shortest_distance", "covalent_ratio",
        "charge_balanced"));
    SurrogateEnergyCheck predicted = null;
    if (surrogate != null) {
      predicted = SurrogateEnergyCheck.of(surrogate);
      checks.add(predicted);
      columns.add("predicted_" + surrogate.property());
    }
    if (reference != null) {
      ConvexHull hull = hull();
      if (hull != null) {
        EnergyAboveHullCheck hullCheck = EnergyAboveHullCheck.of(hull, energyProperty, ehullMax);
        checks.add(predicted == null ? hullCheck : surrogateDecides
            ? hullCheck.withPredictionFirst(predicted) : hullCheck.withPredictor(predicted));
        columns.add("e_above_hull");
      }
    }
    // the raw rows, to write back unchanged
    List<String> header;
    List<List<String>> raw = new ArrayList<>();
    try (CsvReader r = CsvReader.open(in)) {
      header = r.next();
      if (header == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), in + " is empty");
      }
      List<String> rec;
      while ((rec = r.next()) != null) {
        raw.add(rec);
      }
    }
    DatasetCsv.Table table = DatasetCsv.readTable(in, ReadOptions.relaxed());
    table.warnings().forEach(w -> spec.commandLine().getErr().println("invdes: warning: " + w));
    List<Structure> structures = new ArrayList<>();
    List<Integer> rowOf = new ArrayList<>();
    int unreadable = 0;
    for (int i = 0; i < table.rows().size(); i++) {
      ReadResult r = table.rows().get(i);
      if (r.ok()) {
        structures.add(r.structure());
        rowOf.add(i);
      } else {
        unreadable++;
      }
    }
    if (unreadable > 0) {
      spec.commandLine().getErr().println("invdes: warning: " + unreadable + " of "
          + table.rows().size() + " rows could not be read and are rejected (see their reason)");
    }
    int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    List<StabilityFilter.Evaluation> evaluations;
    long tChecks;
    try (ConsoleProgress progress = new ConsoleProgress("filter")) {
      tChecks = System.nanoTime();
      evaluations = StabilityFilter.of(checks).withThreads(n).evaluateAll(structures, progress);
    }
    // duplicates within the set and novelty against the reference: structure matcher
    // (pymatgen's defaults), among candidates that passed the checks
    long tMatcher = System.nanoTime();
    boolean[] passed = new boolean[evaluations.size()];
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < evaluations.size(); k++) {
      passed[k] = evaluations.get(k).passed();
      ids.add(table.rows().get(rowOf.get(k)).id());
    }
    List<Structure> known = referenceStructures == null ? List.of() : referenceStructures;
    List<String> knownIds = new ArrayList<>();
    for (int m = 0; m < known.size(); m++) {
      knownIds.add(known.get(m).stringProperty(DatasetCsv.ID).orElse("#" + (m + 1)));
    }
    CandidateFilter.Result matches = CandidateFilter.defaults().assess(structures, ids, passed,
        known, knownIds, org.invdes.core.progress.ProgressMonitor.NONE);
    long tWrite = System.nanoTime();
    List<String> added = new ArrayList<>(columns);
    added.add("duplicate_of");
    if (reference != null) {
      added.add("matches_reference");
    }
    added.add("reason");
    // an added column never hides an input column of the same name (MP-20 has e_above_hull)
    List<String> outHeader = new ArrayList<>(header);
    for (String a : added) {
      String name = a;
      while (outHeader.contains(name)) {
        name = name + "_invdes";
      }
      outHeader.add(name);
    }
    List<List<String>> kept = new ArrayList<>();
    List<List<String>> rej = new ArrayList<>();
    StabilityFilter.Evaluation[] byRow = new StabilityFilter.Evaluation[table.rows().size()];
    for (int k = 0; k < evaluations.size(); k++) {
      byRow[rowOf.get(k)] = evaluations.get(k);
    }
    for (int i = 0; i < raw.size() && i < byRow.length; i++) {
      List<String> row = new ArrayList<>(raw.get(i));
      while (row.size() < header.size()) {
        row.add("");
      }
      StabilityFilter.Evaluation e = byRow[i];
      if (e == null) {
        for (int c = 0; c < outHeader.size() - header.size() - 1; c++) {
          row.add("");
        }
        row.add("unreadable: " + table.rows().get(i).error().detail());
        rej.add(row);
        continue;
      }
      for (CheckResult cr : e.results()) {
        row.add(Double.isFinite(cr.score()) ? String.format(Locale.ROOT, "%.6g", cr.score())
            : "");
      }
      int k = e.index();
      String duplicateOf = matches.duplicateOf().get(k);
      String knownAs = matches.matchesReference().get(k);
      row.add(duplicateOf == null ? "" : duplicateOf);
      if (reference != null) {
        row.add(knownAs == null ? "" : knownAs);
      }
      List<String> reasons = new ArrayList<>();
      if (!e.passed()) {
        reasons.add(e.reason());
      }
      reasons.addAll(matches.reasons(k, keepDuplicates, keepKnown));
      row.add(String.join("; ", reasons));
      (reasons.isEmpty() ? kept : rej).add(row);
    }
    CsvWriter.write(out, outHeader, sink -> {
      for (List<String> r : kept) {
        sink.accept(r);
      }
    });
    if (rejected != null) {
      CsvWriter.write(rejected, outHeader, sink -> {
        for (List<String> r : rej) {
          sink.accept(r);
        }
      });
    }
    spec.commandLine().getErr().println(String.format(Locale.ROOT,
        "invdes: kept %d of %d candidates", kept.size(), raw.size()));
    if (timings) {
      long end = System.nanoTime();
      spec.commandLine().getErr().println(String.format(Locale.ROOT, "invdes: timings (s):"
          + " read %.2f, checks %.2f, duplicates and novelty (structure matcher) %.2f,"
          + " write %.2f", (tChecks - tRead) / 1e9, (tMatcher - tChecks) / 1e9,
          (tWrite - tMatcher) / 1e9, (end - tWrite) / 1e9));
    }
    return 0;
  }

  /** The readable structures of --reference (null without one). */
  private List<Structure> referenceStructures;

  /** The hull of the reference entries; null when the default energy column is absent. */
  private ConvexHull hull() throws Exception {
    List<ConvexHull.Entry> entries = new ArrayList<>();
    referenceStructures = new ArrayList<>();
    int missing = 0;
    for (ReadResult r : DatasetCsv.read(reference, ReadOptions.relaxed())) {
      if (r.ok()) {
        referenceStructures.add(r.structure());
      }
      if (!r.ok() || r.structure().doubleProperty(energyProperty).isEmpty()) {
        missing++;
        continue;
      }
      entries.add(new ConvexHull.Entry(r.id(), r.structure().composition(),
          r.structure().doubleProperty(energyProperty).getAsDouble()));
    }
    if (entries.isEmpty() && !spec.commandLine().getParseResult()
        .hasMatchedOption("--energy-property")) {
      // the default energy column is absent: the reference serves novelty only
      spec.commandLine().getErr().println("invdes: note: " + reference + " has no numeric '"
          + energyProperty + "' column, so the energy above the hull is not checked (name the"
          + " energy column with --energy-property)");
      return null;
    }
    if (entries.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no reference entry in "
          + reference + " has a readable structure and a numeric '" + energyProperty
          + "' column; name the energy column with --energy-property");
    }
    if (missing > 0) {
      spec.commandLine().getErr().println("invdes: warning: " + missing + " reference rows"
          + " without a structure or '" + energyProperty + "' were left out of the hull");
    }
    return ConvexHull.of(entries);
  }
}
