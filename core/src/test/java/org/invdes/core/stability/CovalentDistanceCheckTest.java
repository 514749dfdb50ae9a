package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Distances against covalent radii. Radii are Cordero et al. (2008): H 0.31, C 0.73 (sp2, as
 * pymatgen tabulates), Na 1.66, Cl 1.02, I 1.39, Cs 2.44, Fe 1.42 (mean of low and high spin),
 * Ni 1.24 Å.
 */
class CovalentDistanceCheckTest {

  private final CovalentDistanceCheck check = CovalentDistanceCheck.standard();

  @Test
  void naclPassesWithTheRatioOfItsBondToTheRadiiSum() {
    CheckResult r = check.check(Fixtures.nacl());
    assertTrue(r.passed());
    // Na–Cl 2.82 Å / (1.66 + 1.02) Å
    assertEquals(2.82 / 2.68, r.score(), 1e-12);
  }

  @Test
  void diamondBondIsTwiceTheSp2RadiusAndSomeMore() {
    // C–C 1.5446 Å / (0.73 + 0.73) Å = 1.058
    assertEquals(3.567 * Math.sqrt(3) / 4 / 1.46, check.check(Fixtures.diamond()).score(), 1e-12);
  }

  @Test
  void largeAtomsFailWhereTheBenchmarkRulePassesThem() {
    // I–I at 1.0 Å: above the benchmark's 0.5 Å, below 0.5 × (1.39 + 1.39) = 1.39 Å
    Structure s = Fixtures.pair("I", "I", 1.0, 6.0);
    assertTrue(GeometricValidity.standard().check(s).passed());
    CheckResult r = check.check(s);
    assertFalse(r.passed());
    assertEquals(1.0 / 2.78, r.score(), 1e-12);
    assertEquals("site 0 (I) and site 1 (I) are 1.000 Å apart, less than 0.5 × (1.390 + 1.390)"
        + " = 1.390 Å (sum of covalent radii)", r.reason());
  }

  @Test
  void smallAtomsPassWhereTheBenchmarkRuleFailsThem() {
    // H–H at 0.45 Å: below the benchmark's 0.5 Å, above 0.5 × (0.31 + 0.31) = 0.31 Å
    Structure s = Fixtures.pair("H", "H", 0.45, 6.0);
    assertFalse(GeometricValidity.standard().check(s).passed());
    assertTrue(check.check(s).passed());
  }

  @Test
  void aSiteTooCloseToItsOwnImageFails() {
    // one Cs in a 1.0 Å cube: its image 1.0 Å away, below 0.5 × 2 × 2.44 = 2.44 Å
    Structure s = Structure.of(Lattice.cubic(1.0), List.of(Site.of(Element.of("Cs"), 0, 0, 0)));
    CheckResult r = check.check(s);
    assertFalse(r.passed());
    assertEquals(1.0 / 4.88, r.score(), 1e-12);
    assertTrue(r.reason().startsWith("site 0 (Cs) is 1.000 Å from its own periodic image"),
        r.reason());
  }

  @Test
  void theShortestLatticeVectorIsFoundInASkewedCell() {
    // basis (1,0,0), (5,1,0), (7,3,1) (Å) spans the simple cubic lattice of 1 Å
    Lattice skewed = Lattice.fromMatrix(new double[][] {{1, 0, 0}, {5, 1, 0}, {7, 3, 1}});
    assertEquals(1.0, CovalentDistanceCheck.shortestLatticeVector(skewed), 1e-9);
  }

  @Test
  void countsFurtherOffendingPairs() {
    Structure s = Structure.of(Lattice.cubic(8.0), List.of(
        Site.of(Element.of("I"), 0, 0, 0), Site.of(Element.of("I"), 0.125, 0, 0),
        Site.of(Element.of("I"), 0.5, 0.5, 0.5), Site.of(Element.of("I"), 0.5, 0.625, 0.5)));
    // two pairs at 1.0 Å, both below 1.39 Å
    assertTrue(check.check(s).reason().endsWith("; 1 more pair(s) too close"),
        check.check(s).reason());
  }

  @Test
  void disorderedSitesUseTheOccupancyWeightedRadius() {
    // Fe0.5Ni0.5 on both sites: r = (1.42 + 1.24) / 2 = 1.33 Å, threshold 0.5 × 2.66 = 1.33 Å
    Map<Element, Double> feNi = Map.of(Element.of("Fe"), 0.5, Element.of("Ni"), 0.5);
    Structure s = Structure.of(Lattice.cubic(10.0), List.of(
        Site.of(feNi, new double[] {0, 0, 0}, null),
        Site.of(feNi, new double[] {0.13, 0, 0}, null)));
    CheckResult r = check.check(s);
    assertEquals(1.3 / 2.66, r.score(), 1e-12);
    assertFalse(r.passed());
    assertTrue(CovalentDistanceCheck.withFactor(0.45).check(s).passed());
  }

  @Test
  void anElementWithoutARadiusFailsNamingIt() {
    Structure s = Structure.of(Lattice.cubic(5.0), List.of(Site.of(Element.of("Cf"), 0, 0, 0)));
    CheckResult r = check.check(s);
    assertFalse(r.passed());
    assertTrue(Double.isNaN(r.score()));
    assertEquals("site 0 (Cf) holds Cf, which has no tabulated covalent radius", r.reason());
  }

  @Test
  void factorIsValidated() {
    assertThrows(IllegalArgumentException.class, () -> CovalentDistanceCheck.withFactor(0));
    assertThrows(IllegalArgumentException.class,
        () -> CovalentDistanceCheck.withFactor(Double.POSITIVE_INFINITY));
    assertEquals(0.7, CovalentDistanceCheck.withFactor(0.7).factor());
  }
}
