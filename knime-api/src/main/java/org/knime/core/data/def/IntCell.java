package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;

/** A cell holding an int. */
public class IntCell extends DataCell implements IntValue, LongValue, DoubleValue {
  private static final long serialVersionUID = 1L;

  /** The type of int columns. */
  public static final DataType TYPE = DataType.getType(IntCell.class);

  private final int value;

  /** @param i the value */
  public IntCell(final int i) {
    this.value = i;
  }

  @Override
  public int getIntValue() {
    return value;
  }

  @Override
  public long getLongValue() {
    return value;
  }

  @Override
  public double getDoubleValue() {
    return value;
  }

  @Override
  protected boolean equalsDataCell(final DataCell dc) {
    return ((IntCell) dc).value == value;
  }

  @Override
  public int hashCode() {
    return value;
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
