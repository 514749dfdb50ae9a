package org.invdes.core.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Hall interpreter against spglib 2.0.2 for all 530 settings, and against pymatgen 2022.11 for
 * Hall symbols with a change of basis.
 */
class HallSymbolSpglibTest {

  private static Set<SymmetryOperation> parseAll(List<String> xyz) {
    Set<SymmetryOperation> out = new HashSet<>();
    for (String s : xyz) {
      out.add(SymmetryOperation.parseXyz(s));
    }
    return out;
  }

  @Test
  void everySettingEqualsSpglibDatabase() {
    // Expected: spglib.get_symmetry_from_database(hall_number), spglib 2.0.2 (test resource).
    List<List<String>> spglib = SpglibReference.spglibOperations();
    assertEquals(531, spglib.size(), "spglib reference rows + 1");
    List<String> failures = new ArrayList<>();
    for (SpaceGroupSetting s : SpaceGroups.all()) {
      Set<SymmetryOperation> expected = parseAll(spglib.get(s.hallNumber()));
      List<SymmetryOperation> actual = HallSymbol.operations(s.hallSymbol());
      Set<SymmetryOperation> actualSet = new HashSet<>(actual);
      if (actualSet.size() != actual.size()) {
        failures.add(s.hallNumber() + " '" + s.hallSymbol() + "': duplicate operations");
      }
      if (!actualSet.equals(expected)) {
        Set<SymmetryOperation> missing = new HashSet<>(expected);
        missing.removeAll(actualSet);
        Set<SymmetryOperation> extra = new HashSet<>(actualSet);
        extra.removeAll(expected);
        failures.add(s.hallNumber() + " '" + s.hallSymbol() + "': missing " + missing + " extra " + extra);
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " settings differ from spglib:\n" + String.join("\n", failures));
  }

  @Test
  void changeOfBasisEqualsPymatgen() {
    // Expected: every entry of pymatgen 2022.11 symm_ops.json whose Hall symbol has a change of
    // basis, with the operations pymatgen lists (test resource pymatgen-change-of-basis.txt.gz).
    List<String[]> rows = SpglibReference.rows("pymatgen-change-of-basis.txt.gz");
    assertEquals(231, rows.size(), "pymatgen entries with a change of basis");
    List<String> failures = new ArrayList<>();
    for (String[] row : rows) {
      Set<SymmetryOperation> expected = parseAll(List.of(row[2].split(";")));
      try {
        Set<SymmetryOperation> actual = new HashSet<>(HallSymbol.operations(row[0]));
        if (!actual.equals(expected)) {
          failures.add("'" + row[0] + "' (" + row[1] + "): expected " + expected.size() + " got " + actual.size());
        }
      } catch (IllegalArgumentException e) {
        failures.add("'" + row[0] + "' (" + row[1] + "): " + e.getMessage());
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " differ from pymatgen:\n" + String.join("\n", failures));
  }
}
