package org.knime.core.data;

/** The value interface of cells that have the cell's value as an int. */
public interface IntValue extends DataValue {

  /** @return the cell's value as an int */
  int getIntValue();
}
