package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowIterator;
import org.knime.core.data.RowKey;

/**
 * Collects rows of a fixed spec into a table. Rows are checked as they are added, as KNIME checks
 * them: the number of cells must match the spec, each non-missing cell's type must be the column
 * type (or a cell class that is a subclass of it), and row keys must be unique. This
 * implementation keeps rows in memory.
 */
public class DataContainer implements RowAppender, RowFlushable {

  /** The buffer id of tables not held by a workflow. */
  public static final int NOT_IN_WORKFLOW_BUFFER = -1;

  private final DataTableSpec spec;
  private final List<DataRow> rows = new ArrayList<>();
  private final Set<RowKey> keys = new HashSet<>();
  private DataTable table;

  /** @param spec the spec of the rows to come */
  public DataContainer(final DataTableSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /**
   * @throws IllegalStateException if the container is closed
   * @throws IllegalArgumentException if the row does not fit the spec or repeats a key
   */
  @Override
  public void addRowToTable(final DataRow row) {
    if (table != null) {
      throw new IllegalStateException("Cannot add row: container has been closed.");
    }
    Objects.requireNonNull(row, "row");
    if (row.getNumCells() != spec.getNumColumns()) {
      throw new IllegalArgumentException("Cell count in row \"" + row.getKey()
          + "\" is not equal to length of column names array: " + row.getNumCells() + " vs. "
          + spec.getNumColumns());
    }
    for (int i = 0; i < row.getNumCells(); i++) {
      DataCell c = row.getCell(i);
      if (c == null) {
        throw new IllegalArgumentException("cell " + i + " of row \"" + row.getKey() + "\" is null");
      }
      DataType want = spec.getColumnSpec(i).getType();
      if (!c.isMissing() && !want.getCellClass().isAssignableFrom(c.getClass())) {
        throw new IllegalArgumentException("Runtime class of object \"" + c + "\" (index " + i
            + ") in row \"" + row.getKey() + "\" is " + c.getType() + " and does not comply with"
            + " its supposed superclass " + want);
      }
    }
    if (!keys.add(row.getKey())) {
      throw new IllegalArgumentException("Encountered duplicate row ID \"" + row.getKey() + "\"");
    }
    rows.add(row);
  }

  @Override
  public void flushRows() {
    // rows are kept in memory
  }

  /** Ends adding rows; the table becomes available. Closing twice does nothing. */
  public void close() {
    if (table == null) {
      table = new MemoryTable(spec, Collections.unmodifiableList(new ArrayList<>(rows)));
    }
  }

  /**
   * @return the table
   * @throws IllegalStateException if the container is still open
   */
  public DataTable getTable() {
    if (table == null) {
      throw new IllegalStateException("Cannot get table: container is not closed.");
    }
    return table;
  }

  /** @return the number of rows added */
  public long size() {
    return rows.size();
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return table != null;
  }

  /** @return whether rows can still be added */
  public boolean isOpen() {
    return table == null;
  }

  /** @return the spec of the rows */
  public DataTableSpec getTableSpec() {
    return spec;
  }


  private static final class MemoryTable implements DataTable {
    private final DataTableSpec spec;
    private final List<DataRow> rows;

    MemoryTable(DataTableSpec spec, List<DataRow> rows) {
      this.spec = spec;
      this.rows = rows;
    }

    @Override
    public DataTableSpec getDataTableSpec() {
      return spec;
    }

    @Override
    public RowIterator iterator() {
      Iterator<DataRow> it = rows.iterator();
      return new RowIterator() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public DataRow next() {
          if (!it.hasNext()) {
            throw new NoSuchElementException();
          }
          return it.next();
        }
      };
    }
  }
}
