package org.invdes.core.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hermann–Mauguin look-ups agree with what pymatgen 2022.11 reads from a CIF that gives only the
 * symbol, so that structures expanded from such CIFs agree with pymatgen's.
 */
class PymatgenHermannMauguinTest {

  /**
   * Symbols where the difference is deliberate (see {@link SpaceGroups}): pymatgen reads these
   * former symbols of No. 68 (and spglib's short symbol Bbcb) in origin choice 2, because its table
   * lists them only for that choice;
   * here a bare symbol means origin choice 1, as for every other group with two origins.
   */
  private static final Set<String> DELIBERATE = Set.of(
      "C c c a", "C c c b", "A b a a", "A c a a", "B b c b", "B b a b", "Bbcb");

  @Test
  void everySymbolPymatgenReadsGivesTheSameOperations() {
    // Expected: test resource pymatgen-hermann-mauguin.txt.gz (pymatgen 2022.11 CifParser output,
    // identified by the spglib 2.0.2 Hall numbers with the same operations).
    List<String[]> rows = SpglibReference.rows("pymatgen-hermann-mauguin.txt.gz");
    assertEquals(982, rows.size(), "symbols pymatgen reads");
    List<String> failures = new ArrayList<>();
    int deliberate = 0;
    for (String[] row : rows) {
      String symbol = row[0];
      List<Integer> halls = new ArrayList<>();
      for (String h : row[1].split(",")) {
        halls.add(Integer.parseInt(h));
      }
      Optional<SpaceGroupSetting> s = SpaceGroups.byHermannMauguin(symbol);
      boolean same = s.isPresent() && halls.contains(s.get().hallNumber());
      if (DELIBERATE.contains(symbol)) {
        deliberate++;
        assertTrue(s.isPresent() && !same, symbol + " is listed as a deliberate difference but agrees");
        assertEquals(1, s.get().originChoice(), symbol);
        continue;
      }
      if (!same) {
        failures.add("'" + symbol + "': pymatgen " + halls + ", here " + s.map(SpaceGroupSetting::hallNumber));
      }
    }
    assertEquals(DELIBERATE.size(), deliberate, "deliberate differences found in the resource");
    assertTrue(failures.isEmpty(), failures.size() + " symbols differ:\n" + String.join("\n", failures));
  }
}
