package org.knime.core.data;

/**
 * The marker interface of everything a cell can be read as. A column's type is compatible with a
 * value interface when its cell class implements it.
 */
public interface DataValue {
}
