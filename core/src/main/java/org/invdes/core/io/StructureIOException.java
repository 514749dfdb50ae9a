package org.invdes.core.io;

import java.io.IOException;
import java.util.Objects;

/**
 * A structure file could not be read (or written): the file is malformed, describes something
 * impossible, or the underlying I/O failed.
 *
 * <p>The exception carries where the problem is, so that a person can find and fix it: the
 * {@linkplain #source() source} (usually a file name), the {@linkplain #block() data block} when
 * the format has blocks, and the 1-based {@linkplain #line() line} and {@linkplain #column()
 * column} (0 when not known). {@link #getMessage()} combines them with the {@linkplain #detail()
 * detail}, for example {@code malformed.cif line 12, column 1 (data_nice): unterminated quoted
 * string starting 'x,y}.
 *
 * <p>It is an {@link IOException} so that code which already handles I/O failures handles it too.
 */
public class StructureIOException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Name of the file or stream being read. */
    private final String source;
    /** Data block of the problem, or null. */
    private final String block;
    /** 1-based line, 0 when not known. */
    private final int line;
    /** 1-based column, 0 when not known. */
    private final int column;
    /** The problem without its location. */
    private final String detail;

    /**
     * Creates an exception for a problem at a known place.
     *
     * @param source name of the file or stream being read, not null (may be empty)
     * @param block name of the data block the problem is in, or null when none applies
     * @param line 1-based line number, or 0 when not known
     * @param column 1-based column number in UTF-16 code units, or 0 when not known
     * @param detail what is wrong, written for a person, not null
     * @throws IllegalArgumentException if line or column is negative
     */
    public StructureIOException(String source, String block, int line, int column, String detail) {
        this(source, block, line, column, detail, null);
    }

    /**
     * Creates an exception for a problem at a known place with an underlying cause.
     *
     * @param source name of the file or stream being read, not null (may be empty)
     * @param block name of the data block the problem is in, or null when none applies
     * @param line 1-based line number, or 0 when not known
     * @param column 1-based column number in UTF-16 code units, or 0 when not known
     * @param detail what is wrong, written for a person, not null
     * @param cause the underlying exception, or null
     * @throws IllegalArgumentException if line or column is negative
     */
    public StructureIOException(
            String source, String block, int line, int column, String detail, Throwable cause) {
        super(format(source, block, line, column, detail), cause);
        this.source = source;
        this.block = block;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /**
     * Formats a location and a detail the way {@link #getMessage()} does:
     * {@code source line L, column C (data_block): detail}, leaving out the parts that are not
     * known.
     *
     * @param source name of the file or stream, not null
     * @param block data block name, or null
     * @param line 1-based line, or 0 when not known
     * @param column 1-based column, or 0 when not known
     * @param detail what is wrong, not null
     * @return the formatted message
     * @throws IllegalArgumentException if line or column is negative
     */
    public static String format(String source, String block, int line, int column, String detail) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException(
                    "line and column must be >= 0 (0 = unknown), got line " + line + ", column " + column);
        }
        StringBuilder sb = new StringBuilder(source.length() + detail.length() + 32);
        sb.append(source.isEmpty() ? "<input>" : source);
        if (line > 0) {
            sb.append(" line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
        }
        if (block != null && !block.isEmpty()) {
            sb.append(" (data_").append(block).append(')');
        }
        return sb.append(": ").append(detail).toString();
    }

    /** @return name of the file or stream that was being read, never null */
    public String source() {
        return source;
    }

    /** @return name of the data block the problem is in, or null when none applies */
    public String block() {
        return block;
    }

    /** @return 1-based line of the problem, or 0 when not known */
    public int line() {
        return line;
    }

    /** @return 1-based column (UTF-16 code units) of the problem, or 0 when not known */
    public int column() {
        return column;
    }

    /** @return the description of the problem without its location */
    public String detail() {
        return detail;
    }
}
