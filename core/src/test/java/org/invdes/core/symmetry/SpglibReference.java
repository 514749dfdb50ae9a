package org.invdes.core.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the gzipped, tab-separated reference resources of this package's tests. */
final class SpglibReference {

  private SpglibReference() {}

  /** The non-comment lines of a gzipped resource beside this class, split at tabs. */
  static List<String[]> rows(String resource) {
    try (InputStream raw = SpglibReference.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      BufferedReader r =
          new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      List<String[]> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.split("\t", -1));
        }
      }
      return Collections.unmodifiableList(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * spglib 2.0.2's operations per Hall number (index 0 unused), from {@code
   * spglib.get_symmetry_from_database(hall_number)}, as xyz strings.
   */
  static List<List<String>> spglibOperations() {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (String[] row : rows("spglib-operations.txt.gz")) {
      if (Integer.parseInt(row[0]) != out.size()) {
        throw new IllegalStateException("spglib-operations.txt.gz is out of order at " + row[0]);
      }
      out.add(List.of(row[1].split(";")));
    }
    return out;
  }
}
