package org.knime.core.data;

/** The value interface of cells that have why the value is missing, or null. */
public interface MissingValue extends DataValue {

  /** @return why the value is missing, or null */
  public String getError();
}
