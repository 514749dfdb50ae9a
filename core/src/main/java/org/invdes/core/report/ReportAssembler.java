package org.invdes.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.invdes.core.io.CifReader;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.StructureIOException;

/**
 * Builds a {@link Report} from what the pipeline wrote: the kept and rejected tables of {@code
 * invdes filter}, a training table (for the histograms) and the JSON of {@code invdes evaluate
 * --json}. {@code set*}/{@code add*} for inputs, {@link #assemble()} to build.
 *
 * <p>Steps of {@link #assemble()}:
 * <ol>
 *   <li>The properties shown are those added, then the targets' properties; when there are
 *       neither, every numeric column of the kept table that {@code invdes filter} did not add.
 *       A named property or target missing from the kept table is an error naming the columns.
 *   <li>Cells are read as numbers; an empty cell is missing; a cell that is not a number is
 *       missing too and gives one warning per column naming its first line and value.
 *   <li>The funnel is counted by {@link Funnel#fromFilterOutput(Table, Table)}.
 *   <li>One histogram per property: training values (when the training table has the column),
 *       kept candidates, and the target.
 *   <li>The metrics JSON is flattened into rows (group = top-level key).
 *   <li>Ranking: with targets, by the root mean square over the targets of (value − target) / σ,
 *       σ the property's standard deviation in the training table (in the candidates without
 *       one; 1 when that is 0); without targets, by the ranking column (given, else the
 *       energy-above-hull column, else the first numeric column whose name mentions a formation
 *       energy), lowest first; without any, in table order. Rows without a score come last; ties
 *       keep table order. The first {@code top} rows whose CIF can be read become the candidates.
 * </ol>
 */
public final class ReportAssembler {
  /** Columns {@code invdes filter} adds; never shown as properties. */
  static final List<String> FILTER_COLUMNS = List.of("shortest_distance", "covalent_ratio",
      "charge_balanced", "e_above_hull", "duplicate_of", "matches_reference", "reason");
  private static final Pattern ENERGY = Pattern.compile(
      "(?i).*(e_?form|formation|energy|heat_ref).*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Table kept;
  private Table rejected;
  private Table training;
  private String metricsJson;
  private String metricsSource = "metrics";
  private final List<String> properties = new ArrayList<>();
  private final Map<String, Double> targets = new LinkedHashMap<>();
  private final List<Report.Setting> settings = new ArrayList<>();
  private int top = 12;
  private int bins = 24;
  private String rankBy;
  private String title;

  private ReportAssembler(Table kept) {
    this.kept = kept;
  }

  /**
   * @param kept the kept table of {@code invdes filter}
   * @return an assembler
   */
  public static ReportAssembler forCandidates(Table kept) {
    return new ReportAssembler(Objects.requireNonNull(kept, "kept"));
  }

  /** @param t the rejected table of {@code invdes filter} (null for none) @return this */
  public ReportAssembler setRejected(Table t) {
    this.rejected = t;
    return this;
  }

  /** @param t the training table (a dataset CSV; null for none) @return this */
  public ReportAssembler setTraining(Table t) {
    this.training = t;
    return this;
  }

  /**
   * @param json what {@code invdes evaluate --json} printed (null for none)
   * @param source its file name, for messages
   * @return this
   */
  public ReportAssembler setMetricsJson(String json, String source) {
    this.metricsJson = json;
    this.metricsSource = Objects.requireNonNull(source, "source");
    return this;
  }

  /** @param name a property column to show @return this */
  public ReportAssembler addProperty(String name) {
    properties.add(Objects.requireNonNull(name, "property"));
    return this;
  }

  /**
   * @param name the property column
   * @param value the target value
   * @return this
   * @throws IllegalArgumentException if the value is not finite or the property has a target
   */
  public ReportAssembler addTarget(String name, double value) {
    Objects.requireNonNull(name, "target");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("target " + name + " must be a finite number, got "
          + value);
    }
    if (targets.containsKey(name)) {
      throw new IllegalArgumentException("two targets for " + name);
    }
    targets.put(name, value);
    return this;
  }

  /** @param key a setting @param value its value @return this */
  public ReportAssembler addSetting(String key, String value) {
    settings.add(new Report.Setting(key, value));
    return this;
  }

  /** @param n how many top candidates to show, 0..1000 (default 12) @return this */
  public ReportAssembler setTop(int n) {
    if (n < 0 || n > 1000) {
      throw new IllegalArgumentException("top must be 0..1000, got " + n);
    }
    this.top = n;
    return this;
  }

  /** @param n histogram bins, 1..200 (default 24) @return this */
  public ReportAssembler setBins(int n) {
    if (n < 1 || n > 200) {
      throw new IllegalArgumentException("bins must be 1..200, got " + n);
    }
    this.bins = n;
    return this;
  }

  /** @param column the column to rank by, lowest first, when there is no target @return this */
  public ReportAssembler setRankBy(String column) {
    this.rankBy = column;
    return this;
  }

  /** @param t the title @return this */
  public ReportAssembler setTitle(String t) {
    this.title = t;
    return this;
  }

  /**
   * Builds the report (see the class comment for the steps).
   *
   * @return the report
   * @throws IllegalArgumentException if a property, target or ranking column is not in the kept
   *     table, if a table is not filter output, or if the metrics are not a JSON object
   */
  public Report assemble() {
    Report.Builder b = Report.builder();
    if (title != null) {
      b.setTitle(title);
    }
    for (Report.Setting s : settings) {
      b.addSetting(s.key(), s.value());
    }
    List<String> shown = shownProperties();
    Map<String, double[]> values = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (String p : shown) {
      values.put(p, numbers(kept, kept.column(p), warnings));
    }
    // 3. funnel
    Funnel funnel = Funnel.fromFilterOutput(kept, rejected);
    b.setFunnel(funnel);
    // 4. histograms
    Map<String, double[]> trainValues = new LinkedHashMap<>();
    for (String p : shown) {
      Map<String, double[]> sets = new LinkedHashMap<>();
      if (training != null && training.column(p) >= 0) {
        double[] t = numbers(training, training.column(p), warnings);
        trainValues.put(p, t);
        sets.put("training (" + count(t) + ")", t);
      }
      sets.put("candidates (" + count(values.get(p)) + ")", values.get(p));
      Double target = targets.get(p);
      b.addHistogram(Histogram.of(p, sets, target == null ? OptionalDouble.empty()
          : OptionalDouble.of(target), bins));
    }
    if (training != null) {
      for (String p : shown) {
        if (training.column(p) < 0) {
          b.addNote(training.source() + " has no column '" + p + "': its histogram shows the"
              + " candidates only.");
        }
      }
    }
    // 5. metrics
    if (metricsJson != null) {
      metrics(b);
    }
    // 6. ranking
    rank(b, values, trainValues, warnings);
    warnings.forEach(b::addWarning);
    return b.build();
  }

  private List<String> shownProperties() {
    Set<String> shown = new LinkedHashSet<>(properties);
    shown.addAll(targets.keySet());
    for (String p : shown) {
      requireColumn(p, "property");
    }
    if (rankBy != null) {
      requireColumn(rankBy, "ranking");
    }
    if (shown.isEmpty()) {
      for (int c = 0; c < kept.header().size(); c++) {
        String h = kept.header().get(c);
        if (!isFilterOrIdColumn(h) && numeric(kept, c)) {
          shown.add(h);
        }
      }
    }
    return new ArrayList<>(shown);
  }

  private void requireColumn(String name, String what) {
    if (kept.column(name) < 0) {
      throw new IllegalArgumentException(kept.source() + " has no " + what + " column '" + name
          + "' (columns: " + String.join(", ", kept.header()) + ")");
    }
  }

  private static boolean isFilterOrIdColumn(String h) {
    String base = h;
    while (base.endsWith("_invdes")) {
      base = base.substring(0, base.length() - "_invdes".length());
    }
    return FILTER_COLUMNS.contains(base) || h.equals("id") || h.equals("material_id")
        || h.equals("cif") || h.isEmpty() || h.equals("Unnamed: 0");
  }

  /** Whether more than half of the non-empty cells of a column are numbers. */
  private static boolean numeric(Table t, int c) {
    int filled = 0;
    int numbers = 0;
    for (int i = 0; i < t.size(); i++) {
      String s = t.cell(i, c).trim();
      if (!s.isEmpty()) {
        filled++;
        if (Double.isFinite(parse(s))) {
          numbers++;
        }
      }
    }
    return filled > 0 && 2 * numbers > filled;
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The column as numbers (NaN = missing), with one warning for the cells that are not. */
  private static double[] numbers(Table t, int c, List<String> warnings) {
    double[] v = new double[t.size()];
    int bad = 0;
    String first = null;
    for (int i = 0; i < t.size(); i++) {
      String s = t.cell(i, c).trim();
      v[i] = s.isEmpty() || s.equalsIgnoreCase("nan") ? Double.NaN : parse(s);
      if (!s.isEmpty() && !s.equalsIgnoreCase("nan") && !Double.isFinite(v[i])) {
        v[i] = Double.NaN;
        if (bad++ == 0) {
          first = "line " + t.line(i) + ": '" + s + "'";
        }
      }
    }
    if (bad > 0) {
      warnings.add(t.source() + ": " + bad + " cell" + (bad == 1 ? "" : "s") + " of column '"
          + t.header().get(c) + "' " + (bad == 1 ? "is" : "are") + " not a number and "
          + (bad == 1 ? "is" : "are") + " left out (first at " + first + ")");
    }
    return v;
  }

  private static int count(double[] v) {
    int n = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        n++;
      }
    }
    return n;
  }

  private static double std(double[] v) {
    int n = 0;
    double sum = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        n++;
        sum += x;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double mean = sum / n;
    double ss = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        ss += (x - mean) * (x - mean);
      }
    }
    return Math.sqrt(ss / (n - 1));
  }

  private void metrics(Report.Builder b) {
    JsonNode root;
    try {
      root = JSON.readTree(metricsJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(metricsSource + " line "
          + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(metricsSource + ": expected a JSON object (what invdes"
          + " evaluate --json prints)");
    }
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        flatten(b, words(e.getKey()), "", e.getValue());
      } else {
        b.addMetric("", words(e.getKey()), value(e.getValue()));
      }
    }
  }

  private static void flatten(Report.Builder b, String group, String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = prefix.isEmpty() ? words(e.getKey()) : prefix + " " + words(e.getKey());
      if (e.getValue().isObject()) {
        flatten(b, group, name, e.getValue());
      } else {
        b.addMetric(group, name, value(e.getValue()));
      }
    }
  }

  private static String value(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "—";
    }
    if (v.isNumber()) {
      return Format.num(v.doubleValue());
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      v.forEach(x -> parts.add(value(x)));
      return String.join(", ", parts);
    }
    return v.asText();
  }

  /**
   * Readable metric names: "structurePercent" → "structure %", "cov_recall_pct" → "cov recall
   * %", "wdist" → "EMD".
   */
  static String words(String key) {
    String s = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ')
        .toLowerCase(Locale.ROOT);
    return s.replaceAll("\\b(percent|pct)\\b", "%").replaceAll("\\bwdist\\b", "EMD").trim();
  }

  private void rank(Report.Builder b, Map<String, double[]> values,
      Map<String, double[]> trainValues, List<String> warnings) {
    int n = kept.size();
    double[] score = new double[n];
    java.util.Arrays.fill(score, Double.NaN);
    String description;
    boolean hasScore = true;
    int ehullCol = kept.addedColumn("e_above_hull");
    if (!targets.isEmpty()) {
      Map<String, Double> sigma = new LinkedHashMap<>();
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Double> t : targets.entrySet()) {
        double s = trainValues.containsKey(t.getKey()) ? std(trainValues.get(t.getKey()))
            : std(values.get(t.getKey()));
        if (!(s > 0)) {
          s = 1;
        }
        sigma.put(t.getKey(), s);
        parts.add(t.getKey() + " = " + Format.num(t.getValue()) + " (σ " + Format.num(s) + ")");
      }
      for (int i = 0; i < n; i++) {
        double ss = 0;
        for (Map.Entry<String, Double> t : targets.entrySet()) {
          double z = (values.get(t.getKey())[i] - t.getValue()) / sigma.get(t.getKey());
          ss += z * z;
        }
        score[i] = Math.sqrt(ss / targets.size());
      }
      description = "Ranked by closeness to the target " + String.join(", ", parts)
          + ": the root mean square of (value − target) / σ over the targets, σ being each"
          + " property's standard deviation in the "
          + (training != null ? "training data" : "candidates") + "; smallest first.";
    } else {
      String col = rankBy;
      String what = null;
      if (col == null && ehullCol >= 0 && count(numbers(kept, ehullCol, new ArrayList<>())) > 0) {
        col = kept.header().get(ehullCol);
        what = "energy above the hull";
      }
      if (col == null) {
        for (int c = 0; c < kept.header().size(); c++) {
          String h = kept.header().get(c);
          if (!isFilterOrIdColumn(h) && ENERGY.matcher(h).matches() && numeric(kept, c)) {
            col = h;
            what = "predicted energy";
            break;
          }
        }
      }
      if (col != null) {
        score = numbers(kept, kept.column(col), rankBy != null ? warnings : new ArrayList<>());
        description = "No target was given: ranked by " + (what == null ? "" : what + " ")
            + "(column " + col + "), lowest first.";
      } else {
        hasScore = false;
        description = "No target and no energy column: candidates in the order of "
            + kept.source() + ".";
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    final double[] sc = score;
    java.util.Arrays.sort(order, (x, y) -> {
      boolean fx = Double.isFinite(sc[x]);
      boolean fy = Double.isFinite(sc[y]);
      if (fx != fy) {
        return fx ? -1 : 1;
      }
      int c = fx ? Double.compare(sc[x], sc[y]) : 0;
      return c != 0 ? c : Integer.compare(x, y);
    });
    b.setRanking(description);
    int idCol = kept.column("material_id") >= 0 ? kept.column("material_id") : kept.column("id");
    int cifCol = kept.column("cif");
    if (cifCol < 0 && top > 0 && n > 0) {
      throw new IllegalArgumentException(kept.source() + " has no 'cif' column (columns: "
          + String.join(", ", kept.header()) + ")");
    }
    int rank = 0;
    int unreadable = 0;
    String firstBad = null;
    for (int k = 0; k < n && rank < top; k++) {
      int i = order[k];
      String id = idCol >= 0 && !kept.cell(i, idCol).isBlank() ? kept.cell(i, idCol)
          : "row " + (i + 1);
      String cif = kept.cell(i, cifCol);
      ReadResult r = read(cif, kept.source() + " line " + kept.line(i));
      if (r == null || !r.ok()) {
        if (unreadable++ == 0) {
          firstBad = id + " (line " + kept.line(i) + ")"
              + (r == null ? "" : ": " + r.error().detail());
        }
        continue;
      }
      Map<String, Double> props = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : values.entrySet()) {
        props.put(e.getKey(), e.getValue()[i]);
      }
      OptionalDouble eh = OptionalDouble.empty();
      if (ehullCol >= 0) {
        double x = parse(kept.cell(i, ehullCol));
        if (Double.isFinite(x)) {
          eh = OptionalDouble.of(x);
        }
      }
      b.addCandidate(Candidate.of(++rank, id, r.structure(), cif, props, eh,
          hasScore && Double.isFinite(score[i]) ? OptionalDouble.of(score[i])
              : OptionalDouble.empty()));
    }
    if (unreadable > 0) {
      warnings.add(kept.source() + ": " + unreadable + " candidate" + (unreadable == 1 ? "" : "s")
          + " among the top could not be read and " + (unreadable == 1 ? "is" : "are")
          + " left out (first: " + firstBad + ")");
    }
  }

  private static ReadResult read(String cif, String source) {
    if (cif == null || cif.isBlank()) {
      return null;
    }
    try {
      for (ReadResult r : CifReader.read(cif, source, ReadOptions.relaxed())) {
        return r;
      }
      return null;
    } catch (StructureIOException e) {
      return ReadResult.failed(source, null, e.line(), e, List.of());
    }
  }
}
