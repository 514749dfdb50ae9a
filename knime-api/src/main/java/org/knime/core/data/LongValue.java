package org.knime.core.data;

/** The value interface of cells that have the cell's value as a long. */
public interface LongValue extends DataValue {

  /** @return the cell's value as a long */
  long getLongValue();
}
