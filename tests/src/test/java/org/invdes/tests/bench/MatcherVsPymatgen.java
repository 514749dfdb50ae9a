package org.invdes.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.Structures;
import org.invdes.core.matching.MatchResult;
import org.invdes.core.matching.StructureMatcher;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Java side of {@code tests/bench/matcher-vs-pymatgen.sh}: reads the CIF pairs that the Python
 * side generated and matched with pymatgen, runs invdes' {@link StructureMatcher} on the same pairs
 * with the same settings, and prints agreement, every disagreement and the speed of both; then
 * compares the partitions of {@code group_structures} on the grouping set.
 *
 * <p>Usage: {@code MatcherVsPymatgen <dir>} where dir holds {@code pairs.tsv}, {@code pymatgen.tsv},
 * {@code pymatgen-timing.tsv}, {@code pymatgen-groups.txt}, {@code groups.tsv}, the
 * {@code <id>_a.cif}/{@code <id>_b.cif} files and the {@code group-NNNN.cif} files. Not a test: a
 * benchmark run by hand or CI; it never fails on figures.
 */
public final class MatcherVsPymatgen {

  /** Largest difference of two normalised RMS values that still counts as agreement. */
  static final double RMS_TOLERANCE = 1e-4;
  /** Timed passes over all pairs; the first warms up the JIT, the best of the rest is reported. */
  static final int PASSES = 3;

  private MatcherVsPymatgen() {
  }

  record Pair(String id, String dataset, String kind, String parameters, Structure a, Structure b) {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: MatcherVsPymatgen <pair directory>");
      System.exit(2);
    }
    Path dir = Paths.get(args[0]);
    List<Pair> pairs = readPairs(dir);
    Map<String, Map<String, String>> pymatgen = readTable(dir.resolve("pymatgen.tsv"));
    Map<String, Map<String, String>> pmTiming = readTable(dir.resolve("pymatgen-timing.tsv"));

    StructureMatcher defaults = StructureMatcher.defaults();
    StructureMatcher recon = StructureMatcher.reconstruction();
    Map<String, BiFunction<Structure, Structure, String>> operations = new LinkedHashMap<>();
    operations.put("fit_default", (a, b) -> String.valueOf(defaults.fit(a, b)));
    operations.put("rms_default", (a, b) -> rms(defaults.match(a, b)));
    operations.put("fit_recon", (a, b) -> String.valueOf(recon.fit(a, b)));
    operations.put("rms_recon", (a, b) -> rms(recon.match(a, b)));
    operations.put("fit_default_ba", (a, b) -> String.valueOf(defaults.fit(b, a)));

    Map<String, String[]> ours = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Double> coldSeconds = new LinkedHashMap<>();
    for (Map.Entry<String, BiFunction<Structure, Structure, String>> op : operations.entrySet()) {
      String[] results = new String[pairs.size()];
      double best = Double.POSITIVE_INFINITY;
      for (int pass = 0; pass < PASSES; pass++) {
        long t0 = System.nanoTime();
        for (int k = 0; k < pairs.size(); k++) {
          results[k] = op.getValue().apply(pairs.get(k).a(), pairs.get(k).b());
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (pass == 0) {
          coldSeconds.put(op.getKey(), s);
        } else {
          best = Math.min(best, s);
        }
      }
      seconds.put(op.getKey(), best);
      ours.put(op.getKey(), results);
    }

    int n = pairs.size();
    System.out.printf(Locale.ROOT, "%d pairs (%s)%n", n, countBy(pairs));
    System.out.println();
    System.out.println("Agreement with pymatgen 2022.11 (same pairs, same settings)");
    List<String> disagreements = new ArrayList<>();
    int totalChecks = 0;
    int totalAgree = 0;
    for (String setting : new String[] {"default", "recon"}) {
      int fitAgree = 0;
      int rmsAgree = 0;
      for (int k = 0; k < n; k++) {
        Pair p = pairs.get(k);
        Map<String, String> pm = pymatgen.get(p.id());
        String pmFit = pm.get("fit_" + setting);
        String ourFit = ours.get("fit_" + setting)[k];
        if (pmFit.equalsIgnoreCase(ourFit)) {
          fitAgree++;
        } else {
          disagreements.add(String.format(Locale.ROOT, "  %-16s fit  %-7s %-9s %-24s pymatgen %-5s invdes %-5s"
              + " (pymatgen rms/max %s/%s)", p.id(), setting, p.kind(), p.parameters(), pmFit, ourFit,
              pm.get("rms_" + setting), pm.get("max_" + setting)));
        }
        String pmRms = pm.get("rms_" + setting);
        String[] ourRms = ours.get("rms_" + setting)[k].split(" ");
        boolean agree = pmRms.equals("None") ? ourRms[0].equals("None")
            : !ourRms[0].equals("None") && Math.abs(Double.parseDouble(pmRms) - Double.parseDouble(ourRms[0]))
                <= RMS_TOLERANCE;
        if (agree) {
          rmsAgree++;
        } else {
          disagreements.add(String.format(Locale.ROOT, "  %-16s rms  %-7s %-9s %-24s pymatgen rms/max %s/%s"
              + " invdes %s/%s", p.id(), setting, p.kind(), p.parameters(), pmRms, pm.get("max_" + setting),
              ourRms[0], ourRms.length > 1 ? ourRms[1] : "None"));
        }
      }
      System.out.printf(Locale.ROOT, "  %-8s fit verdicts        %5d / %d = %6.2f %%%n", setting, fitAgree, n,
          100.0 * fitAgree / n);
      System.out.printf(Locale.ROOT, "  %-8s get_rms_dist       %5d / %d = %6.2f %%  (match found or not, and RMS"
          + " within %.0e)%n", setting, rmsAgree, n, 100.0 * rmsAgree / n, RMS_TOLERANCE);
      totalChecks += 2 * n;
      totalAgree += fitAgree + rmsAgree;
    }
    System.out.printf(Locale.ROOT, "  overall                     %5d / %d = %6.2f %%%n", totalAgree, totalChecks,
        100.0 * totalAgree / totalChecks);
    System.out.println();
    System.out.println("Disagreements (" + disagreements.size() + ")");
    disagreements.forEach(System.out::println);
    System.out.println();

    int pmAsym = 0;
    int ourAsym = 0;
    int reverseAgree = 0;
    for (int k = 0; k < n; k++) {
      Map<String, String> pm = pymatgen.get(pairs.get(k).id());
      if (!pm.get("fit_default").equals(pm.get("fit_default_ba"))) {
        pmAsym++;
      }
      if (!ours.get("fit_default")[k].equals(ours.get("fit_default_ba")[k])) {
        ourAsym++;
      }
      if (pm.get("fit_default_ba").equalsIgnoreCase(ours.get("fit_default_ba")[k])) {
        reverseAgree++;
      }
    }
    System.out.printf(Locale.ROOT, "Symmetry: fit(a,b) != fit(b,a) for %d pairs with pymatgen, %d with invdes;"
        + " fit(b,a) verdicts agree for %d / %d%n%n", pmAsym, ourAsym, reverseAgree, n);

    // group_structures on the grouping set: same partition?
    int count = Integer.parseInt(Files.readAllLines(dir.resolve("groups.tsv")).get(1).trim());
    List<Structure> members = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      members.add(pymatgenOrder(Structures.read(dir.resolve(String.format(Locale.ROOT, "group-%04d.cif", k)),
          readOptions()).get(0).get()));
    }
    double groupSeconds = Double.POSITIVE_INFINITY;
    List<List<Integer>> groups = null;
    for (int pass = 0; pass < PASSES; pass++) {
      long t0 = System.nanoTime();
      groups = defaults.groupStructures(members);
      if (pass > 0) {
        groupSeconds = Math.min(groupSeconds, (System.nanoTime() - t0) / 1e9);
      }
    }
    Set<Set<Integer>> ourPartition = new HashSet<>();
    groups.forEach(g -> ourPartition.add(new HashSet<>(g)));
    Set<Set<Integer>> pmPartition = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve("pymatgen-groups.txt"))) {
      if (!line.isBlank()) {
        Set<Integer> g = new HashSet<>();
        for (String x : line.trim().split(" ")) {
          g.add(Integer.parseInt(x));
        }
        pmPartition.add(g);
      }
    }
    Set<Set<Integer>> onlyPm = new HashSet<>(pmPartition);
    onlyPm.removeAll(ourPartition);
    Set<Set<Integer>> onlyOurs = new HashSet<>(ourPartition);
    onlyOurs.removeAll(pmPartition);
    System.out.printf(Locale.ROOT, "group_structures on %d structures: pymatgen %d groups, invdes %d groups, %s%n",
        count, pmPartition.size(), ourPartition.size(), onlyPm.isEmpty() && onlyOurs.isEmpty()
            ? "identical partitions" : "groups only in pymatgen " + onlyPm + ", only in invdes " + onlyOurs);
    double pmGroup = Double.parseDouble(pmTiming.get("group_structures").get("seconds"));
    System.out.printf(Locale.ROOT, "  time: pymatgen %.2f s, invdes %.3f s (%.0fx)%n%n", pmGroup, groupSeconds,
        pmGroup / groupSeconds);

    System.out.println("Speed, single thread, same machine, same run (matching only; reading excluded)");
    System.out.println("  operation        pymatgen pairs/s   invdes pairs/s (first pass)   ratio");
    double pmTotal = 0;
    double ourTotal = 0;
    for (String op : operations.keySet()) {
      if (!pmTiming.containsKey(op)) {
        continue;
      }
      double pmS = Double.parseDouble(pmTiming.get(op).get("seconds"));
      double ourS = seconds.get(op);
      pmTotal += pmS;
      ourTotal += ourS;
      System.out.printf(Locale.ROOT, "  %-15s %12.1f %14.1f (%8.1f) %10.1fx%n", op, n / pmS, n / ourS,
          n / coldSeconds.get(op), pmS / ourS);
    }
    System.out.printf(Locale.ROOT, "  %-15s %12.1f %14.1f %21.1fx%n", "all five", 5 * n / pmTotal,
        5 * n / ourTotal, pmTotal / ourTotal);
  }

  private static String rms(Optional<MatchResult> r) {
    return r.map(m -> String.format(Locale.ROOT, "%.8f %.8f", m.rms(), m.maxDistance())).orElse("None");
  }

  private static String countBy(List<Pair> pairs) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Pair p : pairs) {
      counts.merge(p.dataset() + "/" + p.kind(), 1, Integer::sum);
    }
    return counts.toString();
  }

  static List<Pair> readPairs(Path dir) throws IOException {
    ReadOptions options = readOptions();
    List<Pair> pairs = new ArrayList<>();
    for (Map<String, String> row : readTable(dir.resolve("pairs.tsv")).values()) {
      String id = row.get("id");
      Structure a = pymatgenOrder(Structures.read(dir.resolve(id + "_a.cif"), options).get(0).get());
      Structure b = pymatgenOrder(Structures.read(dir.resolve(id + "_b.cif"), options).get(0).get());
      pairs.add(new Pair(id, row.get("dataset"), row.get("kind"), row.get("parameters"), a, b));
    }
    return pairs;
  }

  /**
   * The sites in the order pymatgen's CIF reader returns them (it sorts by species: Pauling
   * electronegativity, then symbol; file order within a species), so that both matchers see the
   * same input. Both matchers' results for poor matches depend on site order (the origin-shift
   * anchor is the first site of the rarest species), so without this the comparison would
   * measure the readers, not the matchers.
   */
  static Structure pymatgenOrder(Structure s) {
    List<Site> sites = new ArrayList<>(s.sites());
    sites.sort(Comparator.comparing(Site::majorElement, Element.electronegativityOrder()));
    return s.withSites(sites);
  }

  /**
   * CIFs written by pymatgen with 8 decimals: snap only values within 1e-8 of 1/3, 1/8, ... (as
   * pymatgen's reader, which snaps 1/3 and 2/3, effectively does on such files).
   */
  static ReadOptions readOptions() {
    return new ReadOptions(false, 0.01, 1e-8, 0.05);
  }

  /** A tab-separated table with a header, keyed by its first column. */
  static Map<String, Map<String, String>> readTable(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split("\t", -1);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < cells.length ? cells[i] : "");
      }
      rows.put(cells[0], row);
    }
    return rows;
  }
}
