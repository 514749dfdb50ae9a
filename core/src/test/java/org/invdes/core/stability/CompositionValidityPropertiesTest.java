package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;

/**
 * The dynamic program of {@link CompositionValidity} against the literal CDVAE procedure: every
 * combination of one oxidation state per element (itertools.product), kept if charge neutral and
 * if no cation is at least as electronegative as an anion (SMACT's pairwise test).
 */
class CompositionValidityPropertiesTest {

  /** Elements with oxidation states, metals and non-metals, including H and equal-X pairs. */
  private static final List<String> POOL = List.of("H", "Li", "B", "C", "N", "O", "F", "Na",
      "Mg", "Al", "Si", "P", "S", "Cl", "K", "Ti", "V", "Mn", "Fe", "Co", "Cu", "Zn", "Ga", "Ge",
      "As", "Se", "Br", "Sr", "Mo", "Ag", "Sn", "Sb", "Te", "I", "Ba", "La", "W", "Pt", "Au",
      "Pb", "Bi", "Xe");

  /**
   * Elements of equal or nearly equal electronegativity (C and Se 2.55, Cu and Si 1.90, Ge 2.01,
   * B 2.04, Sb 2.05, Sn 1.96, S 2.58, Au 2.54), where the electronegativity test decides.
   */
  private static final List<String> CLOSE = List.of("C", "Se", "Cu", "Si", "Ge", "B", "Sb", "Sn",
      "S", "Au", "H", "P");

  @Provide
  Arbitrary<Map<Element, Integer>> compositions() {
    return compositionsOf(POOL);
  }

  @Provide
  Arbitrary<Map<Element, Integer>> closeCompositions() {
    return compositionsOf(CLOSE);
  }

  private static Arbitrary<Map<Element, Integer>> compositionsOf(List<String> pool) {
    Arbitrary<List<String>> symbols = Arbitraries.of(pool).list().ofMinSize(1).ofMaxSize(4)
        .uniqueElements();
    return symbols.flatMap(list -> Arbitraries.integers().between(1, 8).list()
        .ofSize(list.size()).map(counts -> {
          Map<Element, Integer> m = new LinkedHashMap<>();
          for (int i = 0; i < list.size(); i++) {
            m.put(Element.of(list.get(i)), counts.get(i));
          }
          return m;
        }));
  }

  @Property(tries = 600)
  void agreesWithEnumeratingEveryCombination(
      @ForAll("compositions") Map<Element, Integer> counts) {
    Composition c = Composition.of(counts);
    for (boolean pauling : new boolean[] {true, false}) {
      for (boolean alloys : new boolean[] {true, false}) {
        boolean expected = bruteForce(counts, pauling, alloys);
        assertEquals(expected, CompositionValidity.of(pauling, alloys).isValid(c),
            () -> c + " pauling=" + pauling + " alloys=" + alloys);
      }
    }
  }

  @Property(tries = 400)
  void agreesWithEnumerationWhereElectronegativitiesAreClose(
      @ForAll("closeCompositions") Map<Element, Integer> counts) {
    Composition c = Composition.of(counts);
    assertEquals(bruteForce(counts, true, true), CompositionValidity.standard().isValid(c),
        c::toString);
  }

  @Property(tries = 200)
  void isInvariantUnderScaling(@ForAll("compositions") Map<Element, Integer> counts,
      @ForAll @IntRange(min = 2, max = 7) int factor) {
    Composition c = Composition.of(counts);
    CompositionValidity check = CompositionValidity.of(true, true);
    boolean valid = check.isValid(c);
    assertEquals(valid, check.isValid(c.times(factor)), c::toString);
    // amounts k/factor: step 1 finds the denominator again
    assertEquals(valid, check.isValid(c.times(1.0 / factor)), c::toString);
  }

  /** CDVAE's smact_validity, written out literally. */
  static boolean bruteForce(Map<Element, Integer> counts, boolean pauling, boolean alloys) {
    List<Element> elements = new ArrayList<>(counts.keySet());
    if (elements.size() == 1) {
      return true;
    }
    if (alloys && elements.stream().allMatch(Element::isMetal)) {
      return true;
    }
    return product(elements, counts, 0, new int[elements.size()], pauling);
  }

  private static boolean product(List<Element> elements, Map<Element, Integer> counts, int i,
      int[] ox, boolean pauling) {
    if (i == elements.size()) {
      long charge = 0;
      for (int j = 0; j < ox.length; j++) {
        charge += (long) ox[j] * counts.get(elements.get(j));
      }
      if (charge != 0) {
        return false;
      }
      if (!pauling) {
        return true;
      }
      for (int a = 0; a < ox.length; a++) {
        for (int b = a + 1; b < ox.length; b++) {
          double xa = elements.get(a).electronegativity();
          double xb = elements.get(b).electronegativity();
          if (ox[a] > 0 && ox[b] < 0 && xa >= xb) {
            return false;
          }
          if (ox[a] < 0 && ox[b] > 0 && xa <= xb) {
            return false;
          }
        }
      }
      return true;
    }
    for (int o : elements.get(i).oxidationStates()) {
      ox[i] = o;
      if (product(elements, counts, i + 1, ox, pauling)) {
        return true;
      }
    }
    return false;
  }
}
