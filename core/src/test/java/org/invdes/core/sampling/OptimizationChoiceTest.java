package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.stability.CovalentDistanceCheck;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Which optimisation result is kept: the best rated among those whose atoms keep half their
 * covalent-radius sum apart, and the best rated of all only when none does.
 */
class OptimizationChoiceTest {
  /** Rock-salt NaCl (a = 5.64 Å): Na–Cl 2.82 Å against a covalent sum of 1.66 + 1.02 Å. */
  private static Structure rockSalt(double a) {
    return Structure.of(Lattice.cubic(a), List.of(
        Site.of(Element.of("Na"), 0, 0, 0), Site.of(Element.of("Cl"), 0.5, 0.5, 0.5)));
  }

  @Test
  void aPlausibleResultBeatsABetterRatedSqueezedOne() {
    Structure real = rockSalt(5.64);
    // a = 1.5 Å puts Na and Cl 1.30 Å apart (√3/2 · a), below half their covalent sum (1.34 Å)
    Structure squeezed = rockSalt(1.5);
    CovalentDistanceCheck check = CovalentDistanceCheck.standard();
    assertTrue(check.check(real).passed());
    assertFalse(check.check(squeezed).passed());
    PropertyObjective min = PropertyObjective.minimize("e");
    java.util.function.Predicate<Structure> plausible = s -> check.check(s).passed();
    // the squeezed one is rated far better, yet the plausible one is kept
    assertEquals(1, DiffusionSampler.best(List.of(squeezed, real), new double[] {-9, -1}, min,
        plausible));
    // among plausible ones the better rated wins, in either order
    assertEquals(1, DiffusionSampler.best(List.of(real, rockSalt(5.5), squeezed),
        new double[] {-1, -2, -9}, min, plausible));
    assertEquals(0, DiffusionSampler.best(List.of(rockSalt(5.5), real), new double[] {-2, -1},
        min, plausible));
    // with none plausible, the best rated of all
    assertEquals(1, DiffusionSampler.best(List.of(squeezed, rockSalt(1.4)),
        new double[] {-3, -4}, min, plausible));
    // maximising turns the ratings around
    assertEquals(0, DiffusionSampler.best(List.of(real, rockSalt(5.5)), new double[] {-1, -2},
        PropertyObjective.maximize("e"), plausible));
  }
}
