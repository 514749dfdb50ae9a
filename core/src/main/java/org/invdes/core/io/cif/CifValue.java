package org.invdes.core.io.cif;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One CIF data value: a string in one of its CIF forms, one of the two placeholders {@code ?} and
 * {@code .}, or (CIF 2.0) a list or table of values.
 *
 * <p>A value knows its {@linkplain #kind() kind}, its {@linkplain #text() text} (the content
 * without delimiters), its {@linkplain #raw() raw} form (as written in the source, delimiters
 * included) and where it starts ({@linkplain #line() line}, {@linkplain #column() column}; both 0
 * for values built in code).
 *
 * <p>The unquoted placeholders are distinct kinds: a bare {@code ?} is {@link Kind#UNKNOWN}, a
 * bare {@code .} is {@link Kind#INAPPLICABLE}, but {@code '?'} is a {@link Kind#QUOTED} string
 * whose text is {@code ?}.
 *
 * <p>Equality is exact on the content: kind, text and elements. The position and the choice of
 * delimiter (for instance {@code 'a'} or {@code "a"}) are not part of it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CifValue {

    /** The syntactic form of a value. */
    public enum Kind {
        /** A string written without delimiters, such as {@code 5.4307(2)} or {@code C1}. */
        UNQUOTED,
        /** A string in single or double quotes (CIF 2.0: also in triple quotes). */
        QUOTED,
        /** A semicolon-delimited text field, usually several lines long. */
        TEXT_FIELD,
        /** The unquoted placeholder {@code ?}: the value is unknown. */
        UNKNOWN,
        /** The unquoted placeholder {@code .}: no value applies. */
        INAPPLICABLE,
        /** A CIF 2.0 list {@code [ v1 v2 ... ]}. */
        LIST,
        /** A CIF 2.0 table {@code { 'key':value ... }}. */
        TABLE
    }

    private final Kind kind;
    /** Content for the scalar kinds; null for LIST and TABLE. */
    private final String text;
    /** Source form; for parsed values the exact source characters. */
    private final String raw;
    private final List<CifValue> list;
    private final Map<String, CifValue> table;
    private final int line;
    private final int column;

    private CifValue(Kind kind, String text, String raw, List<CifValue> list,
            Map<String, CifValue> table, int line, int column) {
        this.kind = kind;
        this.text = text;
        this.raw = raw;
        this.list = list;
        this.table = table;
        this.line = line;
        this.column = column;
    }

    // ---------------------------------------------------------------------------------------
    // Factories used by the parser: no validation beyond what the tokenizer guarantees.

    static CifValue parsedScalar(Kind kind, String text, String raw, int line, int column) {
        return new CifValue(kind, text, raw, null, null, line, column);
    }

    static CifValue parsedList(List<CifValue> items, String raw, int line, int column) {
        return new CifValue(Kind.LIST, null, raw, Collections.unmodifiableList(items), null, line, column);
    }

    static CifValue parsedTable(Map<String, CifValue> entries, String raw, int line, int column) {
        return new CifValue(Kind.TABLE, null, raw, null, Collections.unmodifiableMap(entries), line, column);
    }

    // ---------------------------------------------------------------------------------------
    // Public factories: validate and build a raw form that reads back as the same value.

    /**
     * Creates an unquoted string value.
     *
     * @param text the value, written as is: not empty, no whitespace, not starting with one of
     *     {@code _ # $ ' " ; [ ]}, not a reserved word ({@code data_...}, {@code save_...},
     *     {@code loop_}, {@code global_}, {@code stop_}) and not {@code ?} or {@code .} (use
     *     {@link #unknown} and {@link #inapplicable})
     * @param line 1-based source line, or 0 if none
     * @param column 1-based source column, or 0 if none
     * @return the value
     * @throws IllegalArgumentException if the text cannot be written unquoted (the message names it)
     */
    public static CifValue unquoted(String text, int line, int column) {
        Objects.requireNonNull(text, "text");
        checkPosition(line, column);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an unquoted CIF value cannot be empty; use quoted(\"\")");
        }
        if (text.equals("?") || text.equals(".")) {
            throw new IllegalArgumentException(
                    "unquoted '" + text + "' is a placeholder; use unknown() or inapplicable()");
        }
        for (int i = 0; i < text.length(); i++) {
            if (CifChars.isWhitespace(text.charAt(i))) {
                throw new IllegalArgumentException(
                        "an unquoted CIF value cannot contain whitespace: '" + text + "'");
            }
        }
        if ("_#$'\";[]".indexOf(text.charAt(0)) >= 0) {
            throw new IllegalArgumentException(
                    "an unquoted CIF value cannot start with '" + text.charAt(0) + "': '" + text + "'");
        }
        if (CifChars.isReservedWord(text)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is a CIF reserved word and cannot be an unquoted value");
        }
        return new CifValue(Kind.UNQUOTED, text, text, null, null, line, column);
    }

    /**
     * Creates a quoted string value. Its raw form uses single quotes, or double quotes when the
     * text contains a single quote.
     *
     * @param text the value: any single-line text that does not contain both kinds of quote
     * @param line 1-based source line, or 0 if none
     * @param column 1-based source column, or 0 if none
     * @return the value
     * @throws IllegalArgumentException if the text contains a line break or both {@code '} and
     *     {@code "} (use {@link #textField})
     */
    public static CifValue quoted(String text, int line, int column) {
        checkPosition(line, column);
        return new CifValue(Kind.QUOTED, text, quote(text), null, null, line, column);
    }

    /**
     * Creates a text-field value. Its raw form is {@code ;}, a line break, the text, a line break
     * and {@code ;}, which reads back as the same text.
     *
     * @param text the value, with lines separated by {@code \n}; no line of it (including the
     *     first) may start with {@code ;}, and it may not contain {@code \r}
     * @param line 1-based source line, or 0 if none
     * @param column 1-based source column, or 0 if none
     * @return the value
     * @throws IllegalArgumentException if the text cannot be written as a text field
     */
    public static CifValue textField(String text, int line, int column) {
        Objects.requireNonNull(text, "text");
        checkPosition(line, column);
        if (text.startsWith(";") || text.contains("\n;")) {
            throw new IllegalArgumentException(
                    "a line of a CIF text field cannot start with ';': " + abbreviate(text));
        }
        if (text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                    "separate the lines of a text field with \\n only, not \\r: " + abbreviate(text));
        }
        return new CifValue(Kind.TEXT_FIELD, text, ";\n" + text + "\n;", null, null, line, column);
    }

    /**
     * Creates the placeholder {@code ?} (value unknown).
     *
     * @param line 1-based source line, or 0 if none
     * @param column 1-based source column, or 0 if none
     * @return the value
     */
    public static CifValue unknown(int line, int column) {
        checkPosition(line, column);
        return new CifValue(Kind.UNKNOWN, "?", "?", null, null, line, column);
    }

    /**
     * Creates the placeholder {@code .} (no value applies).
     *
     * @param line 1-based source line, or 0 if none
     * @param column 1-based source column, or 0 if none
     * @return the value
     */
    public static CifValue inapplicable(int line, int column) {
        checkPosition(line, column);
        return new CifValue(Kind.INAPPLICABLE, ".", ".", null, null, line, column);
    }

    /**
     * Creates a CIF 2.0 list.
     *
     * @param items the elements in order, none null (copied)
     * @param line 1-based source line, or 0 if none
     * @param column 1-based source column, or 0 if none
     * @return the value
     */
    public static CifValue list(List<CifValue> items, int line, int column) {
        checkPosition(line, column);
        List<CifValue> copy = List.copyOf(items);
        StringBuilder sb = new StringBuilder("[");
        for (CifValue item : copy) {
            appendElement(sb, item);
        }
        sb.append(sb.length() == 1 ? "]" : " ]");
        return new CifValue(Kind.LIST, null, sb.toString(), copy, null, line, column);
    }

    /**
     * Creates a CIF 2.0 table.
     *
     * @param entries the entries in the order to keep, keys and values not null (copied); keys
     *     are case-sensitive and must be single-line text without both kinds of quote
     * @param line 1-based source line, or 0 if none
     * @param column 1-based source column, or 0 if none
     * @return the value
     * @throws IllegalArgumentException if a key cannot be written as a quoted string
     */
    public static CifValue table(Map<String, CifValue> entries, int line, int column) {
        checkPosition(line, column);
        Map<String, CifValue> copy = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, CifValue> e : entries.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "table key");
            CifValue value = Objects.requireNonNull(e.getValue(), "table value of key " + key);
            copy.put(key, value);
            sb.append(' ').append(quote(key)).append(':');
            if (value.kind == Kind.TEXT_FIELD) {
                sb.append('\n').append(value.raw).append('\n');
            } else {
                sb.append(value.raw);
            }
        }
        sb.append(sb.length() == 1 ? "}" : " }");
        return new CifValue(Kind.TABLE, null, sb.toString(), null,
                Collections.unmodifiableMap(copy), line, column);
    }

    private static void appendElement(StringBuilder sb, CifValue item) {
        Objects.requireNonNull(item, "list element");
        if (item.kind == Kind.TEXT_FIELD) {
            sb.append('\n').append(item.raw).append('\n');
        } else {
            sb.append(' ').append(item.raw);
        }
    }

    private static String quote(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                    "a quoted CIF string cannot contain a line break; use textField(): " + abbreviate(text));
        }
        boolean single = text.indexOf('\'') >= 0;
        boolean dbl = text.indexOf('"') >= 0;
        if (single && dbl) {
            throw new IllegalArgumentException(
                    "a quoted CIF string cannot contain both ' and \"; use textField(): " + abbreviate(text));
        }
        char q = single ? '"' : '\'';
        return q + text + q;
    }

    private static void checkPosition(int line, int column) {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException(
                    "line and column must be >= 0 (0 = none), got line " + line + ", column " + column);
        }
    }

    static String abbreviate(String s) {
        String oneLine = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + oneLine.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    // ---------------------------------------------------------------------------------------

    /** @return the syntactic form of the value */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the content of the value without delimiters.
     *
     * <ul>
     *   <li>{@link Kind#UNQUOTED}: the characters as written.
     *   <li>{@link Kind#QUOTED}: the characters between the quotes (CIF has no escapes).
     *   <li>{@link Kind#TEXT_FIELD}: the characters between the opening {@code ;} and the line
     *       break before the closing {@code ;}, with line breaks normalised to {@code \n}; when the
     *       opening {@code ;} is the whole of its line, that first line break is dropped.
     *   <li>{@link Kind#UNKNOWN}, {@link Kind#INAPPLICABLE}: {@code ?} and {@code .}.
     *   <li>{@link Kind#LIST}, {@link Kind#TABLE}: the {@linkplain #raw() raw} form.
     * </ul>
     *
     * @return the text, never null
     */
    public String text() {
        return text != null ? text : raw;
    }

    /**
     * Returns the value as written in the source, delimiters included (quotes, the semicolon
     * lines of a text field, brackets and any comments inside a list). Values built with the
     * public factories have a generated CIF form that reads back as the same value.
     *
     * @return the raw form, never null
     */
    public String raw() {
        return raw;
    }

    /** @return 1-based line where the value starts, or 0 for values built in code */
    public int line() {
        return line;
    }

    /** @return 1-based column (UTF-16 code units) where the value starts, or 0 if not parsed */
    public int column() {
        return column;
    }

    /** @return true for the placeholders {@code ?} and {@code .} (unquoted only) */
    public boolean isPlaceholder() {
        return kind == Kind.UNKNOWN || kind == Kind.INAPPLICABLE;
    }

    /**
     * Returns the elements of a list.
     *
     * @return the elements in order (unmodifiable)
     * @throws IllegalStateException if this value is not a {@link Kind#LIST}
     */
    public List<CifValue> list() {
        if (kind != Kind.LIST) {
            throw new IllegalStateException("CIF value " + abbreviate(raw) + " is " + kind + ", not a LIST");
        }
        return list;
    }

    /**
     * Returns the entries of a table, in source order; keys are case-sensitive.
     *
     * @return the entries (unmodifiable)
     * @throws IllegalStateException if this value is not a {@link Kind#TABLE}
     */
    public Map<String, CifValue> table() {
        if (kind != Kind.TABLE) {
            throw new IllegalStateException("CIF value " + abbreviate(raw) + " is " + kind + ", not a TABLE");
        }
        return table;
    }

    /**
     * Reads the value as a CIF number, ignoring its standard uncertainty: {@code 5.4307(2)} gives
     * 5.4307, {@code -0.25(3)} gives -0.25, {@code 1.2e-3(4)} gives 0.0012.
     *
     * <p>Only {@link Kind#UNQUOTED} and {@link Kind#QUOTED} values can be numbers. The accepted
     * form is the CIF numeric syntax: optional sign, digits with at most one decimal point (at
     * least one digit), optional exponent {@code e}/{@code E} with optional sign and digits, then
     * optionally the standard uncertainty as digits in parentheses. Anything else (including
     * {@code 1/2}, {@code NaN}, hexadecimal, surrounding whitespace) is not a number, and nor is a
     * number too large for a double.
     *
     * @return the number, or empty if the value is not a number
     */
    public OptionalDouble number() {
        if (kind != Kind.UNQUOTED && kind != Kind.QUOTED) {
            return OptionalDouble.empty();
        }
        return CifNumbers.value(text);
    }

    /**
     * Reads the standard uncertainty of a CIF number, in the units of the number: the digits in
     * parentheses apply to the last digits of the mantissa, so {@code 5.4307(2)} gives 0.0002,
     * {@code 2785(2)} gives 2 and {@code 1.2e-3(4)} gives 0.0004.
     *
     * @return the uncertainty, or empty if the value is not a number or has no uncertainty
     */
    public OptionalDouble uncertainty() {
        if (kind != Kind.UNQUOTED && kind != Kind.QUOTED) {
            return OptionalDouble.empty();
        }
        return CifNumbers.uncertainty(text);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CifValue other)) {
            return false;
        }
        return kind == other.kind
                && Objects.equals(text, other.text)
                && Objects.equals(list, other.list)
                && Objects.equals(table, other.table);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, list, table);
    }

    /** @return the raw CIF form, see {@link #raw()} */
    @Override
    public String toString() {
        return raw;
    }

    /**
     * Lower-cases a data name or block code the way CIF compares them (ASCII and Unicode simple
     * case mapping, locale-independent).
     */
    static String fold(String name) {
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }
}
