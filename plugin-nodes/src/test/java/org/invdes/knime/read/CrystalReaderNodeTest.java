package org.invdes.knime.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Structure;
import org.invdes.knime.InvdesNodeFactory;
import org.invdes.knime.NodeContractTest;
import org.invdes.knime.NodeTests;
import org.invdes.knime.StructureCells;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortObjectSpec;

class CrystalReaderNodeTest extends NodeContractTest<CrystalReaderNodeModel> {

  @Override
  protected InvdesNodeFactory<CrystalReaderNodeModel> factory() {
    return new CrystalReaderNodeFactory();
  }

  @Override
  protected CrystalReaderNodeModel changedModel() {
    CrystalReaderNodeModel m = factory().createNodeModel();
    m.options().location.setStringValue(NodeTests.examples().toString());
    m.options().recursive.setBooleanValue(true);
    m.options().strict.setBooleanValue(true);
    m.options().mergeTolerance.setDoubleValue(0.05);
    return m;
  }

  @Override
  protected PortObjectSpec[] goodSpecs() {
    return new PortObjectSpec[0];
  }

  static CrystalReaderNodeModel reading(Path location) {
    CrystalReaderNodeModel m = new CrystalReaderNodeFactory().createNodeModel();
    m.options().location.setStringValue(location.toString());
    return m;
  }

  static BufferedDataTable run(CrystalReaderNodeModel m) throws Exception {
    return (BufferedDataTable) NodeHarness.execute(m, NodeHarness.executionContext())[0];
  }

  static String text(DataCell c) {
    return ((StringValue) c).getStringValue();
  }

  // ------------------------------------------------------------------ configure

  @Test
  void configuresTheFixedColumnsForFilesAndFolders() throws Exception {
    for (Path p : List.of(NodeTests.examples(), NodeTests.examples().resolve("NaCl.cif"))) {
      DataTableSpec spec = (DataTableSpec) NodeHarness.configure(reading(p))[0];
      assertEquals(List.of("id", "source", "formula", "structure"),
          List.of(spec.getColumnNames()));
    }
  }

  @Test
  void configureExplainsWhatIsWrong() throws Exception {
    CrystalReaderNodeModel blank = factory().createNodeModel();
    assertTrue(message(blank).startsWith("Choose what to read in the dialog"), message(blank));
    Path absent = tmp.resolve("absent.cif");
    assertTrue(message(reading(absent)).contains("does not exist"), message(reading(absent)));
    Path txt = Files.writeString(tmp.resolve("notes.txt"), "hello");
    assertTrue(message(reading(txt)).startsWith("Cannot tell the format of 'notes.txt'"),
        message(reading(txt)));
    Path noCif = Files.writeString(tmp.resolve("table.csv"), "id,energy\na,1.0\n");
    assertTrue(message(reading(noCif)).contains("no 'cif' column"), message(reading(noCif)));
  }

  static String message(CrystalReaderNodeModel m) {
    return assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m))
        .getMessage();
  }

  // ------------------------------------------------------------------ execute

  /** The examples are this project's CIFs of well-known crystals; formulas are textbook facts. */
  @Test
  void readsTheExamplesFolder() throws Exception {
    CrystalReaderNodeModel m = reading(NodeTests.examples());
    BufferedDataTable t = run(m);
    assertEquals(7, t.size());
    Map<String, String> formulaBySource = new java.util.HashMap<>();
    for (DataRow r : NodeTests.rows(t)) {
      formulaBySource.put(text(NodeTests.cell(t, r, "source")),
          text(NodeTests.cell(t, r, "formula")));
    }
    assertEquals("NaCl", formulaBySource.get("NaCl.cif"));
    assertEquals("SrTiO3", formulaBySource.get("SrTiO3.cif"));
    assertEquals("TiO2", formulaBySource.get("TiO2-rutile.cif"));
    assertEquals("ZrO2", formulaBySource.get("ZrO2-baddeleyite.cif"));
    assertNull(NodeHarness.warning(m));
    assertEquals(Map.of(CrystalReaderNodeModel.VAR_LOCATION, NodeTests.examples().toString(),
        CrystalReaderNodeModel.VAR_STRUCTURES, 7, CrystalReaderNodeModel.VAR_FAILED, 0),
        NodeHarness.flowVariables(m));
  }

  /** Rock salt's conventional cell holds 4 Na and 4 Cl; the CIF cell carries all 8 sites. */
  @Test
  void theStructureCellHoldsTheWholeCell() throws Exception {
    BufferedDataTable t = run(reading(NodeTests.examples().resolve("NaCl.cif")));
    DataRow r = NodeTests.rows(t).get(0);
    Structure s = StructureCells.structure(NodeTests.cell(t, r, "structure"));
    assertEquals(8, s.size());
    assertTrue(s.composition().approxEquals(Composition.parse("Na4Cl4"), 1e-9));
    assertEquals("NaCl", text(NodeTests.cell(t, r, "id")), "the CIF block name");
  }

  @Test
  void anUnreadableFileGivesMissingCellsAndOneWarning() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("mixed"));
    Files.copy(NodeTests.examples().resolve("NaCl.cif"), dir.resolve("a.cif"));
    Files.writeString(dir.resolve("b.cif"), "data_broken\n_cell_length_a 4.0\n"
        + "loop_\n_atom_site_label\n_atom_site_fract_x\nNa1 0.0\n");
    Files.writeString(dir.resolve("POSCAR"), "not a poscar\n");
    CrystalReaderNodeModel m = reading(dir);
    BufferedDataTable t = run(m);
    assertEquals(3, t.size());
    List<DataRow> rows = NodeTests.rows(t); // in order of path: POSCAR, a.cif, b.cif
    assertEquals("POSCAR", text(NodeTests.cell(t, rows.get(0), "id")));
    assertTrue(NodeTests.cell(t, rows.get(0), "structure").isMissing());
    assertEquals("NaCl", text(NodeTests.cell(t, rows.get(1), "formula")));
    assertTrue(NodeTests.cell(t, rows.get(2), "structure").isMissing());
    assertEquals("b.cif", text(NodeTests.cell(t, rows.get(2), "source")));
    String w = NodeHarness.warning(m);
    assertTrue(w.startsWith("2 of 3 rows failed (missing cells in their output): Row0 (POSCAR)"),
        w);
    assertTrue(w.contains("Row2 (broken)"), w);
    assertEquals(1, NodeHarness.flowVariables(m).get(CrystalReaderNodeModel.VAR_STRUCTURES));
    assertEquals(2, NodeHarness.flowVariables(m).get(CrystalReaderNodeModel.VAR_FAILED));
  }

  /** A dataset table written by the core's writer, with properties set by hand. */
  @Test
  void readsADatasetTableWithTypedPropertyColumns() throws Exception {
    Path csv = tmp.resolve("set.csv");
    DatasetCsv.write(csv, List.of(
        NodeTests.rockSalt(5.64).withProperties(Map.of("id", "salt", "band_gap", 5.0,
            "label", "rock salt", "n", 8L)),
        NodeTests.bccIron().withProperties(Map.of("id", "iron", "band_gap", 0.0,
            "label", "bcc", "n", 2L))));
    CrystalReaderNodeModel m = reading(csv);
    DataTableSpec spec = (DataTableSpec) NodeHarness.configure(m)[0];
    assertEquals(DoubleCell.TYPE, spec.getColumnSpec("band_gap").getType());
    assertEquals(StringCell.TYPE, spec.getColumnSpec("label").getType());
    assertEquals(LongCell.TYPE, spec.getColumnSpec("n").getType());
    BufferedDataTable t = run(m);
    List<DataRow> rows = NodeTests.rows(t);
    assertEquals("salt", text(NodeTests.cell(t, rows.get(0), "id")));
    assertEquals(new DoubleCell(5.0), NodeTests.cell(t, rows.get(0), "band_gap"));
    assertEquals(new LongCell(2), NodeTests.cell(t, rows.get(1), "n"));
    assertEquals("Fe", text(NodeTests.cell(t, rows.get(1), "formula")));
  }

  /** A text cell in a numeric column is missing, reported in the warning with its row. */
  @Test
  void aValueThatDoesNotFitItsColumnIsMissingAndReported() throws Exception {
    Structure s = NodeTests.bccIron();
    String cif = org.invdes.core.io.CifWriter.write(s).replace("\"", "\"\"");
    Path csv = Files.writeString(tmp.resolve("set.csv"), "id,cif,gap\n"
        + "a,\"" + cif + "\",1.5\nb,\"" + cif + "\",2.5\nc,\"" + cif + "\",n/a\n");
    CrystalReaderNodeModel m = reading(csv);
    BufferedDataTable t = run(m);
    List<DataRow> rows = NodeTests.rows(t);
    assertEquals(new DoubleCell(2.5), NodeTests.cell(t, rows.get(1), "gap"));
    assertTrue(NodeTests.cell(t, rows.get(2), "gap").isMissing());
    String w = NodeHarness.warning(m);
    assertTrue(w.contains("column 'gap'") && w.contains("'n/a'"), w);
  }

  @Test
  void cancelStopsReading() throws Exception {
    CrystalReaderNodeModel m = reading(NodeTests.examples());
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 3);
    assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(m, exec));
    assertTrue(NodeHarness.progressFractions(exec).size() <= 3);
  }

  @Test
  void anEmptyFolderIsAnError() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("empty"));
    CrystalReaderNodeModel m = reading(dir);
    NodeHarness.configure(m);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.execute(m, NodeHarness.executionContext()));
    assertTrue(e.getMessage().contains("holds no structure files"), e.getMessage());
  }
}
