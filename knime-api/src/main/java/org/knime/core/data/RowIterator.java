package org.knime.core.data;

import java.util.Iterator;

/** An iterator over the rows of a table; rows cannot be removed. */
public abstract class RowIterator implements Iterator<DataRow> {

  @Override
  public abstract boolean hasNext();

  @Override
  public abstract DataRow next();

  /** @throws UnsupportedOperationException always */
  @Override
  public final void remove() {
    throw new UnsupportedOperationException("rows cannot be removed from a table");
  }
}
