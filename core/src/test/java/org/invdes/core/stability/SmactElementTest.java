package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.structure.Element;
import org.junit.jupiter.api.Test;

/**
 * The SMACT data table against entries of SMACT 2.2's own files, quoted from {@code
 * smact/data/oxidation_states.txt}, {@code smact/data/element_data.txt} (column el_neg) and the
 * {@code metals} list of {@code smact/__init__.py}.
 */
class SmactElementTest {

  private static SmactElement smact(String symbol) {
    return SmactElement.of(Element.of(symbol));
  }

  @Test
  void oxidationStatesAreSmactsDefaultList() {
    assertEquals(List.of(-1, 1, 2, 3, 4), smact("Ti").oxidationStates());
    assertEquals(List.of(1, 2), smact("Ca").oxidationStates());
    assertEquals(List.of(1, 2, 3), smact("Al").oxidationStates());
    assertEquals(List.of(-4, -3, -2, -1, 1, 2, 3, 4), smact("Ge").oxidationStates());
    assertEquals(List.of(-2, -1, 1, 2, 3, 4, 5, 6, 7, 8), smact("Ir").oxidationStates());
    assertEquals(List.of(1, 2, 4, 6, 8), smact("Xe").oxidationStates());
    assertEquals(List.of(2), smact("Kr").oxidationStates());
    assertEquals(List.of(3), smact("Lr").oxidationStates());
    assertTrue(smact("He").oxidationStates().isEmpty());
    assertTrue(smact("Ar").oxidationStates().isEmpty());
  }

  @Test
  void electronegativitiesAreSmactsIncludingItsGaps() {
    assertEquals(0.33, smact("Zr").electronegativity());
    assertEquals(3.0, smact("Kr").electronegativity());
    assertEquals(2.4, smact("Au").electronegativity());
    assertEquals(1.0, smact("Lu").electronegativity());
    assertEquals(1.3, smact("No").electronegativity());
    for (String s : List.of("He", "Ne", "Ar", "Pm", "Rn", "Lr")) {
      assertFalse(smact(s).hasElectronegativity(), s);
      assertTrue(Double.isNaN(smact(s).electronegativity()), s);
    }
  }

  @Test
  void metalsAreSmactsList() {
    for (String s : List.of("Li", "Al", "Ge", "Sb", "Po", "Bi", "No")) {
      assertTrue(smact(s).isMetal(), s);
    }
    for (String s : List.of("H", "B", "Si", "As", "Te", "Pm", "Lr", "Xe")) {
      assertFalse(smact(s).isMetal(), s);
    }
    assertEquals(79, Element.all().stream().filter(e -> SmactElement.of(e).isMetal()).count());
  }

  @Test
  void everyElementHasOneSharedEntry() {
    for (Element e : Element.all()) {
      assertSame(e, SmactElement.of(e).element());
      assertSame(SmactElement.of(e), SmactElement.of(Element.ofNumber(e.number())));
    }
  }
}
