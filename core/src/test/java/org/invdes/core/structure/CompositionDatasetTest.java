package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

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
 * <p>The shared directory is taken from the system property {@code invdes.shared}, or found by
 * walking up from {@code user.dir} to a directory that has {@code shared/cif-corpus}.
 */
class CompositionDatasetTest {

    private static final Pattern FORMULA_SUM =
            Pattern.compile("^_chemical_formula_sum\\s+(?:'([^']*)'|(\\S+))\\s*$", Pattern.MULTILINE);
    private static final Pattern FORMULA_STRUCTURAL =
            Pattern.compile("^_chemical_formula_structural\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"mp_20/biternary_val.csv.gz", "mp_20/pilot_train.csv.gz",
        "mp_20/pilot_val.csv.gz", "perov_5/val.csv", "carbon_24/val.csv"})
    void formulasAgreeWithThoseWrittenByPymatgen(String relativePath) throws IOException {
        Path file = datasetFile(relativePath);
        List<List<String>> records = readCsv(file);
        List<String> header = records.get(0);
        int cifColumn = header.indexOf("cif");
        int prettyColumn = header.indexOf("pretty_formula");
        int formulaColumn = header.indexOf("formula");
        assertTrue(cifColumn >= 0, "no cif column in " + file);

        List<String> failures = new ArrayList<>();
        int rows = 0;
        for (List<String> record : records.subList(1, records.size())) {
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
        assertTrue(rows > 900, "only " + rows + " rows in " + file);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
                failures.size() + " mismatches in " + rows + " rows of " + file);
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

    /** The dataset file, or a skipped test with a clear message when it is absent. */
    static Path datasetFile(String relativePath) {
        Optional<Path> shared = sharedDirectory();
        assumeTrue(shared.isPresent(), "skipped: shared data not found (no shared/cif-corpus"
                + " above " + System.getProperty("user.dir") + "; set -Dinvdes.shared=<dir>)");
        Path file = shared.get().resolve("datasets").resolve(relativePath);
        assumeTrue(Files.isRegularFile(file), "skipped: dataset file " + file + " not found");
        return file;
    }

    static Optional<Path> sharedDirectory() {
        String property = System.getProperty("invdes.shared");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("cif-corpus"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a CSV file (gzip-compressed if its name ends in .gz) as RFC 4180: fields separated by
     * commas, records by CR LF or LF, double-quoted fields may hold commas, line breaks and
     * doubled quotes.
     */
    static List<List<String>> readCsv(Path file) throws IOException {
        String text;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
