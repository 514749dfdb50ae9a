package org.knime.core.data.container;

import org.knime.core.data.DataRow;

/** Something rows can be added to. */
public interface RowAppender {

  /** Adds a row. */
  public void addRowToTable(final DataRow row);
}
