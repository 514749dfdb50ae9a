package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** The charge-balance label derived from a structure's composition. */
class DerivedPropertiesTest {
  /** Rock salt NaCl, a = 5.64 Å (conventional cell, Na on 4a, Cl on 4b). */
  static Structure rockSalt() {
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    List<Site> sites = new ArrayList<>();
    for (double[] f : fcc) {
      sites.add(Site.of(Element.of("Na"), f[0], f[1], f[2]));
      sites.add(Site.of(Element.of("Cl"), f[0] + 0.5, f[1], f[2]));
    }
    return Structure.of(Lattice.cubic(5.64), sites, Map.of("id", "NaCl"));
  }

  /** NaCl2: one Na+ cannot balance two Cl-, and neither element has another state to help. */
  static Structure sodiumChloride2() {
    return Structure.of(Lattice.cubic(4.0), List.of(Site.of(Element.of("Na"), 0, 0, 0),
        Site.of(Element.of("Cl"), 0.5, 0.5, 0.5), Site.of(Element.of("Cl"), 0, 0.5, 0.5)),
        Map.of("id", "NaCl2"));
  }

  @Test
  void chargeBalancedIsOneForRockSaltAndZeroForNaCl2() {
    assertEquals(1.0, DerivedProperties.value(rockSalt(), DerivedProperties.CHARGE_BALANCED));
    assertEquals(0.0, DerivedProperties.value(sodiumChloride2(),
        DerivedProperties.CHARGE_BALANCED));
  }

  @Test
  void addSetsTheLabelWhereMissingAndKeepsADataColumn() {
    Structure own = rockSalt().withProperty("charge_balanced", 0.25);
    List<Structure> out = DerivedProperties.add(List.of(rockSalt(), sodiumChloride2(), own),
        List.of("y", "charge_balanced"));
    assertEquals(1.0, out.get(0).doubleProperty("charge_balanced").getAsDouble());
    assertEquals(0.0, out.get(1).doubleProperty("charge_balanced").getAsDouble());
    assertEquals(0.25, out.get(2).doubleProperty("charge_balanced").getAsDouble());
    assertEquals("NaCl2", out.get(1).stringProperty("id").orElseThrow());
    List<Structure> none = List.of(rockSalt());
    assertSame(none, DerivedProperties.add(none, List.of("y")));
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownOnes() {
    assertTrue(DerivedProperties.isDerived("charge_balanced"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DerivedProperties.value(rockSalt(), "band_gap"));
    assertTrue(e.getMessage().contains("[charge_balanced]"), e.getMessage());
  }
}
