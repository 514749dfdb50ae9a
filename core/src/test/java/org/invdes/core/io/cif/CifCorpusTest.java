package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The shared corpus of real CIF files ({@code ../shared/cif-corpus}, skipped when absent).
 *
 * <p>Expected facts come from reading the files themselves (line numbers, values) and from
 * pymatgen 2022.11's results recorded in {@code expected-pymatgen.json} (number of structures per
 * file).
 */
class CifCorpusTest {

    /**
     * The corpus files that break the CIF syntax, with the line of the first violation, found by
     * reading them: an unquoted value with a space in it (line 13: {@code Na0.8CoO2_P63mmc supercell}),
     * data items with no {@code data_} header (first item on line 14), and a single-quoted string
     * running over three lines (opened on line 14).
     */
    private static final Map<String, Integer> STRICT_FAILURES = Map.of(
            "Dans_Diffraction__NaCoO2_stripe_supercell.cif", 13,
            "cod-tools__2009397-no-data-block-heading.cif", 14,
            "diffpy.structure__LiCl-bad.cif", 14);

    @Test
    void everyFileParsesRelaxedAndOnlyTheBrokenOnesFailStrict() throws Exception {
        Map<String, String> strictFailures = new TreeMap<>();
        for (Path file : Fixtures.sharedFiles("cif-corpus", ".cif")) {
            String name = file.getFileName().toString();
            try {
                CifFile f = CifParser.relaxed().parse(file);
                assertEquals(name, f.source());
            } catch (StructureIOException e) {
                assertTrue(e.line() > 0, () -> "relaxed error without a line: " + e.getMessage());
                fail("relaxed parse of " + name + " failed: " + e.getMessage());
            }
            try {
                CifParser.strict().parse(file);
            } catch (CifSyntaxException e) {
                assertTrue(e.line() > 0, () -> "strict error without a line: " + e.getMessage());
                assertEquals(name, e.source());
                strictFailures.put(name, e.getMessage());
            }
        }
        strictFailures.values().forEach(m -> System.out.println("[strict] " + m));
        assertEquals(new TreeSet<>(STRICT_FAILURES.keySet()), strictFailures.keySet());
        for (Map.Entry<String, Integer> expected : STRICT_FAILURES.entrySet()) {
            String message = strictFailures.get(expected.getKey());
            assertTrue(message.startsWith(expected.getKey() + " line " + expected.getValue() + ","), message);
        }
    }

    /**
     * Where pymatgen built N structures from a file, exactly N of our blocks have a non-empty
     * {@code _atom_site_fract_x} loop (pymatgen makes one structure per block with sites).
     */
    @Test
    void blocksWithAtomSitesMatchPymatgenStructureCounts() throws Exception {
        Path corpus = Fixtures.shared("cif-corpus");
        Map<String, Integer> expected = pymatgenStructureCounts(corpus.resolve("expected-pymatgen.json"));
        assertTrue(expected.size() >= 30, "entries read from expected-pymatgen.json: " + expected.size());
        int compared = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            if (e.getValue() == 0) {
                continue; // pymatgen failed; nothing to compare
            }
            CifFile f = CifParser.relaxed().parse(corpus.resolve(e.getKey()));
            long withSites = f.blocks().stream()
                    .filter(b -> b.loopContaining("_atom_site_fract_x").map(l -> l.rowCount() > 0).orElse(false))
                    .count();
            assertEquals((long) e.getValue(), withSites, e.getKey());
            compared++;
        }
        assertTrue(compared >= 25, "files compared: " + compared);
    }

    /**
     * Reads the file name and number of structures of each entry of expected-pymatgen.json. The
     * file is a JSON array of objects with a "file" key and either a "structures" array of objects
     * (each with a "formula" key) or an "error"; counting "formula" keys between consecutive "file"
     * keys is enough for that shape.
     */
    private static Map<String, Integer> pymatgenStructureCounts(Path json) throws IOException {
        String text = Files.readString(json, StandardCharsets.UTF_8);
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = text.indexOf("\"file\""); i >= 0; i = text.indexOf("\"file\"", i + 1)) {
            starts.add(i);
        }
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : text.length();
            int q1 = text.indexOf('"', text.indexOf(':', from) + 1);
            int q2 = text.indexOf('"', q1 + 1);
            String file = text.substring(q1 + 1, q2);
            int n = 0;
            for (int i = text.indexOf("\"formula\"", from); i >= 0 && i < to; i = text.indexOf("\"formula\"", i + 1)) {
                n++;
            }
            counts.put(file, n);
        }
        return counts;
    }

    private static CifFile corpusFile(String name) throws Exception {
        return CifParser.strict().parse(Fixtures.shared("cif-corpus").resolve(name));
    }

    @Test
    void cif2ListData() throws Exception {
        CifFile f = corpusFile("cif_api__list_data.cif");
        assertEquals(CifFile.Version.CIF_2_0, f.version());
        CifBlock b = f.block("list_data").orElseThrow();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                b.value("_digit_list").orElseThrow().list().stream().map(CifValue::text).toList());
        assertEquals(0, b.value("_empty_list3").orElseThrow().list().size());
        CifValue notAList = b.value("_single_string3").orElseThrow().list().get(0);
        assertEquals(CifValue.Kind.QUOTED, notAList.kind());
        assertEquals("[ not a list ]", notAList.text());
        assertEquals(-10.0, b.value("_single_numb2").orElseThrow().list().get(0).number().getAsDouble());
        List<CifValue> mixed = b.value("_mixed_list").orElseThrow().list();
        assertEquals(6, mixed.size());
        assertEquals(CifValue.Kind.UNKNOWN, mixed.get(4).kind());
        assertEquals(CifValue.Kind.TEXT_FIELD, mixed.get(5).kind());
        assertEquals("Its fleece....", mixed.get(5).text());
        assertEquals(List.of("one", "two", "\"three\""),
                b.value("_string_list").orElseThrow().list().stream().map(CifValue::text).toList());
    }

    @Test
    void cif2ValueTypes() throws Exception {
        CifBlock b = corpusFile("cod-tools__various-CIF2-values.cif").blocks().get(0);
        assertEquals(List.of("\"", "'", "\"\"", "''", "\"\"\"", "'''", "'\""),
                b.loopContaining("_quotes").orElseThrow().column("_quotes").stream().map(CifValue::text).toList());
        assertEquals(List.of("", "", "", "", ""),
                b.loopContaining("_empty_value").orElseThrow().column(0).stream().map(CifValue::text).toList());
        assertEquals(List.of("data_", "save_", "loop_", "global_", "stop_"),
                b.loopContaining("_string_tokens").orElseThrow().column(0).stream().map(CifValue::text).toList());
        assertEquals(List.of("#", "$", "_", "[", "]", "{", "}"),
                b.loopContaining("_lead_chars").orElseThrow().column(0).stream().map(CifValue::text).toList());
        assertEquals("there is a space in this string", b.value("_space_in_string").orElseThrow().text());
        assertEquals("prefix:\\\nprefix:;\nprefix:value\nprefix:;", b.value("_nested_textfield").orElseThrow().text());
    }

    @Test
    void cif2UnicodeNamesAndValues() throws Exception {
        CifFile f = corpusFile("cif_api__unicode.cif");
        CifBlock b = f.block("\u016Cnic\u00F6de\u2192").orElseThrow();
        CifBlock frame = b.saveFrame("\u00A71").orElseThrow();
        CifValue dh = frame.value("_\u0394Hf").orElseThrow();
        assertEquals("\u2212393.509", dh.text());
        assertTrue(dh.number().isEmpty(), "U+2212 is not an ASCII minus sign");
        assertEquals("\uD801\uDE3E\u16A0\u2820", frame.value("_uvalue").orElseThrow().text());
        assertEquals("C O2", frame.value("_formula").orElseThrow().text());
    }

    @Test
    void cif2TextFieldsWithMixedLineTerminators() throws Exception {
        CifBlock b = corpusFile("cif_api__text_fields.cif").blocks().get(0);
        // Lines end LF, CR LF, CR and LF in the file; all become LF.
        assertEquals("line 1\nline 2\nline 3\nend", b.value("_terminators").orElseThrow().text());
        assertEquals(17, b.line("_terminators"));
    }

    @Test
    void severalBlocksInOneFile() throws Exception {
        CifFile f = corpusFile("cod-tools__sn5033sup1.cif");
        assertEquals(List.of("_alpha2-Cr2P2O7", "_alpha1-Cr2P2O7_superspace", "alpha1-Cr2P2O7_supercell"),
                f.blocks().stream().map(CifBlock::name).toList());
    }

    @Test
    void crlfFileWithTwoBlocks() throws Exception {
        CifFile f = corpusFile("pycifrw__C13H2203_with_errors.cif");
        assertEquals(List.of("global", "II"), f.blocks().stream().map(CifBlock::name).toList());
        CifBlock ii = f.block("ii").orElseThrow();
        assertEquals(76, ii.loopContaining("_atom_site_fract_x").orElseThrow().rowCount());
    }

    @Test
    void curlyBracketsAreTextInCif11() throws Exception {
        CifBlock b = corpusFile("diffpy.structure__curlybrackets.cif").blocks().get(0);
        assertEquals("{15d6793f-0b54-44dd-81a5-d864469fb48d}", b.value("_publcif_datablock.id").orElseThrow().text());
        assertEquals(3.13774, b.number("_cell_length_a").getAsDouble());
        assertEquals(0.00004, b.value("_cell_length_a").orElseThrow().uncertainty().getAsDouble());
        assertEquals("Guignard, J\\'er\\'emy",
                b.loopContaining("_publ_author_name").orElseThrow().get(4, 0).text());
    }

    @Test
    void relaxedReadsTheFileWithoutDataHeader() throws Exception {
        CifFile f = CifParser.relaxed().parse(
                Fixtures.shared("cif-corpus").resolve("cod-tools__2009397-no-data-block-heading.cif"));
        CifBlock b = f.blocks().get(0);
        assertEquals(CifBlock.Kind.HEADERLESS, b.kind());
        assertEquals(22.426, b.number("_cell_length_a").getAsDouble());
        CifLoop sites = b.loopContaining("_atom_site_label").orElseThrow();
        assertEquals(29, sites.rowCount());
        // Row O2 has its last value on the next line of the file.
        assertEquals("0.0551", sites.get(1, "_atom_site_U_iso_or_equiv").text());
    }
}
