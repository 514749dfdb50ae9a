package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.Diagnostic;
import org.invdes.core.io.StructureIOException;
import org.junit.jupiter.api.Test;

/**
 * Malformed snippets: strict mode throws at the right place with an actionable message; relaxed
 * mode warns, recovers and keeps what follows.
 */
class CifParserRecoveryTest {

    private static final String SRC = "snippet.cif";
    private static final String CIF2 = "#\\#CIF_2.0\n";

    private static CifSyntaxException strictFails(String text) {
        return assertThrows(CifSyntaxException.class, () -> CifParser.strict().parse(text, SRC));
    }

    private static CifFile relaxed(String text) throws CifSyntaxException {
        return CifParser.relaxed().parse(text, SRC);
    }

    private static CifBlock first(CifFile f) {
        return f.blocks().get(0);
    }

    private static String text(CifBlock b, String tag) {
        return b.value(tag).orElseThrow(() -> new AssertionError("no " + tag + " in " + b)).text();
    }

    private static void assertOneWarningAt(CifFile f, int line, String fragment) {
        assertEquals(1, f.diagnostics().size(), () -> "diagnostics: " + f.diagnostics());
        Diagnostic d = f.diagnostics().get(0);
        assertEquals(Diagnostic.Severity.WARNING, d.severity());
        assertEquals(line, d.line(), d::toString);
        assertTrue(d.message().contains(fragment), d::toString);
    }

    @Test
    void loopValueCountNotAMultipleOfTagCount() throws Exception {
        String cif = "data_m\nloop_\n_a\n_b\n_c\n1 2 3\n4 5\n_next x\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals(2, e.line());
        assertEquals("m", e.block());
        assertTrue(e.getMessage().contains("loop_ of _a has 5 values, which is not a multiple of its 3 data names"),
                e.getMessage());

        CifFile f = relaxed(cif);
        CifLoop loop = first(f).loops().get(0);
        assertEquals(2, loop.rowCount());
        assertEquals("5", loop.get(1, "_b").text());
        assertEquals(CifValue.Kind.UNKNOWN, loop.get(1, "_c").kind());
        assertEquals(0, loop.get(1, "_c").line());
        assertEquals("x", text(first(f), "_next"));
        assertOneWarningAt(f, 2, "padded its last row with 1 ?");
    }

    @Test
    void valueWithoutDataName() throws Exception {
        String cif = "data_v\n_a 1 2 3\n_b 4\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals(2, e.line());
        assertEquals(6, e.column());
        assertEquals("snippet.cif line 2, column 6 (data_v): value '2' has no data name", e.getMessage());

        CifFile f = relaxed(cif);
        assertEquals("1", text(first(f), "_a"));
        assertEquals("4", text(first(f), "_b"));
        assertOneWarningAt(f, 2, "skipped it and any values directly after it");
        assertEquals("snippet.cif:2:6: value '2' has no data name; skipped it and any values directly after it",
                f.diagnostics().get(0).toString());
    }

    @Test
    void unterminatedTextFieldAtEndOfFile() throws Exception {
        String cif = "data_t\n_a 1\n_b\n;\nnever closed\n_c 2\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals(4, e.line());
        assertTrue(e.detail().startsWith("unterminated text field"), e.detail());

        CifFile f = relaxed(cif);
        assertEquals("1", text(first(f), "_a"));
        assertEquals("never closed\n_c 2\n", text(first(f), "_b"));
        assertOneWarningAt(f, 4, "runs to the end of the file");
    }

    @Test
    void loopWithoutDataNames() throws Exception {
        String cif = "data_s\nloop_\n1 2\n_x 3\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals(2, e.line());
        assertTrue(e.detail().contains("loop_ without data names"), e.detail());

        CifFile f = relaxed(cif);
        assertEquals("3", text(first(f), "_x"));
        assertTrue(first(f).loops().isEmpty());
        assertOneWarningAt(f, 2, "loop_ without data names");
    }

    @Test
    void loopWithoutValuesIsKeptEmptyInRelaxedMode() throws Exception {
        // The data names of a loop run until the first value, so the empty loop must end at a loop_.
        String cif = "data_e\nloop_ _a _b\nloop_ _c 1\n";
        assertEquals(2, strictFails(cif).line());
        CifFile f = relaxed(cif);
        assertTrue(first(f).has("_a"));
        assertTrue(first(f).value("_a").isEmpty());
        assertEquals(0, first(f).loopContaining("_b").orElseThrow().rowCount());
        assertEquals("1", text(first(f), "_c"));
    }

    @Test
    void dataNameWithoutValue() throws Exception {
        String cif = "data_n\n_a\n_b 2\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals(2, e.line());
        assertEquals("data name _a has no value (it is followed by data name _b)", e.detail());

        CifFile f = relaxed(cif);
        assertFalse(first(f).has("_a"));
        assertEquals("2", text(first(f), "_b"));
        assertEquals("data name _a has no value (it is followed by the end of the file); dropped the data name",
                relaxed("data_n\n_a\n").diagnostics().get(0).message());
    }

    @Test
    void itemsBeforeAnyDataHeader() throws Exception {
        String cif = "# no header\n_a 1\nloop_ _l 1 2\ndata_x\n_b 2\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals(2, e.line());
        assertNull(e.block());
        assertTrue(e.detail().contains("before any data_ block header"), e.detail());

        CifFile f = relaxed(cif);
        assertEquals(2, f.blocks().size());
        CifBlock headerless = first(f);
        assertEquals(CifBlock.Kind.HEADERLESS, headerless.kind());
        assertEquals("", headerless.name());
        assertEquals(2, headerless.line());
        assertEquals("1", text(headerless, "_a"));
        assertEquals(2, headerless.loopContaining("_l").orElseThrow().rowCount());
        assertEquals("2", text(f.block("x").orElseThrow(), "_b"));
        assertOneWarningAt(f, 2, "kept it in a block without a name");
    }

    @Test
    void duplicateDataNames() throws Exception {
        CifSyntaxException e = strictFails("data_d\n_a 1\n_A 2\n");
        assertEquals(3, e.line());
        assertEquals("data name _A is defined twice in the block (first at line 2)", e.detail());

        CifFile f = relaxed("data_d\n_a 1\n_A 2\n");
        assertEquals("2", text(first(f), "_a"));
        assertEquals(3, first(f).line("_a"));
        assertEquals(List.of("_a"), first(f).tags());
        assertOneWarningAt(f, 3, "the later definition is used");

        CifFile g = relaxed("data_d\n_a 1\nloop_ _a _b\n5 6\n7 8\n");
        assertEquals("5", text(first(g), "_a"));
        assertTrue(first(g).loopContaining("_a").isPresent());
        assertOneWarningAt(g, 3, "first at line 2");

        CifFile h = relaxed("data_d\nloop_ _a _a\n1 2\n");
        assertEquals("2", text(first(h), "_a"));
        assertOneWarningAt(h, 2, "listed twice");
    }

    @Test
    void unterminatedQuotedString() throws Exception {
        String cif = "data_nice\n_a 'x,y,z\n_b 2\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals("snippet.cif line 2, column 4 (data_nice): unterminated quoted string starting 'x,y,z"
                + " (a closing ' must be followed by whitespace)", e.getMessage());

        CifFile f = relaxed(cif);
        assertEquals("x,y,z", text(first(f), "_a"));
        assertEquals("2", text(first(f), "_b"));
        assertOneWarningAt(f, 2, "the string runs to the end of the line");
    }

    @Test
    void quotedStringSpanningLinesRecoversAtTheNextDataName() throws Exception {
        // The pattern of diffpy.structure's LiCl-bad.cif: a single-quoted string over three lines.
        String cif = "data_q\n_c 'first line\n   second line.\n'\n_d 4\n";
        CifFile f = relaxed(cif);
        assertEquals("first line", text(first(f), "_c"));
        assertEquals("4", text(first(f), "_d"));
        assertEquals(List.of(2, 3, 4), f.diagnostics().stream().map(Diagnostic::line).toList());
    }

    @Test
    void globalAndStopAreNotCif() throws Exception {
        assertEquals(1, strictFails("global_\n_a 1\ndata_x\n").line());
        CifFile f = relaxed("global_\n_a 1\ndata_x\n_b 2 stop_\n");
        assertEquals(CifBlock.Kind.GLOBAL, first(f).kind());
        assertEquals("1", text(first(f), "_a"));
        assertEquals("2", text(f.block("x").orElseThrow(), "_b"));
        assertEquals(2, f.diagnostics().size());
        assertEquals(4, strictFails("data_x\n_b 2\n\nstop_\n").line());
    }

    @Test
    void saveFrameProblems() throws Exception {
        CifSyntaxException unclosed = strictFails("data_d\nsave_f\n_a 1\ndata_e\n");
        assertEquals(4, unclosed.line());
        assertTrue(unclosed.detail().contains("save frame f is not closed with save_ before data_e"));
        CifFile f = relaxed("data_d\nsave_f\n_a 1\ndata_e\n");
        assertEquals("1", text(first(f).saveFrame("f").orElseThrow(), "_a"));

        assertEquals(3, strictFails("data_d\n_a 1\nsave_\n").line());
        assertEquals(1, relaxed("data_d\n_a 1\nsave_\n").diagnostics().size());

        CifFile nested = relaxed("data_d\nsave_f\n_a 1\nsave_g\n_b 2\nsave_\n");
        assertEquals(List.of("f", "g"), first(nested).saveFrames().stream().map(CifBlock::name).toList());
        assertEquals(1, nested.diagnostics().size());
    }

    @Test
    void duplicateBlockNamesKeepBothAndLookupFindsTheFirst() throws Exception {
        String cif = "data_x\n_a 1\ndata_X\n_a 2\n";
        assertEquals(3, strictFails(cif).line());
        CifFile f = relaxed(cif);
        assertEquals(2, f.blocks().size());
        assertEquals("1", text(f.block("x").orElseThrow(), "_a"));
    }

    @Test
    void emptyBlockNameAndEmptyDataName() throws Exception {
        assertEquals(1, strictFails("data_\n_a 1\n").line());
        assertEquals("", first(relaxed("data_\n_a 1\n")).name());
        CifSyntaxException e = strictFails("data_x\n_ 1\n");
        assertEquals(2, e.line());
    }

    @Test
    void illegalControlCharacters() throws Exception {
        CifSyntaxException e = strictFails("data_c\n_a 1\u0007\n");
        assertEquals(2, e.line());
        assertEquals(5, e.column());
        assertEquals("illegal control character U+0007", e.detail());
        CifFile f = relaxed("data_c\n_a 1\u0007\n_b\u000B2\n");
        assertEquals("1", text(first(f), "_a"));
        assertEquals("2", text(first(f), "_b"));
        assertEquals(2, f.diagnostics().size());
    }

    @Test
    void manyControlCharactersGiveABoundedNumberOfWarnings() throws Exception {
        CifFile f = relaxed("data_c\n_a 1" + "\u0000".repeat(5000) + "\n");
        assertEquals("1", text(first(f), "_a"));
        assertTrue(f.diagnostics().size() <= 11, () -> f.diagnostics().size() + " warnings");
    }

    @Test
    void textAfterTextFieldTerminator() throws Exception {
        String cif = "data_t\n_a\n;x\n;junk\n";
        assertEquals(4, strictFails(cif).line());
        CifFile f = relaxed(cif);
        assertEquals("x", text(first(f), "_a"));
        assertEquals(2, f.diagnostics().size()); // no whitespace, then the orphan value 'junk'
    }

    @Test
    void cif2UnterminatedListClosesBeforeTheNextDataName() throws Exception {
        String cif = CIF2 + "data_l\n_a [1 2\n_b 3\n";
        CifSyntaxException e = strictFails(cif);
        assertEquals(4, e.line());
        assertTrue(e.detail().contains("the list opened at line 3, column 4 is not closed before '_b'"), e.detail());
        CifFile f = relaxed(cif);
        assertEquals(List.of("1", "2"), first(f).value("_a").orElseThrow().list().stream().map(CifValue::text).toList());
        assertEquals("3", text(first(f), "_b"));
    }

    @Test
    void cif2UnterminatedListAndTableAtEndOfFile() throws Exception {
        assertEquals(3, strictFails(CIF2 + "data_l\n_a [1 [2\n").line());
        CifFile f = relaxed(CIF2 + "data_l\n_a [1 {'k':[2\n");
        CifValue a = first(f).value("_a").orElseThrow();
        assertEquals("2", a.list().get(1).table().get("k").list().get(0).text());
        assertEquals(3, f.diagnostics().size());
    }

    @Test
    void cif2StrayClosingBracketsAndMismatches() throws Exception {
        assertEquals(3, strictFails(CIF2 + "data_l\n_a 1 ]\n").line());
        CifFile f = relaxed(CIF2 + "data_l\n_a [1 }\n_b {'k':1 ]\n_c ] 3\n");
        assertEquals(1, first(f).value("_a").orElseThrow().list().size());
        assertEquals(1, first(f).value("_b").orElseThrow().table().size());
        assertEquals("3", text(first(f), "_c"));
        assertEquals(3, f.diagnostics().size());
    }

    @Test
    void cif2MissingWhitespaceAfterQuotedString() throws Exception {
        CifSyntaxException e = strictFails(CIF2 + "data_q\n_a 'O'Brien'\n");
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        CifFile f = relaxed(CIF2 + "data_q\n_a 'x'y\n_b 2\n");
        assertEquals("x", text(first(f), "_a"));
        assertEquals("2", text(first(f), "_b"));
    }

    @Test
    void cif2TableKeyProblems() throws Exception {
        assertEquals(3, strictFails(CIF2 + "data_t\n_t {key:1}\n").line());
        assertEquals(3, strictFails(CIF2 + "data_t\n_t {'k' :1}\n").line());
        assertEquals(3, strictFails(CIF2 + "data_t\n_t {'k':}\n").line());
        CifSyntaxException dup = strictFails(CIF2 + "data_t\n_t {'k':1 'k':2}\n");
        assertTrue(dup.detail().contains("appears twice"), dup.detail());
        CifFile f = relaxed(CIF2 + "data_t\n_t {key:1 'k':2 'k':3 'j':}\n_u 4\n");
        assertEquals("3", first(f).value("_t").orElseThrow().table().get("k").text());
        assertEquals(1, first(f).value("_t").orElseThrow().table().size());
        assertEquals("4", text(first(f), "_u"));
    }

    @Test
    void cif2UnterminatedTripleQuote() throws Exception {
        assertEquals(3, strictFails(CIF2 + "data_t\n_a '''never\nclosed\n").line());
        CifFile f = relaxed(CIF2 + "data_t\n_a '''never\nclosed\n");
        assertEquals("never\nclosed\n", text(first(f), "_a"));
    }

    @Test
    void cif2FileThatIsNotUtf8() throws Exception {
        byte[] bytes = (CIF2 + "data_x\n_a 'M\u00fcller'\n").getBytes(StandardCharsets.ISO_8859_1);
        CifSyntaxException e = assertThrows(CifSyntaxException.class, () -> CifParser.strict().parse(bytes, SRC));
        assertEquals(3, e.line());
        CifFile f = CifParser.relaxed().parse(bytes, SRC);
        assertEquals("M\uFFFDller", text(first(f), "_a"));
    }

    @Test
    void nestingIsBoundedInBothModes() {
        String deep = CIF2 + "data_n\n_a " + "[".repeat(100_000) + "\n";
        for (CifParser p : List.of(CifParser.strict(), CifParser.relaxed())) {
            CifSyntaxException e = assertThrows(CifSyntaxException.class, () -> p.parse(deep, SRC));
            assertTrue(e.detail().contains("nested more than " + CifParser.MAX_NESTING_DEPTH), e.detail());
            assertEquals(3, e.line());
        }
        String deepTables = CIF2 + "data_n\n_a " + "{'k':".repeat(100_000) + "\n";
        assertThrows(CifSyntaxException.class, () -> CifParser.relaxed().parse(deepTables, SRC));
    }

    @Test
    void nestingUpToTheLimitIsRead() throws Exception {
        int depth = CifParser.MAX_NESTING_DEPTH;
        String cif = CIF2 + "data_n\n_a " + "[".repeat(depth) + "x" + "]".repeat(depth) + "\n";
        CifValue v = first(CifParser.strict().parse(cif, SRC)).value("_a").orElseThrow();
        for (int i = 0; i < depth; i++) {
            v = v.list().get(0);
        }
        assertEquals("x", v.text());
    }

    @Test
    void listenersSeeWarningsAndTheFinalError() throws Exception {
        List<Diagnostic> seen = new ArrayList<>();
        CifFile f = CifParser.relaxed().withListener(seen::add).parse("data_a\n_x\nloop_\n", SRC);
        assertEquals(f.diagnostics(), seen);
        assertEquals(2, seen.size());

        seen.clear();
        CifSyntaxException e = assertThrows(CifSyntaxException.class,
                () -> CifParser.of(CifParser.Mode.STRICT, seen::add).parse("data_a\n_b [x\n_x\n", SRC));
        assertEquals(List.of(
                Diagnostic.warning(SRC, "a", 2, 4, seen.get(0).message()),
                e.toDiagnostic()), seen);
        assertEquals(Diagnostic.Severity.ERROR, seen.get(1).severity());
    }

    @Test
    void exceptionMessageFormat() {
        assertEquals("f.cif line 12, column 3 (data_b): bad",
                new StructureIOException("f.cif", "b", 12, 3, "bad").getMessage());
        assertEquals("f.cif line 12: bad", new StructureIOException("f.cif", null, 12, 0, "bad").getMessage());
        assertEquals("f.cif: bad", new StructureIOException("f.cif", "", 0, 0, "bad").getMessage());
        assertEquals("<input>: bad", new StructureIOException("", null, 0, 0, "bad").getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StructureIOException("f", null, -1, 0, "x"));
        assertEquals("f.cif:3:4: m", Diagnostic.error("f.cif", null, 3, 4, "m").toString());
        assertThrows(IllegalArgumentException.class, () -> Diagnostic.warning("f", null, 0, -2, "m"));
    }
}
