package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every structure of the shared benchmark datasets reads without error, in strict mode, and
 * agrees with what the dataset itself says about it: MP-20's {@code pretty_formula} (the
 * Materials Project's reduced formula) equals ours, and every cell is as large as its atoms
 * need (each structure is a real relaxed crystal, so struct-valid by the benchmark rule).
 */
class DatasetsReadTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "datasets/perov_5/val.csv, 3787",
    "datasets/carbon_24/val.csv, 2032",
    "datasets/mp_20/biternary_val.csv.gz, 7140",
    "datasets/mp_20/pilot_train.csv.gz, 1000",
    "datasets/mp_20/pilot_val.csv.gz, 1000"
  })
  void everyRowReads(String relative, int rows) throws Exception {
    Path file = Shared.shared(relative);
    List<ReadResult> results = Structures.read(file, ReadOptions.strictMode());
    assertEquals(rows, results.size());
    List<String> problems = new ArrayList<>();
    for (ReadResult r : results) {
      if (!r.ok()) {
        problems.add(r.error().getMessage());
        continue;
      }
      Structure s = r.structure();
      if (s.shortestDistance() < 0.5 || s.volume() < 0.1) {
        problems.add(r.id() + ": not struct-valid, shortest distance " + s.shortestDistance());
      }
      String pretty = s.stringProperty("pretty_formula").orElse(null);
      if (pretty != null && !pretty.equals(s.composition().reducedFormula())) {
        problems.add(r.id() + ": pretty_formula " + pretty + " but read "
            + s.composition().reducedFormula());
      }
    }
    assertTrue(problems.isEmpty(), problems.size() + " problems, first: "
        + problems.subList(0, Math.min(5, problems.size())));
  }
}
