package org.invdes.tests.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.CompositionValidity;
import org.invdes.core.stability.ConvexHull;
import org.invdes.core.stability.ConvexHull.Entry;
import org.invdes.core.stability.CovalentDistanceCheck;
import org.invdes.core.stability.GeometricValidity;
import org.invdes.core.stability.StabilityFilter;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;

/**
 * The Java side of the stability benchmarks in {@code tests/bench/} (not a test; run by the
 * scripts there, which compare with pymatgen at run time). Subcommands:
 * <ul>
 *   <li>{@code verdicts FILE...}: one TSV line per readable row: file, id, reduced integer counts
 *       ({@code Cl:1,Na:1}, symbols sorted), CDVAE composition validity (1/0) and its outcome.
 *   <li>{@code formulas FILE}: for each line of FILE holding a formula ({@code Na1Pm1Cl4}), one
 *       TSV line: the formula, CDVAE composition validity (1/0) and its outcome.
 *   <li>{@code throughput N THREADS FILE...}: structures per second of composition and geometric
 *       validity over the first N structures of the files (cycled if fewer).
 *   <li>{@code covalent FILE...}: per file, the smallest distance / (sum of covalent radii) found
 *       in its crystals and the share passing {@link CovalentDistanceCheck} at its default factor.
 *   <li>{@code hull FILE...}: one TSV line per distinct material id with a formation energy: id and
 *       energy above the hull of all those entries, eV/atom.
 *   <li>{@code hull-speed REFERENCES CANDIDATES SEED FILE...}: time to build a hull of REFERENCES
 *       entries (the real ones plus seeded synthetic ones in their chemical systems) and to
 *       evaluate CANDIDATES seeded candidates against it.
 * </ul>
 * Every random step takes the given seed.
 */
public final class StabilityBench {
  private StabilityBench() {
  }

  private static final String FORMATION = "formation_energy_per_atom";

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 0) {
      throw new IllegalArgumentException(
          "usage: verdicts|formulas|throughput|covalent|hull|hull-speed ...");
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "verdicts" -> verdicts(rest, out);
      case "formulas" -> formulas(rest[0], out);
      case "throughput" -> throughput(Integer.parseInt(rest[0]), Integer.parseInt(rest[1]),
          Arrays.copyOfRange(rest, 2, rest.length), out);
      case "covalent" -> covalent(rest, out);
      case "hull" -> hull(rest, out);
      case "hull-speed" -> hullSpeed(Integer.parseInt(rest[0]), Integer.parseInt(rest[1]),
          Long.parseLong(rest[2]), Arrays.copyOfRange(rest, 3, rest.length), out);
      default -> throw new IllegalArgumentException("unknown subcommand '" + args[0] + "'");
    }
  }

  /** The readable structures of a dataset file, each with its id property. */
  private static List<Structure> read(String file) throws IOException, StructureIOException {
    List<Structure> out = new ArrayList<>();
    for (ReadResult r : DatasetCsv.readTable(Paths.get(file), ReadOptions.relaxed()).rows()) {
      if (r.ok()) {
        out.add(r.structure());
      }
    }
    return out;
  }

  private static String name(String file) {
    Path p = Paths.get(file);
    return p.getParent().getFileName() + "/" + p.getFileName();
  }

  private static void verdicts(String[] files, PrintStream out) throws Exception {
    CompositionValidity check = CompositionValidity.standard();
    for (String file : files) {
      for (Structure s : read(file)) {
        Composition c = s.composition();
        CompositionValidity.Verdict v = check.evaluate(c);
        out.println(name(file) + "\t" + s.stringProperty(DatasetCsv.ID).orElse("?") + "\t"
            + counts(c) + "\t" + (v.valid() ? 1 : 0) + "\t" + v.outcome());
      }
    }
  }

  private static void formulas(String file, PrintStream out) throws IOException {
    CompositionValidity check = CompositionValidity.standard();
    for (String line : java.nio.file.Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      CompositionValidity.Verdict v = check.evaluate(Composition.parse(line.strip()));
      out.println(line.strip() + "\t" + (v.valid() ? 1 : 0) + "\t" + v.outcome());
    }
  }

  /** Integer counts divided by their gcd, symbols sorted: {@code Cl:1,Na:1}. */
  private static String counts(Composition c) {
    Map<String, Long> m = new TreeMap<>();
    long g = 0;
    for (Map.Entry<Element, Double> e : c.amounts().entrySet()) {
      long n = Math.round(e.getValue());
      m.put(e.getKey().symbol(), n);
      g = gcd(g, n);
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : m.entrySet()) {
      sb.append(sb.length() == 0 ? "" : ",").append(e.getKey()).append(':')
          .append(e.getValue() / g);
    }
    return sb.toString();
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static void throughput(int n, int threads, String[] files, PrintStream out)
      throws Exception {
    List<Structure> pool = new ArrayList<>();
    for (String f : files) {
      pool.addAll(read(f));
    }
    List<Structure> set = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      set.add(pool.get(i % pool.size()));
    }
    Set<String> distinct = new HashSet<>();
    for (Structure s : set) {
      distinct.add(counts(s.composition()));
    }
    out.printf(Locale.ROOT, "%d structures (%d distinct compositions) from %s%n", n,
        distinct.size(), String.join(", ", Arrays.stream(files).map(StabilityBench::name)
            .toList()));
    int rounds = 5;
    double coldComp = 0;
    double warmComp = 0;
    double geom = 0;
    double filter1 = 0;
    double filterN = 0;
    for (int round = 0; round < rounds + 2; round++) {
      boolean timed = round >= 2; // two warm-up rounds for the JIT
      CompositionValidity fresh = CompositionValidity.of(true, true);
      long t0 = System.nanoTime();
      int valid = 0;
      for (Structure s : set) {
        valid += fresh.check(s).passed() ? 1 : 0;
      }
      long t1 = System.nanoTime();
      for (Structure s : set) {
        valid += fresh.check(s).passed() ? 1 : 0;
      }
      long t2 = System.nanoTime();
      GeometricValidity g = GeometricValidity.standard();
      for (Structure s : set) {
        valid += g.check(s).passed() ? 1 : 0;
      }
      long t3 = System.nanoTime();
      StabilityFilter f1 = StabilityFilter.of(GeometricValidity.standard(),
          CompositionValidity.of(true, true)).withThreads(1);
      f1.evaluateAll(set, ProgressMonitor.NONE);
      long t4 = System.nanoTime();
      StabilityFilter fn = StabilityFilter.of(GeometricValidity.standard(),
          CompositionValidity.of(true, true)).withThreads(threads);
      fn.evaluateAll(set, ProgressMonitor.NONE);
      long t5 = System.nanoTime();
      if (timed) {
        coldComp = Math.max(coldComp, n / ((t1 - t0) / 1e9));
        warmComp = Math.max(warmComp, n / ((t2 - t1) / 1e9));
        geom = Math.max(geom, n / ((t3 - t2) / 1e9));
        filter1 = Math.max(filter1, n / ((t4 - t3) / 1e9));
        filterN = Math.max(filterN, n / ((t5 - t4) / 1e9));
      }
      if (valid < 0) {
        out.println(valid); // keeps the loops from being optimised away
      }
    }
    out.printf(Locale.ROOT, "best of %d rounds after 2 warm-up rounds, structures/s:%n", rounds);
    out.printf(Locale.ROOT, "  CompositionValidity, empty cache, 1 thread:   %,10.0f%n", coldComp);
    out.printf(Locale.ROOT, "  CompositionValidity, warm cache, 1 thread:    %,10.0f%n", warmComp);
    out.printf(Locale.ROOT, "  GeometricValidity, 1 thread:                  %,10.0f%n", geom);
    out.printf(Locale.ROOT, "  StabilityFilter(geometric + composition), 1 thread, empty cache:"
        + " %,10.0f%n", filter1);
    out.printf(Locale.ROOT, "  StabilityFilter(geometric + composition), %d threads, empty cache:"
        + " %,10.0f%n", threads, filterN);
  }

  private static void covalent(String[] files, PrintStream out) throws Exception {
    CovalentDistanceCheck check = CovalentDistanceCheck.standard();
    for (String file : files) {
      double min = Double.POSITIVE_INFINITY;
      String worst = "";
      int pass = 0;
      int n = 0;
      for (Structure s : read(file)) {
        var r = check.check(s);
        n++;
        pass += r.passed() ? 1 : 0;
        if (r.score() < min) {
          min = r.score();
          worst = s.stringProperty(DatasetCsv.ID).orElse("?") + " "
              + s.composition().reducedFormula();
        }
      }
      out.printf(Locale.ROOT, "%-26s %5d crystals, %5.1f %% pass at factor %s;"
          + " smallest distance/(r1+r2) %.3f (%s)%n", name(file), n, 100.0 * pass / n,
          check.factor(), min, worst);
    }
  }

  /** Distinct entries (first occurrence of each material id) with a formation energy. */
  private static List<Entry> entries(String[] files) throws Exception {
    Map<String, Entry> byId = new LinkedHashMap<>();
    for (String file : files) {
      for (Structure s : read(file)) {
        OptionalDouble e = s.doubleProperty(FORMATION);
        String id = s.stringProperty(DatasetCsv.ID).orElse(null);
        if (e.isPresent() && id != null && !byId.containsKey(id)) {
          byId.put(id, new Entry(id, s.composition(), e.getAsDouble()));
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static void hull(String[] files, PrintStream out) throws Exception {
    List<Entry> entries = entries(files);
    ConvexHull hull = ConvexHull.of(entries);
    for (Entry e : entries) {
      out.printf(Locale.ROOT, "%s\t%.12f%n", e.id(),
          hull.eAboveHull(e.composition(), e.formationEnergyPerAtom()));
    }
  }

  private static void hullSpeed(int references, int candidates, long seed, String[] files,
      PrintStream out) throws Exception {
    List<Entry> real = entries(files);
    ConvexHull realHull = ConvexHull.of(real);
    Random r = new Random(seed);
    List<Entry> refs = new ArrayList<>(real);
    // synthetic references: a real entry's elements, 1-6 atoms of each, 0-0.3 eV/atom above the
    // real hull (so the hull keeps a realistic number of stable phases)
    while (refs.size() < references) {
      Composition c = randomIn(real.get(r.nextInt(real.size())), r, 6);
      refs.add(new Entry("synthetic-" + refs.size(), c,
          realHull.hullEnergy(c) + 0.3 * r.nextDouble() - 0.02));
    }
    List<Composition> cands = new ArrayList<>();
    List<Double> energies = new ArrayList<>();
    List<Element> all = Element.all();
    for (int i = 0; i < candidates; i++) {
      Composition c = randomIn(real.get(r.nextInt(real.size())), r, 8);
      if (i % 10 == 0) { // one in ten gets a further element
        c = c.plus(Composition.of(Map.of(all.get(r.nextInt(83)), 1.0 + r.nextInt(3))));
      }
      cands.add(c);
      energies.add(-2.5 + 2.5 * r.nextDouble());
    }
    Set<String> distinct = new HashSet<>();
    for (Composition c : cands) {
      distinct.add(c.reducedFormula());
    }
    long t0 = System.nanoTime();
    ConvexHull hull = ConvexHull.of(refs);
    long t1 = System.nanoTime();
    double sum = 0;
    for (int i = 0; i < candidates; i++) {
      sum += hull.eAboveHull(cands.get(i), energies.get(i));
    }
    long t2 = System.nanoTime();
    for (int i = 0; i < candidates; i++) {
      sum += hull.eAboveHull(cands.get(i), energies.get(i));
    }
    long t3 = System.nanoTime();
    out.printf(Locale.ROOT, "%d references (%d real MP-20 entries + synthetic, seed %d),"
        + " %d candidates (%d distinct reduced compositions)%n", refs.size(), real.size(), seed,
        candidates, distinct.size());
    out.printf(Locale.ROOT, "  build the hull index:                 %8.1f ms%n", (t1 - t0) / 1e6);
    out.printf(Locale.ROOT, "  %d candidates, empty cache:        %8.1f ms (%,.0f candidates/s)%n",
        candidates, (t2 - t1) / 1e6, candidates / ((t2 - t1) / 1e9));
    out.printf(Locale.ROOT, "  %d candidates again, cached:       %8.1f ms%n", candidates,
        (t3 - t2) / 1e6);
    if (Double.isNaN(sum)) {
      out.println(sum);
    }
  }

  /** The elements of e with 1..max atoms each. */
  private static Composition randomIn(Entry e, Random r, int max) {
    Map<Element, Double> m = new LinkedHashMap<>();
    for (Element el : e.composition().elements()) {
      m.put(el, 1.0 + r.nextInt(max));
    }
    return Composition.of(m);
  }
}
