package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.Diagnostic;
import org.invdes.core.io.StructureIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each feature of the CIF 1.1 and CIF 2.0 syntax, on hand-written snippets that are valid CIF. */
class CifParserSyntaxTest {

    private static CifFile strict(String text) throws CifSyntaxException {
        return CifParser.strict().parse(text, "snippet.cif");
    }

    private static CifBlock only(String text) throws CifSyntaxException {
        CifFile f = strict(text);
        assertEquals(1, f.blocks().size(), () -> "blocks: " + f.blocks());
        return f.blocks().get(0);
    }

    private static CifValue value(CifBlock b, String tag) {
        return b.value(tag).orElseThrow(() -> new AssertionError("no " + tag + " in " + b));
    }

    @Test
    void itemsLoopsAndLineNumbers() throws Exception {
        String cif = """
                # a comment line
                data_NaCl
                _cell_length_a   5.6402(3)   # trailing comment
                _symmetry_space_group_name_H-M 'F m -3 m'
                loop_
                _atom_site_label
                _atom_site_fract_x
                Na1 0.0
                Cl1 0.5
                """;
        CifBlock b = only(cif);
        assertEquals("NaCl", b.name());
        assertEquals(CifBlock.Kind.DATA, b.kind());
        assertEquals(2, b.line());
        assertEquals(5.6402, b.number("_cell_length_a").getAsDouble());
        assertEquals(3, b.line("_cell_length_a"));
        CifValue sg = value(b, "_symmetry_space_group_name_H-M");
        assertEquals("F m -3 m", sg.text());
        assertEquals("'F m -3 m'", sg.raw());
        assertEquals(CifValue.Kind.QUOTED, sg.kind());
        assertEquals(4, sg.line());
        assertEquals(32, sg.column());
        assertEquals(List.of("_cell_length_a", "_symmetry_space_group_name_H-M", "_atom_site_label",
                "_atom_site_fract_x"), b.tags());

        CifLoop loop = b.loopContaining("_atom_site_fract_x").orElseThrow();
        assertSame(loop, b.loops().get(0));
        assertEquals(5, loop.line());
        assertEquals(2, loop.rowCount());
        assertEquals(2, loop.tagCount());
        assertEquals("Cl1", loop.get(1, "_atom_site_label").text());
        assertEquals(0.5, loop.get(1, 1).number().getAsDouble());
        assertEquals(List.of("0.0", "0.5"), loop.column("_atom_site_fract_x").stream().map(CifValue::text).toList());
        assertEquals(List.of("Na1", "0.0"), loop.row(0).stream().map(CifValue::text).toList());
        assertEquals(8, loop.rowLine(0));
        assertEquals(9, loop.rowLine(1));
        assertEquals(7, loop.tagLine(1));
        assertEquals(7, b.line("_atom_site_fract_x"));
        // value() of a looped tag gives the first row
        assertEquals("Na1", value(b, "_atom_site_label").text());
        assertTrue(b.loopContaining("_cell_length_a").isEmpty());
        assertEquals(-1, b.line("_absent"));
        assertFalse(b.has("_absent"));
        assertThrows(IllegalArgumentException.class, () -> loop.get(0, "_absent"));
        assertThrows(IndexOutOfBoundsException.class, () -> loop.get(2, 0));
    }

    @Test
    void tagsAndBlockNamesIgnoreCase() throws Exception {
        CifFile f = strict("data_First\n_Cell_Length_A 1\nDATA_second\nLOOP_ _X _Y 1 2\n");
        assertEquals(2, f.blocks().size());
        CifBlock first = f.block("FIRST").orElseThrow();
        assertTrue(first.has("_cell_length_a"));
        assertEquals("1", value(first, "_CELL_LENGTH_A").text());
        assertEquals(List.of("_Cell_Length_A"), first.tags());
        CifBlock second = f.block("Second").orElseThrow();
        assertEquals("2", second.loopContaining("_y").orElseThrow().get(0, "_Y").text());
        assertTrue(f.block("third").isEmpty());
    }

    @Test
    void hashStartsACommentOnlyAtTheStartOfAToken() throws Exception {
        CifBlock b = only("data_c\n_a x#y\n_b '#not a comment'\n_c z #comment\n_d\n;\n# inside text\n;\n");
        assertEquals("x#y", value(b, "_a").text());
        assertEquals("#not a comment", value(b, "_b").text());
        assertEquals("z", value(b, "_c").text());
        assertEquals("# inside text", value(b, "_d").text());
    }

    @Test
    void quoteEndsOnlyBeforeWhitespaceInCif11() throws Exception {
        CifBlock b = only("data_q\n_a 'O'Brien'\n_b \"a \"quoted\"word\"\n_c 'x'\t_d 'end'");
        assertEquals("O'Brien", value(b, "_a").text());
        assertEquals("a \"quoted\"word", value(b, "_b").text());
        // ...so a quote followed by a space inside a string ends it early.
        CifSyntaxException e = assertThrows(CifSyntaxException.class,
                () -> strict("data_q\n_b \"say \"hi\" now\"\n"));
        assertEquals("value 'now\"' has no data name", e.detail());
        assertEquals("x", value(b, "_c").text());
        assertEquals("end", value(b, "_d").text());
        assertEquals(CifValue.Kind.QUOTED, value(b, "_d").kind());
    }

    @Test
    void unquotedValuesMayContainQuotesAfterTheirFirstCharacter() throws Exception {
        CifBlock b = only("data_u\n_a it's\n_b a\"b\n_c ;notatextfield\n");
        assertEquals("it's", value(b, "_a").text());
        assertEquals("a\"b", value(b, "_b").text());
        // A semicolon starts a text field only at the start of a line.
        assertEquals(";notatextfield", value(b, "_c").text());
        assertEquals(CifValue.Kind.UNQUOTED, value(b, "_c").kind());
    }

    @Test
    void placeholdersAreDistinguishedFromQuotedPlaceholders() throws Exception {
        CifBlock b = only("data_p\n_a ?\n_b .\n_c '?'\n_d \".\"\n_e ?x\n_f .5\n");
        assertEquals(CifValue.Kind.UNKNOWN, value(b, "_a").kind());
        assertEquals(CifValue.Kind.INAPPLICABLE, value(b, "_b").kind());
        assertEquals(CifValue.Kind.QUOTED, value(b, "_c").kind());
        assertEquals("?", value(b, "_c").text());
        assertEquals(CifValue.Kind.QUOTED, value(b, "_d").kind());
        assertEquals(CifValue.Kind.UNQUOTED, value(b, "_e").kind());
        assertEquals(0.5, value(b, "_f").number().getAsDouble());
    }

    @Test
    void textFields() throws Exception {
        String cif = "data_t\n_title\n;\nFirst line\n  second line\n;\n_inline\n;same line\n;\n_empty\n;\n;\n";
        CifBlock b = only(cif);
        CifValue title = value(b, "_title");
        assertEquals(CifValue.Kind.TEXT_FIELD, title.kind());
        assertEquals("First line\n  second line", title.text());
        assertEquals(";\nFirst line\n  second line\n;", title.raw());
        assertEquals(3, title.line());
        assertEquals(1, title.column());
        assertEquals("same line", value(b, "_inline").text());
        assertEquals("", value(b, "_empty").text());
        assertEquals(10, b.line("_empty"));
    }

    @Test
    void textFieldsInLoops() throws Exception {
        CifBlock b = only("data_t\nloop_ _name _address\n'A. Author'\n;\nSome Street 1\nTown\n;\n"
                + "'B. Author' ?\n");
        CifLoop loop = b.loops().get(0);
        assertEquals(2, loop.rowCount());
        assertEquals("Some Street 1\nTown", loop.get(0, "_address").text());
        assertEquals(CifValue.Kind.UNKNOWN, loop.get(1, "_address").kind());
        assertEquals(8, loop.rowLine(1));
    }

    @Test
    void lineEndingsLfCrLfAndCrGiveTheSameResultAndLines() throws Exception {
        String lf = "data_e\n_a 1\n_b\n;\nx\ny\n;\nloop_ _c\n1\n2\n";
        CifFile a = strict(lf);
        CifFile b = strict(lf.replace("\n", "\r\n"));
        CifFile c = strict(lf.replace("\n", "\r"));
        assertEquals(a, b);
        assertEquals(a, c);
        for (CifFile f : List.of(a, b, c)) {
            CifBlock blk = f.blocks().get(0);
            assertEquals("x\ny", value(blk, "_b").text());
            assertEquals(3, blk.line("_b"));
            assertEquals(10, blk.loops().get(0).rowLine(1));
        }
        assertEquals(";\r\nx\r\ny\r\n;", value(b.blocks().get(0), "_b").raw());
    }

    @Test
    void tabsAreWhitespace() throws Exception {
        CifBlock b = only("data_t\n_a\t1\nloop_\t_x\t_y\n\t1\t2\n");
        assertEquals("1", value(b, "_a").text());
        assertEquals("2", value(b, "_y").text());
        assertEquals(2, value(b, "_x").column());
    }

    @Test
    void ctrlZEndsTheFile() throws Exception {
        CifBlock b = only("data_z\n_a 1\n\u001A");
        assertEquals("1", value(b, "_a").text());

        CifFile f = strict("data_z\n_a 1\n\u001A\n_b 2\n");
        assertFalse(f.blocks().get(0).has("_b"));
        assertEquals(1, f.diagnostics().size());
        assertEquals(3, f.diagnostics().get(0).line());
        assertTrue(f.diagnostics().get(0).message().contains("Ctrl-Z"));
    }

    @Test
    void byteOrderMarkIsSkipped() throws Exception {
        assertEquals("1", value(only("\uFEFFdata_b\n_a 1\n"), "_a").text());
        byte[] bytes = "\uFEFFdata_b\n_a \u00e9\n".getBytes(StandardCharsets.UTF_8);
        CifFile f = CifParser.strict().parse(bytes, "bom.cif");
        assertEquals("é", value(f.blocks().get(0), "_a").text());
        assertEquals(2, value(f.blocks().get(0), "_a").line());
    }

    @Test
    void nonAsciiCharactersAreKept() throws Exception {
        CifBlock b = only("data_u\n_name 'Müller, J.'\n_chem Ångström→\n");
        assertEquals("Müller, J.", value(b, "_name").text());
        assertEquals("Ångström→", value(b, "_chem").text());
    }

    @Test
    void latin1FileIsReadWithAWarning() throws Exception {
        byte[] bytes = "data_l\n_a 'M\u00fcller'\n".getBytes(StandardCharsets.ISO_8859_1);
        List<Diagnostic> seen = new ArrayList<>();
        CifFile f = CifParser.strict().withListener(seen::add).parse(bytes, "latin1.cif");
        assertEquals("Müller", value(f.blocks().get(0), "_a").text());
        assertEquals(1, seen.size());
        assertEquals(2, seen.get(0).line());
        assertEquals(Diagnostic.Severity.WARNING, seen.get(0).severity());
    }

    @Test
    void saveFramesAreKeptSeparately() throws Exception {
        CifBlock b = only("data_dict\n_dictionary.title x\nsave_frame1\n_item.name '_a.b'\nloop_ _e.v 1 2\n"
                + "save_\n_after 3\n");
        assertEquals(List.of("_dictionary.title", "_after"), b.tags());
        assertEquals(1, b.saveFrames().size());
        CifBlock frame = b.saveFrame("FRAME1").orElseThrow();
        assertEquals(CifBlock.Kind.SAVE_FRAME, frame.kind());
        assertEquals("frame1", frame.name());
        assertEquals(3, frame.line());
        assertEquals("_a.b", value(frame, "_item.name").text());
        assertEquals(2, frame.loopContaining("_e.v").orElseThrow().rowCount());
        assertFalse(b.has("_item.name"));
    }

    @Test
    void multipleBlocksInOneFile() throws Exception {
        CifFile f = strict("data_a _x 1 data_b _x 2\ndata_c\n");
        assertEquals(List.of("a", "b", "c"), f.blocks().stream().map(CifBlock::name).toList());
        assertEquals("2", value(f.block("b").orElseThrow(), "_x").text());
        assertEquals(0, f.blocks().get(2).tags().size());
        assertEquals(CifFile.Version.CIF_1_1, f.version());
        assertEquals("snippet.cif", f.source());
    }

    @Test
    void emptyInputHasNoBlocks() throws Exception {
        assertEquals(0, strict("").blocks().size());
        assertEquals(0, strict("# only a comment\n\n").blocks().size());
    }

    @Test
    void bracketsAndBracesAreTextInCif11() throws Exception {
        CifBlock b = only("data_b\n_a a[1]\n_b {15d6793f-0b54}\n_c x]y\n");
        assertEquals("a[1]", value(b, "_a").text());
        assertEquals("{15d6793f-0b54}", value(b, "_b").text());
        assertEquals("x]y", value(b, "_c").text());
        assertEquals(CifValue.Kind.UNQUOTED, value(b, "_b").kind());
    }

    @Test
    void leadingBracketInCif11IsAWarningNotAnError() throws Exception {
        CifFile f = strict("data_b\n_a [Fe(CN)6]\n");
        assertEquals("[Fe(CN)6]", value(f.blocks().get(0), "_a").text());
        assertEquals(1, f.diagnostics().size());
        assertEquals(Diagnostic.Severity.WARNING, f.diagnostics().get(0).severity());
        assertEquals(2, f.diagnostics().get(0).line());
    }

    // ------------------------------------------------------------------ CIF 2.0

    private static final String CIF2 = "#\\#CIF_2.0\n";

    @Test
    void cif2MagicCodeSelectsCif2() throws Exception {
        assertEquals(CifFile.Version.CIF_2_0, strict(CIF2 + "data_x\n").version());
        assertEquals(CifFile.Version.CIF_1_1, strict("#\\#CIF_1.1\ndata_x\n").version());
        assertEquals(CifFile.Version.CIF_1_1, strict("\n#\\#CIF_2.0\ndata_x\n").version());
        assertEquals(CifFile.Version.CIF_2_0, strict("\uFEFF" + CIF2 + "data_x\n").version());
    }

    @Test
    void cif2TripleQuotedStrings() throws Exception {
        CifBlock b = only(CIF2 + "data_t\n_a '''It's \"here\"\nover two lines'''\n_b \"\"\"x'''y\"\"\"\n_c ''\n");
        CifValue a = value(b, "_a");
        assertEquals(CifValue.Kind.QUOTED, a.kind());
        assertEquals("It's \"here\"\nover two lines", a.text());
        assertEquals(3, a.line());
        assertEquals("x'''y", value(b, "_b").text());
        assertEquals(5, b.line("_b"));
        assertEquals("", value(b, "_c").text());
    }

    @Test
    void cif2QuotedStringEndsAtTheFirstMatchingQuote() throws Exception {
        CifBlock b = only(CIF2 + "data_q\n_a 'x'\n_b 'a\"b'\n");
        assertEquals("x", value(b, "_a").text());
        assertEquals("a\"b", value(b, "_b").text());
        assertThrows(CifSyntaxException.class, () -> strict(CIF2 + "data_q\n_a 'O'Brien'\n"));
    }

    @Test
    void cif2NestedListsAndTables() throws Exception {
        String cif = CIF2 + "data_l\n_list [1 'two' [3.5(1) ?] {'k':v \"n\":[ ]}]\n"
                + "_table {'a':1 'b': [x y]\n 'c':\n;\ntext\n;\n}\n_after z\n";
        CifBlock b = only(cif);
        CifValue list = value(b, "_list");
        assertEquals(CifValue.Kind.LIST, list.kind());
        assertEquals(4, list.list().size());
        assertEquals("two", list.list().get(1).text());
        CifValue inner = list.list().get(2);
        assertEquals(3.5, inner.list().get(0).number().getAsDouble());
        assertEquals(0.1, inner.list().get(0).uncertainty().getAsDouble());
        assertEquals(CifValue.Kind.UNKNOWN, inner.list().get(1).kind());
        CifValue tbl = list.list().get(3);
        assertEquals("v", tbl.table().get("k").text());
        assertEquals(0, tbl.table().get("n").list().size());
        assertEquals("[1 'two' [3.5(1) ?] {'k':v \"n\":[ ]}]", list.raw());
        assertEquals(3, list.line());

        CifValue table = value(b, "_table");
        assertEquals(List.of("a", "b", "c"), List.copyOf(table.table().keySet()));
        assertEquals(List.of("x", "y"), table.table().get("b").list().stream().map(CifValue::text).toList());
        assertEquals("text", table.table().get("c").text());
        assertEquals("z", value(b, "_after").text());
        assertEquals(10, b.line("_after"));
    }

    @Test
    void cif2ListsInLoops() throws Exception {
        CifBlock b = only(CIF2 + "data_l\nloop_ _id _vec\n1 [0 0 1]\n2 [1 0 0]\n");
        CifLoop loop = b.loops().get(0);
        assertEquals(2, loop.rowCount());
        assertEquals("1", loop.get(1, "_vec").list().get(0).text());
    }

    @Test
    void cif2TableKeysMayBeTripleQuotedAndAreCaseSensitive() throws Exception {
        CifBlock b = only(CIF2 + "data_t\n_t {'''K''':1 'k':2}\n");
        CifValue t = value(b, "_t");
        assertEquals("1", t.table().get("K").text());
        assertEquals("2", t.table().get("k").text());
    }

    // ------------------------------------------------------------------ other entry points

    @Test
    void readerAndPathEntryPoints(@TempDir Path dir) throws Exception {
        String cif = "data_r\n_a 'é'\n";
        CifFile fromReader = CifParser.strict().parse(new StringReader(cif), "reader.cif");
        assertEquals("é", value(fromReader.blocks().get(0), "_a").text());

        Path file = dir.resolve("file.cif");
        Files.writeString(file, cif, StandardCharsets.UTF_8);
        CifFile fromPath = CifParser.strict().parse(file);
        assertEquals("file.cif", fromPath.source());
        assertEquals(fromReader.blocks(), fromPath.blocks());

        StructureIOException missing = assertThrows(StructureIOException.class,
                () -> CifParser.strict().parse(dir.resolve("missing.cif")));
        assertEquals("missing.cif", missing.source());
        assertTrue(missing.getCause() instanceof java.nio.file.NoSuchFileException, String.valueOf(missing.getCause()));
    }

    @Test
    void builtBlocksEqualParsedBlocks() throws Exception {
        CifBlock parsed = only("data_b\n_a 1\nloop_ _x _y\n1 'p q'\n2 ?\n");
        CifBlock built = CifBlock.builder("b")
                .item("_a", CifValue.unquoted("1", 0, 0))
                .loop(CifLoop.of(List.of("_x", "_y"), List.of(
                        List.of(CifValue.unquoted("1", 0, 0), CifValue.quoted("p q", 0, 0)),
                        List.of(CifValue.unquoted("2", 0, 0), CifValue.unknown(0, 0)))))
                .build();
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertThrows(IllegalArgumentException.class,
                () -> CifBlock.builder("b").item("_a", CifValue.unknown(0, 0)).item("_A", CifValue.unknown(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> CifBlock.builder("has space"));
        assertThrows(IllegalArgumentException.class, () -> CifLoop.of(List.of("_x", "_X"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> CifLoop.of(List.of("_x", "_y"), List.of(List.of(CifValue.unknown(0, 0)))));
    }
}
