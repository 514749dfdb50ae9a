package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 details the dataset files rely on. */
class CsvReaderTest {
  @Test
  void quotedFieldsWithCommasQuotesAndLineBreaks() throws Exception {
    String text = "\uFEFFa,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\r\n\n4,,\"\"\n";
    try (CsvReader r = new CsvReader(new StringReader(text), "t.csv")) {
      assertEquals(List.of("a", "b", "c"), r.next());
      assertEquals(1, r.recordLine());
      assertEquals(List.of("1", "x, \"y\"\nz", "3"), r.next());
      assertEquals(2, r.recordLine());
      assertEquals(List.of("4", "", ""), r.next());
      assertEquals(5, r.recordLine());
      assertNull(r.next());
    }
  }

  /**
   * A quoted field holding a line break, doubled quotes and a comma, closed just before CR LF;
   * then a record whose last field is empty.
   */
  @Test
  void quotedLineBreakBeforeCrLfAndTrailingEmptyField() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    String text = "a,b\n1,\"x\ny \"\"q\"\", z\"\r\n2,\n";
    try (CsvReader r = new CsvReader(new StringReader(text), "t.csv")) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    assertEquals(
        List.of(List.of("a", "b"), List.of("1", "x\ny \"q\", z"), List.of("2", "")), rows);
  }

  @Test
  void unclosedQuoteNamesTheLineWhereItOpened() throws Exception {
    try (CsvReader r = new CsvReader(new StringReader("a,b\n1,\"open\n2,3\n"), "t.csv")) {
      r.next();
      StructureIOException e = assertThrows(StructureIOException.class, r::next);
      assertEquals(2, e.line());
      assertEquals("t.csv", e.source());
    }
  }
}
