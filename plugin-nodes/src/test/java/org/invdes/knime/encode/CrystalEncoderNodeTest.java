package org.invdes.knime.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.structure.Composition;
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
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;

class CrystalEncoderNodeTest extends NodeContractTest<CrystalEncoderNodeModel> {
  static final DataTableSpec SPEC = new DataTableSpec(new String[] {"id", "structure"},
      new DataType[] {StringCell.TYPE, StringCell.TYPE});

  @Override
  protected InvdesNodeFactory<CrystalEncoderNodeModel> factory() {
    return new CrystalEncoderNodeFactory();
  }

  @Override
  protected CrystalEncoderNodeModel changedModel() {
    CrystalEncoderNodeModel m = encoder();
    m.options().maxSites.setIntValue(8);
    m.options().elements.setStringValue("Na, Cl, Fe");
    m.options().occupancy.setBooleanValue(true);
    m.options().fourier.setIntValue(1);
    m.options().disorder.setStringValue(CrystalEncoderSettings.MAJOR);
    m.options().cell.setStringValue(CrystalEncoderSettings.NIGGLI);
    return m;
  }

  @Override
  protected PortObjectSpec[] goodSpecs() {
    return new PortObjectSpec[] {SPEC};
  }

  static CrystalEncoderNodeModel encoder() {
    CrystalEncoderNodeModel m = new CrystalEncoderNodeFactory().createNodeModel();
    m.options().structureColumn.setStringValue("structure");
    return m;
  }

  static DefaultRow row(int i, Structure s) {
    DataCell c = s == null ? DataType.getMissingCell() : StructureCells.cell(s, "s" + i);
    return new DefaultRow("Row" + i, new StringCell("s" + i), c);
  }

  static double value(BufferedDataTable t, DataRow r, String column) {
    return ((DoubleValue) NodeTests.cell(t, r, column)).getDoubleValue();
  }

  /**
   * Columns for elements {Na, Cl, Fe} and 8 site rows with occupancy and Fourier bound 1: 6
   * lattice + 8 × (4 classes + 3 coordinates + 1 occupancy) + 2 × 13 reflections = 96.
   */
  @Test
  void aFixedLayoutGivesTheColumnsAtConfigure() throws Exception {
    DataTableSpec out = (DataTableSpec) NodeHarness.configure(changedModel(), SPEC)[0];
    assertEquals(2 + 96, out.getNumColumns());
    List<String> names = List.of(out.getColumnNames());
    assertEquals(List.of("enc_ln_a", "enc_ln_b", "enc_ln_c", "enc_alpha", "enc_beta",
        "enc_gamma", "enc_s0_none", "enc_s0_Na", "enc_s0_Cl", "enc_s0_Fe", "enc_s0_x", "enc_s0_y",
        "enc_s0_z", "enc_s0_occ"), names.subList(2, 16));
    assertEquals("enc_F(0,0,1)_re", names.get(2 + 6 + 64));
    assertEquals("enc_s7_occ", names.get(2 + 6 + 63));
  }

  @Test
  void aLayoutFromTheDataIsKnownAfterExecution() throws Exception {
    assertNull(NodeHarness.configure(encoder(), SPEC)[0]);
  }

  @Test
  void settingsNameWhatIsWrong() {
    CrystalEncoderNodeModel m = encoder();
    NodeSettings s = NodeHarness.saveSettings(m);
    s.addString("elements", "Na, Xx");
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(encoder(), s));
    assertTrue(e.getMessage().startsWith("'Xx' in 'Elements' is not an element symbol"),
        e.getMessage());
    CrystalEncoderNodeModel noColumn = encoder();
    noColumn.options().structureColumn.setStringValue("cif");
    InvalidSettingsException c = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.configure(noColumn, SPEC));
    assertTrue(c.getMessage().startsWith("The structure (CIF text) column 'cif' is not in the"
        + " input table"), c.getMessage());
  }

  /**
   * Rock salt (a = 5.64 Å, 8 sites) and bcc Fe (a = 2.87 Å, 2 sites): vocabulary {Na, Cl, Fe},
   * 8 site rows. Two values standardised with their mean and population standard deviation are
   * exactly +1 and −1; right angles with zero spread stay at 0. Canonical order puts Cl (Z = 17)
   * before Na (Z = 11).
   */
  @Test
  void encodesWithAnEncoderFittedOnTheInput() throws Exception {
    CrystalEncoderNodeModel m = encoder();
    BufferedDataTable t = (BufferedDataTable) NodeHarness.execute(m,
        NodeHarness.executionContext(), NodeHarness.table(SPEC, row(0, NodeTests.rockSalt(5.64)),
            row(1, NodeTests.bccIron())))[0];
    assertEquals(2 + 6 + 8 * 7, t.getDataTableSpec().getNumColumns());
    List<DataRow> rows = NodeTests.rows(t);
    assertEquals(1.0, value(t, rows.get(0), "enc_ln_a"), 1e-6);
    assertEquals(-1.0, value(t, rows.get(1), "enc_ln_a"), 1e-6);
    assertEquals(0.0, value(t, rows.get(0), "enc_gamma"), 0.0);
    assertEquals(1.0, value(t, rows.get(0), "enc_s0_Cl"), 0.0);
    assertEquals(1.0, value(t, rows.get(0), "enc_s4_Na"), 0.0);
    assertEquals(1.0, value(t, rows.get(1), "enc_s1_Fe"), 0.0);
    assertEquals(1.0, value(t, rows.get(1), "enc_s2_none"), 0.0);
    assertEquals(8 * 7 + 6, NodeHarness.flowVariables(m).get(CrystalEncoderNodeModel.VAR_LENGTH));
    assertNull(NodeHarness.warning(m));

    // the features and the pushed configuration give the structure back
    Encoder enc = Encoder.fromJson((String) NodeHarness.flowVariables(m)
        .get(CrystalEncoderNodeModel.VAR_CONFIG));
    float[] f = new float[enc.layout().length()];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) ((DoubleValue) rows.get(0).getCell(2 + i)).getDoubleValue();
    }
    Structure back = enc.decode(f);
    assertTrue(back.composition().approxEquals(Composition.parse("Na4Cl4"), 1e-9));
    assertEquals(5.64, back.lattice().a(), 5.64 * 1e-6);
  }

  @Test
  void rowsThatCannotBeEncodedGetMissingCellsAndOneWarning() throws Exception {
    Structure disordered = Structure.of(Lattice.cubic(3.75), List.of(Site.of(
        Map.of(Element.of("Cu"), 0.5, Element.of("Au"), 0.5), new double[] {0, 0, 0}, "M")));
    CrystalEncoderNodeModel m = encoder();
    BufferedDataTable t = (BufferedDataTable) NodeHarness.execute(m,
        NodeHarness.executionContext(), NodeHarness.table(SPEC, row(0, NodeTests.bccIron()),
            row(1, null), row(2, disordered), row(3, NodeTests.bccIron())))[0];
    List<DataRow> rows = NodeTests.rows(t);
    assertTrue(NodeTests.cell(t, rows.get(1), "enc_ln_a").isMissing());
    assertTrue(NodeTests.cell(t, rows.get(2), "enc_s0_Fe").isMissing());
    assertEquals(1.0, value(t, rows.get(3), "enc_s0_Fe"), 0.0);
    String w = NodeHarness.warning(m);
    assertTrue(w.startsWith("2 of 4 rows failed (missing cells in their output): Row1: the"
        + " structure cell is missing; Row2: structure Cu0.5Au0.5 (no id) has a disordered"), w);
    assertTrue(!t.getDataTableSpec().containsName("enc_s0_Cu"), "failed rows are not fitted");
  }

  @Test
  void noEncodableRowIsAnError() {
    CrystalEncoderNodeModel m = encoder();
    m.options().maxSites.setIntValue(4);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.execute(m, NodeHarness.executionContext(),
            NodeHarness.table(SPEC, row(0, NodeTests.rockSalt(5.64)))));
    assertTrue(e.getMessage().startsWith("None of the 1 structures can be encoded with these"
        + " options; the first reason: "), e.getMessage());
  }

  @Test
  void cancelStopsEncoding() {
    CrystalEncoderNodeModel m = encoder();
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 4);
    DefaultRow[] rows = new DefaultRow[5];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(i, NodeTests.rockSalt(5 + 0.1 * i));
    }
    assertThrows(CanceledExecutionException.class,
        () -> NodeHarness.execute(m, exec, NodeHarness.table(SPEC, rows)));
  }
}
