package org.knime.core.data;

/** A table row: a key and one cell per column. */
public interface DataRow extends Iterable<DataCell> {

  /** @return the number of cells */
  int getNumCells();

  /** @return the row key */
  RowKey getKey();

  /** @return the cell at the 0-based column index */
  DataCell getCell(final int index);
}
