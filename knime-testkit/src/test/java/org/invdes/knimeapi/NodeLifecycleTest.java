package org.invdes.knimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NodeView;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObject;

/** A toy node driven through the lifecycle by the harness, as the invdes node tests do. */
class NodeLifecycleTest {

  static SettingsModelString column() {
    return new SettingsModelString("column", "");
  }

  /** Upper-cases a string column; reports progress per row and honours cancel. */
  static class UpperModel extends NodeModel {
    final SettingsModelString column = column();

    UpperModel() {
      super(1, 1);
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] in) throws InvalidSettingsException {
      int i = in[0].findColumnIndex(column.getStringValue());
      if (i < 0 || !in[0].getColumnSpec(i).getType().isCompatible(StringValue.class)) {
        throw new InvalidSettingsException("no string column '" + column.getStringValue() + "'");
      }
      return new DataTableSpec[] {in[0]};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] in, ExecutionContext exec)
        throws CanceledExecutionException {
      int col = in[0].getDataTableSpec().findColumnIndex(column.getStringValue());
      BufferedDataContainer out = exec.createDataContainer(in[0].getDataTableSpec());
      long n = 0;
      for (DataRow r : in[0]) {
        exec.checkCanceled();
        DataCell[] cells = new DataCell[r.getNumCells()];
        for (int i = 0; i < cells.length; i++) {
          cells[i] = r.getCell(i);
        }
        if (!cells[col].isMissing()) {
          cells[col] = new StringCell(((StringValue) cells[col]).getStringValue().toUpperCase());
        }
        out.addRowToTable(new DefaultRow(r.getKey(), cells));
        exec.setProgress(++n / (double) in[0].size(), "row " + n);
      }
      out.close();
      pushFlowVariableInt("rows", (int) n);
      setWarningMessage(n == 0 ? "empty input" : null);
      return new BufferedDataTable[] {out.getTable()};
    }

    @Override
    protected void reset() {
    }

    @Override
    protected void saveSettingsTo(NodeSettingsWO s) {
      column.saveSettingsTo(s);
    }

    @Override
    protected void validateSettings(NodeSettingsRO s) throws InvalidSettingsException {
      column.validateSettings(s);
    }

    @Override
    protected void loadValidatedSettingsFrom(NodeSettingsRO s) throws InvalidSettingsException {
      column.loadSettingsFrom(s);
    }

    @Override
    protected void loadInternals(File dir, ExecutionMonitor exec) {
    }

    @Override
    protected void saveInternals(File dir, ExecutionMonitor exec) {
    }
  }

  /** The toy factory; its description is ToyNodeFactory.xml in the test resources. */
  public static final class ToyNodeFactory extends NodeFactory<UpperModel> {
    @Override
    public UpperModel createNodeModel() {
      return new UpperModel();
    }

    @Override
    protected int getNrNodeViews() {
      return 0;
    }

    @Override
    @SuppressWarnings("removal")
    public NodeView<UpperModel> createNodeView(int viewIndex, UpperModel nodeModel) {
      return null;
    }

    @Override
    @SuppressWarnings("removal")
    protected boolean hasDialog() {
      return true;
    }

    @Override
    @SuppressWarnings("removal")
    protected NodeDialogPane createNodeDialogPane() {
      DefaultNodeSettingsPane p = new DefaultNodeSettingsPane();
      p.addDialogComponent(new DialogComponentColumnNameSelection(column(), "Column", 0,
          StringValue.class));
      return p;
    }
  }

  static final DataTableSpec SPEC = new DataTableSpec(new String[] {"name"},
      new DataType[] {StringCell.TYPE});

  static BufferedDataTable input(int rows) {
    DefaultRow[] r = new DefaultRow[rows];
    for (int i = 0; i < rows; i++) {
      r[i] = new DefaultRow("r" + i, new StringCell("abc" + i));
    }
    return NodeHarness.table(SPEC, r);
  }

  @Test
  void factoryReadsItsDescription() {
    ToyNodeFactory f = new ToyNodeFactory();
    assertEquals("Upper Case", f.getNodeName());
    assertEquals(NodeFactory.NodeType.Manipulator, f.getType());
    assertEquals("Strings", f.getInportName(0));
    assertEquals("Upper-cased", f.getOutportName(0));
    assertNull(f.getInportName(1));
    assertTrue(f.getIcon() != null && f.getIcon().getPath().endsWith("toy.png"));
  }

  @Test
  void settingsRoundTripThroughModelAndDialog() throws Exception {
    ToyNodeFactory f = new ToyNodeFactory();
    UpperModel m = f.createNodeModel();
    m.column.setStringValue("name");
    NodeSettings saved = NodeHarness.saveSettings(m);
    UpperModel other = f.createNodeModel();
    NodeHarness.loadSettings(other, saved);
    assertEquals("name", other.column.getStringValue());
    NodeDialogPane d = NodeHarness.createDialog(f);
    NodeHarness.loadDialog(d, new NodeSettings("empty"), SPEC);
    NodeSettings fromDialog = NodeHarness.saveDialog(d);
    assertEquals("name", fromDialog.getString("column"), "the dialog picks the string column");
    assertEquals(List.of("Options"), NodeHarness.tabs(d));
  }

  @Test
  void executesLikeKnime() throws Exception {
    UpperModel m = new UpperModel();
    m.column.setStringValue("name");
    ExecutionContext exec = NodeHarness.executionContext();
    PortObject[] out = NodeHarness.execute(m, exec, input(4));
    BufferedDataTable t = (BufferedDataTable) out[0];
    assertEquals(new StringCell("ABC3"), rows(t).get(3).getCell(0));
    assertEquals(List.of(0.25, 0.5, 0.75, 1.0), NodeHarness.progressFractions(exec));
    assertEquals(Map.of("rows", 4), NodeHarness.flowVariables(m));
    assertNull(NodeHarness.warning(m));
  }

  static List<DataRow> rows(BufferedDataTable t) {
    List<DataRow> out = new java.util.ArrayList<>();
    t.forEach(out::add);
    return out;
  }

  @Test
  void configureErrorsReachTheCaller() {
    UpperModel m = new UpperModel();
    m.column.setStringValue("absent");
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.configure(m, SPEC));
    assertEquals("no string column 'absent'", e.getMessage());
  }

  @Test
  void cancelStopsExecution() {
    UpperModel m = new UpperModel();
    m.column.setStringValue("name");
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 2);
    assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(m, exec, input(5)));
    assertEquals(2, NodeHarness.progressFractions(exec).size());
  }

  /** The harness holds a node to what it promised in configure. */
  @Test
  void harnessCatchesASpecThatDiffersFromConfigure() {
    UpperModel liar = new UpperModel() {
      @Override
      protected DataTableSpec[] configure(DataTableSpec[] in) {
        return new DataTableSpec[] {new DataTableSpec()};
      }
    };
    liar.column.setStringValue("name");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> NodeHarness.execute(liar, NodeHarness.executionContext(), input(1)));
    assertTrue(e.getMessage().contains("configure promised"), e.getMessage());
  }
}
