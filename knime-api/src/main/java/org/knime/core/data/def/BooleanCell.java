package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;

/** A cell holding a boolean; use {@link #TRUE} and {@link #FALSE}. As a number: 1 or 0. */
public final class BooleanCell extends DataCell
    implements BooleanValue, IntValue, LongValue, DoubleValue {
  private static final long serialVersionUID = 1L;

  /** The true cell. */
  public static final BooleanCell TRUE = new BooleanCell(true);
  /** The false cell. */
  public static final BooleanCell FALSE = new BooleanCell(false);
  /** The type of boolean columns. */
  public static final DataType TYPE = DataType.getType(BooleanCell.class);

  private final boolean value;

  BooleanCell(final boolean b) {
    this.value = b;
  }

  @Override
  public boolean getBooleanValue() {
    return value;
  }

  @Override
  public int getIntValue() {
    return value ? 1 : 0;
  }

  @Override
  public long getLongValue() {
    return getIntValue();
  }

  @Override
  public double getDoubleValue() {
    return getIntValue();
  }

  @Override
  protected boolean equalsDataCell(final DataCell dc) {
    return ((BooleanCell) dc).value == value;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(value);
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
