package org.invdes.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.CsvReader;

/** Every record of a CSV table (header first), as the tests read the tables the CLI writes. */
final class CsvRows {
  private CsvRows() {
  }

  static List<List<String>> read(Path csv) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (CsvReader r = CsvReader.open(csv)) {
      List<String> rec;
      while ((rec = r.next()) != null) {
        out.add(rec);
      }
    }
    return out;
  }
}
