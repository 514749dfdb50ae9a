package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.Structures;
import org.invdes.core.matching.MatchResult;
import org.invdes.core.matching.StructureMatcher;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The structure matcher on every crystal of the shared datasets. Each matches a copy of itself with
 * its sites permuted, its origin shifted and its basis changed by a unimodular matrix (seeded), with
 * RMS ≤ 1e-4 (not 0: where the primitive-cell search merges sites that coincide only within its
 * tolerance it averages them, and the average of a re-celled copy differs in the last digits).
 * Without primitive reduction, each also matches a copy whose sites are moved by up to
 * ε = 0.05 (V/N)^(1/3), with RMS ≤ 2ε in units of (V/N)^(1/3): with the anchor site superposed
 * exactly, every other site is displaced by at most 2ε, and the optimal pairing can only lower the
 * RMS. (With primitive reduction such a copy may lose a pseudo-translation that the original has
 * within the 0.25 Å tolerance; then the reduced cells differ in size and the crystals do not match,
 * in pymatgen as here.)
 */
class MatcherDatasetsTest {

  private static final StructureMatcher MATCHER = StructureMatcher.defaults();
  private static final StructureMatcher NO_PRIMITIVE = StructureMatcher.builder().primitiveCell(false).build();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "datasets/perov_5/val.csv, 11",
    "datasets/carbon_24/val.csv, 12",
    "datasets/mp_20/biternary_val.csv.gz, 13"
  })
  void everyCrystalMatchesItsRecelledCopies(String relative, long seed) throws Exception {
    Path file = Shared.shared(relative);
    Random random = new Random(seed);
    List<String> problems = new ArrayList<>();
    for (ReadResult r : Structures.read(file, ReadOptions.relaxed())) {
      Structure s = r.get();
      Structure exact = copy(s, 0, random);
      Optional<MatchResult> m = MATCHER.match(s, exact);
      if (!MATCHER.fit(s, exact) || m.isEmpty() || m.get().rms() > 1e-4) {
        problems.add(r.id() + ": exact copy " + m.map(MatchResult::toString).orElse("not matched"));
      }
      Structure near = copy(s, 0.05, random);
      m = NO_PRIMITIVE.match(s, near);
      if (!NO_PRIMITIVE.fit(s, near) || m.isEmpty() || m.get().rms() > 0.1) {
        problems.add(r.id() + ": perturbed copy " + m.map(MatchResult::toString).orElse("not matched"));
      }
    }
    assertTrue(problems.isEmpty(), problems.size() + " problems, first: "
        + problems.subList(0, Math.min(5, problems.size())));
  }

  /**
   * Sites permuted, every site moved by up to eps (V/N)^(1/3) in a random direction, origin
   * shifted, basis changed by a product of three random shears (determinant 1).
   */
  static Structure copy(Structure s, double eps, Random r) {
    double max = eps * Math.cbrt(s.volume() / s.size());
    double[] shift = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
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
    Lattice nl = Lattice.fromMatrix(nm);
    List<Site> sites = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] f = site.frac();
      for (int k = 0; k < 3; k++) {
        f[k] += shift[k];
      }
      double[] cart = s.lattice().toCartesian(f);
      double len = max * r.nextDouble();
      double[] dir = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double norm = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
      for (int k = 0; k < 3; k++) {
        cart[k] += dir[k] / norm * len;
      }
      sites.add(site.withFrac(nl.toFractional(cart)));
    }
    Collections.shuffle(sites, r);
    return Structure.of(nl, sites, s.properties());
  }
}
