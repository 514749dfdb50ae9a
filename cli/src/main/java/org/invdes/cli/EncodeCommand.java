package org.invdes.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.invdes.core.encoding.CellChoice;
import org.invdes.core.encoding.DisorderPolicy;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncoderOptions;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.CsvWriter;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.StructureFormat;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invdes encode}: structures to the fixed-size feature vectors of {@link Encoder}, one row
 * per structure, keeping the id and the property columns.
 *
 * <p>Steps: (1) read the inputs (dataset tables keep their property cells as written); (2) with
 * {@code --encoding}, load that fitted encoding; otherwise check each structure alone against
 * the options and fit the encoder on those that pass (deterministic, independent of row order);
 * (3) encode the rows on {@code --threads} workers, output in input order; (4) write the table
 * and the fitted encoding atomically. A row that cannot be read or encoded keeps its id and
 * properties with empty feature cells, and all such rows are named in one warning.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"Encode crystal structures as fixed-size feature vectors (FTCP-style:",
        "normalised ln a, ln b, ln c and angles; per site row a one-hot element and the",
        "fractional coordinates; optional occupancies and Fourier features), one CSV row per",
        "structure: id, the input's property columns, then one enc_* column per feature. The",
        "fitted encoding (vocabulary, site budget, normalisation) is saved as JSON beside the",
        "table, enough to decode the features. Rows that cannot be read or encoded keep their id",
        "and properties with empty feature cells, named in one warning."},
    footer = {"", "Example:",
        "  invdes encode --in train.csv --out train-features.csv --max-sites 20 --fourier 2",
        "  invdes encode --in test.csv --encoding train-features.encoding.json"
            + " --out test-features.csv"})
public final class EncodeCommand implements Callable<Integer> {
  /** Prefix of every feature column. */
  static final String PREFIX = "enc_";

  @Option(names = "--in", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Structures: dataset CSV/CSV.gz (cif column), CIF, POSCAR or extended XYZ;"
          + " several files allowed.")
  List<Path> in;

  @Option(names = "--out", required = true, paramLabel = "FEATURES.csv",
      description = "The feature table (.csv or .csv.gz).")
  Path out;

  @Option(names = "--encoding", paramLabel = "ENCODING.json",
      description = "Use this fitted encoding (e.g. of the training set) instead of fitting one.")
  Path encoding;

  @Option(names = "--encoding-out", paramLabel = "FILE.json",
      description = "Where the fitted encoding goes (default: OUT with .encoding.json instead of"
          + " .csv).")
  Path encodingOut;

  @Option(names = "--max-sites", paramLabel = "N",
      description = "Site budget N; larger cells get empty features (default: the largest"
          + " cell).")
  Integer maxSites;

  @Option(names = "--elements", split = ",", paramLabel = "EL",
      description = "Fixed element vocabulary, e.g. Sr,Ti,O (default: the elements present).")
  List<String> elements;

  @Option(names = "--fourier", arity = "0..1", fallbackValue = "2", paramLabel = "M",
      description = "Add Fourier features for max(|h|,|k|,|l|) <= M (M = 1..6; 2 if no value"
          + " is given).")
  Integer fourier;

  @Option(names = "--occupancy", description = "Add a per-site occupancy channel.")
  boolean occupancy;

  @Option(names = "--major-element",
      description = "Encode a disordered site as its major element (default: such rows fail).")
  boolean majorElement;

  @Option(names = "--niggli", description = "Encode the Niggli-reduced cell.")
  boolean niggli;

  @Option(names = "--threads", defaultValue = "0",
      description = "Worker threads (0 = all processors).")
  int threads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One output row: its id, its property cells, and the structure (null if unreadable). */
  private record Row(String id, List<String> properties, Structure structure, String error) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (threads < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 0");
    }
    if (encoding != null && (maxSites != null || elements != null || fourier != null
        || occupancy || majorElement || niggli)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--encoding fixes the layout;"
          + " leave out --max-sites, --elements, --fourier, --occupancy, --major-element and"
          + " --niggli");
    }
    EncoderOptions options = encoding == null ? options() : null;
    for (Path p : in) {
      if (!Files.isRegularFile(p)) {
        err.println("invdes: no input file " + p);
        return 1;
      }
    }
    // step 1
    List<String> propertyColumns = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (Path p : in) {
      read(p, propertyColumns, rows);
    }
    // step 2
    Encoder encoder;
    String[] problem = new String[rows.size()];
    int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    ForkJoinPool pool = new ForkJoinPool(n);
    try {
      if (encoding != null) {
        encoder = Encoder.load(encoding);
        Encoder e = encoder;
        parallel(pool, rows.size(), i -> {
          Row r = rows.get(i);
          problem[i] = r.structure() == null ? r.error()
              : e.problem(r.structure()).orElse(null);
        });
      } else {
        parallel(pool, rows.size(), i -> {
          Row r = rows.get(i);
          problem[i] = r.structure() == null ? r.error() : check(r.structure(), options);
        });
        List<Structure> training = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          if (problem[i] == null) {
            training.add(rows.get(i).structure());
          }
        }
        if (training.isEmpty()) {
          err.println("invdes: none of the " + rows.size() + " structures can be encoded"
              + (rows.isEmpty() ? "" : "; the first reason: " + problem[0]));
          return 1;
        }
        encoder = Encoder.fit(training, options);
      }
      // step 3
      float[][] features = new float[rows.size()][];
      Encoder e = encoder;
      AtomicInteger done = new AtomicInteger();
      try (ConsoleProgress progress = new ConsoleProgress("encode")) {
        parallel(pool, rows.size(), i -> {
          progress.checkCancelled("encoding");
          if (problem[i] == null) {
            features[i] = e.encode(rows.get(i).structure()).features();
          }
          int k = done.incrementAndGet();
          if (k % 500 == 0 || k == rows.size()) {
            progress.progress((double) k / rows.size(), k + " of " + rows.size() + " structures");
          }
        });
      }
      // step 4
      List<String> header = new ArrayList<>();
      header.add("id");
      for (String c : propertyColumns) {
        String name = c;
        while (header.contains(name)) {
          name = name + "_in";
        }
        header.add(name);
      }
      for (String f : encoder.config().featureNames()) {
        header.add(PREFIX + f);
      }
      int width = encoder.layout().length();
      CsvWriter.write(out, header, sink -> {
        for (int i = 0; i < rows.size(); i++) {
          Row r = rows.get(i);
          List<String> cells = new ArrayList<>(header.size());
          cells.add(r.id());
          for (int c = 0; c < propertyColumns.size(); c++) {
            cells.add(c < r.properties().size() ? r.properties().get(c) : "");
          }
          for (int k = 0; k < width; k++) {
            cells.add(features[i] == null ? "" : Float.toString(features[i][k]));
          }
          sink.accept(cells);
        }
      });
      Path json = encodingOut != null ? encodingOut : defaultEncodingPath(out);
      if (encoding == null || encodingOut != null) {
        encoder.save(json);
      }
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (problem[i] != null) {
          failed.add(rows.get(i).id() + " (" + problem[i] + ")");
        }
      }
      if (!failed.isEmpty()) {
        err.println("invdes: warning: " + failed.size() + " of " + rows.size() + " rows could"
            + " not be encoded and have empty feature cells: "
            + String.join("; ", failed.subList(0, Math.min(5, failed.size())))
            + (failed.size() > 5 ? "; …" : ""));
      }
      err.println("invdes: encoded " + (rows.size() - failed.size()) + " of " + rows.size()
          + " structures into " + width + " features each ("
          + encoder.layout().maxSites() + " site rows, " + encoder.config().vocabulary().size()
          + " elements)" + (encoding == null ? "; encoding saved to " + json : ""));
      return 0;
    } finally {
      pool.shutdown();
    }
  }

  /** OUT with {@code .encoding.json} in place of {@code .csv} / {@code .csv.gz}. */
  static Path defaultEncodingPath(Path out) {
    String name = out.getFileName().toString();
    String stem = name.replaceFirst("(?i)\\.csv(\\.gz)?$", "");
    return out.resolveSibling(stem + ".encoding.json");
  }

  private EncoderOptions options() {
    try {
      EncoderOptions.Builder b = EncoderOptions.builder()
          .optOccupancyChannel(occupancy)
          .optDisorderPolicy(majorElement ? DisorderPolicy.MAJOR_ELEMENT : DisorderPolicy.REJECT)
          .optCellChoice(niggli ? CellChoice.NIGGLI : CellChoice.AS_GIVEN);
      if (maxSites != null) {
        b.optMaxSites(maxSites);
      }
      if (fourier != null) {
        b.optFourier(fourier);
      }
      if (elements != null) {
        List<Element> vocabulary = new ArrayList<>();
        for (String symbol : elements) {
          Optional<Element> e = Element.lookup(symbol.strip());
          if (e.isEmpty()) {
            throw new IllegalArgumentException("--elements: '" + symbol + "' is not an element"
                + " symbol (case matters, e.g. Sr,Ti,O)");
          }
          vocabulary.add(e.get());
        }
        b.optVocabulary(vocabulary);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Why this structure alone cannot be encoded under the options, or null. */
  private static String check(Structure s, EncoderOptions options) {
    try {
      Encoder.fit(List.of(s), options);
      return null;
    } catch (IllegalArgumentException e) {
      // fitting on this structure alone names it "training structure #0"; the row says which
      return String.valueOf(e.getMessage()).replaceFirst("^training structure #0: ", "");
    }
  }

  /** Step 1 for one file: rows in file order, property columns in order of appearance. */
  private void read(Path file, List<String> columns, List<Row> rows) throws Exception {
    String source = file.getFileName().toString();
    if (StructureFormat.of(file).orElse(null) == StructureFormat.CSV) {
      DatasetCsv.Table table = DatasetCsv.readTable(file, ReadOptions.relaxed());
      table.warnings().forEach(w -> spec.commandLine().getErr().println(
          "invdes: warning: " + w));
      List<String> header;
      List<List<String>> raw = new ArrayList<>();
      try (CsvReader r = CsvReader.open(file)) {
        header = r.next();
        List<String> rec;
        while ((rec = r.next()) != null) {
          raw.add(rec);
        }
      }
      int[] index = new int[table.propertyColumns().size()];
      int[] target = new int[index.length];
      for (int c = 0; c < index.length; c++) {
        String name = table.propertyColumns().get(c);
        index[c] = indexOf(header, name);
        if (!columns.contains(name)) {
          columns.add(name);
        }
        target[c] = columns.indexOf(name);
      }
      for (int i = 0; i < table.rows().size(); i++) {
        ReadResult r = table.rows().get(i);
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < index.length; c++) {
          while (cells.size() <= target[c]) {
            cells.add("");
          }
          List<String> rec = raw.get(i);
          cells.set(target[c], index[c] >= 0 && index[c] < rec.size() ? rec.get(index[c]).trim()
              : "");
        }
        rows.add(new Row(r.id(), cells, r.ok() ? r.structure() : null,
            r.ok() ? null : "unreadable: " + r.error().detail()));
      }
      return;
    }
    List<ReadResult> results;
    try {
      results = Structures.read(file, ReadOptions.relaxed());
    } catch (StructureIOException e) {
      rows.add(new Row(source, List.of(), null, "unreadable: " + e.getMessage()));
      return;
    }
    for (ReadResult r : results) {
      String id = r.id() != null ? r.id() : source;
      if (in.size() > 1 && !id.startsWith(source)) {
        id = source + ":" + id;
      }
      List<String> cells = new ArrayList<>();
      if (r.ok()) {
        r.structure().properties().forEach((k, v) -> {
          if (!k.equals(DatasetCsv.ID)) {
            if (!columns.contains(k)) {
              columns.add(k);
            }
            while (cells.size() <= columns.indexOf(k)) {
              cells.add("");
            }
            cells.set(columns.indexOf(k), String.valueOf(v));
          }
        });
      }
      rows.add(new Row(id, cells, r.ok() ? r.structure() : null,
          r.ok() ? null : "unreadable: " + r.error().detail()));
    }
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Runs body(i) for i in [0, n) on the pool and waits; rethrows the first failure. */
  private static void parallel(ForkJoinPool pool, int n, java.util.function.IntConsumer body)
      throws Exception {
    try {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }
}
