package org.invdes.core.io.cif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits CIF text held in a char array into tokens: block and frame headers, reserved words,
 * data names and values. CIF 2.0 lists and tables are read here too, as single value tokens.
 *
 * <p>The lexer works on one token at a time: {@link #next()} reads the next token into the public
 * fields {@link #type}, {@link #line}, {@link #column}, {@link #text} and {@link #value}. No
 * regular expressions; every loop advances the position, so every input ends in time linear in its
 * length. Nesting of lists and tables is bounded by {@link CifParser#MAX_NESTING_DEPTH}.
 */
final class CifLexer {

    static final int EOF = 0;
    /** {@code data_name}; {@link #text} is the name. */
    static final int DATA = 1;
    /** {@code save_name}; {@link #text} is the name. */
    static final int SAVE_HEAD = 2;
    /** {@code save_} alone. */
    static final int SAVE_END = 3;
    static final int LOOP = 4;
    static final int GLOBAL = 5;
    static final int STOP = 6;
    /** A data name; {@link #text} is the name with its underscore. */
    static final int TAG = 7;
    /** A value; {@link #value} holds it. */
    static final int VALUE = 8;

    private static final int PREVIEW_CHARS = 30;

    private final char[] buf;
    private final int end;
    private final boolean cif2;
    private final Problems problems;

    private int pos;
    private int curLine = 1;
    /** Index of the first character of the current line. */
    private int lineStart;

    /** Type of the current token. */
    int type;
    /** 1-based line of the current token. */
    int line;
    /** 1-based column of the current token. */
    int column;
    /** Name of the current DATA, SAVE_HEAD or TAG token. */
    String text;
    /** The current TAG token's name folded to lower case, for case-insensitive lookup. */
    String key;
    /** Value of the current VALUE token. */
    CifValue value;

    CifLexer(char[] buf, int start, int end, boolean cif2, Problems problems) {
        this.buf = buf;
        this.pos = start;
        this.lineStart = start;
        this.end = end;
        this.cif2 = cif2;
        this.problems = problems;
    }

    private int col() {
        return pos - lineStart + 1;
    }

    /** Reads the next token. */
    void next() throws CifSyntaxException {
        text = null;
        key = null;
        value = null;
        for (;;) {
            skipSpace();
            line = curLine;
            column = col();
            if (pos >= end) {
                type = EOF;
                return;
            }
            char c = buf[pos];
            if (c == ';' && pos == lineStart) {
                type = VALUE;
                value = readTextField();
                return;
            }
            if (c == '\'' || c == '"') {
                type = VALUE;
                value = readQuoted(false);
                return;
            }
            if (c == '_') {
                int s = pos;
                boolean fold = false;
                final char[] b = buf;
                final int n = end;
                int p = pos;
                while (p < n) {
                    char t = b[p];
                    if (t <= ' ' && CifChars.isWhitespace(t)) {
                        break;
                    }
                    fold |= (t >= 'A' && t <= 'Z') || t >= 0x80;
                    p++;
                }
                pos = p;
                if (pos - s == 1) {
                    problems.violation(line, column, "data name '_' has nothing after the underscore",
                            "skipped it");
                    continue;
                }
                type = TAG;
                text = new String(buf, s, pos - s);
                key = fold ? fold(s, pos, text) : text;
                return;
            }
            if (cif2) {
                if (c == '[') {
                    type = VALUE;
                    value = readList(0);
                    return;
                }
                if (c == '{') {
                    type = VALUE;
                    value = readTable(0);
                    return;
                }
                if (c == ']' || c == '}') {
                    problems.violation(line, column, "'" + c + "' without an open " + (c == ']' ? "list" : "table"),
                            "skipped it");
                    pos++;
                    continue;
                }
            }
            readWord();
            return;
        }
    }

    /** Lower-cases {@code buf[s, e)}, whose string is {@code text} and which has upper-case or non-ASCII letters. */
    private String fold(int s, int e, String text) {
        for (int i = s; i < e; i++) {
            if (buf[i] >= 0x80) {
                return CifValue.fold(text);
            }
        }
        char[] lower = new char[e - s];
        for (int i = s; i < e; i++) {
            char c = buf[i];
            lower[i - s] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(lower);
    }

    /** Skips whitespace and comments. A comment starts at a '#' where a token could start. */
    private void skipSpace() {
        final char[] b = buf;
        final int n = end;
        int p = pos;
        while (p < n) {
            char c = b[p];
            if (c == ' ' || c == '\t') {
                p++;
            } else if (c == '\n' || c == '\r') {
                p += (c == '\r' && p + 1 < n && b[p + 1] == '\n') ? 2 : 1;
                curLine++;
                lineStart = p;
            } else if (c == '#') {
                while (p < n && b[p] != '\n' && b[p] != '\r') {
                    p++;
                }
            } else {
                break;
            }
        }
        pos = p;
    }

    /** Consumes one line terminator (LF, CR or CR LF) at pos. */
    private void consumeEol() {
        if (buf[pos] == '\r' && pos + 1 < end && buf[pos + 1] == '\n') {
            pos += 2;
        } else {
            pos++;
        }
        curLine++;
        lineStart = pos;
    }

    /** Moves pos to newPos, counting the line terminators passed. */
    private void advanceTo(int newPos) {
        while (pos < newPos) {
            char c = buf[pos];
            if (c == '\n' || c == '\r') {
                consumeEol();
            } else {
                pos++;
            }
        }
    }

    private boolean isWordEnd(char c) {
        return CifChars.isWhitespace(c) || (cif2 && (c == '[' || c == ']' || c == '{' || c == '}'));
    }

    /** Scans an unquoted token from pos; returns its end. */
    private int scanWord() {
        final char[] b = buf;
        final int n = end;
        int p = pos;
        if (cif2) {
            while (p < n && !isWordEnd(b[p])) {
                p++;
            }
        } else {
            while (p < n) {
                char c = b[p];
                if (c <= ' ' && CifChars.isWhitespace(c)) {
                    break;
                }
                p++;
            }
        }
        return p;
    }

    /** Reads an unquoted token at top level: a reserved word, a placeholder or an unquoted string. */
    private void readWord() throws CifSyntaxException {
        int s = pos;
        pos = scanWord();
        int e = pos;
        if (e - s < 5 || !CifChars.mayStartReservedWord(buf[s])) {
            type = VALUE;
            value = bareValue(s, e, line, column);
        } else if (CifChars.regionStartsWithIgnoreCase(buf, s, e, "data_")) {
            type = DATA;
            text = new String(buf, s + 5, e - s - 5);
        } else if (CifChars.regionStartsWithIgnoreCase(buf, s, e, "save_")) {
            type = e - s == 5 ? SAVE_END : SAVE_HEAD;
            text = new String(buf, s + 5, e - s - 5);
        } else if (CifChars.regionEqualsIgnoreCase(buf, s, e, "loop_")) {
            type = LOOP;
        } else if (CifChars.regionEqualsIgnoreCase(buf, s, e, "global_")) {
            type = GLOBAL;
        } else if (CifChars.regionEqualsIgnoreCase(buf, s, e, "stop_")) {
            type = STOP;
        } else {
            type = VALUE;
            value = bareValue(s, e, line, column);
        }
        checkOpeningBracketAfter(s, e);
    }

    /** Makes the value of an unquoted token, which is known not to be a reserved word or tag. */
    private CifValue bareValue(int s, int e, int tokLine, int tokCol) {
        if (e - s == 1 && buf[s] == '?') {
            return CifValue.parsedScalar(CifValue.Kind.UNKNOWN, "?", "?", tokLine, tokCol);
        }
        if (e - s == 1 && buf[s] == '.') {
            return CifValue.parsedScalar(CifValue.Kind.INAPPLICABLE, ".", ".", tokLine, tokCol);
        }
        String word = new String(buf, s, e - s);
        char first = buf[s];
        if (first == '$') {
            problems.warning(tokLine, tokCol, "unquoted value " + CifValue.abbreviate(word)
                    + " starts with '$', which CIF reserves for save-frame references; read as text");
        } else if (!cif2 && (first == '[' || first == ']')) {
            problems.warning(tokLine, tokCol, "unquoted value " + CifValue.abbreviate(word) + " starts with '"
                    + first + "', which CIF 1.1 reserves; read as text (quote it to be safe)");
        }
        return CifValue.parsedScalar(CifValue.Kind.UNQUOTED, word, word, tokLine, tokCol);
    }

    /** CIF 2.0: the word {@code buf[s, e)} directly followed by '[' or '{' lacks separating whitespace. */
    private void checkOpeningBracketAfter(int s, int e) throws CifSyntaxException {
        if (cif2 && pos < end && (buf[pos] == '[' || buf[pos] == '{')) {
            problems.violation(curLine, col(), "no whitespace between "
                    + CifValue.abbreviate(new String(buf, s, e - s)) + " and '" + buf[pos] + "'",
                    "read them as separate tokens");
        }
    }

    /**
     * Reads a semicolon text field starting at pos (a ';' at the start of a line).
     *
     * <p>Steps: (1) from the character after the opening ';', find each line terminator; (2) the
     * first one followed by ';' ends the field, and the value is everything before that
     * terminator; (3) normalise CR LF and CR to LF; (4) drop the first LF if the opening line held
     * nothing but the ';'. Without a closing line the field runs to the end of the input.
     */
    private CifValue readTextField() throws CifSyntaxException {
        int tokLine = curLine;
        int s = pos;
        int contentStart = pos + 1;
        int i = contentStart;
        int contentEnd = -1;
        int after = -1;
        while (i < end) {
            char c = buf[i];
            if (c == '\n' || c == '\r') {
                int eol = i;
                i += (c == '\r' && i + 1 < end && buf[i + 1] == '\n') ? 2 : 1;
                if (i < end && buf[i] == ';') {
                    contentEnd = eol;
                    after = i + 1;
                    break;
                }
            } else {
                i++;
            }
        }
        if (contentEnd < 0) {
            problems.violation(tokLine, 1, "unterminated text field: no line starting with ';' closes the "
                    + "field opened at line " + tokLine, "the field runs to the end of the file");
            contentEnd = end;
            after = end;
        }
        String raw = new String(buf, s, after - s);
        String content = normaliseEols(contentStart, contentEnd);
        if (content.startsWith("\n")) {
            content = content.substring(1);
        }
        advanceTo(after);
        if (pos < end && !CifChars.isWhitespace(buf[pos])) {
            problems.violation(curLine, col(), "no whitespace after the ';' that closes the text field opened at"
                    + " line " + tokLine, "read what follows as the next token");
        }
        return CifValue.parsedScalar(CifValue.Kind.TEXT_FIELD, content, raw, tokLine, 1);
    }

    private String normaliseEols(int from, int to) {
        boolean hasCr = false;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\r') {
                hasCr = true;
                break;
            }
        }
        if (!hasCr) {
            return new String(buf, from, to - from);
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = buf[i];
            if (c == '\r') {
                sb.append('\n');
                if (i + 1 < to && buf[i + 1] == '\n') {
                    i++;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private String preview(int from, int limit) {
        int e = from;
        while (e < limit && e - from < PREVIEW_CHARS && buf[e] != '\n' && buf[e] != '\r') {
            e++;
        }
        String p = new String(buf, from, e - from);
        return (e < limit && buf[e] != '\n' && buf[e] != '\r') ? p + "..." : p;
    }

    /**
     * Reads a quoted string starting at pos.
     *
     * <p>CIF 1.1: the string ends at the first matching quote that is followed by whitespace or
     * the end of input, so {@code 'O'Brien'} is {@code O'Brien}; it cannot span lines. CIF 2.0: a
     * tripled quote starts a string that ends at the next tripled quote and may span lines;
     * otherwise the string ends at the next matching quote on the same line, and must then be
     * followed by whitespace, a bracket, or (for a table key) a colon.
     *
     * @param tableKey true when reading the key of a CIF 2.0 table entry
     */
    private CifValue readQuoted(boolean tableKey) throws CifSyntaxException {
        int tokLine = curLine;
        int tokCol = col();
        int s = pos;
        char q = buf[pos];
        if (cif2 && pos + 2 < end && buf[pos + 1] == q && buf[pos + 2] == q) {
            return readTripleQuoted(tableKey);
        }
        int i = pos + 1;
        int close = -1;
        while (i < end) {
            char c = buf[i];
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == q && (cif2 || i + 1 == end || CifChars.isWhitespace(buf[i + 1]))) {
                close = i;
                break;
            }
            i++;
        }
        String content;
        String raw;
        if (close < 0) {
            problems.violation(tokLine, tokCol, "unterminated quoted string starting " + q + preview(s + 1, end)
                    + (cif2 ? "" : " (a closing " + q + " must be followed by whitespace)"),
                    "the string runs to the end of the line");
            int e = i;
            while (e > s + 1 && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
                e--;
            }
            content = new String(buf, s + 1, e - s - 1);
            raw = new String(buf, s, i - s);
            pos = i;
        } else {
            content = new String(buf, s + 1, close - s - 1);
            raw = new String(buf, s, close + 1 - s);
            pos = close + 1;
            if (cif2) {
                checkAfterCif2String(tableKey, raw);
            }
        }
        return CifValue.parsedScalar(CifValue.Kind.QUOTED, content, raw, tokLine, tokCol);
    }

    private CifValue readTripleQuoted(boolean tableKey) throws CifSyntaxException {
        int tokLine = curLine;
        int tokCol = col();
        int s = pos;
        char q = buf[pos];
        int i = pos + 3;
        int close = -1;
        while (i + 2 < end) {
            if (buf[i] == q && buf[i + 1] == q && buf[i + 2] == q) {
                close = i;
                break;
            }
            i++;
        }
        String content;
        int after;
        if (close < 0) {
            problems.violation(tokLine, tokCol, "unterminated triple-quoted string starting " + q + q + q
                    + preview(s + 3, end), "the string runs to the end of the file");
            content = new String(buf, s + 3, end - s - 3);
            after = end;
        } else {
            content = new String(buf, s + 3, close - s - 3);
            after = close + 3;
        }
        String raw = new String(buf, s, after - s);
        advanceTo(after);
        if (close >= 0) {
            checkAfterCif2String(tableKey, raw);
        }
        return CifValue.parsedScalar(CifValue.Kind.QUOTED, content, raw, tokLine, tokCol);
    }

    private void checkAfterCif2String(boolean tableKey, String raw) throws CifSyntaxException {
        if (pos >= end) {
            return;
        }
        char c = buf[pos];
        if (CifChars.isWhitespace(c) || c == ']' || c == '}' || (tableKey && c == ':')) {
            return;
        }
        problems.violation(curLine, col(), "no whitespace after the quoted string " + CifValue.abbreviate(raw)
                + " (in CIF 2.0 a quoted string ends at the first matching quote)",
                "read what follows as the next token");
    }

    /** CIF 2.0: after ']' or '}' comes whitespace, another closing bracket or the end. */
    private void checkAfterClosingBracket(char closer) throws CifSyntaxException {
        if (pos >= end) {
            return;
        }
        char c = buf[pos];
        if (CifChars.isWhitespace(c) || c == ']' || c == '}') {
            return;
        }
        problems.violation(curLine, col(), "no whitespace after '" + closer + "'", "read what follows as the next token");
    }

    /**
     * Reads a CIF 2.0 list starting at pos ('['): values separated by whitespace up to the
     * matching ']'. A data name, reserved word or the end of input closes an unterminated list.
     */
    private CifValue readList(int depth) throws CifSyntaxException {
        int tokLine = curLine;
        int tokCol = col();
        checkDepth(depth, tokLine, tokCol);
        int s = pos;
        pos++;
        List<CifValue> items = new ArrayList<>();
        for (;;) {
            skipSpace();
            if (pos >= end) {
                problems.violation(tokLine, tokCol, "unterminated list: the '[' at line " + tokLine + ", column "
                        + tokCol + " has no ']'", "closed it at the end of the file");
                break;
            }
            char c = buf[pos];
            if (c == ']') {
                pos++;
                checkAfterClosingBracket(']');
                break;
            }
            if (c == '}') {
                problems.violation(curLine, col(), "'}' cannot close the list opened at line " + tokLine
                        + ", column " + tokCol, "read it as ']'");
                pos++;
                break;
            }
            CifValue item = readElement(depth, tokLine, tokCol, "list");
            if (item == null) {
                break;
            }
            items.add(item);
        }
        return CifValue.parsedList(items, new String(buf, s, pos - s), tokLine, tokCol);
    }

    /**
     * Reads a CIF 2.0 table starting at pos ('{'): entries {@code 'key':value} up to the matching
     * '}'. Keys are quoted strings directly followed by ':'.
     */
    private CifValue readTable(int depth) throws CifSyntaxException {
        int tokLine = curLine;
        int tokCol = col();
        checkDepth(depth, tokLine, tokCol);
        int s = pos;
        pos++;
        Map<String, CifValue> entries = new LinkedHashMap<>();
        String where = " in the table opened at line " + tokLine + ", column " + tokCol;
        for (;;) {
            skipSpace();
            if (pos >= end) {
                problems.violation(tokLine, tokCol, "unterminated table: the '{' at line " + tokLine + ", column "
                        + tokCol + " has no '}'", "closed it at the end of the file");
                break;
            }
            char c = buf[pos];
            if (c == '}') {
                pos++;
                checkAfterClosingBracket('}');
                break;
            }
            if (c == ']') {
                problems.violation(curLine, col(), "']' cannot close the table opened at line " + tokLine
                        + ", column " + tokCol, "read it as '}'");
                pos++;
                break;
            }
            int keyLine = curLine;
            int keyCol = col();
            if (c != '\'' && c != '"') {
                problems.violation(keyLine, keyCol, "a table key must be a quoted string followed by ':'" + where,
                        "skipped the entry");
                if (readElement(depth, tokLine, tokCol, "table") == null) {
                    break;
                }
                continue;
            }
            String key = readQuoted(true).text();
            if (pos < end && buf[pos] == ':') {
                pos++;
            } else {
                problems.violation(curLine, col(), "table key " + CifValue.abbreviate(key)
                        + " is not followed directly by ':'" + where, "skipped the key");
                continue;
            }
            skipSpace();
            if (pos >= end || buf[pos] == '}' || buf[pos] == ']') {
                problems.violation(keyLine, keyCol, "table key " + CifValue.abbreviate(key) + " has no value" + where,
                        "skipped the key");
                continue;
            }
            CifValue v = readElement(depth, tokLine, tokCol, "table");
            if (v == null) {
                break;
            }
            if (entries.containsKey(key)) {
                problems.violation(keyLine, keyCol, "table key " + CifValue.abbreviate(key) + " appears twice" + where,
                        "the later value is used");
            }
            entries.put(key, v);
        }
        return CifValue.parsedTable(entries, new String(buf, s, pos - s), tokLine, tokCol);
    }

    private void checkDepth(int depth, int tokLine, int tokCol) throws CifSyntaxException {
        if (depth >= CifParser.MAX_NESTING_DEPTH) {
            throw problems.fatal(tokLine, tokCol, "lists and tables nested more than "
                    + CifParser.MAX_NESTING_DEPTH + " levels deep");
        }
    }

    /**
     * Reads one value inside a list or table, at pos (not whitespace, not a closing bracket).
     * Returns null, without consuming anything, at a data name or reserved word: that closes the
     * enclosing list or table, which is then unterminated.
     */
    private CifValue readElement(int depth, int openLine, int openCol, String what) throws CifSyntaxException {
        char c = buf[pos];
        if (c == ';' && pos == lineStart) {
            return readTextField();
        }
        if (c == '\'' || c == '"') {
            return readQuoted(false);
        }
        if (c == '[') {
            return readList(depth + 1);
        }
        if (c == '{') {
            return readTable(depth + 1);
        }
        int tokLine = curLine;
        int tokCol = col();
        int s = pos;
        pos = scanWord();
        if (c == '_' || CifChars.isReservedWord(buf, s, pos)) {
            String word = new String(buf, s, pos - s);
            pos = s;
            problems.violation(tokLine, tokCol, "unterminated " + what + ": the " + what + " opened at line "
                    + openLine + ", column " + openCol + " is not closed before '" + word + "'",
                    "closed it there");
            return null;
        }
        CifValue v = bareValue(s, pos, tokLine, tokCol);
        checkOpeningBracketAfter(s, pos);
        return v;
    }
}
