package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Robustness: mutated corpus files and random token soup. No input may hang the parser or make it
 * throw anything but {@link StructureIOException}, and the two modes must agree: where strict mode
 * succeeds, relaxed mode gives the same file; where strict mode finds a violation, relaxed mode
 * reports at least one warning (or hits the same non-recoverable limit).
 */
class CifFuzzTest {

    private static final long SEED = 20240611L;
    private static final int MUTANTS_PER_FILE = 8;
    private static final Duration PER_MUTANT = Duration.ofSeconds(2);
    private static final byte[] SPECIAL = "'\";\n\r\t []{}_#?.$\u001A".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void mutatedCorpusFilesOnlyEverGiveStructureIOExceptions() throws Exception {
        Random random = new Random(SEED);
        int parsed = 0;
        for (Path file : Fixtures.sharedFiles("cif-corpus", ".cif")) {
            byte[] original = Files.readAllBytes(file);
            for (int m = 0; m < MUTANTS_PER_FILE; m++) {
                StringBuilder how = new StringBuilder();
                byte[] mutant = mutate(original, random, how);
                String label = file.getFileName() + " mutant " + m + " (" + how + ", seed " + SEED + ")";
                assertTimeoutPreemptively(PER_MUTANT, () -> checkBothModes(mutant, label), label);
                parsed++;
            }
        }
        assertTrue(parsed >= 300, "mutants parsed: " + parsed);
    }

    /** Random sequences of CIF-significant fragments, in both syntax versions. */
    @Property(tries = 400)
    void tokenSoupOnlyEverGivesStructureIOExceptions(@ForAll("soup") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertTimeoutPreemptively(PER_MUTANT, () -> checkBothModes(bytes, "soup " + text.replace("\n", "\\n")));
    }

    @Provide
    Arbitrary<String> soup() {
        Arbitrary<String> fragment = Arbitraries.of("data_a", "data_b", "DATA_A", "save_f", "save_", "loop_",
                "global_", "stop_", "_t", "_u", "_T", "'", "\"", "'''", "\"\"\"", ";", "[", "]", "{", "}", ":", "'k':",
                "#c", "?", ".", "1.5(2)", "x", "O'Brien", "\n", "\r\n", "\r", " ", "\t", "\u001A", "\u0000", "é",
                "\uFEFF");
        Arbitrary<String> body = fragment.list().ofMaxSize(60).map(l -> String.join("", l));
        return Arbitraries.oneOf(body, body.map(s -> "#\\#CIF_2.0\n" + s));
    }

    private static void checkBothModes(byte[] bytes, String label) {
        CifFile strict = null;
        CifSyntaxException strictError = null;
        try {
            strict = CifParser.strict().parse(bytes, "mutant.cif");
        } catch (CifSyntaxException e) {
            strictError = e;
            assertTrue(e.line() >= 0 && e.column() >= 0, label);
        } catch (Throwable t) {
            fail("strict parse of " + label + " threw " + t, t);
        }
        CifFile relaxed = null;
        CifSyntaxException relaxedError = null;
        try {
            relaxed = CifParser.relaxed().parse(bytes, "mutant.cif");
        } catch (CifSyntaxException e) {
            relaxedError = e;
        } catch (Throwable t) {
            fail("relaxed parse of " + label + " threw " + t, t);
        }
        if (relaxedError != null) {
            // Only the nesting limit stops relaxed mode, and strict mode must stop too.
            assertTrue(relaxedError.detail().contains("nested more than"), label + ": " + relaxedError.getMessage());
            assertTrue(strictError != null, label);
            return;
        }
        walk(relaxed, label);
        if (strictError == null) {
            assertEquals(strict, relaxed, label);
            assertEquals(strict.diagnostics(), relaxed.diagnostics(), label);
        } else {
            assertFalse(relaxed.diagnostics().isEmpty(),
                    label + ": strict failed with '" + strictError.getMessage() + "' but relaxed warned nothing");
        }
    }

    /** Touches every part of a parsed file through the public API. */
    private static void walk(CifFile f, String label) {
        for (CifBlock b : f.blocks()) {
            walk(b, label);
            b.saveFrames().forEach(frame -> walk(frame, label));
        }
    }

    private static void walk(CifBlock b, String label) {
        for (String tag : b.tags()) {
            assertTrue(b.has(tag), label);
            assertTrue(b.line(tag) >= 0, label);
            b.value(tag).ifPresent(v -> walk(v, label));
        }
        for (CifLoop loop : b.loops()) {
            assertTrue(loop.tagCount() > 0, label);
            for (int r = 0; r < loop.rowCount(); r++) {
                assertTrue(loop.rowLine(r) >= 0, label);
                for (CifValue v : loop.row(r)) {
                    walk(v, label);
                }
            }
        }
    }

    private static void walk(CifValue v, String label) {
        assertTrue(v.line() >= 0 && v.column() >= 0, label);
        v.text();
        v.number();
        v.uncertainty();
        if (v.kind() == CifValue.Kind.LIST) {
            v.list().forEach(x -> walk(x, label));
        } else if (v.kind() == CifValue.Kind.TABLE) {
            v.table().values().forEach(x -> walk(x, label));
        }
    }

    /** Applies one randomly chosen mutation and describes it in {@code how}. */
    static byte[] mutate(byte[] in, Random random, StringBuilder how) {
        int kind = random.nextInt(9);
        switch (kind) {
            case 0 -> {
                int at = random.nextInt(in.length + 1);
                how.append("truncated at ").append(at);
                return Arrays.copyOf(in, at);
            }
            case 1 -> {
                byte[] out = in.clone();
                int n = 1 + random.nextInt(20);
                how.append(n).append(" random bytes");
                for (int i = 0; i < n && out.length > 0; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                return out;
            }
            case 2 -> {
                byte[] out = in.clone();
                int n = 1 + random.nextInt(20);
                how.append(n).append(" CIF-special bytes");
                for (int i = 0; i < n && out.length > 0; i++) {
                    out[random.nextInt(out.length)] = SPECIAL[random.nextInt(SPECIAL.length)];
                }
                return out;
            }
            case 3 -> {
                how.append("swapped tokens");
                return swapTokens(in, random, 1 + random.nextInt(10));
            }
            case 4 -> {
                how.append("deleted quotes and semicolons");
                return deleteSome(in, random, "'\";");
            }
            case 5 -> {
                how.append("deleted line breaks");
                return deleteSome(in, random, "\n\r");
            }
            case 6 -> {
                how.append("as CIF 2.0");
                byte[] magic = "#\\#CIF_2.0\n".getBytes(StandardCharsets.US_ASCII);
                byte[] flipped = mutate(in, random, new StringBuilder());
                byte[] out = Arrays.copyOf(magic, magic.length + flipped.length);
                System.arraycopy(flipped, 0, out, magic.length, flipped.length);
                return out;
            }
            case 7 -> {
                int at = random.nextInt(in.length + 1);
                String insert = switch (random.nextInt(4)) {
                    case 0 -> "[".repeat(1 + random.nextInt(100));
                    case 1 -> "\nloop_\n";
                    case 2 -> "\ndata_" + random.nextInt(3) + "\n";
                    default -> "\n;\n";
                };
                how.append("inserted ").append(insert.replace("\n", "\\n")).append(" at ").append(at);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(in, 0, at);
                out.writeBytes(insert.getBytes(StandardCharsets.US_ASCII));
                out.write(in, at, in.length - at);
                return out.toByteArray();
            }
            default -> {
                how.append("duplicated a slice");
                if (in.length == 0) {
                    return in;
                }
                int from = random.nextInt(in.length);
                int to = Math.min(in.length, from + random.nextInt(200));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(in, 0, to);
                out.write(in, from, to - from);
                out.write(in, to, in.length - to);
                return out.toByteArray();
            }
        }
    }

    private static byte[] deleteSome(byte[] in, Random random, String chars) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        double p = random.nextDouble();
        for (byte b : in) {
            if (chars.indexOf(b & 0xFF) >= 0 && random.nextDouble() < p) {
                continue;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Splits at whitespace, swaps {@code n} random pairs of tokens, joins with the original separators. */
    private static byte[] swapTokens(byte[] in, Random random, int n) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        List<String> parts = new ArrayList<>();
        List<Integer> tokenIndexes = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int j = i;
            boolean space = Character.isWhitespace(text.charAt(i));
            while (j < text.length() && Character.isWhitespace(text.charAt(j)) == space) {
                j++;
            }
            if (!space) {
                tokenIndexes.add(parts.size());
            }
            parts.add(text.substring(i, j));
            i = j;
        }
        for (int k = 0; k < n && tokenIndexes.size() > 1; k++) {
            int a = tokenIndexes.get(random.nextInt(tokenIndexes.size()));
            int b = tokenIndexes.get(random.nextInt(tokenIndexes.size()));
            String t = parts.get(a);
            parts.set(a, parts.get(b));
            parts.set(b, t);
        }
        return String.join("", parts).getBytes(StandardCharsets.ISO_8859_1);
    }
}
