package org.knime.core.data;

import java.io.Serializable;

/**
 * An immutable table cell. Two cells are equal when both are missing, or when they are of the same
 * class and {@link #equalsDataCell} says so.
 */
public abstract class DataCell implements DataValue, Serializable {
  private static final long serialVersionUID = 1L;

  /** @return the type of this cell's class */
  public final DataType getType() {
    return DataType.getType(getClass());
  }

  /** @return whether this is a missing cell ({@link DataType#getMissingCell()}) */
  public boolean isMissing() {
    return isMissingInternal();
  }

  boolean isMissingInternal() {
    return false;
  }

  @Override
  public abstract String toString();

  @Override
  public final boolean equals(final Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DataCell)) {
      return false;
    }
    DataCell other = (DataCell) o;
    if (isMissing() || other.isMissing()) {
      return isMissing() && other.isMissing();
    }
    return getClass().equals(other.getClass()) && equalsDataCell(other);
  }

  /** @param dc a non-missing cell of this cell's class */
  protected abstract boolean equalsDataCell(final DataCell dc);

  @Override
  public abstract int hashCode();
}
