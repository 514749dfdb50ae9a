package org.invdes.core.io.cif;

import java.util.OptionalDouble;

/**
 * Reads CIF numbers with an optional standard uncertainty, such as {@code 5.4307(2)}, without
 * regular expressions.
 *
 * <p>Grammar (CIF 1.1 specification, paragraph on numeric values):
 * {@code [+-]? ( digits | digits '.' digits? | '.' digits ) ( [eE] [+-]? digits )? ( '(' digits ')' )?}.
 */
final class CifNumbers {

    /** Exponents beyond this magnitude are clamped; doubles overflow long before. */
    private static final long EXPONENT_CLAMP = 100_000;

    private CifNumbers() {
    }

    /**
     * The parts of a syntactically valid number.
     *
     * @param numberEnd end index (exclusive) of mantissa and exponent
     * @param decimals number of digits after the decimal point
     * @param exponent decimal exponent, clamped to ±{@link #EXPONENT_CLAMP}
     * @param suStart start index of the uncertainty digits, or -1 when there are none
     * @param suEnd end index (exclusive) of the uncertainty digits
     */
    private record Parts(int numberEnd, int decimals, long exponent, int suStart, int suEnd) {
    }

    /**
     * Steps:
     * <ol>
     *   <li>optional sign;
     *   <li>integer digits, then optionally '.' and fraction digits; at least one digit overall;
     *   <li>optionally 'e' or 'E', optional sign and at least one exponent digit;
     *   <li>optionally '(' at least one digit ')';
     *   <li>the text must end there.
     * </ol>
     */
    private static Parts scan(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        int decimals = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                decimals++;
            }
        }
        if (digits + decimals == 0) {
            return null;
        }
        long exponent = 0;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean negative = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                if (exponent < EXPONENT_CLAMP) {
                    exponent = exponent * 10 + (s.charAt(i) - '0');
                }
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return null;
            }
            exponent = Math.min(exponent, EXPONENT_CLAMP);
            if (negative) {
                exponent = -exponent;
            }
        }
        int numberEnd = i;
        if (i == n) {
            return new Parts(numberEnd, decimals, exponent, -1, -1);
        }
        if (s.charAt(i) != '(') {
            return null;
        }
        int suStart = ++i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == suStart || i != n - 1 || s.charAt(i) != ')') {
            return null;
        }
        return new Parts(numberEnd, decimals, exponent, suStart, i);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number without its uncertainty, or empty if the text is not a finite CIF number. */
    static OptionalDouble value(String s) {
        Parts p = scan(s);
        if (p == null) {
            return OptionalDouble.empty();
        }
        // The scan admits only characters Double.parseDouble reads with the same meaning.
        double v = Double.parseDouble(p.numberEnd == s.length() ? s : s.substring(0, p.numberEnd));
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    /**
     * The standard uncertainty: the digits in parentheses scaled to the last mantissa digit,
     * i.e. su × 10^(exponent − decimals); empty if absent or the text is not a finite number.
     */
    static OptionalDouble uncertainty(String s) {
        Parts p = scan(s);
        if (p == null || p.suStart < 0) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(s.substring(0, p.numberEnd));
        if (!Double.isFinite(v)) {
            return OptionalDouble.empty();
        }
        // Parsing "digits E scale" rounds once, so 5.4307(2) gives exactly the double nearest 0.0002.
        double su = Double.parseDouble(s.substring(p.suStart, p.suEnd) + "E" + (p.exponent - p.decimals));
        return Double.isFinite(su) ? OptionalDouble.of(su) : OptionalDouble.empty();
    }
}
