package org.knime.core.data;

import java.util.Objects;

/** The unique identifier of a table row. */
public final class RowKey {
  private final String id;

  /** @param id the row id; not null */
  public RowKey(final String id) {
    this.id = Objects.requireNonNull(id, "row id");
  }

  /** @return the row id */
  public String getString() {
    return id;
  }

  /** @return KNIME's default key of the row at this 0-based index: {@code "Row" + index} */
  public static RowKey createRowKey(final long rowIndex) {
    return new RowKey("Row" + rowIndex);
  }

  @Override
  public String toString() {
    return id;
  }

  @Override
  public boolean equals(final Object obj) {
    return obj instanceof RowKey && ((RowKey) obj).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
