package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers with standard uncertainties, the value factories and value equality.
 *
 * <p>Expected numbers follow the CIF 1.1 specification's definition of numeric values: the digits
 * in parentheses are the standard uncertainty in units of the last digit of the mantissa, and the
 * exponent applies to both.
 */
class CifValueTest {

    private static CifValue bare(String text) {
        return CifValue.unquoted(text, 0, 0);
    }

    @Test
    void numberWithUncertaintyInTheLastDigit() {
        // 5.4307(2): last mantissa digit is 10^-4, so su = 2 × 10^-4.
        CifValue v = bare("5.4307(2)");
        assertEquals(5.4307, v.number().getAsDouble());
        assertEquals(0.0002, v.uncertainty().getAsDouble());
    }

    @Test
    void negativeNumberWithUncertainty() {
        CifValue v = bare("-0.25(3)");
        assertEquals(-0.25, v.number().getAsDouble());
        assertEquals(0.03, v.uncertainty().getAsDouble());
    }

    @Test
    void exponentScalesTheUncertaintyToo() {
        // 1.2e-3(4): mantissa 1.2 with su 0.4, times 10^-3.
        CifValue v = bare("1.2e-3(4)");
        assertEquals(0.0012, v.number().getAsDouble());
        assertEquals(0.0004, v.uncertainty().getAsDouble());
    }

    @Test
    void integersAndLeadingDecimalPoint() {
        assertEquals(2785.0, bare("2785(2)").number().getAsDouble());
        assertEquals(2.0, bare("2785(2)").uncertainty().getAsDouble());
        assertEquals(0.0204, bare(".0204(4)").number().getAsDouble());
        assertEquals(0.0004, bare(".0204(4)").uncertainty().getAsDouble());
        assertEquals(90.0, bare("90.").number().getAsDouble());
        assertEquals(1.0, bare("+1").number().getAsDouble());
        assertEquals(1e5, bare("1E5").number().getAsDouble());
        assertEquals(150.0, bare("1.5e+2").number().getAsDouble());
        // 10.20870(10): su 10 in units of 10^-5.
        assertEquals(0.0001, bare("10.20870(10)").uncertainty().getAsDouble());
    }

    @Test
    void numberWithoutUncertaintyHasNone() {
        assertEquals(3.0, bare("3").number().getAsDouble());
        assertTrue(bare("3").uncertainty().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.2.3", "1(", "1()", "1(2", "1(2)3", "(2)", "--1", "+", "-", ".", "e5", "1e",
        "1e+", "NaN", "Infinity", "0x10", "1d", "1f", "1/2", "3/4", " 1", "1 ", "1,5", "1.5(2)(3)", "1.5(-2)",
        "1e999", "−393.509"})
    void notNumbers(String text) {
        // "−393.509" starts with U+2212 MINUS SIGN, not the ASCII hyphen-minus.
        CifValue v = text.isBlank() || text.startsWith(" ") || text.endsWith(" ") || text.equals(".")
                ? CifValue.quoted(text, 0, 0) : bare(text);
        assertTrue(v.number().isEmpty(), () -> text + " read as " + v.number());
        assertTrue(v.uncertainty().isEmpty(), () -> text + " su read as " + v.uncertainty());
    }

    @Test
    void quotedNumbersAreNumbersButTextFieldsAndPlaceholdersAreNot() {
        assertEquals(1968.0, CifValue.quoted("1968", 0, 0).number().getAsDouble());
        assertTrue(CifValue.textField("1.5", 0, 0).number().isEmpty());
        assertTrue(CifValue.unknown(0, 0).number().isEmpty());
        assertTrue(CifValue.inapplicable(0, 0).number().isEmpty());
        assertTrue(CifValue.list(List.of(bare("1")), 0, 0).number().isEmpty());
    }

    /**
     * For any decimal mantissa, exponent and uncertainty, the parsed number and uncertainty are the
     * doubles nearest to the exact decimal values (computed independently with BigDecimal).
     */
    @Property(tries = 300)
    void numbersMatchExactDecimalArithmetic(
            @ForAll @LongRange(min = 0, max = 999_999_999L) long unscaled,
            @ForAll @IntRange(min = 0, max = 8) int decimals,
            @ForAll @IntRange(min = -12, max = 12) int exponent,
            @ForAll boolean withExponent,
            @ForAll boolean negative,
            @ForAll @IntRange(min = 1, max = 99) int su) {
        BigDecimal mantissa = new BigDecimal(java.math.BigInteger.valueOf(unscaled), decimals);
        String digits = mantissa.toPlainString();
        String text = (negative ? "-" : "") + digits + (withExponent ? "e" + exponent : "") + "(" + su + ")";
        int exp = withExponent ? exponent : 0;
        double magnitude = mantissa.scaleByPowerOfTen(exp).doubleValue();
        double expectedValue = negative ? -magnitude : magnitude; // keeps -0.0 for "-0"
        double expectedSu = new BigDecimal(su).scaleByPowerOfTen(exp - decimals).doubleValue();
        CifValue v = bare(text);
        assertEquals(expectedValue, v.number().getAsDouble(), text);
        assertEquals(expectedSu, v.uncertainty().getAsDouble(), text);
    }

    @Test
    void placeholdersAreDistinctFromQuotedText() {
        CifValue unknown = CifValue.unknown(3, 7);
        CifValue quotedQuestion = CifValue.quoted("?", 3, 7);
        assertEquals("?", unknown.text());
        assertEquals("?", quotedQuestion.text());
        assertNotEquals(unknown, quotedQuestion);
        assertTrue(unknown.isPlaceholder());
        assertFalse(quotedQuestion.isPlaceholder());
        assertTrue(CifValue.inapplicable(0, 0).isPlaceholder());
        assertEquals("'?'", quotedQuestion.raw());
    }

    @Test
    void equalityIgnoresPositionAndDelimiter() {
        assertEquals(CifValue.quoted("a b", 1, 1), CifValue.quoted("a b", 9, 20));
        assertEquals(CifValue.quoted("a b", 1, 1).hashCode(), CifValue.quoted("a b", 9, 20).hashCode());
        assertNotEquals(bare("ab"), CifValue.quoted("ab", 0, 0));
        CifValue list1 = CifValue.list(List.of(bare("1"), CifValue.quoted("x", 0, 0)), 1, 1);
        CifValue list2 = CifValue.list(List.of(bare("1"), CifValue.quoted("x", 5, 5)), 2, 2);
        assertEquals(list1, list2);
        assertEquals(list1.hashCode(), list2.hashCode());
        assertNotEquals(list1, CifValue.list(List.of(bare("1")), 1, 1));
    }

    @Test
    void factoriesRejectWhatCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> bare(""));
        assertThrows(IllegalArgumentException.class, () -> bare("a b"));
        assertThrows(IllegalArgumentException.class, () -> bare("_tag"));
        assertThrows(IllegalArgumentException.class, () -> bare("'x"));
        assertThrows(IllegalArgumentException.class, () -> bare("?"));
        assertThrows(IllegalArgumentException.class, () -> bare("."));
        assertThrows(IllegalArgumentException.class, () -> bare("loop_"));
        assertThrows(IllegalArgumentException.class, () -> bare("DATA_x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CifValue.quoted("it's \"both\"", 0, 0));
        assertTrue(e.getMessage().contains("it's"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CifValue.quoted("two\nlines", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CifValue.textField("a\n;b", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CifValue.textField(";a", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CifValue.unknown(-1, 0));
    }

    @Test
    void listAndTableAccessors() {
        Map<String, CifValue> entries = new LinkedHashMap<>();
        entries.put("b", bare("2"));
        entries.put("a", CifValue.textField("line1\nline2", 0, 0));
        CifValue table = CifValue.table(entries, 0, 0);
        assertEquals(List.of("b", "a"), List.copyOf(table.table().keySet()));
        assertThrows(IllegalStateException.class, table::list);
        assertThrows(IllegalStateException.class, () -> bare("x").table());
        assertThrows(UnsupportedOperationException.class, () -> table.table().put("c", bare("3")));
    }

    @Test
    void generatedRawFormsReadBackAsTheSameValues() throws Exception {
        Map<String, CifValue> inner = new LinkedHashMap<>();
        inner.put("k'ey", CifValue.list(List.of(bare("1"), CifValue.textField("t\nu", 0, 0)), 0, 0));
        CifValue table = CifValue.table(inner, 0, 0);
        CifValue list = CifValue.list(List.of(table, CifValue.unknown(0, 0), CifValue.quoted("a'b", 0, 0)), 0, 0);
        String cif = "#\\#CIF_2.0\ndata_x\n_v " + list.raw() + "\n";
        CifValue back = CifParser.strict().parse(cif, "gen").blocks().get(0).value("_v").orElseThrow();
        assertEquals(list, back);
    }

    /** Quoted and text-field values built in code parse back (CIF 1.1, strict) to equal values. */
    @Property(tries = 300)
    void quotedAndTextFieldRoundTrip(@ForAll("printable") String text) throws Exception {
        boolean quotable = text.indexOf('\n') < 0 && !(text.contains("'") && text.contains("\""));
        if (quotable) {
            CifValue q = CifValue.quoted(text, 0, 0);
            CifValue back = CifParser.strict().parse("data_t\n_v " + q.raw() + "\n", "gen").blocks().get(0)
                    .value("_v").orElseThrow();
            assertEquals(q, back, q.raw());
        }
        if (!text.startsWith(";") && !text.contains("\n;")) {
            CifValue t = CifValue.textField(text, 0, 0);
            CifValue back = CifParser.strict().parse("data_t\n_v\n" + t.raw() + "\n", "gen").blocks().get(0)
                    .value("_v").orElseThrow();
            assertEquals(t, back, t.raw());
        }
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withChars(" \t\n'\";#_[]{}?.aZ09é").ofMaxLength(20);
    }

    @Test
    void uncertaintyOfHugeExponentIsEmptyNotInfinite() {
        OptionalDouble su = bare("1e400(2)").uncertainty();
        assertTrue(su.isEmpty());
    }
}
