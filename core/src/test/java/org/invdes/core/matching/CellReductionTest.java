package org.invdes.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Niggli and primitive cells of hand-built crystals. Expected cells follow from the crystal
 * structures (fcc: a/√2, 60°, a³/4; bcc: a√3/2, 109.47°, a³/2); the tolerance cases are pymatgen
 * 2022.11 {@code get_primitive_structure()} output on the same structures.
 */
class CellReductionTest {

  @Test
  void rockSaltReducesToTheFccPrimitiveCell() {
    Structure p = CellReduction.primitive(StructureMatcherTest.rockSalt(), 0.25);
    double a = StructureMatcherTest.A_NACL;
    assertEquals(2, p.size());
    assertEquals(a * a * a / 4, p.volume(), 1e-9);
    for (int k = 0; k < 3; k++) {
      assertEquals(a / Math.sqrt(2), p.lattice().lengths()[k], 1e-9);
      assertEquals(60, p.lattice().angles()[k], 1e-9);
    }
    assertEquals(a / 2, p.shortestDistance(), 1e-9);
    assertEquals("NaCl", p.composition().reducedFormula());
  }

  @Test
  void bccIronReducesToOneSite() {
    double a = 2.87;
    Structure fe = Structure.of(Lattice.cubic(a), List.of(Element.of("Fe"), Element.of("Fe")),
        List.of(new double[] {0, 0, 0}, new double[] {.5, .5, .5}));
    Structure p = CellReduction.primitive(fe, 0.25);
    assertEquals(1, p.size());
    assertEquals(a * a * a / 2, p.volume(), 1e-9);
    // the bcc primitive cell: three vectors a√3/2 at arccos(-1/3) = 109.4712°
    assertEquals(a * Math.sqrt(3) / 2, p.lattice().a(), 1e-9);
    assertEquals(Math.toDegrees(Math.acos(-1.0 / 3)), p.lattice().alpha(), 1e-9);
  }

  @Test
  void perovskiteSupercellReducesToFiveSites() {
    Structure big = StructureMatcherTest.supercell(StructureMatcherTest.perovskite(1), 2, 2, 2);
    assertEquals(40, big.size());
    Structure p = CellReduction.primitive(big, 0.25);
    assertEquals(5, p.size());
    assertEquals(Math.pow(StructureMatcherTest.A_STO, 3), p.volume(), 1e-9);
  }

  @Test
  void aPrimitiveStructureIsReturnedUnchanged() {
    Structure prim = StructureMatcherTest.rockSaltPrimitive();
    assertSame(prim, CellReduction.primitive(prim, 0.25));
    Structure sto = StructureMatcherTest.perovskite(1);
    assertSame(sto, CellReduction.primitive(sto, 0.25));
  }

  /**
   * One Na of the conventional rock-salt cell moved by δ along x. Within the 0.25 Å tolerance the
   * four Na still coincide under the fcc translations and merge into one site at their average,
   * δ/4 from the ideal position, so the shortest Na–Cl distance is a/2 − δ/4; pymatgen returns 2
   * sites for δ = 0.1 and 0.2 Å and keeps all 8 for δ = 0.3 Å.
   */
  @Test
  void theToleranceDecidesWhetherDisplacedSitesMerge() {
    double a = StructureMatcherTest.A_NACL;
    for (double delta : new double[] {0.1, 0.2}) {
      Structure moved = StructureMatcherTest.moved(StructureMatcherTest.rockSalt(), 0, delta / a, 0, 0);
      Structure p = CellReduction.primitive(moved, 0.25);
      assertEquals(2, p.size(), "delta " + delta);
      assertEquals(a / 2 - delta / 4, p.shortestDistance(), 1e-9);
    }
    Structure far = StructureMatcherTest.moved(StructureMatcherTest.rockSalt(), 0, 0.3 / a, 0, 0);
    assertEquals(8, CellReduction.primitive(far, 0.25).size());
  }

  @Test
  void niggliKeepsTheCrystal() {
    double a = StructureMatcherTest.A_NACL;
    Lattice skew = Lattice.fromMatrix(new double[][] {{a, a, 0}, {0, a, 0}, {a, 2 * a, a}});
    Element na = Element.of("Na");
    Structure s = Structure.of(skew, List.of(na, Element.of("Cl")),
        List.of(new double[] {0.1, 0.2, 0.3}, new double[] {0.6, 0.2, 0.3}));
    Structure n = CellReduction.niggli(s);
    assertEquals(s.volume(), n.volume(), 1e-9);
    for (int k = 0; k < 3; k++) {
      assertEquals(a, n.lattice().lengths()[k], 1e-9);
    }
    assertEquals(s.distance(0, 1), n.distance(0, 1), 1e-9);
    for (int i = 0; i < n.size(); i++) {
      for (int k = 0; k < 3; k++) {
        double f = n.site(i).frac(k);
        assertTrue(f >= 0 && f < 1, "wrapped coordinate " + f);
      }
    }
  }

  /**
   * A hand-built near-hexagonal cell (a = 5 Å, |b| = 5 − 6e-7 Å, c = 8 Å, γ = 120°, c tilted by
   * 1e-6 rad) whose Gram entries sit within the default Niggli tolerance ε = 1e-5 V^(1/3) =
   * 5.6e-5 Å² of two boundary conditions at once (|a|² ≈ |b|², 2a·b ≈ −|a|², 2a·c = 8e-5 Å² just
   * above ε). The Křivý–Gruber steps then alternate between two cells for ever (when this was
   * written, {@code NiggliReduction.reduce} threw after 1,000 iterations); the reduction falls back
   * to a smaller tolerance and gives the hexagonal cell 5, 5, 8 Å, 90°, 90°, 60°.
   */
  static Lattice cyclingLattice() {
    return Lattice.fromMatrix(new double[][] {{5.0, 0.0, 0.0}, {-2.499999, 4.3301269034520224, 0.0},
        {8.0e-6, 1.154698721650388e-6, 7.999999999995916}});
  }

  @Test
  void niggliReductionFallsBackToASmallerToleranceWhenItCycles() {
    Lattice l = cyclingLattice();
    Lattice r = CellReduction.niggliReduction(l).reduced();
    assertEquals(l.volume(), r.volume(), 1e-9);
    double[] lengths = r.lengths();
    java.util.Arrays.sort(lengths);
    assertEquals(5, lengths[0], 1e-5);
    assertEquals(5, lengths[1], 1e-5);
    assertEquals(8, lengths[2], 1e-5);
    Structure s = Structure.of(l, List.of(Element.of("C"), Element.of("C")),
        List.of(new double[] {0, 0, 0}, new double[] {1 / 3.0, 2 / 3.0, 0.25}));
    assertEquals(2, CellReduction.niggli(s).size());
  }

  @Test
  void toleranceIsValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CellReduction.primitive(StructureMatcherTest.rockSalt(), -1));
    assertEquals("primitive-cell tolerance is -1.0 Å; must be finite and > 0", e.getMessage());
  }
}
