package org.knime.core.data.container;

import java.io.Closeable;
import org.knime.core.data.RowIterator;

/** A row iterator holding resources that {@link #close()} releases. */
public abstract class CloseableRowIterator extends RowIterator implements Closeable {

  /** Releases the iterator's resources; it must not be used afterwards. */
  @Override
  public abstract void close();
}
