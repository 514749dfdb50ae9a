package org.invdes.tests.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.CsvWriter;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.metrics.CrystalNNFingerprint;
import org.invdes.core.metrics.Distributions;
import org.invdes.core.metrics.FingerprintException;
import org.invdes.core.metrics.GenerationMetrics;
import org.invdes.core.stability.Validity;
import org.invdes.core.structure.Structure;

/**
 * The Java side of the metrics benchmarks in {@code tests/bench/} (not a test; run by the
 * scripts there). Subcommands:
 * <ul>
 *   <li>{@code split IN SEED FRACTION PART_OUT REST_OUT}: a seeded split of a table's rows: a
 *       fraction of them (rounded) to PART_OUT, the others to REST_OUT, both in input order with
 *       the header and every cell unchanged.
 *   <li>{@code subset IN N SEED OUT}: N seeded rows of a table (all when fewer), input order.
 *   <li>{@code density-noise A B N SEEDS}: density EMDs (g/cm³) of N valid crystals of A drawn
 *       with seeds 1..SEEDS against all of B, and between two seeded random halves of B and of
 *       A; prints mean, standard deviation, min and max of each.
 *   <li>{@code emd-spread GEN REF N SEEDS}: how much the CDVAE-protocol figures depend on which
 *       N valid crystals are drawn: the density (g/cm³) and number-of-elements EMDs of N valid
 *       crystals of GEN against all of REF for the draw seeds 1..SEEDS (mean, standard deviation,
 *       min, max), for seed 42 ({@code invdes evaluate}'s default), and for all valid crystals.
 *   <li>{@code fingerprints IN MAX STRUCTURES_OUT}: the CrystalNN site fingerprints of the first
 *       MAX crystals as TSV on stdout (id, site, 61 values, or ERR), and the crystals exactly as
 *       read (lattice rows, element and fractional coordinates per site) to STRUCTURES_OUT, so
 *       that pymatgen can be fed the same numbers; sites per second on stderr.
 * </ul>
 * Every random step takes the given seed.
 */
public final class MetricsBench {
  private MetricsBench() {
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 0) {
      System.err.println("usage: MetricsBench split|subset|density-noise|emd-spread|fingerprints"
          + " ...");
      System.exit(2);
    }
    switch (args[0]) {
      case "split":
        split(Paths.get(args[1]), Long.parseLong(args[2]), Double.parseDouble(args[3]),
            Paths.get(args[4]), Paths.get(args[5]));
        break;
      case "subset":
        subset(Paths.get(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
            Paths.get(args[4]));
        break;
      case "emd-spread":
        emdSpread(Paths.get(args[1]), Paths.get(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]), out);
        break;
      case "density-noise":
        densityNoise(Paths.get(args[1]), Paths.get(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]), out);
        break;
      case "fingerprints":
        fingerprints(Paths.get(args[1]), Integer.parseInt(args[2]), Paths.get(args[3]), out);
        break;
      default:
        System.err.println("unknown subcommand " + args[0]);
        System.exit(2);
    }
  }

  private record Rows(List<String> header, List<List<String>> records) {
  }

  private static Rows rows(Path file) throws Exception {
    List<List<String>> records = new ArrayList<>();
    List<String> header;
    try (CsvReader r = CsvReader.open(file)) {
      header = r.next();
      List<String> rec;
      while ((rec = r.next()) != null) {
        records.add(rec);
      }
    }
    return new Rows(header, records);
  }

  private static void write(Path file, Rows rows, List<Integer> indices) throws Exception {
    List<Integer> sorted = new ArrayList<>(indices);
    sorted.sort(null);
    CsvWriter.write(file, rows.header(), sink -> {
      for (int i : sorted) {
        sink.accept(rows.records().get(i));
      }
    });
  }

  private static List<Integer> indices(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private static void split(Path in, long seed, double fraction, Path partOut, Path restOut)
      throws Exception {
    Rows rows = rows(in);
    int n = rows.records().size();
    int k = (int) Math.round(fraction * n);
    List<Integer> shuffled = GenerationMetrics.draw(indices(n), n, seed);
    write(partOut, rows, shuffled.subList(0, k));
    write(restOut, rows, shuffled.subList(k, n));
    System.err.println(String.format(Locale.ROOT, "split %s: %d rows to %s, %d to %s (seed %d)",
        in.getFileName(), k, partOut.getFileName(), n - k, restOut.getFileName(), seed));
  }

  private static void subset(Path in, int count, long seed, Path out) throws Exception {
    Rows rows = rows(in);
    write(out, rows, GenerationMetrics.draw(indices(rows.records().size()), count, seed));
  }

  private static List<Structure> read(Path file) throws Exception {
    List<Structure> out = new ArrayList<>();
    for (ReadResult r : DatasetCsv.read(file, ReadOptions.relaxed())) {
      if (r.ok()) {
        out.add(r.structure());
      }
    }
    return out;
  }

  private static double[] densities(List<Structure> structures) {
    return structures.stream().mapToDouble(Structure::density).toArray();
  }

  private static void densityNoise(Path a, Path b, int n, int seeds, PrintStream out)
      throws Exception {
    List<Structure> pool = new ArrayList<>();
    for (Structure s : read(a)) {
      if (Validity.valid(s)) {
        pool.add(s);
      }
    }
    List<Structure> reference = read(b);
    double[] ref = densities(reference);
    double[] draws = new double[seeds];
    for (int s = 1; s <= seeds; s++) {
      draws[s - 1] = Distributions.wasserstein1(densities(GenerationMetrics.draw(pool, n, s)),
          ref);
    }
    out.println(String.format(Locale.ROOT,
        "density EMD, %d valid of %s (drawn with seeds 1..%d) vs all %d of %s: %s",
        Math.min(n, pool.size()), a.getFileName(), seeds, reference.size(), b.getFileName(),
        summary(draws)));
    for (Path p : List.of(b, a)) {
      List<Structure> all = p.equals(b) ? reference : read(a);
      double[] halves = new double[seeds];
      for (int s = 1; s <= seeds; s++) {
        List<Structure> shuffled = GenerationMetrics.draw(all, all.size(), s);
        int h = shuffled.size() / 2;
        halves[s - 1] = Distributions.wasserstein1(densities(shuffled.subList(0, h)),
            densities(shuffled.subList(h, shuffled.size())));
      }
      out.println(String.format(Locale.ROOT,
          "density EMD, two random halves of %s (%d vs %d, seeds 1..%d): %s", p.getFileName(),
          all.size() / 2, all.size() - all.size() / 2, seeds, summary(halves)));
    }
  }

  private static void emdSpread(Path gen, Path ref, int n, int seeds, PrintStream out)
      throws Exception {
    List<Structure> pool = new ArrayList<>();
    List<Structure> generated = read(gen);
    for (Structure s : generated) {
      if (Validity.valid(s)) {
        pool.add(s);
      }
    }
    List<Structure> reference = read(ref);
    out.println(String.format(Locale.ROOT, "%s: %d read, %d valid; reference %s: %d",
        gen.getFileName(), generated.size(), pool.size(), ref.getFileName(), reference.size()));
    List<java.util.function.ToDoubleFunction<Structure>> measures = List.of(Structure::density,
        s -> GenerationMetrics.distinctElements(s));
    List<String> names = List.of("density EMD (g/cm3)", "#elements EMD");
    for (int m = 0; m < 2; m++) {
      java.util.function.ToDoubleFunction<Structure> f = measures.get(m);
      double[] r = reference.stream().mapToDouble(f).toArray();
      double[] draws = new double[seeds];
      for (int s = 1; s <= seeds; s++) {
        draws[s - 1] = Distributions.wasserstein1(GenerationMetrics.draw(pool, n, s).stream()
            .mapToDouble(f).toArray(), r);
      }
      double protocol = Distributions.wasserstein1(GenerationMetrics.draw(pool, n, 42)
          .stream().mapToDouble(f).toArray(), r);
      double all = Distributions.wasserstein1(pool.stream().mapToDouble(f).toArray(), r);
      out.println(String.format(Locale.ROOT, "%s: %d valid drawn with seeds 1..%d: %s;"
          + " seed 42: %.4f; all %d valid: %.4f", names.get(m), Math.min(n, pool.size()), seeds,
          summary(draws).replace(" g/cm3", ""), protocol, pool.size(), all));
    }
  }

  private static String summary(double[] v) {
    double mean = Arrays.stream(v).average().orElse(Double.NaN);
    double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1,
        v.length - 1);
    return String.format(Locale.ROOT, "mean %.4f, sd %.4f, min %.4f, max %.4f g/cm3", mean,
        Math.sqrt(var), Arrays.stream(v).min().orElse(Double.NaN),
        Arrays.stream(v).max().orElse(Double.NaN));
  }

  private static void fingerprints(Path in, int max, Path structuresOut, PrintStream out)
      throws Exception {
    List<ReadResult> rows = DatasetCsv.read(in, ReadOptions.relaxed());
    StringBuilder tsv = new StringBuilder();
    StringBuilder structures = new StringBuilder();
    long sites = 0;
    long nanos = 0;
    int count = 0;
    for (ReadResult r : rows) {
      if (count++ >= max || !r.ok()) {
        continue;
      }
      Structure s = r.structure();
      structures.append(r.id()).append('\t').append(Arrays.deepToString(s.lattice().matrix()));
      for (int i = 0; i < s.size(); i++) {
        structures.append('\t').append(s.site(i).majorElement().symbol()).append(' ')
            .append(Arrays.toString(s.site(i).frac()));
      }
      structures.append('\n');
      for (int i = 0; i < s.size(); i++) {
        tsv.append(r.id()).append('\t').append(i);
        long t0 = System.nanoTime();
        try {
          double[] f = CrystalNNFingerprint.site(s, i);
          nanos += System.nanoTime() - t0;
          for (double v : f) {
            tsv.append('\t').append(v);
          }
        } catch (FingerprintException e) {
          tsv.append("\tERR ").append(e.getMessage());
        }
        sites++;
        tsv.append('\n');
      }
    }
    Files.writeString(structuresOut, structures.toString());
    out.print(tsv);
    System.err.println(String.format(Locale.ROOT,
        "invdes: %d site fingerprints in %.2f s (%.0f sites/s, one thread, JIT cold)", sites,
        nanos / 1e9, sites / (nanos / 1e9)));
  }
}
