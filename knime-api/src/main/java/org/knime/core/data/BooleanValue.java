package org.knime.core.data;

/** The value interface of cells that have the cell's value as a boolean. */
public interface BooleanValue extends DataValue {

  /** @return the cell's value as a boolean */
  boolean getBooleanValue();
}
