package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.invdes.core.io.CsvReader;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks formulas against the benchmark datasets in {@code ../shared/datasets} (not part of the
 * repository; the tests are skipped when it is absent). Every {@code cif} cell there was written
 * by pymatgen's CifWriter, which records the structure's composition as {@code
 * _chemical_formula_sum} (pymatgen's {@code Composition.formula}) and {@code
 * _chemical_formula_structural} ({@code Composition.reduced_formula}); the MP-20 {@code
 * pretty_formula} column is Materials Project's (pymatgen's) reduced formula. These are the
 * expected values.
 *
 * <p>The shared directory is located by {@link Fixtures#shared}.
 */
class CompositionDatasetTest {

    private static final Pattern FORMULA_SUM =
            Pattern.compile("^_chemical_formula_sum\\s+(?:'([^']*)'|(\\S+))\\s*$", Pattern.MULTILINE);
    private static final Pattern FORMULA_STRUCTURAL =
            Pattern.compile("^_chemical_formula_structural\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"mp_20/biternary_val.csv.gz", "mp_20/pilot_train.csv.gz",
        "mp_20/pilot_val.csv.gz", "perov_5/val.csv", "carbon_24/val.csv"})
    void formulasAgreeWithThoseWrittenByPymatgen(String relativePath) throws Exception {
        Path file = Fixtures.shared("datasets/" + relativePath);
        List<String> failures = new ArrayList<>();
        int rows;
        try (CsvReader csv = CsvReader.open(file)) {
            rows = checkRecords(csv, file, failures);
        }
        assertTrue(rows > 900, "only " + rows + " rows in " + file);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
                failures.size() + " mismatches in " + rows + " rows of " + file);
    }

    /** Checks every record after the header, collecting mismatches; returns how many it read. */
    private static int checkRecords(CsvReader csv, Path file, List<String> failures)
            throws Exception {
        List<String> header = csv.next();
        int cifColumn = header.indexOf("cif");
        int prettyColumn = header.indexOf("pretty_formula");
        int formulaColumn = header.indexOf("formula");
        assertTrue(cifColumn >= 0, "no cif column in " + file);

        int rows = 0;
        for (List<String> record = csv.next(); record != null; record = csv.next()) {
            rows++;
            String cif = record.get(cifColumn);
            String sum = group(FORMULA_SUM, cif);
            String structural = group(FORMULA_STRUCTURAL, cif);
            String where = file.getFileName() + " row " + rows + ": ";
            Composition composition = Composition.parse(sum);
            check(failures, where + "reduced formula of '" + sum + "'", structural,
                    composition.reducedFormula());
            check(failures, where + "formula of '" + sum + "'",
                    reorderTiesBySymbol(sum), composition.formula());
            if (prettyColumn >= 0) {
                String pretty = record.get(prettyColumn);
                check(failures, where + "pretty_formula", pretty,
                        Composition.parse(pretty).reducedFormula());
            }
            if (formulaColumn >= 0) {
                // Perov-5's formula column lists A, B, then anions; pymatgen reorders it.
                String reduced = Composition.parse(record.get(formulaColumn)).reducedFormula();
                check(failures, where + "formula column", structural, reduced);
                check(failures, where + "fixed point", reduced,
                        Composition.parse(reduced).reducedFormula());
            }
        }
        return rows;
    }

    private static void check(List<String> failures, String what, String expected,
            String actual) {
        if (!expected.equals(actual)) {
            failures.add(what + ": expected '" + expected + "' but got '" + actual + "'");
        }
    }

    /**
     * pymatgen's {@code formula} sorts by electronegativity alone, keeping the insertion (site)
     * order of elements with equal electronegativity; Composition orders those by symbol. This
     * re-sorts pymatgen's tokens by (electronegativity, symbol), after checking that they are
     * sorted by electronegativity, so the two can be compared exactly.
     */
    private static String reorderTiesBySymbol(String pymatgenFormula) {
        String[] tokens = pymatgenFormula.split(" ");
        Element[] elements = new Element[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            elements[i] = Element.of(tokens[i].replaceAll("[^A-Za-z]", ""));
            if (i > 0) {
                assertTrue(Double.compare(elements[i - 1].electronegativity(),
                        elements[i].electronegativity()) <= 0,
                        "pymatgen formula not sorted by electronegativity: " + pymatgenFormula);
            }
        }
        Integer[] order = new Integer[tokens.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> elements[i], Element.electronegativityOrder()));
        StringBuilder reordered = new StringBuilder();
        for (Integer i : order) {
            reordered.append(reordered.length() == 0 ? "" : " ").append(tokens[i]);
        }
        return reordered.toString();
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), "no match for " + pattern + " in CIF:\n" + text);
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }
}
