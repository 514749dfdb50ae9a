package org.knime.core.data;

/** The value interface of cells that have the cell's value as a double. */
public interface DoubleValue extends DataValue {

  /** @return the cell's value as a double */
  double getDoubleValue();
}
