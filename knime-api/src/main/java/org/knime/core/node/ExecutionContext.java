package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;

/**
 * The execution monitor of a running node that also creates its output tables. KNIME creates
 * it; its public constructors take framework types, so this subset has none (the test harness
 * creates contexts in this package).
 */
public class ExecutionContext extends ExecutionMonitor {

  ExecutionContext(Progress progress) {
    super(progress);
  }

  /** @return an open container for rows of the spec */
  public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
    return new BufferedDataContainer(spec);
  }

  /**
   * Copies a table into a buffered table.
   *
   * @throws CanceledExecutionException if cancelled while copying
   */
  public BufferedDataTable createBufferedDataTable(final DataTable table,
      final ExecutionMonitor subProgressMon) throws CanceledExecutionException {
    BufferedDataContainer c = createDataContainer(table.getDataTableSpec());
    for (DataRow r : table) {
      subProgressMon.checkCanceled();
      c.addRowToTable(r);
    }
    c.close();
    return c.getTable();
  }

  /**
   * The same rows under a new spec (e.g. renamed columns).
   *
   * @throws IllegalArgumentException if the number of columns differs or a new column type is
   *     not a super type of the old one
   */
  public BufferedDataTable createSpecReplacerTable(final BufferedDataTable in,
      final DataTableSpec newSpec) {
    DataTableSpec old = in.getDataTableSpec();
    if (old.getNumColumns() != newSpec.getNumColumns()) {
      throw new IllegalArgumentException("the new spec has " + newSpec.getNumColumns()
          + " columns, the table " + old.getNumColumns());
    }
    for (int i = 0; i < old.getNumColumns(); i++) {
      DataType o = old.getColumnSpec(i).getType();
      DataType n = newSpec.getColumnSpec(i).getType();
      if (!n.getCellClass().isAssignableFrom(o.getCellClass())) {
        throw new IllegalArgumentException("column " + i + ": type " + n
            + " is not a super type of " + o);
      }
    }
    List<DataRow> rows = new ArrayList<>();
    for (DataRow r : in) {
      rows.add(r);
    }
    return new BufferedDataTable(newSpec, rows);
  }

  /** @return a context whose progress fills the share of this one (0 to 1) */
  public ExecutionContext createSubExecutionContext(final double maxProg) {
    return new ExecutionContext(progress().sub(maxProg, false));
  }

  /** Like {@link #createSubExecutionContext} but its messages are not shown. */
  public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
    return new ExecutionContext(progress().sub(maxProg, true));
  }
}
