package org.invdes.core.io.cif;

/** Character classes and reserved words of the CIF syntax. */
final class CifChars {

    private CifChars() {
    }

    /** CIF whitespace: space, horizontal tab and the line terminators LF and CR. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * Control characters that may not appear in a CIF: everything below U+0020 except tab, LF and
     * CR (so including VT and FF, which CIF 1.1 excludes explicitly), and DEL.
     */
    static boolean isIllegalControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    }

    /** True if {@code c} is the first letter of a reserved word: d, s, l, g (either case). */
    static boolean mayStartReservedWord(char c) {
        char lower = (char) (c | 0x20);
        return lower == 'd' || lower == 's' || lower == 'l' || lower == 'g';
    }

    /** True if {@code buf[from, to)} equals the lower-case ASCII word {@code word}, ignoring case. */
    static boolean regionEqualsIgnoreCase(char[] buf, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = buf[from + i];
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code buf[from, to)} starts with the lower-case ASCII word {@code word}, ignoring case. */
    static boolean regionStartsWithIgnoreCase(char[] buf, int from, int to, String word) {
        return to - from >= word.length() && regionEqualsIgnoreCase(buf, from, from + word.length(), word);
    }

    /**
     * True if the unquoted token {@code buf[from, to)} would be read as a reserved word:
     * {@code data_} or {@code save_} followed by anything, or exactly {@code loop_},
     * {@code global_} or {@code stop_}; case is ignored.
     */
    static boolean isReservedWord(char[] buf, int from, int to) {
        if (to - from < 5 || !mayStartReservedWord(buf[from])) {
            return false;
        }
        return regionStartsWithIgnoreCase(buf, from, to, "data_")
                || regionStartsWithIgnoreCase(buf, from, to, "save_")
                || regionEqualsIgnoreCase(buf, from, to, "loop_")
                || regionEqualsIgnoreCase(buf, from, to, "global_")
                || regionEqualsIgnoreCase(buf, from, to, "stop_");
    }

    /** {@link #isReservedWord(char[], int, int)} for a whole string. */
    static boolean isReservedWord(String s) {
        char[] a = s.toCharArray();
        return isReservedWord(a, 0, a.length);
    }
}
