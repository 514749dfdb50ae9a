package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * The canonical site order: a fixed order worked out by hand from the documented rule, exact
 * invariance under permutation and integer translations, and stability under coordinate noise
 * for sites on special positions.
 */
class CanonicalOrderTest {
  private static final Encoder ENCODER = Encoder.fit(
      TestCrystals.randomStructures(7L, 100, TestCrystals.POOL, 20),
      EncoderOptions.builder().optMaxSites(20).optOccupancyChannel(true).optFourier(2)
          .optProperties("e").build());

  /**
   * SrTiO3 with the sites listed in a scrambled order and the O sites written as −0.0 / 1.0 /
   * 0.5: by the rule (Z descending, then grid cells x, y, z) the rows must be Sr (Z 38),
   * Ti (22), then O (8) at (0, ½, ½), (½, 0, ½), (½, ½, 0).
   */
  @Test
  void perovskiteRowsFollowTheDocumentedRule() {
    Structure s = Structure.of(Lattice.cubic(3.905), List.of(
        Site.of(Element.of("O"), 0.5, 0.5, 1.0),
        Site.of(Element.of("Ti"), 0.5, 0.5, 0.5),
        Site.of(Element.of("O"), -0.0, 0.5, 0.5),
        Site.of(Element.of("Sr"), 1, 0, -1),
        Site.of(Element.of("O"), 0.5, 0, 0.5)));
    Encoder enc = Encoder.fit(List.of(s), EncoderOptions.defaults());
    Encoded e = enc.encode(s);
    List<Element> vocab = enc.config().vocabulary();
    assertEquals(List.of(Element.of("O"), Element.of("Ti"), Element.of("Sr")), vocab);
    assertArrayEquals(new int[] {3, 2, 1, 1, 1}, e.elementIndices());
    float[][] xyz = e.fracCoords();
    assertArrayEquals(new float[] {0, 0, 0}, xyz[0]);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, xyz[1]);
    assertArrayEquals(new float[] {0, 0.5f, 0.5f}, xyz[2]);
    assertArrayEquals(new float[] {0.5f, 0, 0.5f}, xyz[3]);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0}, xyz[4]);
  }

  /**
   * A site at x = −10⁻⁹ wraps to 0.999999999; a plain lexicographic sort would put it after its
   * twin at +10⁻⁹. On the grid both are in cell 0, so the y coordinate decides.
   */
  @Test
  void theWrapAroundDoesNotReorderSites() {
    Lattice l = Lattice.cubic(4.0);
    Structure a = Structure.of(l, List.of(Site.of(Element.of("O"), 1e-9, 0.5, 0),
        Site.of(Element.of("O"), -1e-9, 0.25, 0)));
    Structure b = Structure.of(l, List.of(Site.of(Element.of("O"), -1e-9, 0.5, 0),
        Site.of(Element.of("O"), 1e-9, 0.25, 0)));
    Encoder enc = Encoder.fit(List.of(a), EncoderOptions.defaults());
    float[][] fa = enc.encode(a).fracCoords();
    float[][] fb = enc.encode(b).fracCoords();
    assertEquals(0.25f, fa[0][1]);
    assertEquals(0.25f, fb[0][1]);
    assertEquals(0.5f, fa[1][1]);
    assertEquals(0.5f, fb[1][1]);
  }

  @Provide
  Arbitrary<Structure> structures() {
    return Arbitraries.randomValue(r -> TestCrystals.randomStructure(r, TestCrystals.POOL, 20));
  }

  @Property(tries = 300)
  void encodingIsExactlyInvariantUnderSitePermutation(@ForAll("structures") Structure s,
      @ForAll Random random) {
    assertEquals(ENCODER.encode(s), ENCODER.encode(TestCrystals.shuffled(s, random)));
  }

  /**
   * Translating every site by one integer vector, or each site by its own, changes nothing.
   * Coordinates are drawn on a 2⁻⁴⁰ grid in [−2, 2) so that adding an integer is exact in double
   * arithmetic: the property is about the encoder's wrapping, not about rounding in the test.
   */
  @Property(tries = 300)
  void encodingIsExactlyInvariantUnderIntegerTranslations(@ForAll Random random) {
    Lattice lattice = TestCrystals.randomLattice(random);
    int n = 1 + random.nextInt(20);
    List<Site> sites = new ArrayList<>();
    List<Site> oneShift = new ArrayList<>();
    List<Site> ownShifts = new ArrayList<>();
    int[] t = {random.nextInt(11) - 5, random.nextInt(11) - 5, random.nextInt(11) - 5};
    for (int i = 0; i < n; i++) {
      Element e = TestCrystals.POOL.get(random.nextInt(TestCrystals.POOL.size()));
      double[] f = new double[3];
      double[] g = new double[3];
      double[] h = new double[3];
      for (int k = 0; k < 3; k++) {
        f[k] = -2 + Math.scalb((double) random.nextLong(1L << 42), -40);
        g[k] = f[k] + t[k];
        h[k] = f[k] + random.nextInt(11) - 5;
      }
      sites.add(Site.of(e, f));
      oneShift.add(Site.of(e, g));
      ownShifts.add(Site.of(e, h));
    }
    Structure s = Structure.of(lattice, sites, Map.of("e", 0.5));
    Encoded e = ENCODER.encode(s);
    assertEquals(e, ENCODER.encode(s.withSites(oneShift)));
    assertEquals(e, ENCODER.encode(s.withSites(ownShifts)));
  }

  /**
   * Sites on special positions (random multiples of 1/24, the grid of all fixed Wyckoff
   * coordinates) keep their rows when every coordinate moves by noise up to 10⁻³ either way,
   * including across 0: same classes, and every coordinate within 10⁻³ (mod 1) of the
   * noiseless one. Duplicate positions of one element are avoided, as in a real crystal.
   */
  @Property(tries = 300)
  void specialPositionsKeepTheirRowsUnderNoise(@ForAll Random random) {
    Lattice lattice = TestCrystals.randomLattice(random);
    int n = 1 + random.nextInt(20);
    List<Site> clean = new ArrayList<>();
    List<Site> noisy = new ArrayList<>();
    List<List<Object>> used = new ArrayList<>();
    List<Element> few = TestCrystals.POOL.subList(0, 4);
    while (clean.size() < n) {
      Element e = few.get(random.nextInt(few.size()));
      int[] q = {random.nextInt(24), random.nextInt(24), random.nextInt(24)};
      List<Object> key = List.of(e, q[0], q[1], q[2]);
      if (used.contains(key)) {
        continue;
      }
      used.add(key);
      double[] f = new double[3];
      double[] g = new double[3];
      for (int k = 0; k < 3; k++) {
        f[k] = q[k] / 24.0;
        g[k] = f[k] + (2 * random.nextDouble() - 1) * 1e-3;
      }
      clean.add(Site.of(e, f));
      noisy.add(Site.of(e, g));
    }
    Encoded a = ENCODER.encode(Structure.of(lattice, clean));
    Encoded b = ENCODER.encode(Structure.of(lattice, noisy));
    assertArrayEquals(a.elementIndices(), b.elementIndices());
    float[][] fa = a.fracCoords();
    float[][] fb = b.fracCoords();
    for (int r = 0; r < n; r++) {
      double[] x = {fa[r][0], fa[r][1], fa[r][2]};
      double[] y = {fb[r][0], fb[r][1], fb[r][2]};
      assertTrue(TestCrystals.periodicClose(x, y, 1.0001e-3),
          "row " + r + ": " + java.util.Arrays.toString(x) + " vs " + java.util.Arrays.toString(y));
    }
  }

  @Test
  void gridCellsCentreOnMultiplesOf1Over240AndWrap() {
    assertEquals(0, SiteOrder.gridCell(0.0));
    assertEquals(0, SiteOrder.gridCell(0.999999));
    assertEquals(0, SiteOrder.gridCell(1.0 / 480 - 1e-12));
    assertEquals(1, SiteOrder.gridCell(1.0 / 480 + 1e-12));
    assertEquals(120, SiteOrder.gridCell(0.5));
    assertEquals(80, SiteOrder.gridCell(1.0 / 3));
    assertEquals(10, SiteOrder.gridCell(1.0 / 24));
  }
}
