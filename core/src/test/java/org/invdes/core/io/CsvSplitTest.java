package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSplitTest {
  @TempDir Path dir;

  /** A table whose cells hold commas, quotes and line breaks, as CIF columns do. */
  private static Path table(Path dir, int rows) throws IOException {
    Path f = dir.resolve("t" + rows + ".csv");
    CsvWriter.write(f, List.of("id", "cif", "x"), sink -> {
      for (int i = 0; i < rows; i++) {
        sink.accept(List.of("r" + i, "data_" + i + "\n_cell_length_a 4,\"q\"", "" + i * 0.5));
      }
    });
    return f;
  }

  private static List<List<String>> rows(Path f) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (CsvReader r = CsvReader.open(f)) {
      List<String> rec;
      while ((rec = r.next()) != null) {
        out.add(rec);
      }
    }
    return out;
  }

  @Test
  void twentyPercentOfTenRowsAreHeldOutAndNothingIsLost() throws Exception {
    Path in = table(dir, 10);
    CsvSplit.Counts c = CsvSplit.split(in, 0.2, 7, dir.resolve("a.csv"), dir.resolve("b.csv"));
    assertEquals(new CsvSplit.Counts(8, 2), c);
    List<List<String>> a = rows(dir.resolve("a.csv"));
    List<List<String>> b = rows(dir.resolve("b.csv"));
    assertEquals(List.of("id", "cif", "x"), a.get(0));
    assertEquals(a.get(0), b.get(0));
    Set<List<String>> all = new HashSet<>(a.subList(1, a.size()));
    all.addAll(b.subList(1, b.size()));
    assertEquals(new HashSet<>(rows(in).subList(1, 11)), all);
  }

  @Test
  void anotherSeedGivesAnotherSplitAndTheSameSeedTheSameFiles() throws Exception {
    Path in = table(dir, 50);
    CsvSplit.split(in, 0.3, 1, dir.resolve("a1.csv"), dir.resolve("b1.csv"));
    CsvSplit.split(in, 0.3, 1, dir.resolve("a2.csv"), dir.resolve("b2.csv"));
    CsvSplit.split(in, 0.3, 2, dir.resolve("a3.csv"), dir.resolve("b3.csv"));
    assertEquals(Files.readString(dir.resolve("b1.csv")), Files.readString(dir.resolve("b2.csv")));
    assertNotEquals(Files.readString(dir.resolve("b1.csv")),
        Files.readString(dir.resolve("b3.csv")));
  }

  @Test
  void badFractionAndEmptyFileAreClearErrors() throws Exception {
    Path in = table(dir, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvSplit.split(in, 1.0, 0, dir.resolve("a.csv"), dir.resolve("b.csv")));
    assertTrue(e.getMessage().contains("1.0"), e.getMessage());
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    StructureIOException s = assertThrows(StructureIOException.class,
        () -> CsvSplit.split(empty, 0.2, 0, dir.resolve("a.csv"), dir.resolve("b.csv")));
    assertTrue(s.getMessage().contains("empty.csv"), s.getMessage());
  }

  @Property(tries = 40)
  void rowsArePartitionedInTheirOriginalOrder(@ForAll @IntRange(min = 0, max = 60) int n,
      @ForAll @DoubleRange(min = 0, max = 0.95) double fraction, @ForAll long seed)
      throws Exception {
    Path d = Files.createTempDirectory("split");
    try {
      Path in = table(d, n);
      CsvSplit.Counts c = CsvSplit.split(in, fraction, seed, d.resolve("a.csv"),
          d.resolve("b.csv"));
      assertEquals(n, c.first() + c.second());
      assertEquals(Math.round(fraction * n), c.second());
      for (Path part : List.of(d.resolve("a.csv"), d.resolve("b.csv"))) {
        List<List<String>> r = rows(part);
        int last = -1;
        for (List<String> row : r.subList(1, r.size())) {
          int index = Integer.parseInt(row.get(0).substring(1));
          assertTrue(index > last, "original order kept");
          last = index;
        }
      }
    } finally {
      try (var s = Files.walk(d)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
