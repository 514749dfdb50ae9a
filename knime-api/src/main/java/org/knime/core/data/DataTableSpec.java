package org.knime.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.swing.JComponent;
import org.knime.core.node.port.PortObjectSpec;

/** The structure of a table: a name and an ordered list of uniquely named columns. */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {
  private static final String DEFAULT_NAME = "default";

  private final String name;
  private final DataColumnSpec[] columns;
  private final Map<String, Integer> index = new HashMap<>();

  /** An empty spec. */
  public DataTableSpec() {
    this(DEFAULT_NAME, new DataColumnSpec[0]);
  }

  /**
   * @throws IllegalArgumentException if two columns share a name
   */
  public DataTableSpec(final DataColumnSpec... colSpecs) {
    this(DEFAULT_NAME, colSpecs);
  }

  /** The columns of the first spec followed by those of the second. */
  public DataTableSpec(final DataTableSpec spec1, final DataTableSpec spec2) {
    this(DEFAULT_NAME, concat(spec1, spec2));
  }

  /**
   * @param name the table name (null: {@code "default"})
   * @throws IllegalArgumentException if two columns share a name
   */
  public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
    this.name = name == null ? DEFAULT_NAME : name;
    this.columns = colSpecs.clone();
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == null) {
        throw new NullPointerException("column spec " + i + " is null");
      }
      Integer previous = index.put(columns[i].getName(), i);
      if (previous != null) {
        throw new IllegalArgumentException("Duplicate column name \"" + columns[i].getName()
            + "\" at positions " + previous + " and " + i + ".");
      }
    }
  }

  /** Columns of the given names and types. */
  public DataTableSpec(final String[] names, final DataType[] types) {
    this(DEFAULT_NAME, createColumnSpecs(names, types));
  }

  private static DataColumnSpec[] concat(DataTableSpec a, DataTableSpec b) {
    DataColumnSpec[] out = Arrays.copyOf(a.columns, a.columns.length + b.columns.length);
    System.arraycopy(b.columns, 0, out, a.columns.length, b.columns.length);
    return out;
  }

  /** @return one column spec per name and type */
  public static final DataColumnSpec[] createColumnSpecs(final String[] names,
      final DataType[] types) {
    if (names.length != types.length) {
      throw new IllegalArgumentException(
          names.length + " column names but " + types.length + " types");
    }
    DataColumnSpec[] out = new DataColumnSpec[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = new DataColumnSpecCreator(names[i], types[i]).createSpec();
    }
    return out;
  }

  /** @return whether a column has this name */
  public boolean containsName(final String columnName) {
    return index.containsKey(columnName);
  }

  /** @return whether some column's type is compatible with the value interface */
  public boolean containsCompatibleType(final Class<? extends DataValue> valueClass) {
    for (DataColumnSpec c : columns) {
      if (c.getType().isCompatible(valueClass)) {
        return true;
      }
    }
    return false;
  }

  /** @return the column's index, or -1 */
  public int findColumnIndex(final String columnName) {
    Integer i = columnName == null ? null : index.get(columnName);
    return i == null ? -1 : i;
  }

  /** @return the column names in order */
  public final String[] getColumnNames() {
    String[] out = new String[columns.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = columns[i].getName();
    }
    return out;
  }

  /** @throws ArrayIndexOutOfBoundsException for an index outside the columns */
  public DataColumnSpec getColumnSpec(final int index) {
    return columns[index];
  }

  /** @return the column of this name, or null */
  public DataColumnSpec getColumnSpec(final String column) {
    int i = findColumnIndex(column);
    return i < 0 ? null : columns[i];
  }

  /** @return the table name */
  public String getName() {
    return name;
  }

  /** @return the number of columns */
  public int getNumColumns() {
    return columns.length;
  }

  @Override
  public Iterator<DataColumnSpec> iterator() {
    return List.of(columns).iterator();
  }

  /** @return the columns as a stream */
  public Stream<DataColumnSpec> stream() {
    return Arrays.stream(columns);
  }

  /**
   * The name, or the name followed by {@code " (#k)"} with the smallest k ≥ 1 that is not a
   * column of the spec. The name is trimmed first.
   */
  public static String getUniqueColumnName(final DataTableSpec spec, final String columnName) {
    if (columnName == null) {
      throw new NullPointerException("Column name must not be null.");
    }
    String base = columnName.trim();
    String result = base;
    for (int k = 1; spec.containsName(result); k++) {
      result = base + " (#" + k + ")";
    }
    return result;
  }

  /** @return no views (this subset has no Swing views) */
  @Override
  public JComponent[] getViews() {
    return new JComponent[0];
  }

  /** Equal when the names and columns (name and type, in order) are equal. */
  @Override
  public boolean equals(final Object obj) {
    return obj instanceof DataTableSpec && ((DataTableSpec) obj).name.equals(name)
        && Arrays.equals(((DataTableSpec) obj).columns, columns);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(columns);
  }

  @Override
  public String toString() {
    return "name=" + name + ",columns=" + Arrays.toString(getColumnNames());
  }
}
