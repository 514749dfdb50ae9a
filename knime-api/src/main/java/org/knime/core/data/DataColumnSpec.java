package org.knime.core.data;

import java.util.Objects;

/** A column's name and type; created with {@link DataColumnSpecCreator}. */
public final class DataColumnSpec {
  private final String name;
  private final DataType type;

  DataColumnSpec(String name, DataType type) {
    this.name = name;
    this.type = type;
  }

  /** @return the column name */
  public String getName() {
    return name;
  }

  /** @return the column type */
  public DataType getType() {
    return type;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof DataColumnSpec && ((DataColumnSpec) o).name.equals(name)
        && ((DataColumnSpec) o).type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type);
  }

  @Override
  public String toString() {
    return "name=" + name + ",type=" + type;
  }
}
