package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invdes.core.structure.Composition;
import org.junit.jupiter.api.Test;

/** The benchmark's two booleans on the hand-built fixtures. */
class ValidityTest {

  @Test
  void naclIsValidBothWays() {
    assertTrue(Validity.structureValid(Fixtures.nacl()));
    assertTrue(Validity.compositionValid(Fixtures.nacl()));
    assertTrue(Validity.valid(Fixtures.nacl()));
  }

  @Test
  void overlappingAtomsAreStructurallyInvalidButMayBeCompositionallyValid() {
    var s = Fixtures.pair("Na", "Cl", 0.3, 5.0);
    assertFalse(Validity.structureValid(s));
    assertTrue(Validity.compositionValid(s));
    assertFalse(Validity.valid(s));
  }

  @Test
  void chargeImbalanceIsCompositionallyInvalid() {
    var s = Fixtures.spread("Na", "Na", "Cl", "Cl", "Cl");
    assertTrue(Validity.structureValid(s));
    assertFalse(Validity.compositionValid(s));
    assertFalse(Validity.compositionValid(Composition.parse("Na2Cl3")));
    assertTrue(Validity.compositionValid(Composition.parse("Cu3Au")));
    assertTrue(Validity.compositionValid(Composition.parse("C")));
  }
}
