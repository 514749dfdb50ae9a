package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

/** A container whose table is a {@link BufferedDataTable}; from {@link ExecutionContext}. */
public class BufferedDataContainer extends DataContainer {
  private BufferedDataTable table;

  BufferedDataContainer(final DataTableSpec spec) {
    super(spec);
  }

  /**
   * @return the table of the closed container
   * @throws IllegalStateException if the container is still open
   */
  @Override
  public BufferedDataTable getTable() {
    if (table == null) {
      List<DataRow> rows = new ArrayList<>();
      for (DataRow r : super.getTable()) {
        rows.add(r);
      }
      table = new BufferedDataTable(getTableSpec(), rows);
    }
    return table;
  }
}
