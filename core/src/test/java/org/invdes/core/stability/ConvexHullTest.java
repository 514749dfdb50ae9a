package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.stability.ConvexHull.Decomposition;
import org.invdes.core.stability.ConvexHull.Entry;
import org.invdes.core.structure.Composition;
import org.junit.jupiter.api.Test;

/**
 * Hand-written phase diagrams whose hulls are computed by hand in the comments. The same entries
 * and queries were run through pymatgen 2022.11's {@code PhaseDiagram} ({@code
 * get_hull_energy_per_atom}, {@code get_decomp_and_e_above_hull(allow_negative=True)}) with
 * {@code tests/bench/hull-handwritten-pymatgen.py}; its output agrees with every value here to
 * 1e-12 eV/atom (e.g. Al2Ni: E_hull −0.933333333333, E_above +0.433333333333).
 */
class ConvexHullTest {

  private static final double TOL = 1e-12;

  private static Entry entry(String formula, double eVPerAtom) {
    return new Entry(formula, Composition.parse(formula), eVPerAtom);
  }

  private static Composition c(String formula) {
    return Composition.parse(formula);
  }

  /**
   * Al–Ni with AlNi −1.0, Al2Ni −0.5, Al3Ni −0.9 eV/atom. With x the Ni fraction the points are
   * Al (0, 0), Al3Ni (¼, −0.9), Al2Ni (⅓, −0.5), AlNi (½, −1.0), Ni (1, 0). Lower hull: Al→Al3Ni
   * (slope −3.6), Al3Ni→AlNi (slope −0.4; the line Al→AlNi would pass Al3Ni's x at −0.5, above
   * −0.9, so Al3Ni is on the hull), AlNi→Ni (slope +2).
   */
  private static ConvexHull alNi() {
    return ConvexHull.of(List.of(entry("AlNi", -1.0), entry("Al2Ni", -0.5), entry("Al3Ni", -0.9)));
  }

  @Test
  void binaryHullByHand() {
    ConvexHull hull = alNi();
    // Al2Ni at x = ⅓ on Al3Ni–AlNi: −0.9 − 0.4 · (⅓ − ¼) = −0.9333…; as ⅔ Al3Ni + ⅓ AlNi
    assertEquals(-0.9 - 0.4 / 12, hull.hullEnergy(c("Al2Ni")), TOL);
    assertEquals(-0.5 - (-0.9 - 0.4 / 12), hull.eAboveHull(c("Al2Ni"), -0.5), TOL);
    Decomposition d = hull.decomposition(c("Al2Ni"));
    assertEquals(2, d.phases().size());
    assertEquals(2.0 / 3, d.phases().get(entry("Al3Ni", -0.9)), TOL);
    assertEquals(1.0 / 3, d.phases().get(entry("AlNi", -1.0)), TOL);
    // AlNi3 at x = ¾ on AlNi–Ni: −1.0 + 2 · ¼ = −0.5; as ½ AlNi + ½ Ni
    assertEquals(-0.5, hull.hullEnergy(c("AlNi3")), TOL);
    assertEquals(0.2, hull.eAboveHull(c("AlNi3"), -0.3), TOL);
    // below the hull: a new stable phase, negative (pymatgen raises unless allow_negative)
    assertEquals(-0.1, hull.eAboveHull(c("AlNi3"), -0.6), TOL);
  }

  @Test
  void hullMembersAreExactlyOnIt() {
    ConvexHull hull = alNi();
    assertEquals(0.0, hull.eAboveHull(c("AlNi"), -1.0));
    assertEquals(0.0, hull.eAboveHull(c("Al3Ni"), -0.9));
    assertEquals(Map.of(entry("Al3Ni", -0.9), 1.0), hull.decomposition(c("Al3Ni")).phases());
    assertEquals(0.0, hull.eAboveHull(c("Al"), 0.0));
    assertEquals(0.0, hull.eAboveHull(c("Ni"), 0.0));
  }

  @Test
  void scaleOfTheCompositionDoesNotMatter() {
    ConvexHull hull = alNi();
    assertEquals(0.0, hull.eAboveHull(c("Al6Ni2"), -0.9));
    assertEquals(hull.hullEnergy(c("Al2Ni")), hull.hullEnergy(c("Al20Ni10")), TOL);
    assertEquals(hull.hullEnergy(c("Al2Ni")), hull.hullEnergy(c("Al0.2Ni0.1")), TOL);
  }

  /**
   * Al–Ni–Ti with AlNi −1.0, NiTi −0.6, AlTi −0.2 and AlNiTi −0.5 eV/atom. AlNiTi (⅓, ⅓, ⅓) lies on
   * the segment AlNi–Ti (⅔ AlNi + ⅓ Ti: −⅔) and on AlTi–NiTi–AlNi mixtures that are higher
   * (⅓ each: −0.6); the lowest mixture is −⅔, so AlNiTi is ⅙ above the hull.
   */
  @Test
  void ternaryHullByHand() {
    ConvexHull hull = ConvexHull.of(List.of(entry("AlNi", -1.0), entry("NiTi", -0.6),
        entry("AlTi", -0.2), entry("AlNiTi", -0.5)));
    assertEquals(-2.0 / 3, hull.hullEnergy(c("AlNiTi")), TOL);
    assertEquals(1.0 / 6, hull.eAboveHull(c("AlNiTi"), -0.5), TOL);
    // Al2NiTi (½, ¼, ¼) = ½ AlNi + ½ AlTi: −0.6 (½ NiTi + ½ Al gives −0.3, ½ AlNi + ¼ Al + ¼ Ti −0.5)
    assertEquals(-0.6, hull.hullEnergy(c("Al2NiTi")), TOL);
    // AlNi2Ti (¼, ½, ¼) = ½ AlNi + ½ NiTi: −0.8
    assertEquals(-0.8, hull.hullEnergy(c("AlNi2Ti")), TOL);
    assertEquals(0.0, hull.eAboveHull(c("AlTi"), -0.2));
    assertEquals(0.0, hull.eAboveHull(c("NiTi"), -0.6));
  }

  @Test
  void degenerateCoplanarReferencesTerminate() {
    // AlNi −1.0, NiTi −0.6, AlTi −0.4 and Ti 0 lie on one plane E = −0.8 x_Al − 1.2 x_Ni:
    // every mixture of them at AlNiTi gives −⅔ (a degenerate linear program)
    ConvexHull hull = ConvexHull.of(List.of(entry("AlNi", -1.0), entry("NiTi", -0.6),
        entry("AlTi", -0.4)));
    assertEquals(-2.0 / 3, hull.hullEnergy(c("AlNiTi")), TOL);
    assertEquals(-0.8 * 0.25 - 1.2 * 0.5, hull.hullEnergy(c("AlNi2Ti")), TOL);
  }

  @Test
  void aCandidateOutsideEveryReferenceSystemSitsOnTheElements() {
    ConvexHull hull = alNi();
    assertEquals(0.0, hull.hullEnergy(c("Cu2O")));
    assertEquals(-0.5, hull.eAboveHull(c("Cu2O"), -0.5));
    Decomposition d = hull.decomposition(c("Cu2O"));
    assertEquals(2.0 / 3, d.phases().get(new Entry("element Cu", c("Cu"), 0.0)), TOL);
    // a quaternary candidate uses the Al–Ni entries and the elements: AlNiCuO (¼ each)
    // = ½ AlNi + ¼ Cu + ¼ O: −0.5
    assertEquals(-0.5, hull.hullEnergy(c("AlNiCuO")), TOL);
  }

  @Test
  void elementalEntriesAboveOrBelowZero() {
    ConvexHull hull = ConvexHull.of(List.of(entry("Al", 0.05), entry("AlNi", -1.0)));
    // a metastable Al polymorph: the hull at Al stays 0
    assertEquals(0.0, hull.hullEnergy(c("Al")));
    assertEquals(0.05, hull.eAboveHull(c("Al"), 0.05), TOL);
    // Al3Ni = ½ Al + ½ AlNi: −0.5
    assertEquals(0.1, hull.eAboveHull(c("Al3Ni"), -0.4), TOL);
    // an elemental entry below 0 lowers the hull there
    ConvexHull lower = ConvexHull.of(List.of(entry("Al", -0.1)));
    assertEquals(-0.1, lower.hullEnergy(c("Al")));
    assertEquals(-0.05, lower.hullEnergy(c("AlNi")), TOL);
  }

  @Test
  void polymorphsKeepTheLowest() {
    ConvexHull hull = ConvexHull.of(List.of(entry("AlNi", -0.7), new Entry("AlNi-b",
        c("Al2Ni2"), -1.0)));
    assertEquals(-1.0, hull.hullEnergy(c("AlNi")));
    assertEquals(0.3, hull.eAboveHull(c("AlNi"), -0.7), TOL);
  }

  @Test
  void manyElementsScanTheSystemsInsteadOfTheSubsets() {
    // 12 elements: 4095 subsets against 2 indexed systems
    ConvexHull hull = alNi();
    Composition big = c("AlNiCuZnFeCoMnCrVTiScO");
    assertEquals(-1.0 * 2 / 12, hull.hullEnergy(big), TOL);
  }

  @Test
  void emptyHullIsTheElements() {
    ConvexHull hull = ConvexHull.of(List.of());
    assertEquals(0.0, hull.hullEnergy(c("NaCl")));
    assertEquals(-2.0, hull.eAboveHull(c("NaCl"), -2.0));
  }

  @Test
  void withAddsEntries() {
    ConvexHull hull = alNi().with(List.of(entry("AlNi3", -0.8)));
    assertEquals(4, hull.entries().size());
    assertEquals(-0.8, hull.hullEnergy(c("AlNi3")));
  }

  @Test
  void invalidEnergiesAreRejectedNamingTheEntry() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Entry("mp-1", c("NaCl"), Double.NaN));
    assertTrue(e.getMessage().contains("'mp-1'") && e.getMessage().contains("NaN"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> alNi().eAboveHull(c("AlNi"), Double.POSITIVE_INFINITY));
  }

  @Test
  void aLargerSystemAgreesWithItsHandComputedFacet() {
    // 50 random-looking entries above the plane E = −x_Al − 2 x_Ni (so never below it), plus
    // AlNi exactly on it at −1.5: every hull energy on the Al–Ni edge is ≥ the plane and AlNi
    // is on the hull
    List<Entry> entries = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      int al = 1 + i % 5;
      int ni = 1 + (i * 7) % 6;
      int ti = i % 3;
      double xAl = al / (double) (al + ni + ti);
      double xNi = ni / (double) (al + ni + ti);
      entries.add(new Entry("e" + i, c("Al" + al + "Ni" + ni + (ti > 0 ? "Ti" + ti : "")),
          -xAl - 2 * xNi + 0.01 * (1 + i % 4)));
    }
    entries.add(entry("AlNi", -1.5));
    ConvexHull hull = ConvexHull.of(entries);
    assertEquals(0.0, hull.eAboveHull(c("AlNi"), -1.5));
    assertEquals(-1.5, hull.hullEnergy(c("Al2Ni2")));
  }
}
