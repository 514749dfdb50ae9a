package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

/** A cell holding a double. */
public final class DoubleCell extends DataCell implements DoubleValue {
  private static final long serialVersionUID = 1L;

  /** The type of double columns. */
  public static final DataType TYPE = DataType.getType(DoubleCell.class);

  private final double value;

  /** @param d the value (NaN allowed) */
  public DoubleCell(final double d) {
    this.value = d;
  }

  @Override
  public double getDoubleValue() {
    return value;
  }

  @Override
  protected boolean equalsDataCell(final DataCell dc) {
    return Double.compare(((DoubleCell) dc).value, value) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(value);
  }

  @Override
  public String toString() {
    return Double.toString(value);
  }
}
