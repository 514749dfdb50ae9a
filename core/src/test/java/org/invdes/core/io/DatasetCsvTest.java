package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invdes.core.structure.Structure;
import org.invdes.core.testing.KnownStructures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset table: columns, bad cells, bad rows, and the messages. */
class DatasetCsvTest {
  @TempDir Path tmp;

  private static String cif(Structure s) {
    return "\"" + CifWriter.write(s).replace("\"", "\"\"") + "\"";
  }

  @Test
  void idCifAndPropertyColumnsWithAPandasIndex() throws Exception {
    Path f = tmp.resolve("t.csv");
    Files.writeString(f, ",material_id,cif,heat_ref,formula,spacegroup.number\n"
        + "0,mp-1," + cif(KnownStructures.srTiO3()) + ",-0.25,SrTiO3,221\n"
        + "1,mp-2," + cif(KnownStructures.naCl()) + ",1.5e-1,NaCl,225\n");
    DatasetCsv.Table t = DatasetCsv.readTable(f, ReadOptions.strictMode());
    assertEquals(List.of("heat_ref", "formula", "spacegroup.number"), t.propertyColumns());
    assertEquals(2, t.rows().size());
    Structure a = t.rows().get(0).get();
    assertEquals("mp-1", t.rows().get(0).id());
    assertEquals("mp-1", a.stringProperty("id").orElseThrow());
    assertEquals(-0.25, a.doubleProperty("heat_ref").getAsDouble());
    assertEquals("SrTiO3", a.stringProperty("formula").orElseThrow());
    assertEquals(221L, a.properties().get("spacegroup.number"));
    assertEquals(0.15, t.rows().get(1).get().doubleProperty("heat_ref").getAsDouble());
    assertTrue(t.warnings().isEmpty());
    // the second row starts after the header and the first row's multi-line CIF
    assertEquals(3 + CifWriter.write(KnownStructures.srTiO3()).split("\n", -1).length - 1,
        t.rows().get(1).line());
  }

  @Test
  void nonNumericCellsBecomeMissingWithOneConsolidatedWarning() throws Exception {
    Path f = tmp.resolve("t.csv");
    StringBuilder sb = new StringBuilder("id,cif,gap\n");
    String[] gaps = {"1.0", "n/a", "2.0", "oops", "3.0", "4.0"};
    for (int i = 0; i < gaps.length; i++) {
      sb.append("s").append(i).append(',').append(cif(KnownStructures.srTiO3())).append(',')
          .append(gaps[i]).append('\n');
    }
    Files.writeString(f, sb.toString());
    DatasetCsv.Table t = DatasetCsv.readTable(f, ReadOptions.relaxed());
    assertEquals(6, t.rows().size());
    assertTrue(t.rows().stream().allMatch(ReadResult::ok));
    assertFalse(t.rows().get(1).structure().properties().containsKey("gap"));
    assertEquals(1.0, t.rows().get(0).structure().doubleProperty("gap").getAsDouble());
    assertEquals(1, t.warnings().size());
    String w = t.warnings().get(0).message();
    assertTrue(w.contains("'gap'") && w.contains("2 value(s)") && w.contains("'n/a'")
        && w.contains("'oops'") && w.contains("s1"), w);
  }

  @Test
  void aBadRowFailsAloneNamingItsIdAndLine() throws Exception {
    Path f = tmp.resolve("t.csv");
    Files.writeString(f, "id,cif,e\n"
        + "good," + cif(KnownStructures.naCl()) + ",1\n"
        + "bad,\"data_x\n_cell_length_a 4\n\",2\n"
        + "short,only-two-fields\n");
    List<ReadResult> rows = DatasetCsv.read(f, ReadOptions.relaxed());
    assertEquals(3, rows.size());
    assertTrue(rows.get(0).ok());
    ReadResult bad = rows.get(1);
    assertFalse(bad.ok());
    assertEquals("bad", bad.id());
    assertTrue(bad.error().detail().startsWith("row bad:"), bad.error().detail());
    int badLine = bad.line();
    assertTrue(bad.error().line() >= badLine, bad.error().getMessage());
    ReadResult shortRow = rows.get(2);
    assertTrue(shortRow.error().detail().contains("2 fields but the header has 3"),
        shortRow.error().detail());
  }

  @Test
  void aTableWithoutACifColumnIsRejected() throws Exception {
    Path f = tmp.resolve("t.csv");
    Files.writeString(f, "id,structure\n1,x\n");
    StructureIOException e = assertThrows(StructureIOException.class,
        () -> DatasetCsv.read(f, ReadOptions.relaxed()));
    assertTrue(e.detail().contains("no 'cif' column"), e.detail());
    assertEquals(1, e.line());
  }
}
