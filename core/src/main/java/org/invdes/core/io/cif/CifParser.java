package org.invdes.core.io.cif;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invdes.core.io.Diagnostic;
import org.invdes.core.io.DiagnosticListener;
import org.invdes.core.io.StructureIOException;

/**
 * Reads CIF 1.1 and CIF 2.0 text into {@link CifFile}s: the syntax only, no crystallography.
 *
 * <h2>Syntax</h2>
 * CIF 1.1 (IUCr CIF 1.1 syntax specification): comments, {@code data_} blocks, save frames,
 * {@code loop_}, data names, unquoted values, single- and double-quoted strings (a quote ends a
 * string only when whitespace or the end follows, so {@code 'O'Brien'} reads as {@code O'Brien}),
 * semicolon text fields, the placeholders {@code ?} and {@code .}. A file whose first line starts
 * with {@code #\#CIF_2.0} is read as CIF 2.0: triple-quoted strings, lists {@code [...]} and tables
 * {@code {'key':value}}, and quoted strings that end at the first matching quote. Accepted in
 * both: LF, CR LF and CR line ends, tabs, a leading byte-order mark, non-ASCII characters (kept), and
 * a Ctrl-Z (U+001A) end-of-file marker, after which everything is ignored.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>{@link Mode#STRICT} throws a {@link CifSyntaxException} at the first violation of the
 *       syntax (after reporting it to the listener as an {@link Diagnostic.Severity#ERROR}).
 *   <li>{@link Mode#RELAXED} reports each violation as a {@link Diagnostic.Severity#WARNING}
 *       that says how it recovered, and goes on: a value with no data name is skipped; a data name
 *       with no value is dropped; a loop whose value count is not a multiple of its data-name count
 *       gets its last row padded with {@code ?} (values with line 0); a repeated data name keeps
 *       the later definition; an unterminated string or text field ends at the end of its line or
 *       of the file; items before any {@code data_} header go into a block of kind
 *       {@link CifBlock.Kind#HEADERLESS}; illegal control characters are read as spaces.
 * </ul>
 * Some things are warnings in both modes because real files do them and the meaning is clear: an
 * unquoted value starting with {@code $} (or, in CIF 1.1, with {@code [} or {@code ]}), text after
 * a Ctrl-Z, a CIF 1.1 file that is not valid UTF-8 (then read as ISO-8859-1).
 *
 * <p>Both modes throw on lists and tables nested more than {@link #MAX_NESTING_DEPTH} levels deep,
 * and on I/O failure. No input makes the parser throw anything but {@link StructureIOException}
 * (or an exception thrown by the caller's listener), and every input is read in time linear in
 * its length. Illegal control characters are looked for before anything else, so in strict mode
 * they are reported even when a syntax error comes earlier in the file.
 *
 * <p>Instances are immutable and thread-safe; each call to {@code parse} is independent.
 */
public final class CifParser {

    /** Deepest nesting of CIF 2.0 lists and tables that is read; deeper input is an error. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Most warnings about illegal control characters per file; the rest are counted in one more. */
    private static final int MAX_CONTROL_CHAR_WARNINGS = 10;

    private static final String CIF2_MAGIC = "#\\#CIF_2.0";

    /** How the parser treats violations of the syntax. */
    public enum Mode {
        /** Throw at the first violation. */
        STRICT,
        /** Warn, recover and go on. */
        RELAXED
    }

    private final Mode mode;
    private final DiagnosticListener listener;

    private CifParser(Mode mode, DiagnosticListener listener) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** @return a strict parser that reports to no listener */
    public static CifParser strict() {
        return new CifParser(Mode.STRICT, DiagnosticListener.ignoring());
    }

    /** @return a relaxed parser that reports to no listener (warnings are still on {@link CifFile#diagnostics()}) */
    public static CifParser relaxed() {
        return new CifParser(Mode.RELAXED, DiagnosticListener.ignoring());
    }

    /**
     * @param mode strict or relaxed
     * @param listener receives every diagnostic as it is found
     * @return the parser
     */
    public static CifParser of(Mode mode, DiagnosticListener listener) {
        return new CifParser(mode, listener);
    }

    /**
     * @param newListener receives every diagnostic as it is found
     * @return a parser with this mode and the given listener
     */
    public CifParser withListener(DiagnosticListener newListener) {
        return new CifParser(mode, newListener);
    }

    /** @return the mode */
    public Mode mode() {
        return mode;
    }

    /**
     * Parses CIF text.
     *
     * @param text the whole file; a leading U+FEFF byte-order mark is skipped
     * @param sourceName name used in diagnostics and on the result (for example the file name)
     * @return the file
     * @throws CifSyntaxException on a violation (strict) or a non-recoverable problem (both modes)
     */
    public CifFile parse(String text, String sourceName) throws CifSyntaxException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        Problems problems = new Problems(sourceName, mode == Mode.STRICT, listener);
        return new Session(text.toCharArray(), sourceName, problems).run();
    }

    /**
     * Parses CIF text read to the end from a reader (which is not closed).
     *
     * @param reader the text
     * @param sourceName name used in diagnostics and on the result
     * @return the file
     * @throws StructureIOException if reading fails, or as {@link #parse(String, String)}
     */
    public CifFile parse(Reader reader, String sourceName) throws StructureIOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        StringBuilder sb = new StringBuilder(8192);
        char[] chunk = new char[8192];
        try {
            int n;
            while ((n = reader.read(chunk)) >= 0) {
                sb.append(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new StructureIOException(sourceName, null, 0, 0, "cannot read: " + e.getMessage(), e);
        }
        return parse(sb.toString(), sourceName);
    }

    /**
     * Parses a CIF file. The source name is the file name without its directory.
     *
     * @param path the file
     * @return the file's content
     * @throws StructureIOException if the file cannot be read, or as {@link #parse(byte[], String)}
     */
    public CifFile parse(Path path) throws StructureIOException {
        Objects.requireNonNull(path, "path");
        Path fileName = path.getFileName();
        String sourceName = fileName == null ? path.toString() : fileName.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new StructureIOException(sourceName, null, 0, 0, "cannot read " + path + ": " + e, e);
        }
        return parse(bytes, sourceName);
    }

    /**
     * Parses CIF bytes. They are decoded as UTF-8 (a leading UTF-8 byte-order mark is skipped). A
     * CIF 1.1 file that is not valid UTF-8 is read as ISO-8859-1 with a warning; a CIF 2.0 file,
     * which must be UTF-8, is a violation (relaxed: invalid bytes become U+FFFD).
     *
     * @param bytes the file's bytes
     * @param sourceName name used in diagnostics and on the result
     * @return the file
     * @throws CifSyntaxException as {@link #parse(String, String)}
     */
    public CifFile parse(byte[] bytes, String sourceName) throws CifSyntaxException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sourceName, "sourceName");
        Problems problems = new Problems(sourceName, mode == Mode.STRICT, listener);
        char[] chars = decode(bytes, problems);
        return new Session(chars, sourceName, problems).run();
    }

    /**
     * Decodes bytes: (1) skip a UTF-8 BOM; (2) decode strictly as UTF-8; (3) on the first invalid
     * byte, find its line, then either read the whole file as ISO-8859-1 (CIF 1.1, warning) or
     * report a violation and decode with replacement characters (CIF 2.0).
     */
    private static char[] decode(byte[] bytes, Problems problems) throws CifSyntaxException {
        int off = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, off, bytes.length - off);
        CharBuffer out = CharBuffer.allocate(bytes.length - off);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            decoder.flush(out);
            return toArray(out);
        }
        int bad = in.position();
        int line = 1;
        for (int i = off; i < bad; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        String where = String.format("byte 0x%02X at offset %d", bytes[bad] & 0xFF, bad);
        boolean cif2 = startsWith(bytes, off, CIF2_MAGIC);
        if (cif2) {
            problems.violation(line, 0, "a CIF 2.0 file must be UTF-8, but " + where + " is not valid UTF-8",
                    "invalid bytes were read as U+FFFD");
            return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, off, bytes.length - off)).toString()
                    .toCharArray();
        }
        problems.warning(line, 0, "not valid UTF-8 (" + where + "); the file was read as ISO-8859-1");
        return new String(bytes, off, bytes.length - off, StandardCharsets.ISO_8859_1).toCharArray();
    }

    private static char[] toArray(CharBuffer out) {
        out.flip();
        char[] chars = new char[out.remaining()];
        out.get(chars);
        return chars;
    }

    private static boolean startsWith(byte[] bytes, int off, String ascii) {
        if (bytes.length - off < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[off + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The state of one parse. */
    private static final class Session {
        private final char[] buf;
        private final String source;
        private final Problems problems;
        private final List<CifBlock> blocks = new ArrayList<>();
        /** Folded block code → line of its first header. */
        private final Map<String, Integer> blockLines = new HashMap<>();
        private CifBlock.Builder block;
        private CifBlock.Builder frame;
        private CifLexer lexer;

        Session(char[] buf, String source, Problems problems) {
            this.buf = buf;
            this.source = source;
            this.problems = problems;
        }

        /**
         * Steps: (1) skip a BOM and detect the CIF 2.0 magic code; (2) cut the text at a Ctrl-Z
         * and check for illegal control characters; (3) read tokens and build blocks, dispatching
         * on each token that can start a statement.
         */
        CifFile run() throws CifSyntaxException {
            int start = buf.length > 0 && buf[0] == '\uFEFF' ? 1 : 0;
            boolean cif2 = startsWithMagic(start);
            int end = prescan(start);
            lexer = new CifLexer(buf, start, end, cif2, problems);
            lexer.next();
            while (lexer.type != CifLexer.EOF) {
                switch (lexer.type) {
                    case CifLexer.DATA -> startDataBlock();
                    case CifLexer.SAVE_HEAD -> startSaveFrame();
                    case CifLexer.SAVE_END -> endSaveFrame();
                    case CifLexer.GLOBAL -> startGlobal();
                    case CifLexer.STOP -> {
                        problems.violation(lexer.line, lexer.column,
                                "stop_ is a STAR reserved word that CIF does not use", "ignored it");
                        lexer.next();
                    }
                    case CifLexer.LOOP -> parseLoop();
                    case CifLexer.TAG -> parseItem();
                    default -> skipOrphanValues();
                }
            }
            closeOpenFrame("the end of the file");
            finishBlock();
            return CifFile.parsed(source, cif2 ? CifFile.Version.CIF_2_0 : CifFile.Version.CIF_1_1, blocks,
                    problems.warnings());
        }

        private boolean startsWithMagic(int start) {
            int n = CIF2_MAGIC.length();
            if (buf.length - start < n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (buf[start + i] != CIF2_MAGIC.charAt(i)) {
                    return false;
                }
            }
            return buf.length - start == n || CifChars.isWhitespace(buf[start + n]);
        }

        /**
         * One pass over the text: (1) the first Ctrl-Z ends it (a warning if anything but
         * whitespace follows); (2) each illegal control character before that is a violation
         * (strict: thrown; relaxed: warned about, at most {@link #MAX_CONTROL_CHAR_WARNINGS}
         * times, and replaced by a space). Line and column are worked out only when needed.
         *
         * @return the end of the text
         */
        private int prescan(int start) throws CifSyntaxException {
            int end = buf.length;
            int found = 0;
            for (int i = start; i < end; i++) {
                char c = buf[i];
                if ((c >= 0x20 && c != 0x7F) || c == '\n' || c == '\r' || c == '\t') {
                    continue;
                }
                if (c == '\u001A') {
                    for (int j = i + 1; j < buf.length; j++) {
                        if (!CifChars.isWhitespace(buf[j]) && buf[j] != '\u001A') {
                            int[] lc = lineAndColumn(start, i);
                            problems.warning(lc[0], lc[1], "text after the Ctrl-Z end-of-file marker is ignored");
                            break;
                        }
                    }
                    end = i;
                    break;
                }
                found++;
                if (found <= MAX_CONTROL_CHAR_WARNINGS) {
                    int[] lc = lineAndColumn(start, i);
                    problems.violation(lc[0], lc[1], String.format("illegal control character U+%04X", (int) c),
                            "read it as a space");
                }
                buf[i] = ' ';
            }
            if (found > MAX_CONTROL_CHAR_WARNINGS) {
                problems.warning(0, 0, (found - MAX_CONTROL_CHAR_WARNINGS)
                        + " more illegal control characters were read as spaces");
            }
            return end;
        }

        private int[] lineAndColumn(int start, int index) {
            int line = 1;
            int lineStart = start;
            for (int i = start; i < index; i++) {
                char c = buf[i];
                if (c == '\n' || (c == '\r' && (i + 1 >= index || buf[i + 1] != '\n'))) {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new int[] {line, index - lineStart + 1};
        }

        private void finishBlock() {
            if (block != null) {
                blocks.add(block.build());
                block = null;
            }
        }

        /** Closes a save frame that has no save_ (a violation), before {@code where}. */
        private void closeOpenFrame(String where) throws CifSyntaxException {
            if (frame != null) {
                CifBlock.Builder f = frame;
                frame = null;
                problems.violation(lexer.line, lexer.column, "save frame " + f.name()
                        + " is not closed with save_ before " + where, "closed it there");
                block.addSaveFrame(f.build());
            }
        }

        private void startDataBlock() throws CifSyntaxException {
            String name = lexer.text;
            int line = lexer.line;
            int column = lexer.column;
            closeOpenFrame("data_" + name);
            finishBlock();
            problems.block = name;
            if (name.isEmpty()) {
                problems.violation(line, column, "data_ header without a block name", "kept the block with an empty name");
            } else {
                Integer first = blockLines.putIfAbsent(CifValue.fold(name), line);
                if (first != null) {
                    problems.violation(line, column, "data block name " + name
                            + " is used twice (first at line " + first + "); block names must be unique in a file",
                            "kept both blocks; lookup by name finds the first");
                }
            }
            block = new CifBlock.Builder(name, CifBlock.Kind.DATA, line);
            lexer.next();
        }

        private void startGlobal() throws CifSyntaxException {
            int line = lexer.line;
            int column = lexer.column;
            closeOpenFrame("global_");
            finishBlock();
            problems.block = null;
            problems.violation(line, column, "global_ blocks are STAR syntax, not CIF",
                    "kept its items in a block of kind GLOBAL");
            block = new CifBlock.Builder("", CifBlock.Kind.GLOBAL, line);
            lexer.next();
        }

        private void startSaveFrame() throws CifSyntaxException {
            String name = lexer.text;
            int line = lexer.line;
            int column = lexer.column;
            if (frame != null) {
                closeOpenFrame("the next save frame, save_" + name + " (save frames do not nest)");
            }
            CifBlock.Builder owner = owner(line, column, "save frame save_" + name);
            if (owner.hasSaveFrame(name)) {
                problems.violation(line, column, "save frame name " + name + " is used twice in the block",
                        "kept both frames; lookup by name finds the first");
            }
            frame = new CifBlock.Builder(name, CifBlock.Kind.SAVE_FRAME, line);
            lexer.next();
        }

        private void endSaveFrame() throws CifSyntaxException {
            if (frame == null) {
                problems.violation(lexer.line, lexer.column, "save_ without an open save frame", "ignored it");
            } else {
                block.addSaveFrame(frame.build());
                frame = null;
            }
            lexer.next();
        }

        /** The data block that receives items: the open one, or (relaxed) a new headerless one. */
        private CifBlock.Builder owner(int line, int column, String what) throws CifSyntaxException {
            if (block == null) {
                problems.violation(line, column, what + " comes before any data_ block header",
                        "kept it in a block without a name");
                block = new CifBlock.Builder("", CifBlock.Kind.HEADERLESS, line);
            }
            return block;
        }

        private CifBlock.Builder target(int line, int column, String what) throws CifSyntaxException {
            return frame != null ? frame : owner(line, column, what);
        }

        private void parseItem() throws CifSyntaxException {
            String tag = lexer.text;
            String key = lexer.key;
            int line = lexer.line;
            int column = lexer.column;
            lexer.next();
            if (lexer.type != CifLexer.VALUE) {
                problems.violation(line, column, "data name " + tag + " has no value (it is followed by "
                        + describeToken() + ")", "dropped the data name");
                return;
            }
            CifValue value = lexer.value;
            CifBlock.Builder t = target(line, column, "data item " + tag);
            checkNew(t, tag, key, line, column);
            t.setItem(tag, key, value, line);
            lexer.next();
        }

        private void checkNew(CifBlock.Builder t, String tag, String key, int line, int column)
                throws CifSyntaxException {
            int first = t.definedAt(key);
            if (first >= 0) {
                problems.violation(line, column, "data name " + tag + " is defined twice in the "
                        + (t.kind() == CifBlock.Kind.SAVE_FRAME ? "save frame" : "block")
                        + " (first at line " + first + ")", "the later definition is used");
            }
        }

        private String describeToken() {
            return switch (lexer.type) {
                case CifLexer.EOF -> "the end of the file";
                case CifLexer.DATA -> "data_" + lexer.text;
                case CifLexer.SAVE_HEAD -> "save_" + lexer.text;
                case CifLexer.SAVE_END -> "save_";
                case CifLexer.LOOP -> "loop_";
                case CifLexer.GLOBAL -> "global_";
                case CifLexer.STOP -> "stop_";
                case CifLexer.TAG -> "data name " + lexer.text;
                default -> "a value";
            };
        }

        /**
         * Reads {@code loop_}, its data names, then values until the next token that is not a
         * value; the values fill the rows in order.
         */
        private void parseLoop() throws CifSyntaxException {
            int line = lexer.line;
            int column = lexer.column;
            lexer.next();
            List<String> tags = new ArrayList<>();
            String[] keys = new String[8];
            int[] tagLines = new int[8];
            int[] tagColumns = new int[8];
            while (lexer.type == CifLexer.TAG) {
                int c = tags.size();
                if (c == keys.length) {
                    keys = Arrays.copyOf(keys, 2 * c);
                    tagLines = Arrays.copyOf(tagLines, 2 * c);
                    tagColumns = Arrays.copyOf(tagColumns, 2 * c);
                }
                tags.add(lexer.text);
                keys[c] = lexer.key;
                tagLines[c] = lexer.line;
                tagColumns[c] = lexer.column;
                lexer.next();
            }
            if (tags.isEmpty()) {
                problems.violation(line, column, "loop_ without data names (followed by " + describeToken() + ")",
                        "skipped the values after it");
                while (lexer.type == CifLexer.VALUE) {
                    lexer.next();
                }
                return;
            }
            List<CifValue> values = new ArrayList<>();
            while (lexer.type == CifLexer.VALUE) {
                values.add(lexer.value);
                lexer.next();
            }
            int width = tags.size();
            String first = tags.get(0);
            if (values.isEmpty()) {
                problems.violation(line, column, "loop_ of " + first + " has no values (followed by "
                        + describeToken() + ")", "kept it as a loop without rows");
            }
            int remainder = values.size() % width;
            if (remainder != 0) {
                problems.violation(line, column, "loop_ of " + first + " has " + values.size()
                        + " values, which is not a multiple of its " + width + " data names",
                        "padded its last row with " + (width - remainder) + " ?");
                for (int i = remainder; i < width; i++) {
                    values.add(CifValue.unknown(0, 0));
                }
            }
            CifBlock.Builder t = target(line, column, "loop_ of " + first);
            Map<String, Integer> columnIndex = new HashMap<>(2 * width);
            for (int c = 0; c < width; c++) {
                if (columnIndex.put(keys[c], c) != null) {
                    problems.violation(tagLines[c], tagColumns[c], "data name " + tags.get(c)
                            + " is listed twice in the loop_ at line " + line, "the later column is used");
                } else {
                    checkNew(t, tags.get(c), keys[c], tagLines[c], tagColumns[c]);
                }
            }
            int rows = values.size() / width;
            int[] rowLines = new int[rows];
            for (int r = 0; r < rows; r++) {
                rowLines[r] = values.get(r * width).line();
            }
            t.addLoop(new CifLoop(tags, Arrays.copyOf(keys, width), columnIndex, Arrays.copyOf(tagLines, width),
                    values.toArray(new CifValue[0]), rowLines, line));
        }

        /** A value where a data name, loop_ or header was expected; it and any values after it are skipped. */
        private void skipOrphanValues() throws CifSyntaxException {
            CifValue v = lexer.value;
            problems.violation(v.line(), v.column(), "value " + CifValue.abbreviate(v.raw())
                    + " has no data name", "skipped it and any values directly after it");
            while (lexer.type == CifLexer.VALUE) {
                lexer.next();
            }
        }
    }

    @Override
    public String toString() {
        return "CifParser[" + mode + "]";
    }
}
