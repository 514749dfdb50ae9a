package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structure and Site: published cell contents, validation messages, equality contracts. */
class StructureTest {
  /** CsCl: simple cubic a = 4.123 Å, Cs at the corner, Cl at the body centre. */
  private static Structure csCl() {
    return Structure.of(Lattice.cubic(4.123), List.of(
        Site.of(Element.of("Cs"), 0, 0, 0), Site.of(Element.of("Cl"), 0.5, 0.5, 0.5)));
  }

  @Test
  void densityCompositionAndDistancesOfCsCl() {
    Structure s = csCl();
    assertEquals("CsCl", s.composition().reducedFormula());
    // 168.36 u in 4.123³ Å³: 3.99 g/cm³ (the handbook density of CsCl)
    assertEquals(3.99, s.density(), 0.01);
    assertEquals(4.123 * Math.sqrt(3) / 2, s.shortestDistance(), 1e-12);
    assertEquals(s.shortestDistance(), s.distance(0, 1), 0);
    assertTrue(s.isOrdered());
  }

  @Test
  void disorderedSitesCountTheirOccupancies() {
    Site mixed = Site.of(Map.of(Element.of("Fe"), 0.5, Element.of("Ni"), 0.25), new double[3],
        "M1");
    assertFalse(mixed.isOrdered());
    assertEquals(0.75, mixed.totalOccupancy(), 1e-12);
    Structure s = Structure.of(Lattice.cubic(3.0), List.of(mixed));
    assertEquals(0.5, s.composition().amount(Element.of("Fe")), 1e-12);
    double mass = 0.5 * Element.of("Fe").atomicMass() + 0.25 * Element.of("Ni").atomicMass();
    assertEquals(mass / 27.0 * Structure.AMU_PER_A3_TO_G_PER_CM3, s.density(), 1e-12);
  }

  @Test
  void validationNamesTheValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Site.of(Map.of(Element.of("O"), 1.5), new double[3], "O1"));
    assertTrue(e.getMessage().contains("'O1'") && e.getMessage().contains("1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Site.of(Element.of("O"), 0.1, 0.2));
    assertTrue(e.getMessage().contains("2 coordinates"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Structure.of(Lattice.cubic(3),
        List.of(Element.of("O")), List.of(new double[3], new double[3])));
    assertEquals("species has 1 entries but coordinates 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> csCl().withProperty("bad", new int[] {1}));
    assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
  }

  @Test
  void equalsIsExactAndApproxEqualsIsTolerantModuloTranslations() {
    Structure a = csCl();
    Structure b = Structure.of(Lattice.cubic(4.123), List.of(
        Site.of(Element.of("Cs"), 1.0, 0, -1e-9), Site.of(Element.of("Cl"), 0.5, 0.5, 0.5)));
    assertNotEquals(a, b);
    assertTrue(a.approxEquals(b, 1e-6, 1e-6, 1e-6));
    assertEquals(a, csCl());
    assertEquals(a.hashCode(), csCl().hashCode());
    assertEquals(a.withProperty("e", 1), a.withProperty("e", 1L));
  }

  @Test
  void wrappedPutsCoordinatesInTheUnitInterval() {
    Structure s = Structure.of(Lattice.cubic(3), List.of(Site.of(Element.of("O"), -0.25, 1.5,
        1 - 1e-15)));
    double[] f = s.wrapped().site(0).frac();
    assertEquals(0.75, f[0], 1e-15);
    assertEquals(0.5, f[1], 1e-15);
    assertEquals(0.0, f[2], 0);
  }
}
