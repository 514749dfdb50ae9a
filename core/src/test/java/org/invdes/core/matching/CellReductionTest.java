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

  @Test
  void toleranceIsValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CellReduction.primitive(StructureMatcherTest.rockSalt(), -1));
    assertEquals("primitive-cell tolerance is -1.0 Å; must be finite and > 0", e.getMessage());
  }
}
