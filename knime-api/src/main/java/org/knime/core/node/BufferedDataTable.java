package org.knime.core.node;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import javax.swing.JComponent;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A table flowing between nodes; created through an {@link ExecutionContext}. This
 * implementation holds its rows in memory.
 */
public final class BufferedDataTable implements DataTable, PortObject {

  /** The port type of data tables. */
  public static final PortType TYPE =
      PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class);

  /** The port type of optional data table inputs. */
  public static final PortType TYPE_OPTIONAL =
      PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class, true);

  private final DataTableSpec spec;
  private final List<DataRow> rows;

  BufferedDataTable(DataTableSpec spec, List<DataRow> rows) {
    this.spec = spec;
    this.rows = List.copyOf(rows);
  }

  @Override
  public DataTableSpec getDataTableSpec() {
    return spec;
  }

  @Override
  public DataTableSpec getSpec() {
    return spec;
  }

  @Override
  public String getSummary() {
    return "Rows: " + rows.size() + ", Cols: " + spec.getNumColumns();
  }

  @Override
  public CloseableRowIterator iterator() {
    Iterator<DataRow> it = rows.iterator();
    return new CloseableRowIterator() {
      private boolean closed;

      @Override
      public boolean hasNext() {
        return !closed && it.hasNext();
      }

      @Override
      public DataRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  /** @return the number of rows */
  public long size() {
    return rows.size();
  }

  /** @return no views (this subset has no Swing views) */
  @Override
  public JComponent[] getViews() {
    return new JComponent[0];
  }
}
