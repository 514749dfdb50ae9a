package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.CsvReader;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Every {@code cif} cell of the Perov-5 validation split ({@code ../shared/datasets/perov_5/val.csv},
 * skipped when absent): pymatgen-written P1 CIFs, one block each, five atoms per cell (the
 * dataset's README: "ABX3 perovskites, 5 atoms/cell").
 */
class CifDatasetTest {

    @Test
    void everyPerov5CifHasOneBlockWithFiveFractionalSites() throws Exception {
        Path csv = Fixtures.shared("datasets/perov_5/val.csv");
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(csv)) {
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
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
}
