package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.stability.ConvexHull.Entry;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * The hull check on NaCl against a hand-written Na–Cl hull with one reference, NaCl at −2.0
 * eV/atom, so the hull at NaCl is −2.0 eV/atom.
 */
class EnergyAboveHullCheckTest {

  static final ConvexHull HULL =
      ConvexHull.of(List.of(new Entry("ref NaCl", Composition.parse("NaCl"), -2.0)));

  static Structure naclWith(double formationEnergy) {
    return Fixtures.nacl().withProperty("formation_energy_per_atom", formationEnergy);
  }

  @Test
  void passesBelowTheThresholdAndScoresTheEnergyAboveTheHull() {
    EnergyAboveHullCheck check = EnergyAboveHullCheck.of(HULL);
    CheckResult r = check.check(naclWith(-1.95));
    assertTrue(r.passed());
    assertEquals(0.05, r.score(), 1e-12);
    assertEquals("energy above hull < 0.1 eV/atom (formation_energy_per_atom)", check.name());
  }

  @Test
  void failsAtOrAboveTheThresholdExplainingTheNumbers() {
    CheckResult r = EnergyAboveHullCheck.of(HULL).check(naclWith(-1.5));
    assertFalse(r.passed());
    assertEquals(0.5, r.score(), 1e-12);
    assertEquals("NaCl lies 0.500 eV/atom above the convex hull (formation energy -1.500, hull"
        + " -2.000 eV/atom), not below 0.1 eV/atom", r.reason());
    // MatterGen's "stable" is strictly below 0.1 eV/atom
    assertFalse(EnergyAboveHullCheck.of(HULL, "formation_energy_per_atom", 0.5)
        .check(naclWith(-1.5)).passed());
  }

  @Test
  void readsAnotherPropertyAndReportsAMissingOne() {
    EnergyAboveHullCheck surrogate = EnergyAboveHullCheck.of(HULL, "predicted_e_form", 0.1);
    assertTrue(surrogate.check(Fixtures.nacl().withProperty("predicted_e_form", -2.1)).passed());
    CheckResult missing = surrogate.check(naclWith(-2.0));
    assertFalse(missing.passed());
    assertTrue(Double.isNaN(missing.score()));
    assertEquals("the structure has no property 'predicted_e_form' (formation energy, eV/atom)",
        missing.reason());
    CheckResult text = surrogate.check(Fixtures.nacl().withProperty("predicted_e_form", "n/a"));
    assertEquals("property 'predicted_e_form' is not a number: 'n/a'", text.reason());
    CheckResult nan = surrogate.check(Fixtures.nacl().withProperty("predicted_e_form",
        Double.NaN));
    assertFalse(nan.passed());
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> EnergyAboveHullCheck.of(HULL, " ", 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> EnergyAboveHullCheck.of(HULL, "e", Double.NaN));
    assertThrows(NullPointerException.class, () -> EnergyAboveHullCheck.of(null));
  }
}
