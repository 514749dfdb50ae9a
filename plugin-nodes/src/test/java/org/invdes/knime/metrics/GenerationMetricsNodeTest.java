package org.invdes.knime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invdes.knime.GeneratorFixtures;
import org.invdes.knime.InvdesNodeFactory;
import org.invdes.knime.NodeContractTest;
import org.invdes.knime.NodeTests;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortObjectSpec;

class GenerationMetricsNodeTest extends NodeContractTest<GenerationMetricsNodeModel> {

  @Override
  protected InvdesNodeFactory<GenerationMetricsNodeModel> factory() {
    return new GenerationMetricsNodeFactory();
  }

  @Override
  protected GenerationMetricsNodeModel changedModel() {
    GenerationMetricsNodeModel m = factory().createNodeModel();
    GenerationMetricsSettings o = m.options();
    o.generatedColumn.setStringValue("structure");
    o.referenceColumn.setStringValue("structure");
    o.trainingColumn.setStringValue("structure");
    o.property.setStringValue(GeneratorFixtures.PROPERTY);
    o.dataset.setStringValue("perov_5");
    o.samples.setIntValue(50);
    o.seed.setIntValue(5);
    o.threads.setIntValue(2);
    return m;
  }

  @Override
  protected PortObjectSpec[] goodSpecs() {
    return new PortObjectSpec[] {GeneratorFixtures.SPEC, GeneratorFixtures.SPEC,
        GeneratorFixtures.SPEC};
  }

  @Test
  void configureExplainsWhatIsWrong() {
    DataTableSpec noProperty = new DataTableSpec(new String[] {"structure"},
        new DataType[] {StringCell.TYPE});
    String m = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(
        changedModel(), noProperty, GeneratorFixtures.SPEC, null)).getMessage();
    assertTrue(m.startsWith("The property 'volume_per_atom' is not a column of the generated"
        + " table"), m);
    DataTableSpec noStructure = new DataTableSpec(new String[] {"x"},
        new DataType[] {DoubleCell.TYPE});
    m = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(
        factory().createNodeModel(), GeneratorFixtures.SPEC, noStructure, null)).getMessage();
    assertTrue(m.startsWith("No structure column in the reference table"), m);
  }

  /**
   * Generated: the 12 fixture perovskites and one unreadable row; reference and training: the
   * same 12. Every perovskite is valid (nearest distance a/2 ≥ 1.9 Å; A²⁺B⁴⁺O²⁻₃ balances), so
   * validity is 12/13; the sets are the same, so every distance is 0 and nothing is novel; rows
   * i and i + 6 differ only by 0.01 Å in a, which the matcher scales away, so 6 of 12 are
   * unique.
   */
  @Test
  void evaluatesAGeneratedSet() throws Exception {
    List<DataRow> rows = new ArrayList<>(NodeTests.rows(GeneratorFixtures.table(12)));
    rows.add(new DefaultRow("bad", new StringCell("bad"), new StringCell("data_x"),
        new DoubleCell(1)));
    BufferedDataTable generated = NodeHarness.table(GeneratorFixtures.SPEC, rows);
    BufferedDataTable real = GeneratorFixtures.table(12);
    GenerationMetricsNodeModel model = changedModel();
    BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(model,
        NodeHarness.executionContext(), generated, real, real)[0];
    Map<String, DataRow> byKey = new LinkedHashMap<>();
    for (DataRow r : NodeTests.rows(out)) {
      byKey.put(r.getKey().getString(), r);
    }
    assertEquals(13.0, value(out, byKey, "generated"), 0.0);
    assertEquals(1.0, value(out, byKey, "unreadable"), 0.0);
    assertEquals(12.0, value(out, byKey, "training"), 0.0);
    assertEquals(1200.0 / 13, value(out, byKey, "struct_valid_pct"), 1e-9);
    assertEquals(1200.0 / 13, value(out, byKey, "comp_valid_pct"), 1e-9);
    assertEquals(0.0, value(out, byKey, "wdist_density"), 1e-12);
    assertEquals(0.0, value(out, byKey, "wdist_num_elems"), 1e-12);
    assertEquals(0.0, value(out, byKey, "wdist_prop"), 1e-12);
    assertEquals(50.0, value(out, byKey, "unique_pct"), 1e-9);
    assertEquals(0.0, value(out, byKey, "novel_pct"), 1e-9);
    assertEquals(100.0, value(out, byKey, "cov_recall_pct"), 1e-9);
    assertEquals("%", ((StringValue) NodeTests.cell(out, byKey.get("struct_valid_pct"),
        "unit")).getStringValue());
    // CDVAE's published Perov-5 figures (reference/benchmarks.md)
    assertEquals(100.0, published(out, byKey, "struct_valid_pct"), 0.0);
    assertEquals(98.59, published(out, byKey, "comp_valid_pct"), 0.0);
    assertTrue(NodeTests.cell(out, byKey.get("novel_pct"), "CDVAE (published)").isMissing());
    assertTrue(NodeHarness.warning(model).startsWith("generated table: 1 of 13 rows failed"
        + " (counted as invalid): bad: "), NodeHarness.warning(model));
    assertEquals(1200.0 / 13, (Double) NodeHarness.flowVariables(model)
        .get("invdes_metric_struct_valid_pct"), 1e-9);
  }

  @Test
  void withoutTrainingTableNoveltyIsMissing() throws Exception {
    GenerationMetricsNodeModel m = factory().createNodeModel();
    BufferedDataTable real = GeneratorFixtures.table(6);
    BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m,
        NodeHarness.executionContext(), real, real, null)[0];
    for (DataRow r : NodeTests.rows(out)) {
      if (r.getKey().getString().equals("novel_pct")) {
        assertTrue(NodeTests.cell(out, r, "value").isMissing());
        assertTrue(NodeTests.cell(out, r, "CDVAE (published)").isMissing());
      }
      assertTrue(!r.getKey().getString().equals("wdist_prop"), "no property chosen");
    }
  }

  @Test
  void cancelStopsTheEvaluation() {
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 3);
    BufferedDataTable real = GeneratorFixtures.table(24);
    assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(
        factory().createNodeModel(), exec, real, real, real));
  }

  static double value(BufferedDataTable t, Map<String, DataRow> rows, String key) {
    DataCell c = NodeTests.cell(t, rows.get(key), "value");
    return ((DoubleValue) c).getDoubleValue();
  }

  static double published(BufferedDataTable t, Map<String, DataRow> rows, String key) {
    return ((DoubleValue) NodeTests.cell(t, rows.get(key), "CDVAE (published)"))
        .getDoubleValue();
  }
}
