package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Decoding of vectors that did not come from {@code encode}, as a model produces them: invalid
 * lattices repaired or rejected, NaNs, empty rows, wrong sizes; and the structured views.
 */
class EncoderDecodeTest {
  private static final List<Structure> TRAINING =
      TestCrystals.randomStructures(3L, 100, TestCrystals.POOL, 10);
  private static final Encoder REPAIR = Encoder.fit(TRAINING, EncoderOptions.defaults());
  private static final Encoder REJECT = Encoder.fit(TRAINING, EncoderOptions.builder()
      .optInvalidLatticePolicy(InvalidLatticePolicy.REJECT).build());

  /** A feature vector of SrTiO3 whose lattice block encodes the given parameters. */
  private static float[] withLattice(Encoder enc, double a, double b, double c, double al,
      double be, double ga) {
    Structure sto = TestCrystals.perovskite();
    float[] f = REPAIR.encode(Structure.of(Lattice.cubic(3.905), List.of(sto.site(2))))
        .features();
    double[] u = {Math.log(a), Math.log(b), Math.log(c), al, be, ga};
    double[] mean = enc.config().latticeMean();
    double[] scale = enc.config().latticeScale();
    for (int k = 0; k < 6; k++) {
      f[k] = (float) ((u[k] - mean[k]) / scale[k]);
    }
    return f;
  }

  /**
   * α = β = γ = 130° closes no cell (they sum to 390°). For equal angles the shape factor is
   * (1 − cos θ)²(1 + 2 cos θ), zero at θ = 120°; repair moves all three along the line to 90°
   * until the factor is 10⁻⁶, i.e. to just below 120°, and keeps them equal.
   */
  @Test
  void anglesThatCloseNoCellArePulledTowardNinetyDegrees() {
    Structure d = REPAIR.decode(withLattice(REPAIR, 4, 5, 6, 130, 130, 130));
    Lattice l = d.lattice();
    // equal up to the float32 storage of the three normalised angles (~10⁻⁵ degrees)
    assertEquals(l.alpha(), l.beta(), 1e-5);
    assertEquals(l.alpha(), l.gamma(), 1e-5);
    assertTrue(l.alpha() < 120 && l.alpha() > 119.99, "alpha " + l.alpha());
    double s = TestCrystals.shape(l.alpha(), l.beta(), l.gamma());
    assertTrue(s >= 0.99e-6 && s < 1.01e-6, "shape " + s);
    assertEquals(4, l.a(), 1e-5);
    assertEquals(6, l.c(), 1e-5);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> REJECT.decode(withLattice(REJECT, 4, 5, 6, 130, 130, 130)));
    assertTrue(e.getMessage().startsWith("decoded lattice a=") && e.getMessage().contains(
        "alpha=130") && e.getMessage().contains("cell-shape factor"), e.getMessage());
  }

  /** Out-of-range values are clamped: 0.01 Å → 0.1 Å, 10⁵ Å → 10⁴ Å, 200° → 179° (then closed). */
  @Test
  void lengthsAndAnglesAreClampedIntoRange() {
    Lattice l = REPAIR.decode(withLattice(REPAIR, 0.01, 1e5, 5, 90, 90, 90)).lattice();
    assertEquals(0.1, l.a(), 1e-6);
    assertEquals(1e4, l.b(), 1e-2);
    l = REPAIR.decode(withLattice(REPAIR, 4, 4, 4, 200, 90, 90)).lattice();
    assertEquals(179, l.alpha(), 1e-4);
    assertEquals(90, l.beta(), 1e-4);
    // a valid lattice is left alone
    l = REPAIR.decode(withLattice(REPAIR, 4, 5, 6, 100, 80, 70)).lattice();
    assertArrayEquals(new double[] {4, 5, 6, 100, 80, 70}, TestCrystals.params(l), 1e-4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> REJECT.decode(withLattice(REJECT, 4, 4, 4, 200, 90, 90)));
    assertTrue(e.getMessage().contains("angle outside [1.0, 179.0]°"), e.getMessage());
  }

  /** Whatever a model outputs in the lattice block, a repairing decoder gives a valid cell. */
  @Property(tries = 300)
  void repairAlwaysGivesAValidCell(@ForAll Random random) {
    float[] f = REPAIR.encode(TRAINING.get(random.nextInt(TRAINING.size()))).features();
    for (int k = 0; k < 6; k++) {
      f[k] = (float) (random.nextGaussian() * 20);
    }
    Lattice l = REPAIR.decode(f).lattice();
    double s = TestCrystals.shape(l.alpha(), l.beta(), l.gamma());
    assertTrue(s >= 0.99 * Encoder.MIN_SHAPE, "shape " + s + " of " + l);
    for (double x : l.lengths()) {
      assertTrue(x >= 0.0999 && x <= 1.0001e4, l.toString());
    }
  }

  @Test
  void nanAndEmptyVectorsAreClearErrors() {
    float[] f = REPAIR.encode(TestCrystals.perovskite().withProperties(java.util.Map.of()))
        .features();
    EncodingLayout l = REPAIR.layout();
    float[] nanLattice = f.clone();
    nanLattice[3] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> REPAIR.decode(nanLattice));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());

    float[] nanCoord = f.clone();
    nanCoord[l.siteOffset(0) + l.coordinateChannel() + 1] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> REPAIR.decode(nanCoord));
    assertEquals("decoded site row 0 has coordinate NaN", e.getMessage());
    // a NaN on a padding row is never read
    float[] nanPadding = f.clone();
    nanPadding[l.siteOffset(l.maxSites() - 1) + l.coordinateChannel()] = Float.NaN;
    assertEquals(REPAIR.decode(f), REPAIR.decode(nanPadding));

    float[] empty = new float[l.length()];
    e = assertThrows(IllegalArgumentException.class, () -> REPAIR.decode(empty));
    assertEquals("decoded vector holds no atom: all " + l.maxSites()
        + " site rows are class 0 ('no atom')", e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> REPAIR.decode(new float[7]));
    assertTrue(e.getMessage().startsWith("feature vector has 7 floats; this encoding has "
        + l.length()), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> REPAIR.decodeAll(new float[][] {f, empty}));
    assertTrue(e.getMessage().startsWith("row 1: decoded vector holds no atom"), e.getMessage());
  }

  /** "No atom" rows between occupied rows are skipped, wherever a model puts them. */
  @Test
  void emptyRowsAnywhereAreSkipped() {
    Structure sto = TestCrystals.perovskite();
    Encoder enc = Encoder.fit(List.of(sto), EncoderOptions.builder().optMaxSites(7).build());
    float[] f = enc.encode(sto).features();
    EncodingLayout l = enc.layout();
    // move row 1 (Ti) to the last row, leaving a hole at row 1
    int from = l.siteOffset(1);
    int to = l.siteOffset(6);
    float[] g = f.clone();
    System.arraycopy(f, from, g, to, l.siteChannels());
    java.util.Arrays.fill(g, from, from + l.siteChannels(), 0f);
    Structure d = enc.decode(g);
    assertEquals(5, d.size());
    assertEquals(Element.of("Ti"), d.site(4).majorElement());
    TestCrystals.assertSameUpToOrder(sto, d, 1e-6, 1e-7);
  }

  @Test
  void structuredViewsMatchTheLayout() {
    Structure sto = TestCrystals.perovskite().withProperties(java.util.Map.of("e", 2.5));
    Encoder enc = Encoder.fit(List.of(sto, TestCrystals.rockSalt().withProperties(
        java.util.Map.of("e", 0.5))), EncoderOptions.builder().optOccupancyChannel(true)
        .optFourier(1).optProperties("e").build());
    Encoded e = enc.encode(sto);
    EncodingLayout l = e.layout();
    float[] f = e.features();
    // vocabulary O, Na, Cl, Ti, Sr -> classes 1..5; rows Sr, Ti, O, O, O, then 3 padding rows
    assertArrayEquals(new int[] {5, 4, 1, 1, 1, 0, 0, 0}, e.elementIndices());
    assertEquals(5, e.siteCount());
    float[][] oneHot = e.oneHot();
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1}, oneHot[0]);
    assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0}, oneHot[7]);
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0, 0, 0}, e.occupancies());
    float[][] m = e.siteMatrix();
    for (int r = 0; r < l.maxSites(); r++) {
      for (int c = 0; c < l.siteChannels(); c++) {
        assertEquals(f[l.siteOffset(r) + c], m[r][c]);
      }
      assertArrayEquals(java.util.Arrays.copyOfRange(m[r], 6, 9), e.fracCoords()[r]);
    }
    assertArrayEquals(java.util.Arrays.copyOfRange(f, 0, 6), e.lattice());
    assertEquals(26, e.fourier().length);
    assertArrayEquals(new float[] {1}, e.properties());
    assertEquals(e, Encoded.of(l, f));
    Encoder other = Encoder.fit(List.of(sto), EncoderOptions.defaults());
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> other.decode(e));
    assertTrue(x.getMessage().contains("is not this encoder's"), x.getMessage());
    assertThrows(IllegalStateException.class, () -> other.encode(sto).occupancies());
  }
}
