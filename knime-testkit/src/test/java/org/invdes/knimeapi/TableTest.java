package org.invdes.knimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeHarness;

/** Cells, types, specs and containers. */
class TableTest {
  static final DataTableSpec SPEC = new DataTableSpec(new String[] {"name", "x"},
      new DataType[] {StringCell.TYPE, DoubleCell.TYPE});

  /** Compatibilities as KNIME's cell classes declare them (the value interfaces they implement). */
  @Test
  void typesKnowTheirValueInterfaces() {
    assertTrue(IntCell.TYPE.isCompatible(DoubleValue.class));
    assertTrue(IntCell.TYPE.isCompatible(LongValue.class));
    assertTrue(LongCell.TYPE.isCompatible(DoubleValue.class));
    assertFalse(LongCell.TYPE.isCompatible(IntValue.class));
    assertTrue(BooleanCell.TYPE.isCompatible(IntValue.class));
    assertFalse(StringCell.TYPE.isCompatible(DoubleValue.class));
    assertFalse(DoubleCell.TYPE.isCompatible(StringValue.class));
    assertEquals(DoubleCell.TYPE, new DoubleCell(1).getType());
  }

  @Test
  void cellsCompareByClassAndValue() {
    assertEquals(new StringCell("a"), new StringCell("a"));
    assertNotEquals(new IntCell(1), new LongCell(1));
    assertEquals(DataType.getMissingCell(), DataType.getMissingCell());
    assertTrue(DataType.getMissingCell().isMissing());
    assertFalse(new DoubleCell(Double.NaN).isMissing());
    assertNotEquals(DataType.getMissingCell(), new StringCell("?"));
    assertThrows(NullPointerException.class, () -> new StringCell(null));
  }

  @Test
  void specsRefuseDuplicateNamesAndFindColumns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DataTableSpec(new String[] {"a", "a"},
            new DataType[] {StringCell.TYPE, IntCell.TYPE}));
    assertTrue(e.getMessage().contains("\"a\""), e.getMessage());
    assertEquals(1, SPEC.findColumnIndex("x"));
    assertEquals(-1, SPEC.findColumnIndex("y"));
    assertEquals("x (#1)", DataTableSpec.getUniqueColumnName(SPEC, "x"));
    assertEquals("y", DataTableSpec.getUniqueColumnName(SPEC, " y "));
    DataTableSpec more = new DataTableSpec(SPEC,
        new DataTableSpec(new DataColumnSpecCreator("x (#1)", IntCell.TYPE).createSpec()));
    assertEquals("x (#2)", DataTableSpec.getUniqueColumnName(more, "x"));
  }

  @Test
  void containersCheckRowsAsKnimeDoes() {
    ExecutionContext exec = NodeHarness.executionContext();
    BufferedDataContainer c = exec.createDataContainer(SPEC);
    c.addRowToTable(new DefaultRow("r0", new StringCell("a"), new DoubleCell(1)));
    c.addRowToTable(new DefaultRow("r1", DataType.getMissingCell(), DataType.getMissingCell()));
    assertThrows(IllegalArgumentException.class,
        () -> c.addRowToTable(new DefaultRow("r2", new StringCell("a"))), "too few cells");
    assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(
        new DefaultRow("r3", new StringCell("a"), new StringCell("b"))), "wrong type");
    assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(
        new DefaultRow("r0", new StringCell("a"), new DoubleCell(2))), "duplicate key");
    assertThrows(IllegalStateException.class, c::getTable, "still open");
    c.close();
    assertThrows(IllegalStateException.class, () -> c.addRowToTable(
        new DefaultRow("r4", new StringCell("a"), new DoubleCell(2))), "closed");
    BufferedDataTable t = c.getTable();
    assertEquals(2, t.size());
    List<String> keys = new ArrayList<>();
    for (DataRow r : t) {
      keys.add(r.getKey().getString());
    }
    assertEquals(List.of("r0", "r1"), keys);
    assertEquals(RowKey.createRowKey(3L), new RowKey("Row3"));
  }

  @Test
  void specReplacerKeepsRowsAndChecksTypes() {
    ExecutionContext exec = NodeHarness.executionContext();
    BufferedDataTable t = NodeHarness.table(SPEC,
        new DefaultRow("r0", new StringCell("a"), new DoubleCell(1)));
    DataTableSpec renamed = new DataTableSpec(new String[] {"label", "value"},
        new DataType[] {StringCell.TYPE, DoubleCell.TYPE});
    BufferedDataTable r = exec.createSpecReplacerTable(t, renamed);
    assertEquals(renamed, r.getDataTableSpec());
    DataCell first = r.iterator().next().getCell(0);
    assertEquals(new StringCell("a"), first);
    assertThrows(IllegalArgumentException.class, () -> exec.createSpecReplacerTable(t,
        new DataTableSpec(new String[] {"a", "b"}, new DataType[] {IntCell.TYPE,
            DoubleCell.TYPE})));
  }
}
