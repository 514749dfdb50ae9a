package org.invdes.tests.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.Structures;
import org.invdes.core.matching.StructureMatcher;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Java side of {@code tests/bench/matcher-sets.sh}: times {@link StructureMatcher#groupStructures}
 * on 10,000 structures and novelty ({@link StructureMatcher#anyMatch}) of 10,000 candidates against
 * 10,000 references, all built at run time from the shared datasets.
 *
 * <p>Usage: {@code MatcherSetsBenchmark <shared dir> [seed]}. The set: every structure of Perov-5
 * val, Carbon-24 val and MP-20 binary/ternary val (12,959), shuffled with the seed. References: the
 * first 10,000. Grouping input and candidates: 7,000 of those references plus 3,000 copies of
 * randomly drawn references (sites permuted, origin shifted, basis changed by a unimodular matrix,
 * each site moved by up to 0.05 (V/N)^(1/3)), i.e. known duplicates and near-duplicates, in shuffled
 * order; for novelty the 7,000 are replaced by the 2,959 structures outside the references plus
 * 4,041 references, so that about 30 % of candidates are novel. A second grouping set has one
 * composition only (the worst case for the composition buckets): the 2,032 Carbon-24 val
 * structures plus strained copies, 10,000 in all.
 */
public final class MatcherSetsBenchmark {

  private MatcherSetsBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path shared = Paths.get(args[0]);
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20240611L;
    Random random = new Random(seed);
    List<Structure> all = new ArrayList<>();
    for (String file : new String[] {"perov_5/val.csv", "carbon_24/val.csv", "mp_20/biternary_val.csv.gz"}) {
      for (ReadResult r : Structures.read(shared.resolve("datasets").resolve(file), ReadOptions.relaxed())) {
        r.structureIfOk().ifPresent(all::add);
      }
    }
    Collections.shuffle(all, random);
    System.out.printf(Locale.ROOT, "%d structures read%n", all.size());
    List<Structure> references = all.subList(0, 10_000);
    List<Structure> outside = all.subList(10_000, all.size());

    List<Structure> grouping = new ArrayList<>(references.subList(0, 7_000));
    for (int k = 0; k < 3_000; k++) {
      grouping.add(copy(references.get(random.nextInt(7_000)), random));
    }
    Collections.shuffle(grouping, random);

    List<Structure> candidates = new ArrayList<>(outside);
    candidates.addAll(references.subList(0, 7_000 - outside.size()));
    for (int k = 0; k < 3_000; k++) {
      candidates.add(copy(references.get(random.nextInt(references.size())), random));
    }
    Collections.shuffle(candidates, random);

    // One composition, the hardest case for bucketing: 10,000 carbon structures, the 2,032 of
    // Carbon-24 val plus copies with a random lattice strain (σ 0.15) and the copy() changes, so
    // that most are distinct crystals.
    List<Structure> carbon = new ArrayList<>();
    for (ReadResult r : Structures.read(shared.resolve("datasets/carbon_24/val.csv"), ReadOptions.relaxed())) {
      r.structureIfOk().ifPresent(carbon::add);
    }
    List<Structure> oneComposition = new ArrayList<>(carbon);
    while (oneComposition.size() < 10_000) {
      Structure s = carbon.get(random.nextInt(carbon.size()));
      try {
        oneComposition.add(copy(strained(s, 0.15, random), random));
      } catch (IllegalArgumentException degenerate) {
        // a strain that flattened the cell; draw again
      }
    }

    // warm up the JIT on a part of the work so that the timings below are of compiled code
    StructureMatcher.defaults().groupStructures(grouping.subList(0, 2_000));
    StructureMatcher.defaults().groupStructures(oneComposition.subList(0, 2_000));

    for (boolean parallel : new boolean[] {false, true}) {
      StructureMatcher m = StructureMatcher.builder().parallel(parallel).build();
      String mode = parallel ? "parallel (" + Runtime.getRuntime().availableProcessors() + " CPUs)" : "1 thread";
      long t0 = System.nanoTime();
      List<List<Integer>> groups = m.groupStructures(grouping);
      double groupS = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "groupStructures, %d structures, %s: %.1f s, %d groups%n", grouping.size(),
          mode, groupS, groups.size());

      t0 = System.nanoTime();
      groups = m.groupStructures(oneComposition);
      groupS = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "groupStructures, %d carbon structures (one composition), %s: %.1f s,"
          + " %d groups%n", oneComposition.size(), mode, groupS, groups.size());

      t0 = System.nanoTime();
      StructureMatcher.Index index = m.index(references);
      double indexS = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      int novel = (int) (parallel ? candidates.parallelStream() : candidates.stream())
          .filter(c -> !m.anyMatch(c, index)).count();
      double novelS = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "novelty, %d candidates vs %d references, %s: index %.1f s (%d buckets),"
          + " queries %.1f s, %d novel%n", candidates.size(), references.size(), mode, indexS, index.bucketCount(),
          novelS, novel);
    }
  }

  /** The lattice times I + E, E symmetric with Gaussian entries of σ sigma; fractional coordinates kept. */
  static Structure strained(Structure s, double sigma, Random r) {
    double[][] m = s.lattice().matrix();
    double[][] e = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j <= i; j++) {
        e[i][j] = (i == j ? 1 : 0) + sigma * r.nextGaussian();
        e[j][i] = e[i][j];
      }
    }
    double[][] nm = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        nm[i][k] = m[i][0] * e[0][k] + m[i][1] * e[1][k] + m[i][2] * e[2][k];
      }
    }
    return Structure.of(Lattice.fromMatrix(nm), s.sites(), s.properties());
  }

  /** Permuted, shifted, re-celled by a unimodular matrix, every site moved by ≤ 0.05 (V/N)^(1/3). */
  static Structure copy(Structure s, Random r) {
    double eps = 0.05 * Math.cbrt(s.volume() / s.size());
    List<Site> sites = new ArrayList<>();
    double[] shift = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
    for (Site site : s.sites()) {
      double[] cart = s.lattice().toCartesian(site.frac());
      double len = eps * r.nextDouble();
      double[] dir = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double norm = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
      for (int k = 0; k < 3; k++) {
        cart[k] += dir[k] / norm * len;
      }
      double[] f = s.lattice().toFractional(cart);
      sites.add(site.withFrac(f[0] + shift[0], f[1] + shift[1], f[2] + shift[2]));
    }
    Collections.shuffle(sites, r);
    int[][] u = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int k = 0; k < 3; k++) {
      int i = r.nextInt(3);
      int j = (i + 1 + r.nextInt(2)) % 3;
      int c = r.nextBoolean() ? 1 : -1;
      for (int col = 0; col < 3; col++) {
        u[i][col] += c * u[j][col];
      }
    }
    double[][] m = s.lattice().matrix();
    double[][] nm = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        nm[i][k] = u[i][0] * m[0][k] + u[i][1] * m[1][k] + u[i][2] * m[2][k];
      }
    }
    // coordinates in the new basis: f' = f · U⁻¹, solved through Cartesian coordinates
    Lattice nl = Lattice.fromMatrix(nm);
    List<Site> out = new ArrayList<>();
    for (Site site : sites) {
      out.add(site.withFrac(nl.toFractional(s.lattice().toCartesian(site.frac()))));
    }
    return Structure.of(nl, out, s.properties());
  }
}
