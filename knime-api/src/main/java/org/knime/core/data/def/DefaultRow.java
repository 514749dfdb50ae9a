package org.knime.core.data.def;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** A row holding its cells in an array. */
public class DefaultRow implements DataRow {
  private final RowKey key;
  private final DataCell[] cells;

  /** @throws NullPointerException if the key or a cell is null */
  public DefaultRow(final RowKey rowKey, final DataCell... row) {
    this.key = Objects.requireNonNull(rowKey, "row key");
    this.cells = row.clone();
    for (int i = 0; i < cells.length; i++) {
      Objects.requireNonNull(cells[i], () -> "cell " + key + "/" + cells.length + " is null");
    }
  }

  /** With a row key of this id. */
  public DefaultRow(final String rowId, final DataCell... row) {
    this(new RowKey(rowId), row);
  }

  /** With a row key of this id. */
  public DefaultRow(final String rowId, final List<DataCell> row) {
    this(new RowKey(rowId), row.toArray(new DataCell[0]));
  }

  /** The cells of the list. */
  public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
    this(rowKey, row.toArray(new DataCell[0]));
  }

  @Override
  public final int getNumCells() {
    return cells.length;
  }

  @Override
  public final RowKey getKey() {
    return key;
  }

  @Override
  public final DataCell getCell(final int index) {
    return cells[index];
  }

  @Override
  public Iterator<DataCell> iterator() {
    return List.of(cells).iterator();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(key.getString()).append(':');
    for (DataCell c : cells) {
      sb.append(' ').append(c);
    }
    return sb.toString();
  }
}
