package org.invdes.core.io.cif;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A CIF {@code loop_}: a table whose columns are data names (tags) and whose rows hold one value
 * per tag.
 *
 * <p>Tags are compared ignoring case. Values are stored row by row in one array, so column and row
 * views are cheap. Line numbers are 1-based; 0 for loops built in code.
 *
 * <p>Equality is exact on the tags (as written) and values; line numbers are not part of it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CifLoop {

    private final List<String> tags;
    /** Folded tags, by column. */
    private final String[] keys;
    private final int[] tagLines;
    /** Lower-cased tag → column; for a tag listed twice, the last column. */
    private final Map<String, Integer> columnIndex;
    /** Row-major values: row r, column c at r * tags.size() + c. */
    private final CifValue[] values;
    private final int[] rowLines;
    private final int line;

    /**
     * Used by the parser and {@link #of}: all arguments are owned by the new loop.
     *
     * @param keys the folded tags, by column
     * @param columnIndex folded tag → column (for a tag listed twice, the later column)
     */
    CifLoop(List<String> tags, String[] keys, Map<String, Integer> columnIndex, int[] tagLines,
            CifValue[] values, int[] rowLines, int line) {
        this.tags = Collections.unmodifiableList(tags);
        this.keys = keys;
        this.columnIndex = columnIndex;
        this.tagLines = tagLines;
        this.values = values;
        this.rowLines = rowLines;
        this.line = line;
    }

    /**
     * Creates a loop from rows of values.
     *
     * @param tags the data names, at least one, each starting with {@code _}, no whitespace, no two
     *     equal ignoring case
     * @param rows the rows, each with exactly one value per tag (copied)
     * @return the loop
     * @throws IllegalArgumentException if a tag is malformed or repeated, or a row has the wrong
     *     length (the message names the tag or row)
     */
    public static CifLoop of(List<String> tags, List<List<CifValue>> rows) {
        List<String> tagCopy = List.copyOf(tags);
        if (tagCopy.isEmpty()) {
            throw new IllegalArgumentException("a CIF loop needs at least one data name");
        }
        Map<String, Integer> index = new HashMap<>();
        String[] keys = new String[tagCopy.size()];
        for (int c = 0; c < tagCopy.size(); c++) {
            String tag = tagCopy.get(c);
            CifBlock.checkTag(tag);
            keys[c] = CifValue.fold(tag);
            Integer previous = index.put(keys[c], c);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "data name " + tag + " appears twice in the loop (also as " + tagCopy.get(previous) + ")");
            }
        }
        int width = tagCopy.size();
        CifValue[] values = new CifValue[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            List<CifValue> row = rows.get(r);
            if (row.size() != width) {
                throw new IllegalArgumentException("row " + r + " of the loop of " + tagCopy.get(0)
                        + " has " + row.size() + " values, expected " + width);
            }
            for (int c = 0; c < width; c++) {
                values[r * width + c] = Objects.requireNonNull(row.get(c),
                        "value of " + tagCopy.get(c) + " in row " + r);
            }
        }
        return new CifLoop(new ArrayList<>(tagCopy), keys, index, new int[width], values, new int[rows.size()], 0);
    }

    /** @return the data names in column order, as written (unmodifiable) */
    public List<String> tags() {
        return tags;
    }

    /** @return the number of columns (data names) */
    public int tagCount() {
        return tags.size();
    }

    /** @return the number of rows */
    public int rowCount() {
        return rowLines.length;
    }

    /** @return 1-based line of the {@code loop_} keyword, or 0 for loops built in code */
    public int line() {
        return line;
    }

    /**
     * @param row 0-based row index
     * @return 1-based line on which the row's first value starts, or 0 for loops built in code
     * @throws IndexOutOfBoundsException if the row does not exist
     */
    public int rowLine(int row) {
        Objects.checkIndex(row, rowLines.length);
        return rowLines[row];
    }

    /**
     * @param column 0-based column index
     * @return 1-based line of the column's data name in the loop header, or 0 if built in code
     * @throws IndexOutOfBoundsException if the column does not exist
     */
    public int tagLine(int column) {
        Objects.checkIndex(column, tagLines.length);
        return tagLines[column];
    }

    /**
     * @param tag a data name, case ignored
     * @return true if the loop has a column for the tag
     */
    public boolean has(String tag) {
        return columnIndex.containsKey(CifValue.fold(tag));
    }

    /**
     * @param tag a data name, case ignored
     * @return the 0-based column of the tag, or -1 if the loop has no such column
     */
    public int columnIndex(String tag) {
        return columnOfKey(CifValue.fold(tag));
    }

    /** @return the folded tag of a column */
    String key(int column) {
        return keys[column];
    }

    /** @return the column of an already folded tag, or -1 */
    int columnOfKey(String key) {
        Integer c = columnIndex.get(key);
        return c == null ? -1 : c;
    }

    /**
     * @param row 0-based row index
     * @param column 0-based column index
     * @return the value
     * @throws IndexOutOfBoundsException if the row or column does not exist
     */
    public CifValue get(int row, int column) {
        Objects.checkIndex(row, rowLines.length);
        Objects.checkIndex(column, tags.size());
        return values[row * tags.size() + column];
    }

    /**
     * @param row 0-based row index
     * @param tag a data name of this loop, case ignored
     * @return the value
     * @throws IllegalArgumentException if the loop has no such tag
     * @throws IndexOutOfBoundsException if the row does not exist
     */
    public CifValue get(int row, String tag) {
        return get(row, requireColumn(tag));
    }

    /**
     * @param tag a data name of this loop, case ignored
     * @return the column's values in row order (an unmodifiable view)
     * @throws IllegalArgumentException if the loop has no such tag
     */
    public List<CifValue> column(String tag) {
        return column(requireColumn(tag));
    }

    /**
     * @param column 0-based column index
     * @return the column's values in row order (an unmodifiable view)
     * @throws IndexOutOfBoundsException if the column does not exist
     */
    public List<CifValue> column(int column) {
        Objects.checkIndex(column, tags.size());
        return new Slice(column, tags.size(), rowLines.length);
    }

    /**
     * @param row 0-based row index
     * @return the row's values in column order (an unmodifiable view)
     * @throws IndexOutOfBoundsException if the row does not exist
     */
    public List<CifValue> row(int row) {
        Objects.checkIndex(row, rowLines.length);
        return new Slice(row * tags.size(), 1, tags.size());
    }

    private int requireColumn(String tag) {
        int c = columnIndex(tag);
        if (c < 0) {
            throw new IllegalArgumentException("the loop of " + tags.get(0)
                    + (line > 0 ? " (line " + line + ")" : "") + " has no data name " + tag);
        }
        return c;
    }

    /** A strided read-only view of the value array. */
    private final class Slice extends AbstractList<CifValue> implements RandomAccess {
        private final int start;
        private final int stride;
        private final int size;

        Slice(int start, int stride, int size) {
            this.start = start;
            this.stride = stride;
            this.size = size;
        }

        @Override
        public CifValue get(int index) {
            Objects.checkIndex(index, size);
            return values[start + index * stride];
        }

        @Override
        public int size() {
            return size;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof CifLoop other && tags.equals(other.tags) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * tags.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CifLoop" + tags + " with " + rowCount() + " rows" + (line > 0 ? " at line " + line : "");
    }
}
