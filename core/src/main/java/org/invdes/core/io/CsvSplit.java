package org.invdes.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Splits a CSV table's rows into two tables (e.g. a training set and a held-out set) by a seeded
 * random permutation, keeping every column and the header exactly as they are.
 *
 * <p>Algorithm: (1) read all records; (2) shuffle the row indices with a Fisher–Yates shuffle
 * driven by a {@link SplittableRandom} seeded with {@code seed}; (3) the first
 * {@code round(fraction × rows)} shuffled indices go to the second table; (4) each table lists
 * its rows in their original order and is written atomically. The same file, fraction and seed
 * give the same split on every machine.
 */
public final class CsvSplit {
  private CsvSplit() {}

  /** How many rows went where. */
  public record Counts(int first, int second) {}

  /**
   * Splits {@code in} into {@code first} (the rest) and {@code second} (the held-out fraction).
   *
   * @param fraction share of rows for {@code second}, in [0, 1)
   * @throws IOException if a file cannot be read or written
   * @throws StructureIOException if {@code in} is not a CSV table (names file and line)
   */
  public static Counts split(Path in, double fraction, long seed, Path first, Path second)
      throws IOException, StructureIOException {
    Objects.requireNonNull(in, "in");
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("the held-out fraction must be in [0, 1), got "
          + fraction);
    }
    List<String> header;
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader r = CsvReader.open(in)) {
      header = r.next();
      if (header == null) {
        throw new StructureIOException(in.getFileName().toString(), null, 1, 0,
            "the table is empty: expected a header row", null);
      }
      List<String> rec;
      while ((rec = r.next()) != null) {
        rows.add(rec);
      }
    }
    int n = rows.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int held = (int) Math.round(fraction * n);
    boolean[] inSecond = new boolean[n];
    for (int k = 0; k < held; k++) {
      inSecond[order[k]] = true;
    }
    List<List<String>> a = new ArrayList<>();
    List<List<String>> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (inSecond[i] ? b : a).add(rows.get(i));
    }
    write(first, header, a);
    write(second, header, b);
    return new Counts(a.size(), b.size());
  }

  private static void write(Path file, List<String> header, List<List<String>> rows)
      throws IOException {
    CsvWriter.write(file, header, sink -> {
      for (List<String> r : Collections.unmodifiableList(rows)) {
        sink.accept(r);
      }
    });
  }
}
