package org.invdes.knime.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.knime.InvdesNodeFactory;
import org.invdes.knime.NodeContractTest;
import org.invdes.knime.NodeTests;
import org.invdes.knime.StructureCells;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortObjectSpec;

class CrystalWriterNodeTest extends NodeContractTest<CrystalWriterNodeModel> {
  static final DataTableSpec SPEC = new DataTableSpec(new String[] {"id", "structure", "x"},
      new DataType[] {StringCell.TYPE, StringCell.TYPE, DoubleCell.TYPE});

  @Override
  protected InvdesNodeFactory<CrystalWriterNodeModel> factory() {
    return new CrystalWriterNodeFactory();
  }

  @Override
  protected CrystalWriterNodeModel changedModel() {
    CrystalWriterNodeModel m = writer(tmp.resolve("out"));
    m.options().nameColumn.setStringValue("id");
    m.options().format.setStringValue(CrystalWriterSettings.POSCAR);
    m.options().overwrite.setBooleanValue(true);
    return m;
  }

  @Override
  protected PortObjectSpec[] goodSpecs() {
    return new PortObjectSpec[] {SPEC};
  }

  static CrystalWriterNodeModel writer(Path folder) {
    CrystalWriterNodeModel m = new CrystalWriterNodeFactory().createNodeModel();
    m.options().structureColumn.setStringValue("structure");
    m.options().folder.setStringValue(folder.toString());
    return m;
  }

  static DefaultRow row(int i, String id, Structure s) {
    DataCell cell = s == null ? DataType.getMissingCell() : StructureCells.cell(s, id);
    return new DefaultRow("Row" + i, new StringCell(id), cell, new DoubleCell(i));
  }

  static BufferedDataTable table(DefaultRow... rows) {
    return NodeHarness.table(SPEC, rows);
  }

  static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  static Structure readBack(Path file) throws Exception {
    return Structures.read(file, ReadOptions.relaxed()).get(0).get();
  }

  @Test
  void configureExplainsWhatIsWrong() {
    CrystalWriterNodeModel noFolder = new CrystalWriterNodeFactory().createNodeModel();
    assertTrue(message(noFolder, SPEC).startsWith("Choose the output folder"),
        message(noFolder, SPEC));
    CrystalWriterNodeModel m = writer(tmp);
    DataTableSpec numbersOnly = new DataTableSpec(new String[] {"x"},
        new DataType[] {DoubleCell.TYPE});
    assertTrue(message(m, numbersOnly).contains("holds DoubleCell, not text")
        || message(m, numbersOnly).contains("is not in the input table"),
        message(m, numbersOnly));
    CrystalWriterNodeModel auto = writer(tmp);
    auto.options().structureColumn.setStringValue("");
    assertTrue(message(auto, numbersOnly).startsWith("No structure column in the input table"),
        message(auto, numbersOnly));
    m.options().nameColumn.setStringValue("label");
    assertTrue(message(m, SPEC).startsWith("The file name column 'label' is not in the input"),
        message(m, SPEC));
  }

  static String message(CrystalWriterNodeModel m, DataTableSpec spec) {
    return assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m, spec))
        .getMessage();
  }

  @Test
  void aFileThatIsAFolderPathIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    assertTrue(message(writer(file), SPEC).contains("is a file"), message(writer(file), SPEC));
  }

  @Test
  void writesOneCifPerRowNamedSafelyAndUniquely() throws Exception {
    Path out = tmp.resolve("out");
    CrystalWriterNodeModel m = writer(out);
    m.options().nameColumn.setStringValue("id");
    NodeHarness.execute(m, NodeHarness.executionContext(), table(
        row(0, "NaCl", NodeTests.rockSalt(5.64)), row(1, "Fe/bcc", NodeTests.bccIron()),
        row(2, "nacl", NodeTests.rockSalt(5.5))));
    assertEquals(List.of("Fe_bcc.cif", "NaCl.cif", "nacl_2.cif"), files(out));
    Structure salt = readBack(out.resolve("NaCl.cif"));
    assertTrue(salt.approxEquals(NodeTests.rockSalt(5.64), 1e-6, 1e-6, 1e-6), salt.toString());
    assertEquals(5.5, readBack(out.resolve("nacl_2.cif")).lattice().a(), 1e-9);
    assertEquals(Map.of(CrystalWriterNodeModel.VAR_FOLDER, out.toString(),
        CrystalWriterNodeModel.VAR_FILES, 3), NodeHarness.flowVariables(m));
    assertEquals(null, NodeHarness.warning(m));
  }

  @Test
  void rowsWithoutAStructureAreSkippedWithOneWarning() throws Exception {
    Path out = tmp.resolve("out");
    CrystalWriterNodeModel m = writer(out);
    NodeHarness.execute(m, NodeHarness.executionContext(), table(
        row(0, "a", NodeTests.bccIron()), row(1, "b", null)));
    assertEquals(List.of("Row0.cif"), files(out), "named after the row IDs");
    assertEquals("1 of 2 rows failed (no file written): Row1: the structure cell is missing",
        NodeHarness.warning(m));
  }

  /** POSCAR cannot hold partial occupancy: a Cu0.5Au0.5 site is refused, the ordered row kept. */
  @Test
  void poscarSkipsDisorderedStructures() throws Exception {
    Structure disordered = Structure.of(Lattice.cubic(3.75), List.of(Site.of(
        Map.of(Element.of("Cu"), 0.5, Element.of("Au"), 0.5), new double[] {0, 0, 0}, "M")));
    Path out = tmp.resolve("out");
    CrystalWriterNodeModel m = writer(out);
    m.options().format.setStringValue(CrystalWriterSettings.POSCAR);
    NodeHarness.execute(m, NodeHarness.executionContext(), table(
        row(0, "cuau", disordered), row(1, "fe", NodeTests.bccIron())));
    assertEquals(List.of("Row1.vasp"), files(out));
    assertEquals(2, readBack(out.resolve("Row1.vasp")).size());
    assertTrue(NodeHarness.warning(m).startsWith("1 of 2 rows failed (no file written): Row0: "),
        NodeHarness.warning(m));
  }

  @Test
  void existingFilesStopTheNodeBeforeAnythingIsWritten() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(out.resolve("Row1.cif"), "keep me");
    CrystalWriterNodeModel m = writer(out);
    IOException e = assertThrows(IOException.class, () -> NodeHarness.execute(m,
        NodeHarness.executionContext(), table(row(0, "a", NodeTests.bccIron()),
            row(1, "b", NodeTests.bccIron()))));
    assertTrue(e.getMessage().startsWith("1 of the 2 files exist already"), e.getMessage());
    assertEquals(List.of("Row1.cif"), files(out));
    assertEquals("keep me", Files.readString(out.resolve("Row1.cif")));
    m.options().overwrite.setBooleanValue(true);
    NodeHarness.execute(m, NodeHarness.executionContext(), table(
        row(0, "a", NodeTests.bccIron()), row(1, "b", NodeTests.bccIron())));
    assertEquals(2, readBack(out.resolve("Row1.cif")).size());
  }

  /** Cancelled while writing: the files written so far are complete, no temporary file stays. */
  @Test
  void cancelLeavesOnlyCompleteFiles() throws Exception {
    Path out = tmp.resolve("out");
    CrystalWriterNodeModel m = writer(out);
    DefaultRow[] rows = new DefaultRow[6];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(i, "s" + i, NodeTests.rockSalt(5.0 + 0.1 * i));
    }
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 6 + 3); // 6 reading reports, then during writing
    assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(m, exec,
        table(rows)));
    List<String> written = files(out);
    assertFalse(written.isEmpty());
    assertTrue(written.size() < rows.length, written.toString());
    for (String f : written) {
      assertTrue(f.endsWith(".cif"), "no temporary file left: " + f);
      assertEquals(8, readBack(out.resolve(f)).size());
    }
  }
}
