package org.invdes.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FunnelTest {
  @Test
  void countsEachStageFromTheFilterColumns() {
    Funnel f = Funnel.fromFilterOutput(ReportFixtures.kept(), ReportFixtures.rejected());
    // 9 rows; 3 invalid (unreadable, geometric+covalent, composition); of the 6 valid one is a
    // duplicate, one matches the reference, one lies above the hull
    assertEquals(OptionalInt.of(9), f.count("generated"));
    assertEquals(OptionalInt.of(6), f.count("valid"));
    assertEquals(OptionalInt.of(5), f.count("unique"));
    assertEquals(OptionalInt.of(4), f.count("novel"));
    assertEquals(OptionalInt.of(3), f.count("stable"));
    assertEquals(List.of("generated", "valid", "unique", "novel", "stable"),
        f.stages().stream().map(Funnel.Stage::name).toList());
  }

  @Test
  void stagesWithoutTheirColumnsAreNotAssessed() {
    Table kept = Table.of("kept.csv", List.of("id", "cif", "duplicate_of", "reason"),
        List.of(List.of("a", "x", "", ""), List.of("b", "x", "", "")));
    Table rej = Table.of("rej.csv", List.of("id", "cif", "duplicate_of", "reason"),
        List.of(List.of("c", "x", "a", "duplicate of a"),
            List.of("d", "x", "", "geometric validity: too small")));
    Funnel f = Funnel.fromFilterOutput(kept, rej);
    assertEquals(OptionalInt.of(4), f.count("generated"));
    assertEquals(OptionalInt.of(3), f.count("valid"));
    assertEquals(OptionalInt.of(2), f.count("unique"));
    assertTrue(f.count("novel").isEmpty());
    assertTrue(f.count("stable").isEmpty());
  }

  @Test
  void withoutTheRejectedTableTheFunnelCoversTheKeptRowsAndSaysSo() {
    Funnel f = Funnel.fromFilterOutput(ReportFixtures.kept(), null);
    assertEquals(OptionalInt.of(3), f.count("generated"));
    assertEquals(OptionalInt.of(3), f.count("stable"));
    assertTrue(f.notes().get(0).contains("kept candidates only"), f.notes().toString());
  }

  @Test
  void theInvdesSuffixedColumnsOfFilterAreUsed() {
    // the input had its own duplicate_of column; filter added duplicate_of_invdes
    Table kept = Table.of("k.csv", List.of("id", "duplicate_of", "duplicate_of_invdes",
        "reason"), List.of(List.of("a", "zz", "", ""), List.of("b", "", "a", "")));
    Funnel f = Funnel.fromFilterOutput(kept, null);
    assertEquals(OptionalInt.of(1), f.count("unique"));
  }

  @Test
  void aTableThatIsNotFilterOutputIsRefusedWithItsColumns() {
    Table t = Table.of("train.csv", List.of("id", "cif", "heat_ref"), List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Funnel.fromFilterOutput(t, null));
    assertTrue(e.getMessage().contains("train.csv") && e.getMessage().contains("reason")
        && e.getMessage().contains("heat_ref"), e.getMessage());
  }

  @Test
  void countsMustNotGrowAlongTheFunnel() {
    assertThrows(IllegalArgumentException.class, () -> Funnel.of(5, 6, 1, OptionalInt.empty(),
        OptionalInt.empty(), List.of()));
  }
}
