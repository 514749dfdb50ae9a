package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Invariants of {@link CrystalNN} and {@link CrystalNNFingerprint} on random crystals: the
 * coordination weights are a probability distribution matching the neighbour lists, and the
 * fingerprint does not depend on how the crystal is written down (origin, site order, cell).
 */
class CrystalNNPropertiesTest {
  private static final List<String> ELEMENTS = List.of("O", "Mg", "Si", "Na", "Cl", "Ti", "N",
      "Ca", "F", "Zn");

  /** A random crystal: 1–4 sites, 9–18 Å³ per site, no two atoms closer than 1.3 Å. */
  static Structure randomCrystal(long seed, int sites) {
    SplittableRandom random = new SplittableRandom(seed);
    while (true) {
      Lattice lattice = Lattice.fromParameters(1 + random.nextDouble(), 1 + random.nextDouble(),
          1 + random.nextDouble(), 75 + 30 * random.nextDouble(), 75 + 30 * random.nextDouble(),
          75 + 30 * random.nextDouble()).scaledToVolume(sites * (9 + 9 * random.nextDouble()));
      List<Element> species = new ArrayList<>();
      List<double[]> frac = new ArrayList<>();
      for (int i = 0; i < sites; i++) {
        species.add(Element.of(ELEMENTS.get(random.nextInt(ELEMENTS.size()))));
        frac.add(new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()});
      }
      Structure s = Structure.of(lattice, species, frac);
      if (s.shortestDistance() >= 1.3 && shortestSelfImage(lattice) >= 1.3) {
        return s;
      }
    }
  }

  /** The shortest lattice vector, Å: the first edge of the Niggli-reduced cell. */
  private static double shortestSelfImage(Lattice lattice) {
    return lattice.niggliReduced().lengths()[0];
  }

  @Property(tries = 40)
  void weightsAreADistributionOverTheNeighbourLists(@ForAll @LongRange(min = 0,
      max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 4) int sites) {
    Structure s = randomCrystal(seed, sites);
    for (int i = 0; i < s.size(); i++) {
      CrystalNN.NeighbourData d = CrystalNN.standard().neighbours(s, i);
      double sum = 0;
      for (Map.Entry<Integer, Double> e : d.cnWeights().entrySet()) {
        assertTrue(e.getValue() > 0, "CN " + e.getKey() + " weight " + e.getValue());
        assertEquals(e.getKey().intValue(), d.cnNeighbours().get(e.getKey()).size());
        sum += e.getValue();
      }
      assertEquals(1.0, sum, 1e-12);
      for (CrystalNN.Neighbour n : d.neighbours()) {
        assertTrue(n.weight() > 0 && n.weight() <= 1, "weight " + n.weight());
        assertEquals(n.distance(), VoronoiCell.norm(VoronoiCell.sub(n.cartesian(), d.centre())),
            1e-9);
      }
    }
  }

  /**
   * Angles are arccos of dot products, as in pymatgen; near 0 and π arccos turns a rounding error
   * ε of the dot product into √(2ε) ≈ 1.5e-8 rad, so two ways of writing the same crystal agree
   * to about 1e-8, not to rounding.
   */
  private static final double ANGLE_NOISE = 1e-6;

  @Property(tries = 30)
  void fingerprintIgnoresOriginSiteOrderAndSupercell(@ForAll @LongRange(min = 0,
      max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 3) int sites) {
    Structure s = randomCrystal(seed, sites);
    double[] reference = CrystalNNFingerprint.of(s).orElseThrow();
    // 1. every atom moved by the same fractional shift, then wrapped into the cell
    double[] shift = {0.31, 0.77, 0.18};
    List<Site> shifted = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] f = site.frac();
      shifted.add(site.withFrac(f[0] + shift[0], f[1] + shift[1], f[2] + shift[2]));
    }
    assertArrayEquals(reference, CrystalNNFingerprint.of(s.withSites(shifted).wrapped())
        .orElseThrow(), ANGLE_NOISE);
    // 2. sites in reverse order
    List<Site> reversed = new ArrayList<>(s.sites());
    java.util.Collections.reverse(reversed);
    assertArrayEquals(reference, CrystalNNFingerprint.of(s.withSites(reversed)).orElseThrow(),
        ANGLE_NOISE);
    // 3. the 1 x 2 x 1 supercell
    double[][] m = s.lattice().matrix();
    Lattice doubled = Lattice.fromMatrix(new double[][] {m[0],
        {2 * m[1][0], 2 * m[1][1], 2 * m[1][2]}, m[2]});
    List<Site> twice = new ArrayList<>();
    for (int copy = 0; copy < 2; copy++) {
      for (Site site : s.sites()) {
        double[] f = site.frac();
        twice.add(site.withFrac(f[0], (f[1] + copy) / 2, f[2]));
      }
    }
    assertArrayEquals(reference, CrystalNNFingerprint.of(Structure.of(doubled, twice))
        .orElseThrow(), ANGLE_NOISE);
  }

  /**
   * A dense crystal as an undertrained generator decodes: 1–4 sites, 0.1–2.5 Å³ per site (so the
   * pruned Voronoi search is used), angles 20°–160°, atoms anywhere (even nearly on each other).
   */
  static Structure denseCrystal(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    while (true) {
      int sites = 1 + random.nextInt(4);
      Lattice lattice;
      try {
        lattice = Lattice.fromParameters(1 + random.nextDouble(), 1 + random.nextDouble(),
            1 + random.nextDouble(), 20 + 140 * random.nextDouble(),
            20 + 140 * random.nextDouble(), 20 + 140 * random.nextDouble());
      } catch (IllegalArgumentException e) {
        continue; // angles that close no cell
      }
      if (!(lattice.volume() > 1e-3)) {
        continue;
      }
      lattice = lattice.scaledToVolume(sites * (0.1 + 2.4 * random.nextDouble()));
      List<Element> species = new ArrayList<>();
      List<double[]> frac = new ArrayList<>();
      for (int i = 0; i < sites; i++) {
        species.add(Element.of(ELEMENTS.get(random.nextInt(ELEMENTS.size()))));
        frac.add(new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()});
      }
      return Structure.of(lattice, species, frac);
    }
  }

  /** Asserts two analyses of a site are the same to the last bit. */
  static void assertSameNeighbourData(CrystalNN.NeighbourData expected,
      CrystalNN.NeighbourData actual) {
    assertArrayEquals(expected.centre(), actual.centre(), 0);
    assertEquals(expected.cnWeights(), actual.cnWeights());
    assertEquals(expected.neighbours().size(), actual.neighbours().size(), "neighbours");
    for (int i = 0; i < expected.neighbours().size(); i++) {
      CrystalNN.Neighbour e = expected.neighbours().get(i);
      CrystalNN.Neighbour a = actual.neighbours().get(i);
      assertEquals(e.siteIndex(), a.siteIndex(), "neighbour " + i);
      assertArrayEquals(e.image(), a.image(), "neighbour " + i);
      assertEquals(Double.doubleToLongBits(e.distance()), Double.doubleToLongBits(a.distance()),
          "neighbour " + i);
      assertEquals(Double.doubleToLongBits(e.weight()), Double.doubleToLongBits(a.weight()),
          "neighbour " + i);
      assertArrayEquals(e.cartesian(), a.cartesian(), 0, "neighbour " + i);
    }
    for (Map.Entry<Integer, List<CrystalNN.Neighbour>> e : expected.cnNeighbours().entrySet()) {
      assertEquals(e.getValue().size(), actual.cnNeighbours().get(e.getKey()).size());
    }
  }

  @Property(tries = 60)
  void prunedSearchGivesExactlyTheFullSearchsAnalysis(@ForAll @LongRange(min = 0,
      max = 1_000_000) long seed) {
    Structure s = denseCrystal(seed);
    for (int i = 0; i < s.size(); i++) {
      assertSameNeighbourData(CrystalNN.fullSearch().neighbours(s, i),
          CrystalNN.standard().neighbours(s, i));
    }
  }

  @Property(tries = 20)
  void prunedSearchChangesNothingOnOrdinaryCrystals(@ForAll @LongRange(min = 0,
      max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 4) int sites) {
    Structure s = randomCrystal(seed, sites);
    for (int i = 0; i < s.size(); i++) {
      assertSameNeighbourData(CrystalNN.fullSearch().neighbours(s, i),
          CrystalNN.standard().neighbours(s, i));
    }
  }

  /**
   * The pruned Voronoi cell from any first radius, however small, is the full search's cell: the
   * same faces in the same order, belonging to the same images, with the same vertex bits.
   */
  @Property(tries = 80)
  void prunedCellFromAnyFirstRadiusIsTheFullCell(@ForAll @LongRange(min = 0,
      max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 70) int startTenths) {
    Structure s = seed % 2 == 0 ? denseCrystal(seed) : randomCrystal(seed, 1 + (int) (seed % 3));
    ImageSearch images = ImageSearch.of(s);
    double cutoff = CrystalNN.SEARCH_CUTOFF_ANGSTROM;
    for (int i = 0; i < s.size(); i++) {
      double[] centre = s.cartesian(i);
      CrystalNN.Cell full = CrystalNN.cell(images, centre, cutoff, cutoff);
      CrystalNN.Cell pruned = CrystalNN.cell(images, centre, cutoff, startTenths / 10.0);
      if (full == null) {
        assertEquals(null, pruned);
        continue;
      }
      assertEquals(full.faces().size(), pruned.faces().size(), "faces");
      for (int f = 0; f < full.faces().size(); f++) {
        VoronoiCell.Face a = full.faces().get(f);
        VoronoiCell.Face b = pruned.faces().get(f);
        ImageSearch.Image ia = full.candidates().get(a.point());
        ImageSearch.Image ib = pruned.candidates().get(b.point());
        assertEquals(ia.siteIndex(), ib.siteIndex(), "face " + f);
        assertArrayEquals(ia.image(), ib.image(), "face " + f);
        assertEquals(a.vertices().size(), b.vertices().size(), "face " + f);
        for (int v = 0; v < a.vertices().size(); v++) {
          assertArrayEquals(a.vertices().get(v), b.vertices().get(v), 0, "face " + f);
        }
      }
    }
  }
}
