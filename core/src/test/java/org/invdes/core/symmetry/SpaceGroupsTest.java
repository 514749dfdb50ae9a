package org.invdes.core.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings table and its look-ups. Group orders and numbers are ITA facts; the default settings
 * are what pymatgen 2022.11 chooses ({@code SpaceGroup.from_int_number(n)} and {@code
 * SpaceGroup(symbol)}, identified by spglib 2.0.2 Hall numbers with the same operations); the
 * extended symbols are those of pymatgen's {@code symm_ops.json} ({@code universal_h_m}).
 */
class SpaceGroupsTest {

  private static SpaceGroupSetting hm(String symbol) {
    return SpaceGroups.byHermannMauguin(symbol)
        .orElseThrow(() -> new AssertionError("no setting for '" + symbol + "'"));
  }

  private static Set<SymmetryOperation> set(SpaceGroupSetting s) {
    return new HashSet<>(s.operations());
  }

  @Test
  void tableHas530SettingsOfThe230Groups() {
    List<SpaceGroupSetting> all = SpaceGroups.all();
    assertEquals(530, all.size());
    Set<Integer> numbers = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i + 1, all.get(i).hallNumber());
      numbers.add(all.get(i).number());
    }
    assertEquals(230, numbers.size());
    // ITA: No. 14 has 9 settings (3 unique axes x 3 cell choices), No. 227 two origin choices
    assertEquals(9, SpaceGroups.settingsOf(14).size());
    assertEquals(2, SpaceGroups.settingsOf(227).size());
    assertEquals(List.of(), SpaceGroups.settingsOf(231));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // symbol         | order (ITA: multiplicity of the general position, centring included)
        "P1               | 1",
        "P-1              | 2",
        "P2_1/c           | 4",
        "Fm-3m            | 192",
        "Fd-3m            | 192",
        "Ia-3d            | 96",
        "R-3m             | 36",
        "R -3 m :H        | 36",
        "R -3 m :R        | 12",
        "P6_3/mmc         | 24",
      })
  void groupOrders(String symbol, int order) {
    assertEquals(order, hm(symbol).operations().size(), symbol);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // symbol            | number | Hall number (spglib 2.0.2)
        "P21/c               | 14 | 81",
        "P 21/c              | 14 | 81",
        "P 1 21/c 1          | 14 | 81",
        "P121/c1             | 14 | 81",
        "P2_1/c              | 14 | 81",
        "P 2_1/c             | 14 | 81",
        "P2~1~/c             | 14 | 81",
        "'P 1 21/c 1'        | 14 | 81",
        "p 21/C              | 14 | 81",
        "P 21/n              | 14 | 82",
        "P 1 21/n 1          | 14 | 82",
        "P 21/a              | 14 | 83",
        "P 1 1 21/b          | 14 | 86",
        "P 21/b              | 14 | 86",
        "P 21/c :c1          | 14 | 84",
        "C 2/c               | 15 | 90",
        "I2/c                | 15 | 95",
        "C 1 2/m 1           | 12 | 63",
        "R -3 m H            | 166 | 458",
        "R -3 m :H           | 166 | 458",
        "R-3mH               | 166 | 458",
        "R-3m:H              | 166 | 458",
        "R -3 m              | 166 | 458",
        "R-3mR               | 166 | 459",
        "R -3 m :R           | 166 | 459",
        "R -3 m R            | 166 | 459",
        "R 3 2 :R            | 155 | 445",
        "R -3 c :H           | 167 | 460",
        "F d -3 m            | 227 | 525",
        "Fd-3m               | 227 | 525",
        "F d -3 m :1         | 227 | 525",
        "F d -3 m S          | 227 | 525",
        "Fd-3mS              | 227 | 525",
        "F d -3 m :2         | 227 | 526",
        "Fd-3m:2             | 227 | 526",
        "F d -3 m Z          | 227 | 526",
        "F 41/d -3 2/m :2    | 227 | 526",
        "P n -3 n            | 222 | 518",
        "Pn-3n:2             | 222 | 519",
        "P n n n             | 48  | 228",
        "P n n n :2          | 48  | 229",
        "F d -3 :2           | 203 | 499",
        "P 42/m m c S        | 131 | 412",
        "P 4/n b m :2        | 125 | 403",
        "I 41/a c d :1       | 142 | 428",
        "I41/acd             | 142 | 428",
        "P 31 1 2            | 151 | 440",
        "P 6_3/m m c         | 194 | 488",
        "P63/mmc             | 194 | 488",
        "P 63/m 2/m 2/c      | 194 | 488",
        "Pnma                | 62  | 292",
        "PNMA                | 62  | 292",
        "P b n m             | 62  | 294",
        "P 21/n 21/m 21/a    | 62  | 292",
        "Cmce                | 64  | 304",
        "C m c a             | 64  | 304",
        "C 2/m 2/c 21/a      | 64  | 304",
        "Abm2                | 39  | 191",
        "Aba2                | 41  | 203",
        "C 2 e b             | 41  | 206",
        "C m m a             | 67  | 316",
        "C m m b             | 67  | 317",
        "C c c a :2          | 68  | 323",
        "C c c b :2          | 68  | 325",
        "Ccca                | 68  | 322",
        "Fm3m                | 225 | 523",
        "F m 3 m             | 225 | 523",
        "F d 3 m             | 227 | 525",
        "Pa3                 | 205 | 501",
        "Ia3d                | 230 | 530",
        "Im3m                | 229 | 529",
        "P m -3 m            | 221 | 517",
        "P −1                | 2   | 2",
        "P1                  | 1   | 1",
        "P 1                 | 1   | 1",
        "P 2 :c              | 3   | 4",
        "P 42/m n m          | 136 | 419",
        "C m c m             | 63  | 298",
      })
  void hermannMauguinSpellings(String symbol, int number, int hallNumber) {
    SpaceGroupSetting s = hm(symbol);
    assertEquals(number, s.number(), symbol);
    assertEquals(hallNumber, s.hallNumber(), symbol);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "Q 2", "P 7", "hello", "Fd-3m:3", "R-3m:2x", "P21/c:z9", "P 21/c 1 1 1", ":2"})
  void unknownSymbolsGiveNothing(String symbol) {
    assertEquals(Optional.empty(), SpaceGroups.byHermannMauguin(symbol));
  }

  @Test
  void standardSettingsByNumberAreWhatPymatgenChooses() {
    // pymatgen 2022.11 SpaceGroup.from_int_number(n), matched to spglib Hall numbers by operations
    int[][] expected = {
      {1, 1}, {2, 2}, {3, 3}, {5, 9}, {14, 81}, {15, 90}, {48, 228}, {50, 233}, {59, 278},
      {62, 292}, {68, 322}, {70, 335}, {85, 359}, {86, 361}, {88, 364}, {125, 402}, {126, 404},
      {129, 408}, {130, 410}, {133, 414}, {134, 416}, {137, 420}, {138, 422}, {141, 426},
      {142, 428}, {146, 433}, {148, 436}, {155, 444}, {160, 450}, {161, 452}, {166, 458},
      {167, 460}, {201, 495}, {203, 498}, {222, 518}, {224, 521}, {225, 523}, {227, 525},
      {228, 527}, {230, 530}
    };
    for (int[] e : expected) {
      assertEquals(e[1], SpaceGroups.byNumber(e[0]).orElseThrow().hallNumber(), "No. " + e[0]);
    }
    for (int n = 1; n <= 230; n++) {
      SpaceGroupSetting s = SpaceGroups.byNumber(n).orElseThrow();
      assertEquals(n, s.number());
      assertEquals(s, SpaceGroups.settingsOf(n).get(0));
      // the bare short symbol gives the same setting as the number
      assertEquals(set(s), set(hm(s.hermannMauguinShort())), "No. " + n + " " + s.hermannMauguinShort());
    }
    assertEquals(Optional.empty(), SpaceGroups.byNumber(0));
    assertEquals(Optional.empty(), SpaceGroups.byNumber(231));
    assertEquals(Optional.empty(), SpaceGroups.byHallNumber(0));
    assertEquals(Optional.empty(), SpaceGroups.byHallNumber(531));
    assertEquals(530, SpaceGroups.byHallNumber(530).orElseThrow().hallNumber());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1   | P 1",
        "81  | P 1 21/c 1",
        "292 | P n m a",
        "316 | C m m a",
        "317 | C m m b",
        "322 | C c c e :1",
        "323 | C c c a :2",
        "458 | R -3 m :H",
        "459 | R -3 m :R",
        "526 | F d -3 m :2",
        "530 | I a -3 d",
      })
  void universalSymbolsAsInPymatgenTables(int hallNumber, String universal) {
    assertEquals(universal, SpaceGroups.byHallNumber(hallNumber).orElseThrow().universalHermannMauguin());
  }

  @Test
  void everySettingIsFoundByItsOwnSymbols() {
    List<String> failures = new ArrayList<>();
    for (SpaceGroupSetting s : SpaceGroups.all()) {
      Set<SymmetryOperation> ops = set(s);
      Optional<SpaceGroupSetting> byUniversal = SpaceGroups.byHermannMauguin(s.universalHermannMauguin());
      if (byUniversal.isEmpty() || !set(byUniversal.get()).equals(ops)) {
        failures.add(s.hallNumber() + " by '" + s.universalHermannMauguin() + "' -> " + byUniversal.map(SpaceGroupSetting::hallNumber));
      }
      Optional<SpaceGroupSetting> byFull =
          SpaceGroups.byHermannMauguin(s.hermannMauguinFull() + (s.choice().isEmpty() ? "" : ":" + s.choice()));
      if (byFull.isEmpty() || !set(byFull.get()).equals(ops)) {
        failures.add(s.hallNumber() + " by full symbol and code -> " + byFull.map(SpaceGroupSetting::hallNumber));
      }
      Optional<SpaceGroupSetting> byHall = SpaceGroups.byHallSymbol(s.hallSymbol());
      if (byHall.isEmpty() || !set(byHall.get()).equals(ops)) {
        failures.add(s.hallNumber() + " by Hall '" + s.hallSymbol() + "' -> " + byHall.map(SpaceGroupSetting::hallNumber));
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void hallSymbolLookUpToleratesSpellingAndEquivalentSymbols() {
    assertEquals(81, SpaceGroups.byHallSymbol("-P 2ybc").orElseThrow().hallNumber());
    assertEquals(81, SpaceGroups.byHallSymbol("-p 2YBC").orElseThrow().hallNumber());
    assertEquals(81, SpaceGroups.byHallSymbol("-P_2ybc").orElseThrow().hallNumber());
    assertEquals(81, SpaceGroups.byHallSymbol("'-P2ybc'").orElseThrow().hallNumber());
    // I 1 2/c 1 as cod-tools sn5033sup1.cif writes it
    assertEquals(95, SpaceGroups.byHallSymbol("-I2yc").orElseThrow().hallNumber());
    // COD's spelling of P 31 1 2 (No. 151); ITB: P 31 2c (0 0 1)
    assertEquals(440, SpaceGroups.byHallSymbol("P 31 2 (0 0 4)").orElseThrow().hallNumber());
    // listed twice by ITB (Ccce :1 and its ba-c setting have the same operations)
    assertEquals(322, SpaceGroups.byHallSymbol("C 2 2 -1bc").orElseThrow().hallNumber());
    assertEquals(Optional.empty(), SpaceGroups.byHallSymbol("P 5"));
    assertEquals(Optional.empty(), SpaceGroups.byHallSymbol(null));
    assertEquals(Optional.empty(), SpaceGroups.byHallSymbol(""));
    // a valid Hall symbol for a non-tabulated setting (origin shifted by a/4)
    assertEquals(Optional.empty(), SpaceGroups.byHallSymbol("-P 2ybc (3 0 0)"));
  }

  @Test
  void settingRecordValidatesAndComputesItsOperations() {
    SpaceGroupSetting custom = new SpaceGroupSetting(81, 14, "-P 2ybc", "P2_1/c", "P 1 2_1/c 1", "b1");
    assertEquals(SpaceGroups.byHallNumber(81).orElseThrow(), custom);
    assertEquals(4, custom.operations().size());
    assertEquals(0, custom.originChoice());
    assertEquals(2, SpaceGroups.byHallNumber(526).orElseThrow().originChoice());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SpaceGroupSetting(531, 14, "x", "x", "x", ""));
    assertTrue(e.getMessage().contains("531"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SpaceGroupSetting(1, 0, "P 1", "P1", "P 1", ""));
    assertTrue(e.getMessage().contains("number 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SpaceGroupSetting(1, 1, " ", "P1", "P 1", ""));
    assertTrue(e.getMessage().contains("Hall symbol"), e.getMessage());
    assertThrows(NullPointerException.class, () -> new SpaceGroupSetting(1, 1, "P 1", "P1", "P 1", null));
    // a record that is not the table's entry is interpreted, not taken from the cache
    assertEquals(2, new SpaceGroupSetting(1, 1, "-P 1", "P1", "P 1", "").operations().size());
  }
}
