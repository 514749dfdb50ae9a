package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@code cif} cell of the Perov-5 validation split ({@code ../shared/datasets/perov_5/val.csv},
 * skipped when absent): pymatgen-written P1 CIFs, one block each, five atoms per cell (the
 * dataset's README: "ABX3 perovskites, 5 atoms/cell").
 */
class CifDatasetTest {

    @Test
    void everyPerov5CifHasOneBlockWithFiveFractionalSites() throws Exception {
        Path csv = SharedTestData.datasetsOrSkip().resolve("perov_5").resolve("val.csv");
        assumeTrue(Files.isRegularFile(csv), () -> "skipped: " + csv + " not found");
        List<List<String>> rows = readCsv(Files.readString(csv, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        int cifColumn = header.indexOf("cif");
        int idColumn = header.indexOf("material_id");
        assertTrue(cifColumn >= 0, () -> "no cif column in " + header);
        // README of the dataset: 3,787 structures.
        assertEquals(3787, rows.size() - 1);
        CifParser parser = CifParser.strict();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String name = "perov_5/val.csv material " + row.get(idColumn);
            CifFile f = parser.parse(row.get(cifColumn), name);
            assertEquals(1, f.blocks().size(), name);
            assertTrue(f.diagnostics().isEmpty(), () -> name + ": " + f.diagnostics());
            CifBlock b = f.blocks().get(0);
            CifLoop sites = b.loopContaining("_atom_site_fract_x").orElseThrow(() -> new AssertionError(name));
            assertEquals(5, sites.rowCount(), name);
            for (int s = 0; s < sites.rowCount(); s++) {
                assertTrue(sites.get(s, "_atom_site_fract_x").number().isPresent(), name);
            }
            assertTrue(b.number("_cell_length_a").isPresent(), name);
        }
    }

    /**
     * A minimal RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas
     * and line breaks, and {@code ""} inside them is one quote. Records end at LF or CR LF.
     */
    static List<List<String>> readCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    @Test
    void csvReaderHandlesQuotedLineBreaksAndEscapedQuotes() {
        List<List<String>> rows = readCsv("a,b\n1,\"x\ny \"\"q\"\", z\"\r\n2,\n");
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x\ny \"q\", z"), List.of("2", "")), rows);
    }
}
