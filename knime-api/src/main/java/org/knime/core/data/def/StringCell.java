package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;

/** A cell holding text. */
public final class StringCell extends DataCell implements StringValue {
  private static final long serialVersionUID = 1L;

  /** The type of string columns. */
  public static final DataType TYPE = DataType.getType(StringCell.class);

  private final String value;

  /** @throws NullPointerException if the text is null (use a missing cell instead) */
  public StringCell(final String str) {
    if (str == null) {
      throw new NullPointerException("String value can't be null.");
    }
    this.value = str;
  }

  @Override
  public String getStringValue() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  protected boolean equalsDataCell(final DataCell dc) {
    return ((StringCell) dc).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
