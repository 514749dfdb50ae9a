package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** CDVAE's structure validity on structures whose distances are known in closed form. */
class GeometricValidityTest {

  private final GeometricValidity check = GeometricValidity.standard();

  @Test
  void naclIsValidWithItsNaClDistanceAsScore() {
    CheckResult r = check.check(Fixtures.nacl());
    assertTrue(r.passed());
    // Na–Cl = a/2 in rock salt
    assertEquals(Fixtures.NACL_A / 2, r.score(), 1e-12);
    assertEquals(Fixtures.nacl().shortestDistance(), r.score(), 0);
  }

  @Test
  void twoAtomsTooCloseFailNamingThePairAndDistance() {
    CheckResult r = check.check(Fixtures.pair("Na", "Cl", 0.3, 5.0));
    assertFalse(r.passed());
    assertEquals(0.3, r.score(), 1e-12);
    assertEquals("site 0 (Na) and site 1 (Cl) are 0.300 Å apart, closer than 0.5 Å", r.reason());
  }

  @Test
  void sitesAreNamedByTheirLabels() {
    Structure s = Structure.of(Lattice.cubic(5.0), List.of(
        Site.of(Element.of("O"), 0, 0, 0).withLabel("O1"),
        Site.of(Element.of("O"), 0.02, 0, 0).withLabel("O2")));
    assertTrue(check.check(s).reason().startsWith("site 0 'O1' (O) and site 1 'O2' (O) are 0.100"),
        check.check(s).reason());
  }

  @Test
  void closenessAcrossTheCellBoundaryCounts() {
    // x = 0.01 and 0.99 in a 10 Å cube are 0.2 Å apart through the boundary, 9.8 Å inside
    Structure s = Structure.of(Lattice.cubic(10.0), List.of(
        Site.of(Element.of("Si"), 0.01, 0.5, 0.5), Site.of(Element.of("Si"), 0.99, 0.5, 0.5)));
    CheckResult r = check.check(s);
    assertFalse(r.passed());
    assertEquals(0.2, r.score(), 1e-12);
  }

  @Test
  void aDistanceOfExactlyTheThresholdPasses() {
    // 0.0625 × 8 Å = 0.5 Å exactly in binary floating point; CDVAE rejects only min < 0.5
    Structure s = Structure.of(Lattice.cubic(8.0), List.of(
        Site.of(Element.of("C"), 0, 0, 0), Site.of(Element.of("C"), 0.0625, 0, 0)));
    CheckResult r = check.check(s);
    assertEquals(0.5, r.score(), 0);
    assertTrue(r.passed(), r::reason);
  }

  @Test
  void aTinyCellFailsOnItsVolume() {
    // one atom in a 0.4 Å cube: V = 0.064 Å³ < 0.1 Å³; with one site there is no pair, score +∞
    Structure s = Structure.of(Lattice.cubic(0.4), List.of(Site.of(Element.of("C"), 0, 0, 0)));
    CheckResult r = check.check(s);
    assertFalse(r.passed());
    assertEquals(Double.POSITIVE_INFINITY, r.score());
    assertEquals("the cell volume 0.064 Å³ is below 0.1 Å³", r.reason());
  }

  @Test
  void aSiteIsNotComparedWithItsOwnImages() {
    // CDVAE pads the diagonal of the distance matrix: a one-atom cell of 0.48 Å passes if V ≥ 0.1
    Structure s = Structure.of(Lattice.tetragonal(0.48, 1.0),
        List.of(Site.of(Element.of("C"), 0, 0, 0)));
    assertTrue(check.check(s).passed());
  }

  @Test
  void bothProblemsAreReported() {
    Structure s = Structure.of(Lattice.cubic(0.4), List.of(
        Site.of(Element.of("C"), 0, 0, 0), Site.of(Element.of("C"), 0.5, 0.5, 0.5)));
    CheckResult r = check.check(s);
    // body diagonal: 0.4 × √3 / 2 = 0.3464 Å
    assertEquals(0.4 * Math.sqrt(3) / 2, r.score(), 1e-12);
    assertEquals("site 0 (C) and site 1 (C) are 0.346 Å apart, closer than 0.5 Å; "
        + "the cell volume 0.064 Å³ is below 0.1 Å³", r.reason());
  }

  @Test
  void customThresholdsAreValidatedAndNamed() {
    GeometricValidity strict = GeometricValidity.of(3.0, 1.0);
    assertFalse(strict.check(Fixtures.nacl()).passed());
    assertTrue(strict.name().contains("3"), strict.name());
    assertThrows(IllegalArgumentException.class, () -> GeometricValidity.of(-1, 0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GeometricValidity.of(0.5, Double.NaN));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }
}
