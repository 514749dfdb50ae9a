package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.LongValue;

/** A cell holding a long. */
public class LongCell extends DataCell implements LongValue, DoubleValue {
  private static final long serialVersionUID = 1L;

  /** The type of long columns. */
  public static final DataType TYPE = DataType.getType(LongCell.class);

  private final long value;

  /** @param l the value */
  public LongCell(final long l) {
    this.value = l;
  }

  @Override
  public long getLongValue() {
    return value;
  }

  /** @return the value as a double (rounded above 2⁵³) */
  @Override
  public double getDoubleValue() {
    return value;
  }

  @Override
  protected boolean equalsDataCell(final DataCell dc) {
    return ((LongCell) dc).value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
