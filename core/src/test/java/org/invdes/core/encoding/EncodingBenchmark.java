package org.invdes.core.encoding;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Benchmark of the encoding on the shared datasets (not a test; run by {@code
 * tests/bench/encoding.sh}). For each dataset file it prints one JSON line:
 *
 * <ul>
 *   <li>the fitted site budget, vocabulary size and vector length (full encoding: occupancy
 *       channel, Fourier m = 2);
 *   <li>the largest round-trip errors over all structures: lattice parameters (relative) and
 *       fractional coordinates (periodic), decoded row r against the original site the canonical
 *       order put there;
 *   <li>single-threaded encode and decode rates (structures/s; best and median of 5 rounds after
 *       3 warm-up rounds);
 *   <li>order stability: the fraction of structures whose canonical permutation is unchanged
 *       when every coordinate gets independent uniform noise in [−δ, δ] (seed 1), for δ = 10⁻⁶,
 *       10⁻⁴, 10⁻³, with the grid order of the encoder and with a plain lexicographic order (Z
 *       descending, then wrapped x, y, z) for comparison.
 * </ul>
 *
 * <p>With {@code --dump-fourier FILE}, the Fourier features (atomic-number weights) of the
 * first 500 structures of each dataset are written as JSON lines (dataset, id, hkl, features,
 * and the sites as read: [Z, x, y, z]) for an independent recomputation.
 *
 * <p>Usage: {@code EncodingBenchmark --shared DIR [--dump-fourier FILE] [dataset ...]}
 */
public final class EncodingBenchmark {
  private static final double[] NOISE = {1e-6, 1e-4, 1e-3};
  private static final int DUMP_LIMIT = 500;

  private EncodingBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    Path shared = null;
    Path dump = null;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shared" -> shared = Path.of(args[++i]);
        case "--dump-fourier" -> dump = Path.of(args[++i]);
        default -> names.add(args[i]);
      }
    }
    if (shared == null) {
      System.err.println("usage: EncodingBenchmark --shared DIR [--dump-fourier FILE] [dataset]");
      System.exit(2);
    }
    if (names.isEmpty()) {
      names = List.of("perov_5/val.csv", "carbon_24/val.csv", "mp_20/pilot_train.csv.gz",
          "mp_20/pilot_val.csv.gz", "mp_20/biternary_val.csv.gz");
    }
    PrintWriter out = dump == null ? null
        : new PrintWriter(Files.newBufferedWriter(dump, StandardCharsets.UTF_8));
    try {
      for (String name : names) {
        run(name, shared.resolve("datasets").resolve(name), out);
      }
    } finally {
      if (out != null) {
        out.close();
      }
    }
  }

  private static void run(String name, Path file, PrintWriter dump) throws IOException {
    List<ReadResult> results = Structures.read(file, ReadOptions.relaxed());
    List<Structure> data = new ArrayList<>();
    for (ReadResult r : results) {
      r.structureIfOk().ifPresent(data::add);
    }
    Encoder enc = Encoder.fit(data, EncoderOptions.builder().optOccupancyChannel(true)
        .optFourier(2).build());

    double maxLattice = 0;
    double maxFrac = 0;
    for (Structure s : data) {
      Structure d = enc.decode(enc.encode(s));
      double[] p = params(s.lattice());
      double[] q = params(d.lattice());
      for (int k = 0; k < 6; k++) {
        maxLattice = Math.max(maxLattice, Math.abs(p[k] - q[k]) / Math.abs(p[k]));
      }
      int[] order = SiteOrder.order(numbers(s), wrapped(s), occupancies(s));
      for (int r = 0; r < s.size(); r++) {
        for (int k = 0; k < 3; k++) {
          double diff = s.site(order[r]).frac(k) - d.site(r).frac(k);
          maxFrac = Math.max(maxFrac, Math.abs(diff - Math.rint(diff)));
        }
      }
    }

    double[] encodeRates = rates(() -> {
      long sink = 0;
      for (Structure s : data) {
        sink += enc.encode(s).feature(0) > 0 ? 1 : 0;
      }
      return sink;
    }, data.size());
    float[][] batch = enc.encodeAll(data);
    double[] decodeRates = rates(() -> {
      long sink = 0;
      for (float[] f : batch) {
        sink += enc.decode(f).size();
      }
      return sink;
    }, data.size());

    StringBuilder stability = new StringBuilder();
    for (double delta : NOISE) {
      int gridSame = 0;
      int naiveSame = 0;
      Random random = new Random(1);
      for (Structure s : data) {
        Structure noisy = withNoise(s, delta, random);
        int[] z = numbers(s);
        double[] occ = occupancies(s);
        if (Arrays.equals(SiteOrder.order(z, wrapped(s), occ),
            SiteOrder.order(z, wrapped(noisy), occ))) {
          gridSame++;
        }
        if (Arrays.equals(naiveOrder(z, wrapped(s)), naiveOrder(z, wrapped(noisy)))) {
          naiveSame++;
        }
      }
      stability.append(String.format(Locale.ROOT,
          ",\"order_unchanged_noise_%.0e\":{\"grid\":%.4f,\"lexicographic\":%.4f}", delta,
          gridSame / (double) data.size(), naiveSame / (double) data.size()));
    }

    System.out.printf(Locale.ROOT, "{\"dataset\":\"%s\",\"structures\":%d,\"unreadable\":%d,"
        + "\"max_sites\":%d,\"vocabulary\":%d,\"vector_length\":%d,"
        + "\"roundtrip_max_rel_lattice_error\":%.3e,\"roundtrip_max_frac_error\":%.3e,"
        + "\"encode_per_s\":{\"best\":%.0f,\"median\":%.0f},"
        + "\"decode_per_s\":{\"best\":%.0f,\"median\":%.0f}%s}%n",
        name, data.size(), results.size() - data.size(), enc.config().maxSites(),
        enc.config().vocabulary().size(), enc.layout().length(), maxLattice, maxFrac,
        encodeRates[0], encodeRates[1], decodeRates[0], decodeRates[1], stability);

    if (dump != null) {
      Encoder z = Encoder.fit(data, EncoderOptions.builder().optFourier(2).build());
      StringBuilder hkl = new StringBuilder("[");
      for (int[] v : z.config().hkl()) {
        hkl.append(hkl.length() > 1 ? "," : "").append(Arrays.toString(v).replace(" ", ""));
      }
      hkl.append("]");
      for (int i = 0; i < Math.min(DUMP_LIMIT, data.size()); i++) {
        Structure s = data.get(i);
        float[] f = z.encode(s).fourier();
        StringBuilder fs = new StringBuilder("[");
        for (int k = 0; k < f.length; k++) {
          fs.append(k > 0 ? "," : "").append(f[k]);
        }
        fs.append("]");
        StringBuilder sites = new StringBuilder("[");
        for (int j = 0; j < s.size(); j++) {
          double[] x = s.site(j).frac();
          sites.append(j > 0 ? "," : "").append(String.format(Locale.ROOT, "[%d,%s,%s,%s]",
              s.site(j).majorElement().number(), x[0], x[1], x[2]));
        }
        sites.append("]");
        dump.printf(Locale.ROOT, "{\"dataset\":\"%s\",\"id\":\"%s\",\"hkl\":%s,"
            + "\"features\":%s,\"sites\":%s}%n", name, s.properties().get("id"), hkl, fs, sites);
      }
    }
  }

  /** Best and median rate over 5 timed rounds after 3 untimed ones. */
  private static double[] rates(java.util.function.LongSupplier work, int count) {
    long sink = 0;
    for (int w = 0; w < 3; w++) {
      sink += work.getAsLong();
    }
    double[] r = new double[5];
    for (int k = 0; k < r.length; k++) {
      long t0 = System.nanoTime();
      sink += work.getAsLong();
      r[k] = count / ((System.nanoTime() - t0) / 1e9);
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println();
    }
    Arrays.sort(r);
    return new double[] {r[r.length - 1], r[r.length / 2]};
  }

  private static Structure withNoise(Structure s, double delta, Random random) {
    List<Site> sites = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] f = site.frac();
      for (int k = 0; k < 3; k++) {
        f[k] += (2 * random.nextDouble() - 1) * delta;
      }
      sites.add(site.withFrac(f));
    }
    return s.withSites(sites);
  }

  /** Z descending, then wrapped x, y, z: the order a plain sort would give. */
  private static int[] naiveOrder(int[] z, double[][] w) {
    Integer[] idx = new Integer[z.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.<Integer>comparingInt(i -> -z[i])
        .thenComparingDouble(i -> w[i][0]).thenComparingDouble(i -> w[i][1])
        .thenComparingDouble(i -> w[i][2]));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  private static int[] numbers(Structure s) {
    int[] z = new int[s.size()];
    for (int i = 0; i < z.length; i++) {
      z[i] = s.site(i).majorElement().number();
    }
    return z;
  }

  private static double[] occupancies(Structure s) {
    double[] o = new double[s.size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = s.site(i).species().get(s.site(i).majorElement());
    }
    return o;
  }

  private static double[][] wrapped(Structure s) {
    double[][] w = new double[s.size()][3];
    for (int i = 0; i < w.length; i++) {
      for (int k = 0; k < 3; k++) {
        w[i][k] = Structure.wrap(s.site(i).frac(k));
      }
    }
    return w;
  }

  private static double[] params(Lattice l) {
    return new double[] {l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma()};
  }
}
