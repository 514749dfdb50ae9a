package org.knime.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type of a column: a cell class and the value interfaces it implements. One instance per
 * cell class.
 */
public final class DataType {

  /** The one missing cell. */
  static final class MissingCell extends DataCell implements MissingValue {
    private static final long serialVersionUID = 1L;
    static final MissingCell INSTANCE = new MissingCell();

    private MissingCell() {}

    @Override
    public String getError() {
      return null;
    }

    @Override
    boolean isMissingInternal() {
      return true;
    }

    @Override
    public boolean equalsDataCell(final DataCell dc) {
      return true;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    @Override
    public String toString() {
      return "?";
    }
  }

  private static final Map<Class<? extends DataCell>, DataType> TYPES = new ConcurrentHashMap<>();

  private final Class<? extends DataCell> cellClass;
  private final List<Class<? extends DataValue>> valueClasses;

  private DataType(Class<? extends DataCell> cellClass) {
    this.cellClass = cellClass;
    Set<Class<? extends DataValue>> values = new LinkedHashSet<>();
    collectValues(cellClass, values);
    this.valueClasses = List.copyOf(values);
  }

  @SuppressWarnings("unchecked")
  private static void collectValues(Class<?> c, Set<Class<? extends DataValue>> out) {
    if (c == null) {
      return;
    }
    for (Class<?> i : c.getInterfaces()) {
      if (DataValue.class.isAssignableFrom(i) && i != DataValue.class) {
        out.add((Class<? extends DataValue>) i);
      }
      collectValues(i, out);
    }
    collectValues(c.getSuperclass(), out);
  }

  /** @return the type of cells of this class */
  public static DataType getType(final Class<? extends DataCell> cell) {
    Objects.requireNonNull(cell, "cell class");
    return TYPES.computeIfAbsent(cell, DataType::new);
  }

  /** @return the missing cell, a cell of any column */
  public static DataCell getMissingCell() {
    return MissingCell.INSTANCE;
  }

  /** @return whether cells of this type can be read as the value interface */
  public boolean isCompatible(final Class<? extends DataValue> valueClass) {
    return valueClass == DataValue.class || valueClasses.contains(valueClass);
  }

  /** @return whether this is a collection type (never, in this subset) */
  public boolean isCollectionType() {
    return false;
  }

  /** @return the element type of a collection type, else null */
  public DataType getCollectionElementType() {
    return null;
  }

  /** @return the value interfaces the cell class implements */
  public List<Class<? extends DataValue>> getValueClasses() {
    return Collections.unmodifiableList(new ArrayList<>(valueClasses));
  }

  /** @return the first value interface of the cell class, or DataValue */
  public Class<? extends DataValue> getPreferredValueClass() {
    return valueClasses.isEmpty() ? DataValue.class : valueClasses.get(0);
  }

  /** @return the cell class */
  public Class<? extends DataCell> getCellClass() {
    return cellClass;
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof DataType && ((DataType) other).cellClass.equals(cellClass);
  }

  @Override
  public int hashCode() {
    return cellClass.hashCode();
  }

  @Override
  public String toString() {
    return cellClass.getSimpleName();
  }
}
