package org.invdes.core.structure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * An immutable chemical composition: an amount (number of atoms, which need not be an integer) for
 * each of one or more elements.
 *
 * <p>A composition does not remember the order in which its amounts were given: everything it
 * reports lists the elements in {@link Element#electronegativityOrder()} (Pauling
 * electronegativity, then symbol), as pymatgen's {@code reduce_formula} does.
 *
 * <p>Formula strings follow pymatgen 2022.11's {@code Composition}: {@link #formula()} is {@code
 * Composition.formula} ({@code "Sr1 Ti1 O3"}), {@link #reducedFormula()} is {@code
 * Composition.reduced_formula} ({@code "SrTiO3"}, {@code "Mg(HO)2"}, {@code "O2"}), character for
 * character. The only differences come from pymatgen's order depending on insertion order where
 * ours does not:
 * <ul>
 *   <li>in {@link #formula()} and in the reduced formula of non-integer amounts pymatgen sorts by
 *       electronegativity alone, so elements of equal electronegativity (e.g. Cu and Si, both
 *       1.90) keep their insertion order; here they are ordered by symbol;
 *   <li>He, Ne and Ar have no electronegativity; pymatgen's order around them depends on
 *       insertion order; here they come last (see {@link Element#electronegativityOrder()}).
 * </ul>
 *
 * <p>Amounts are in atoms (dimensionless counts per formula unit or per cell); {@link #weight()}
 * is in u. Amounts closer to zero than {@link #AMOUNT_TOLERANCE} are treated as zero and dropped,
 * as pymatgen does. A composition has at least one element.
 *
 * <p>{@link #equals} and {@link #hashCode} are exact (the same elements with bit-identical
 * amounts); use {@link #approxEquals} for a tolerant comparison.
 */
public final class Composition {

    /**
     * Amounts whose magnitude is below this many atoms are dropped, and amounts within this many
     * atoms of an integer count as integers when reducing: pymatgen's {@code
     * Composition.amount_tolerance}, 1e-8 atoms.
     */
    public static final double AMOUNT_TOLERANCE = 1e-8;

    /**
     * The two most electronegative elements of a composition of three or more elements are
     * written as a group when their Pauling electronegativities differ by less than this
     * (pymatgen's {@code reduce_formula}), e.g. {@code Mg(HO)2}.
     */
    private static final double POLYANION_MAX_ELECTRONEGATIVITY_GAP = 1.65;

    /** pymatgen's {@code formula_double_format} rounds non-integer amounts to 8 decimals. */
    private static final int FORMAT_DECIMALS = 8;

    /**
     * pymatgen's {@code Composition.special_formulas}: peroxides and diatomic elements whose
     * reduced formula is written doubled, the reduction factor being halved.
     */
    private static final Map<String, String> SPECIAL_FORMULAS = Map.ofEntries(
            Map.entry("LiO", "Li2O2"), Map.entry("NaO", "Na2O2"), Map.entry("KO", "K2O2"),
            Map.entry("HO", "H2O2"), Map.entry("CsO", "Cs2O2"), Map.entry("RbO", "Rb2O2"),
            Map.entry("O", "O2"), Map.entry("N", "N2"), Map.entry("F", "F2"),
            Map.entry("Cl", "Cl2"), Map.entry("H", "H2"));

    /** In {@link Element#electronegativityOrder()}; amounts[i] belongs to elements[i]. */
    private final Element[] elements;
    private final double[] amounts;

    /** Computed on first use; a benign race may compute it twice (it is immutable). */
    private Reduction reduction;

    private Composition(Element[] elements, double[] amounts) {
        this.elements = elements;
        this.amounts = amounts;
    }

    /**
     * Creates a composition from amounts per element.
     *
     * @param amounts number of atoms per element, in any map order; amounts whose magnitude is
     *     below {@link #AMOUNT_TOLERANCE} are dropped
     * @return the composition
     * @throws IllegalArgumentException if an amount is null, NaN, infinite or negative (beyond the
     *     tolerance), naming the element and the value, or if no element is left
     */
    public static Composition of(Map<Element, ? extends Number> amounts) {
        Objects.requireNonNull(amounts, "amounts");
        Map<Element, Double> kept = new LinkedHashMap<>();
        for (Map.Entry<Element, ? extends Number> entry : amounts.entrySet()) {
            Element element = Objects.requireNonNull(entry.getKey(), "element");
            Number number = entry.getValue();
            if (number == null) {
                throw new IllegalArgumentException("amount of " + element + " is null");
            }
            double amount = number.doubleValue();
            if (Double.isNaN(amount) || Double.isInfinite(amount)) {
                throw new IllegalArgumentException("amount of " + element + " is " + amount);
            }
            if (amount <= -AMOUNT_TOLERANCE) {
                throw new IllegalArgumentException(
                        "amount of " + element + " is negative: " + amount);
            }
            if (Math.abs(amount) >= AMOUNT_TOLERANCE) {
                kept.put(element, amount);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("composition is empty: no amount in " + amounts
                    + " is at least " + AMOUNT_TOLERANCE);
        }
        Element[] sorted = kept.keySet().toArray(new Element[0]);
        Arrays.sort(sorted, Element.electronegativityOrder());
        double[] sortedAmounts = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            sortedAmounts[i] = kept.get(sorted[i]);
        }
        return new Composition(sorted, sortedAmounts);
    }

    /**
     * Parses a chemical formula.
     *
     * <p>Grammar: a sequence of units, each an element symbol ({@code [A-Z][a-z]*}, exact case) or
     * a parenthesised sub-formula, each optionally followed by an amount ({@code 2}, {@code 0.5},
     * {@code .5}, {@code 1e-3}; default 1). Parentheses nest; the amount after {@code ')'}
     * multiplies the group. Whitespace may stand between units and between a symbol and its
     * amount. Repeated elements add up. Examples: {@code "SrTiO3"}, {@code "Mg(OH)2"}, {@code
     * "Ca3(PO4)2"}, {@code "Fe0.5Ni0.5"}, {@code "Na4(CoO2)5"}, {@code "Sr1 Ti1 O3"}.
     *
     * @param formula the formula
     * @return the composition
     * @throws FormulaSyntaxException if the formula is malformed or names an unknown element; the
     *     message names the formula and the 1-based column
     */
    public static Composition parse(String formula) {
        Objects.requireNonNull(formula, "formula");
        Map<Element, Double> amounts = new FormulaParser(formula).parse();
        boolean anyNonZero = amounts.values().stream().anyMatch(a -> a >= AMOUNT_TOLERANCE);
        if (!anyNonZero) {
            throw new FormulaSyntaxException(formula, 1, "no element has a non-zero amount");
        }
        return of(amounts);
    }

    /**
     * @param element an element
     * @return its number of atoms, 0 if absent
     */
    public double amount(Element element) {
        Objects.requireNonNull(element, "element");
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] == element) {
                return amounts[i];
            }
        }
        return 0;
    }

    /**
     * @return the elements present, in {@link Element#electronegativityOrder()}; unmodifiable
     */
    public SortedSet<Element> elements() {
        TreeSet<Element> set = new TreeSet<>(Element.electronegativityOrder());
        set.addAll(Arrays.asList(elements));
        return Collections.unmodifiableSortedSet(set);
    }

    /**
     * @return element to number of atoms, iterating in {@link Element#electronegativityOrder()};
     *     unmodifiable
     */
    public Map<Element, Double> amounts() {
        Map<Element, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < elements.length; i++) {
            map.put(elements[i], amounts[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** @return the number of distinct elements, at least 1 */
    public int size() {
        return elements.length;
    }

    /** @return the total number of atoms */
    public double numAtoms() {
        double sum = 0;
        for (double amount : amounts) {
            sum += amount;
        }
        return sum;
    }

    /** @return the total mass in u: the sum of amount times {@link Element#atomicMass()} */
    public double weight() {
        double sum = 0;
        for (int i = 0; i < elements.length; i++) {
            sum += amounts[i] * elements[i].atomicMass();
        }
        return sum;
    }

    /**
     * The formula with every amount written out, e.g. {@code "Sr1 Ti1 O3"}, {@code "Fe0.5 Ni0.5"}:
     * pymatgen's {@code Composition.formula} (see the class comment for the order of elements of
     * equal electronegativity). An amount less than 1e-8 atoms above an integer is written as that
     * integer; any other amount is rounded to 8 decimals and printed as Python prints floats
     * ({@code "0.33333333"}, {@code "5e-05"}, and {@code "3.0"} for 2.9999999999).
     *
     * @return the formula, symbols and amounts separated by single spaces
     */
    public String formula() {
        StringJoiner joiner = new StringJoiner(" ");
        for (int i = 0; i < elements.length; i++) {
            joiner.add(elements[i].symbol() + formatAmount(amounts[i], false));
        }
        return joiner.toString();
    }

    /**
     * The reduced formula, exactly as pymatgen 2022.11's {@code Composition.reduced_formula}: e.g.
     * {@code "LiFePO4"} for Li4 Fe4 P4 O16, {@code "Mg(HO)2"}, {@code "Ca3(PO4)2"}, {@code "O2"}
     * for O, {@code "Li2O2"} for LiO, {@code "Fe0.5Ni0.5"}. See {@link #reductionFactor()} for the
     * algorithm.
     *
     * @return the reduced formula
     */
    public String reducedFormula() {
        return reduction().formula;
    }

    /**
     * The factor by which the amounts were divided to obtain the {@link #reducedFormula()}, as
     * pymatgen's {@code get_reduced_formula_and_factor}: 4 for Li4 Fe4 P4 O16, 0.5 for O (reduced
     * to O2), 1 for non-integer amounts.
     *
     * <p>Algorithm (pymatgen's {@code get_reduced_formula_and_factor} and {@code reduce_formula}):
     * <ol>
     *   <li>If some amount is farther than {@link #AMOUNT_TOLERANCE} (1e-8 atoms) from the nearest
     *       integer, the reduced formula is {@link #formula()} without spaces and the factor 1.
     *   <li>Otherwise round every amount to the nearest integer; the factor is their greatest
     *       common divisor.
     *   <li>If there are three or more elements and the Pauling electronegativities of the last
     *       two (in {@link Element#electronegativityOrder()}) differ by less than 1.65, reduce those
     *       two amounts divided by the factor the same way; if their own greatest common divisor
     *       g is not 1, write them last as a group {@code (XY)g}, e.g. {@code Ca3(PO4)2}. A missing
     *       electronegativity (NaN) never forms a group.
     *   <li>Write each other element's symbol followed by its amount divided by the factor,
     *       omitting amounts of exactly 1.
     *   <li>If the result is one of pymatgen's special formulas (LiO, NaO, KO, HO, CsO, RbO, O, N,
     *       F, Cl, H), replace it by its doubled form (Li2O2, ..., O2, N2, F2, Cl2, H2) and halve
     *       the factor.
     * </ol>
     *
     * @return the reduction factor: amounts of {@link #reducedComposition()} times this factor
     *     equal this composition's amounts
     */
    public double reductionFactor() {
        return reduction().factor;
    }

    /**
     * @return this composition with every amount divided by {@link #reductionFactor()}, e.g. Li1
     *     Fe1 P1 O4 for Li4 Fe4 P4 O16, O2 for O1 (pymatgen's {@code reduced_composition})
     */
    public Composition reducedComposition() {
        double factor = reductionFactor();
        if (factor == 1) {
            return this;
        }
        double[] reduced = new double[amounts.length];
        for (int i = 0; i < amounts.length; i++) {
            reduced[i] = amounts[i] / factor;
        }
        return new Composition(elements, reduced);
    }

    /**
     * @param other another composition
     * @return the element-wise sum of the amounts
     */
    public Composition plus(Composition other) {
        Objects.requireNonNull(other, "other");
        Map<Element, Double> sum = new LinkedHashMap<>();
        for (int i = 0; i < elements.length; i++) {
            sum.put(elements[i], amounts[i]);
        }
        for (int i = 0; i < other.elements.length; i++) {
            sum.merge(other.elements[i], other.amounts[i], Double::sum);
        }
        return of(sum);
    }

    /**
     * @param factor a finite positive multiplier
     * @return this composition with every amount multiplied by factor (amounts falling below
     *     {@link #AMOUNT_TOLERANCE} are dropped)
     * @throws IllegalArgumentException if factor is not finite and positive, or if every amount
     *     would fall below the tolerance
     */
    public Composition times(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(
                    "factor must be finite and positive, got " + factor);
        }
        Map<Element, Double> scaled = new LinkedHashMap<>();
        for (int i = 0; i < elements.length; i++) {
            scaled.put(elements[i], amounts[i] * factor);
        }
        return of(scaled);
    }

    /**
     * Compares amounts within an absolute tolerance.
     *
     * @param other another composition
     * @param toleranceAtoms the largest allowed difference in the amount of any element, in atoms
     *     (an element absent from one composition has amount 0 there); finite, non-negative
     * @return true if every element's amounts differ by at most toleranceAtoms
     */
    public boolean approxEquals(Composition other, double toleranceAtoms) {
        Objects.requireNonNull(other, "other");
        if (!(toleranceAtoms >= 0) || Double.isInfinite(toleranceAtoms)) {
            throw new IllegalArgumentException(
                    "tolerance must be finite and non-negative, got " + toleranceAtoms);
        }
        for (int i = 0; i < elements.length; i++) {
            if (!(Math.abs(amounts[i] - other.amount(elements[i])) <= toleranceAtoms)) {
                return false;
            }
        }
        for (int i = 0; i < other.elements.length; i++) {
            if (!(Math.abs(other.amounts[i] - amount(other.elements[i])) <= toleranceAtoms)) {
                return false;
            }
        }
        return true;
    }

    /** Exact: the same elements with bit-identical amounts. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Composition that)) {
            return false;
        }
        return Arrays.equals(elements, that.elements) && Arrays.equals(amounts, that.amounts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(elements) + Arrays.hashCode(amounts);
    }

    /** @return {@link #formula()}, e.g. {@code "Sr1 Ti1 O3"} */
    @Override
    public String toString() {
        return formula();
    }

    // ---------------------------------------------------------------------------------------------
    // Reduction (pymatgen's get_reduced_formula_and_factor / reduce_formula)

    private record Reduction(String formula, double factor) {
    }

    /** Result of reducing integer amounts: the formula and the greatest common divisor. */
    private record IntegerReduction(String formula, BigInteger factor) {
    }

    private Reduction reduction() {
        Reduction result = reduction;
        if (result == null) {
            result = computeReduction();
            reduction = result;
        }
        return result;
    }

    /** Steps 1, 2 and 5 of {@link #reductionFactor()}. */
    private Reduction computeReduction() {
        double[] integers = new double[amounts.length];
        for (int i = 0; i < amounts.length; i++) {
            integers[i] = Math.rint(amounts[i]);
            if (!(Math.abs(amounts[i] - integers[i]) < AMOUNT_TOLERANCE)) {
                return new Reduction(formula().replace(" ", ""), 1);
            }
        }
        IntegerReduction reduced = reduceIntegers(elements, integers);
        String formula = reduced.formula();
        double factor = reduced.factor().doubleValue();
        String special = SPECIAL_FORMULAS.get(formula);
        if (special != null) {
            formula = special;
            factor /= 2;
        }
        return new Reduction(formula, factor);
    }

    /**
     * Steps 2-4 of {@link #reductionFactor()} for integral amounts (integral doubles, so that the
     * divisions below are pymatgen's float divisions).
     *
     * @param sorted elements in {@link Element#electronegativityOrder()}
     * @param integers their integral amounts, all at least 1
     */
    private static IntegerReduction reduceIntegers(Element[] sorted, double[] integers) {
        BigInteger gcd = BigInteger.ZERO;
        for (double amount : integers) {
            gcd = gcd.gcd(new BigDecimal(amount).toBigIntegerExact());
        }
        double factor = gcd.doubleValue();
        int n = sorted.length;
        String group = "";
        if (n >= 3 && sorted[n - 1].electronegativity() - sorted[n - 2].electronegativity()
                < POLYANION_MAX_ELECTRONEGATIVITY_GAP) {
            IntegerReduction pair = reduceIntegers(
                    new Element[] {sorted[n - 2], sorted[n - 1]},
                    new double[] {integers[n - 2] / factor, integers[n - 1] / factor});
            if (!pair.factor().equals(BigInteger.ONE)) {
                group = "(" + pair.formula() + ")" + pair.factor();
                n -= 2;
            }
        }
        StringBuilder formula = new StringBuilder();
        for (int i = 0; i < n; i++) {
            formula.append(sorted[i].symbol()).append(formatAmount(integers[i] / factor, true));
        }
        return new IntegerReduction(formula.append(group).toString(), gcd);
    }

    // ---------------------------------------------------------------------------------------------
    // Number formatting (pymatgen's formula_double_format and Python's float repr)

    /**
     * Formats an amount as pymatgen's {@code formula_double_format(x, ignore_ones, tol=1e-8)}:
     *
     * <ol>
     *   <li>if omitOne and x is exactly 1: the empty string;
     *   <li>if x is within 1e-8 atoms of x truncated toward zero: that integer, without decimal
     *       point ({@code "3"});
     *   <li>otherwise x rounded half-even to 8 decimals, printed as Python prints a float: the
     *       shortest digits that read back as the same double, in positional notation ({@code
     *       "0.5"}, {@code "3.0"}) unless the decimal exponent is below -4 or above 15 ({@code
     *       "5e-05"}, {@code "1e+16"}). Note that 2.9999999999 is printed {@code "3.0"}, because
     *       step 2 compares with the truncated value 2.
     * </ol>
     */
    static String formatAmount(double x, boolean omitOne) {
        if (omitOne && x == 1) {
            return "";
        }
        double truncated = x < 0 ? Math.ceil(x) : Math.floor(x);
        if (Math.abs(x - truncated) < AMOUNT_TOLERANCE) {
            return new BigDecimal(truncated).toBigInteger().toString();
        }
        double rounded =
                new BigDecimal(x).setScale(FORMAT_DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
        return pythonRepr(rounded);
    }

    /**
     * Python's {@code repr(float)} for a finite double: the shortest decimal that reads back as
     * the same double (the nearest such if several), positional for decimal exponents -4..15,
     * otherwise scientific with a signed two-digit exponent.
     */
    static String pythonRepr(double value) {
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(value).stripTrailingZeros();
        String sign = shortest.signum() < 0 ? "-" : "";
        String digits = shortest.unscaledValue().abs().toString();
        int decimalPoint = digits.length() - shortest.scale(); // value = 0.digits x 10^decimalPoint
        StringBuilder out = new StringBuilder(sign);
        if (decimalPoint <= -4 || decimalPoint > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = decimalPoint - 1;
            out.append(exponent < 0 ? "e-" : "e+");
            String magnitude = Integer.toString(Math.abs(exponent));
            if (magnitude.length() < 2) {
                out.append('0');
            }
            out.append(magnitude);
        } else if (decimalPoint <= 0) {
            out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
        } else if (decimalPoint >= digits.length()) {
            out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint,
                    digits.length());
        }
        return out.toString();
    }

    /**
     * The decimal with the fewest significant digits that converts back to value; among those of
     * that length, the one nearest to value.
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest;
            }
            // Next to a power of two the interval that reads back as value is lopsided, so the
            // neighbour on the other side of value may read back when the nearest does not.
            BigDecimal step = nearest.ulp();
            BigDecimal other = nearest.compareTo(exact) < 0 ? nearest.add(step)
                    : nearest.subtract(step);
            if (other.doubleValue() == value) {
                return other;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    // ---------------------------------------------------------------------------------------------
    // Parsing

    /**
     * A formula that cannot be parsed. The message names the formula, the 1-based column and the
     * problem, e.g. {@code invalid formula 'Ca3(PO4' at column 9: '(' at column 4 is not closed}.
     */
    public static final class FormulaSyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The formula as given. */
        private final String formula;
        /** 1-based column of the problem. */
        private final int column;

        FormulaSyntaxException(String formula, int column, String problem) {
            super("invalid formula '" + formula + "' at column " + column + ": " + problem);
            this.formula = formula;
            this.column = column;
        }

        /** @return the formula as given */
        public String formula() {
            return formula;
        }

        /** @return the 1-based column (character position) of the problem */
        public int column() {
            return column;
        }
    }

    /** Recursive-descent parser for the grammar of {@link #parse(String)}. */
    private static final class FormulaParser {
        private final String text;
        private int pos;

        FormulaParser(String text) {
            this.text = text;
        }

        Map<Element, Double> parse() {
            skipWhitespace();
            if (pos == text.length()) {
                throw error(pos, "formula is empty");
            }
            Map<Element, Double> amounts = sequence(-1);
            if (pos < text.length()) { // sequence(-1) stops only at the end or at a ')'
                throw error(pos, "')' without matching '('");
            }
            return amounts;
        }

        /** Units up to the end of the text or up to (not past) a ')'. */
        private Map<Element, Double> sequence(int openedAt) {
            Map<Element, Double> amounts = new LinkedHashMap<>();
            while (true) {
                skipWhitespace();
                if (pos == text.length()) {
                    if (openedAt >= 0) {
                        throw error(pos, "'(' at column " + (openedAt + 1) + " is not closed");
                    }
                    return amounts;
                }
                char c = text.charAt(pos);
                if (c == ')') {
                    if (openedAt >= 0 && amounts.isEmpty()) {
                        throw error(pos, "empty parentheses");
                    }
                    return amounts;
                } else if (c == '(') {
                    int open = pos++;
                    Map<Element, Double> group = sequence(open);
                    if (pos == text.length() || text.charAt(pos) != ')') {
                        throw error(pos, "'(' at column " + (open + 1) + " is not closed");
                    }
                    pos++;
                    double multiplier = amount();
                    group.forEach((element, amount) ->
                            amounts.merge(element, amount * multiplier, Double::sum));
                } else if (c >= 'A' && c <= 'Z') {
                    int start = pos++;
                    while (pos < text.length() && text.charAt(pos) >= 'a'
                            && text.charAt(pos) <= 'z') {
                        pos++;
                    }
                    String symbol = text.substring(start, pos);
                    Element element = Element.lookup(symbol).orElseThrow(
                            () -> error(start, "unknown element symbol '" + symbol + "'"));
                    amounts.merge(element, amount(), Double::sum);
                } else {
                    throw error(pos, "unexpected character '" + c + "'");
                }
            }
        }

        /** An optional amount after a symbol or ')'; 1 if none. */
        private double amount() {
            int afterUnit = pos;
            skipWhitespace();
            int start = pos;
            int digits = skipDigits();
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                digits += skipDigits();
            }
            if (digits == 0) {
                pos = afterUnit;
                return 1;
            }
            if (pos < text.length() && text.charAt(pos) == 'e') {
                int mark = pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (skipDigits() == 0) {
                    pos = mark; // not an exponent; left for the caller to reject
                }
            }
            String number = text.substring(start, pos);
            double value = Double.parseDouble(number);
            if (Double.isInfinite(value)) {
                throw error(start, "amount '" + number + "' is out of range");
            }
            return value;
        }

        private int skipDigits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return pos - start;
        }

        private void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private FormulaSyntaxException error(int index, String problem) {
            return new FormulaSyntaxException(text, index + 1, problem);
        }
    }
}
