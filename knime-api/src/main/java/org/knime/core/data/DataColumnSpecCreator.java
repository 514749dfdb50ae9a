package org.knime.core.data;

import java.util.concurrent.atomic.AtomicInteger;

/** Builds {@link DataColumnSpec}s. Names are trimmed; a blank name becomes {@code <empty_n>}. */
public final class DataColumnSpecCreator {
  private static final AtomicInteger EMPTY_NAMES = new AtomicInteger();

  private String name;
  private DataType type;

  /**
   * @throws NullPointerException if the name or type is null
   */
  public DataColumnSpecCreator(final String name, final DataType type) {
    setName(name);
    setType(type);
  }

  /** Starts from an existing spec. */
  public DataColumnSpecCreator(final DataColumnSpec cspec) {
    this(cspec.getName(), cspec.getType());
  }

  /** @throws NullPointerException if the name is null */
  public void setName(final String name) {
    if (name == null) {
      throw new NullPointerException("Name of DataColumnSpec must not be null!");
    }
    String trimmed = name.trim();
    this.name = trimmed.isEmpty() ? "<empty_" + EMPTY_NAMES.incrementAndGet() + ">" : trimmed;
  }

  /** @throws NullPointerException if the type is null */
  public void setType(final DataType type) {
    if (type == null) {
      throw new NullPointerException("Type of DataColumnSpec must not be null!");
    }
    this.type = type;
  }

  /** @return the type set so far */
  public DataType getType() {
    return type;
  }

  /** @return a new spec */
  public DataColumnSpec createSpec() {
    return new DataColumnSpec(name, type);
  }
}
