package org.invdes.core.io;

import java.util.Objects;

/**
 * One problem found while reading a structure file.
 *
 * <p>Readers report {@link Severity#WARNING warnings} for problems they recovered from and an
 * {@link Severity#ERROR error} for the problem that made them give up (which they then also throw
 * as a {@link StructureIOException}).
 *
 * @param severity how bad the problem is, not null
 * @param source name of the file or stream being read, not null (may be empty)
 * @param block name of the data block the problem is in, or null when none applies
 * @param line 1-based line number, or 0 when not known
 * @param column 1-based column number in UTF-16 code units, or 0 when not known
 * @param message what is wrong, written for a person, not null
 */
public record Diagnostic(
        Severity severity, String source, String block, int line, int column, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** The reader recovered and went on; the result may lack or guess some data. */
        WARNING,
        /** The reader gave up. */
        ERROR
    }

    /**
     * Validates the components.
     *
     * @param severity how bad the problem is, not null
     * @param source name of the file or stream being read, not null (may be empty)
     * @param block name of the data block the problem is in, or null when none applies
     * @param line 1-based line number, or 0 when not known
     * @param column 1-based column number in UTF-16 code units, or 0 when not known
     * @param message what is wrong, written for a person, not null
     * @throws NullPointerException if severity, source or message is null
     * @throws IllegalArgumentException if line or column is negative
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException(
                    "line and column must be >= 0 (0 = unknown), got line " + line + ", column " + column);
        }
    }

    /**
     * Creates a warning.
     *
     * @param source name of the file or stream, not null
     * @param block data block name, or null
     * @param line 1-based line, or 0 when not known
     * @param column 1-based column, or 0 when not known
     * @param message what is wrong, not null
     * @return the diagnostic
     */
    public static Diagnostic warning(String source, String block, int line, int column, String message) {
        return new Diagnostic(Severity.WARNING, source, block, line, column, message);
    }

    /**
     * Creates an error.
     *
     * @param source name of the file or stream, not null
     * @param block data block name, or null
     * @param line 1-based line, or 0 when not known
     * @param column 1-based column, or 0 when not known
     * @param message what is wrong, not null
     * @return the diagnostic
     */
    public static Diagnostic error(String source, String block, int line, int column, String message) {
        return new Diagnostic(Severity.ERROR, source, block, line, column, message);
    }

    /**
     * Formats the diagnostic the way compilers do, {@code source:line:col: message}.
     *
     * @return the formatted diagnostic
     */
    @Override
    public String toString() {
        return source + ':' + line + ':' + column + ": " + message;
    }
}
