package org.knime.core.data;

/** The value interface of cells that have the cell's text. */
public interface StringValue extends DataValue {

  /** @return the cell's text */
  String getStringValue();
}
