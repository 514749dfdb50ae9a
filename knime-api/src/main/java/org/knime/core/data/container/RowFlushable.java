package org.knime.core.data.container;

/** Something that buffers rows. */
public interface RowFlushable {

  /** Writes buffered rows. */
  void flushRows();
}
