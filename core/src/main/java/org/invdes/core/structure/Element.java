package org.invdes.core.structure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.config.Isotopes;

/**
 * A chemical element with the reference data the crystal-structure code needs.
 *
 * <p>There is exactly one instance per atomic number Z = 1..{@value #MAX_NUMBER} (hydrogen to
 * lawrencium), so elements may be compared with {@code ==}. The natural order ({@link
 * #compareTo}) is by atomic number; {@link #electronegativityOrder()} gives the order in which
 * formulas list elements.
 *
 * <h2>Units</h2>
 * Atomic mass in unified atomic mass units (u), radii in ångström (Å), electronegativity on the
 * dimensionless Pauling scale.
 *
 * <h2>Where the data come from</h2>
 * <ul>
 *   <li><b>Symbol, atomic number, English name</b>: CDK 2.12 {@code
 *       org.openscience.cdk.config.Elements} (LGPL-2.1). The names use IUPAC spelling
 *       ("Aluminium", "Caesium").
 *   <li><b>Pauling electronegativity</b>: CDK {@code Elements}, except where CDK has none (Pm, Eu,
 *       Tb, Yb, Rn, Lr); those come from the resource {@code element-overrides.tsv}, taken from
 *       pymatgen 2022.11 {@code periodic_table.json} (MIT). CDK and pymatgen agree exactly on every
 *       other element, so the values equal pymatgen's {@code Element.X} for all 103 elements, which
 *       formula ordering depends on. He, Ne and Ar have no Pauling electronegativity:
 *       {@link Double#NaN}.
 *   <li><b>Atomic mass</b>: CDK's natural mass ({@code Isotopes.getNaturalMass}, the
 *       abundance-weighted mean of the isotope masses), except where CDK has no natural isotopic
 *       composition or differs from pymatgen's standard atomic weight by more than 0.01 % (Li, Zn,
 *       Ge); those come from {@code element-overrides.tsv} (pymatgen, MIT). Every mass is thus
 *       within 0.01 % of pymatgen's, so densities agree with pymatgen's to that precision.
 *   <li><b>Covalent radius</b>: Cordero et al., Dalton Trans. 2008, 2832 (doi:10.1039/b801115j),
 *       as tabulated by pymatgen's {@code CovalentRadius} (MIT; C is the sp2 value 0.73 Å, Mn, Fe
 *       and Co the means of the low- and high-spin values), from the resource {@code
 *       elements.tsv}. CDK 2.12's covalent radii are not used: they are an older set (C 0.77 Å,
 *       Na 1.54 Å) and lack most lanthanoids and actinoids. Bk and heavier: {@link Double#NaN}.
 *   <li><b>Oxidation states and common oxidation states</b>: pymatgen 2022.11 {@code
 *       periodic_table.json} (MIT), resource {@code elements.tsv}.
 *   <li><b>Shannon ionic radii</b>: R. D. Shannon, Acta Cryst. A32, 751 (1976), effective ionic
 *       radii as tabulated in pymatgen 2022.11 {@code periodic_table.json} (MIT), resource {@code
 *       shannon-radii.tsv}.
 * </ul>
 * Each resource file states its source and licence in its header.
 *
 * <p>The tables are read once, on first use of any lookup, from resources beside this class
 * ({@link Class#getResourceAsStream}), which works inside an OSGi bundle.
 */
public final class Element implements Comparable<Element> {

    /** The largest atomic number covered: 103 (lawrencium). */
    public static final int MAX_NUMBER = 103;

    private static final String ELEMENTS_RESOURCE = "elements.tsv";
    private static final String OVERRIDES_RESOURCE = "element-overrides.tsv";
    private static final String SHANNON_RESOURCE = "shannon-radii.tsv";

    private static final Comparator<Element> ELECTRONEGATIVITY_ORDER =
            Comparator.comparingDouble(Element::electronegativity).thenComparing(Element::symbol);

    private final int number;
    private final String symbol;
    private final String name;
    private final double atomicMassU;
    private final double electronegativity;
    private final double covalentRadiusAngstrom;
    private final List<Integer> oxidationStates;
    private final List<Integer> commonOxidationStates;
    private final Map<Integer, Map<String, Double>> shannonRadiiAngstrom;

    private Element(int number, String symbol, String name, double atomicMassU,
            double electronegativity, double covalentRadiusAngstrom, List<Integer> oxidationStates,
            List<Integer> commonOxidationStates,
            Map<Integer, Map<String, Double>> shannonRadiiAngstrom) {
        this.number = number;
        this.symbol = symbol;
        this.name = name;
        this.atomicMassU = atomicMassU;
        this.electronegativity = electronegativity;
        this.covalentRadiusAngstrom = covalentRadiusAngstrom;
        this.oxidationStates = oxidationStates;
        this.commonOxidationStates = commonOxidationStates;
        this.shannonRadiiAngstrom = shannonRadiiAngstrom;
    }

    /**
     * Returns the element with the given symbol.
     *
     * @param symbol the element symbol in its exact case, e.g. {@code "Fe"}
     * @return the element
     * @throws IllegalArgumentException if no element Z = 1..103 has this symbol; the message names
     *     the value, e.g. {@code unknown element symbol 'Xx'}
     */
    public static Element of(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        Element element = Table.BY_SYMBOL.get(symbol);
        if (element == null) {
            throw new IllegalArgumentException("unknown element symbol '" + symbol + "'");
        }
        return element;
    }

    /**
     * Looks up an element by symbol without failing.
     *
     * @param symbol the element symbol in its exact case, e.g. {@code "Fe"}
     * @return the element, or empty if no element Z = 1..103 has this symbol
     */
    public static Optional<Element> lookup(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return Optional.ofNullable(Table.BY_SYMBOL.get(symbol));
    }

    /**
     * Returns the element with the given atomic number.
     *
     * @param z the atomic number, 1..{@value #MAX_NUMBER}
     * @return the element
     * @throws IllegalArgumentException if z is outside 1..103; the message names z
     */
    public static Element ofNumber(int z) {
        if (z < 1 || z > MAX_NUMBER) {
            throw new IllegalArgumentException(
                    "atomic number " + z + " is outside 1.." + MAX_NUMBER);
        }
        return Table.ALL.get(z - 1);
    }

    /**
     * Returns all elements Z = 1..103.
     *
     * @return an unmodifiable list ordered by atomic number
     */
    public static List<Element> all() {
        return Table.ALL;
    }

    /**
     * The order in which formulas list elements, as pymatgen does: by Pauling electronegativity,
     * then by symbol.
     *
     * <p>Elements without an electronegativity (He, Ne, Ar) come after all others. pymatgen has no
     * consistent order for them: its sort key holds NaN, every comparison with NaN is false, and
     * the result depends on the order in which the elements were inserted. Putting them last gives
     * pymatgen's result for a composition built with the noble gas inserted last (e.g. {@code
     * Na2He}, {@code HFAr}).
     *
     * @return a comparator consistent with identity
     */
    public static Comparator<Element> electronegativityOrder() {
        return ELECTRONEGATIVITY_ORDER;
    }

    /** @return the atomic number Z, 1..103 */
    public int number() {
        return number;
    }

    /** @return the symbol, e.g. {@code "Fe"} */
    public String symbol() {
        return symbol;
    }

    /** @return the English name in IUPAC spelling, e.g. {@code "Iron"}, {@code "Caesium"} */
    public String name() {
        return name;
    }

    /**
     * @return the atomic mass in u: the natural (standard) atomic weight, or for elements without
     *     a stable isotope the mass number pymatgen tabulates (e.g. Tc 98)
     */
    public double atomicMass() {
        return atomicMassU;
    }

    /**
     * @return the Pauling electronegativity (dimensionless), equal to pymatgen's {@code Element.X};
     *     {@link Double#NaN} when there is none (He, Ne, Ar)
     */
    public double electronegativity() {
        return electronegativity;
    }

    /**
     * @return the covalent radius of Cordero et al. (2008) in Å, as pymatgen tabulates it;
     *     {@link Double#NaN} when unknown (Z &gt; 96)
     */
    public double covalentRadius() {
        return covalentRadiusAngstrom;
    }

    /** @return all known oxidation states, ascending, unmodifiable; empty for the noble gases */
    public List<Integer> oxidationStates() {
        return oxidationStates;
    }

    /** @return the common oxidation states, ascending, unmodifiable */
    public List<Integer> commonOxidationStates() {
        return commonOxidationStates;
    }

    /**
     * Returns Shannon's effective ionic radius.
     *
     * <p>Where Shannon gives a high-spin and a low-spin value for the same ion and coordination
     * the high-spin value is returned; where he gives only a low-spin value (Cu3+ VI, Ni4+ VI)
     * that value is returned.
     *
     * @param oxidationState the oxidation state, e.g. {@code 2} for Fe2+, {@code -2} for O2-
     * @param coordination the coordination as Shannon writes it: a roman numeral with optional
     *     suffix, e.g. {@code "VI"}, {@code "IV"}, {@code "IVSQ"} (square planar), {@code "IVPY"}
     *     (pyramidal), {@code "VIII"}, {@code "XII"}
     * @return the ionic radius in Å, or empty if Shannon tabulates none for this ion and
     *     coordination. A few of Shannon's radii are negative (H+ I -0.38 Å, H+ II -0.18 Å, C4+ III
     *     -0.08 Å, N5+ III -0.104 Å): they are returned as published.
     */
    public OptionalDouble ionicRadius(int oxidationState, String coordination) {
        Objects.requireNonNull(coordination, "coordination");
        Map<String, Double> byCoordination = shannonRadiiAngstrom.get(oxidationState);
        Double radius = byCoordination == null ? null : byCoordination.get(coordination);
        return radius == null ? OptionalDouble.empty() : OptionalDouble.of(radius);
    }

    /**
     * Returns all Shannon effective ionic radii of this element.
     *
     * @return an unmodifiable map from oxidation state (ascending) to a map from coordination
     *     (increasing coordination number, as Shannon writes it, e.g. {@code "VI"}) to the ionic
     *     radius in Å, high-spin where Shannon distinguishes spin states (see {@link
     *     #ionicRadius(int, String)}); empty if Shannon lists no ion of this element
     */
    public Map<Integer, Map<String, Double>> shannonRadii() {
        return shannonRadiiAngstrom;
    }

    /**
     * Whether the element is a metal as pymatgen defines {@code Element.is_metal}: an alkali metal
     * (Li, Na, K, Rb, Cs, Fr), an alkaline-earth metal (Be, Mg, Ca, Sr, Ba, Ra), a transition
     * metal (Z = 21-30, 39-48, 57, 72-80, 89), a post-transition metal (Al, Ga, In, Tl, Sn, Pb,
     * Bi), a lanthanoid (Z = 57-71) or an actinoid (Z = 89-103). Metalloids (B, Si, Ge, As, Sb,
     * Te, Po) are not metals.
     *
     * @return true for a metal
     */
    public boolean isMetal() {
        return isAlkali() || isAlkalineEarth() || isTransitionMetal() || isPostTransitionMetal()
                || (number >= 57 && number <= 71) || (number >= 89 && number <= 103);
    }

    private boolean isAlkali() {
        return number == 3 || number == 11 || number == 19 || number == 37 || number == 55
                || number == 87;
    }

    private boolean isAlkalineEarth() {
        return number == 4 || number == 12 || number == 20 || number == 38 || number == 56
                || number == 88;
    }

    private boolean isTransitionMetal() {
        return (number >= 21 && number <= 30) || (number >= 39 && number <= 48) || number == 57
                || (number >= 72 && number <= 80) || number == 89;
    }

    private boolean isPostTransitionMetal() {
        return number == 13 || number == 31 || number == 49 || number == 50 || number == 81
                || number == 82 || number == 83;
    }

    /** Orders by atomic number. */
    @Override
    public int compareTo(Element other) {
        return Integer.compare(number, other.number);
    }

    /** Identity: there is one instance per element. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    /** @return the atomic number, so that hash-based collections iterate alike on every run */
    @Override
    public int hashCode() {
        return number;
    }

    /** @return the symbol, e.g. {@code "Fe"} */
    @Override
    public String toString() {
        return symbol;
    }

    /** Lazily loaded tables (initialisation-on-demand holder): parsed once, on first use. */
    private static final class Table {
        static final List<Element> ALL;
        static final Map<String, Element> BY_SYMBOL;

        static {
            List<Element> all = load();
            Map<String, Element> bySymbol = new HashMap<>();
            for (Element element : all) {
                bySymbol.put(element.symbol, element);
            }
            ALL = Collections.unmodifiableList(all);
            BY_SYMBOL = Collections.unmodifiableMap(bySymbol);
        }

        private Table() {
        }
    }

    /** One row of elements.tsv. */
    private record BaseRow(String symbol, double covalentRadius, List<Integer> oxidationStates,
            List<Integer> commonOxidationStates) {
    }

    /**
     * Builds the 103 elements.
     *
     * <ol>
     *   <li>Read {@code elements.tsv}: symbol, covalent radius, oxidation states per Z.
     *   <li>Read {@code element-overrides.tsv}: electronegativities and masses replacing CDK's.
     *   <li>Read {@code shannon-radii.tsv}: ionic radii per Z, oxidation state and coordination,
     *       keeping the high-spin value where both spin states are listed.
     *   <li>For each Z take symbol, name, electronegativity and natural mass from CDK, check that
     *       CDK's symbol matches the table's, apply the overrides, and require a finite positive
     *       mass.
     * </ol>
     */
    private static List<Element> load() {
        BaseRow[] base = readBase();
        Double[] electronegativityOverride = new Double[MAX_NUMBER + 1];
        Double[] massOverride = new Double[MAX_NUMBER + 1];
        readOverrides(base, electronegativityOverride, massOverride);
        List<Map<Integer, Map<String, Double>>> shannon = readShannon(base);

        Isotopes isotopes;
        try {
            isotopes = Isotopes.getInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CDK isotope data", e);
        }
        List<Element> all = new ArrayList<>(MAX_NUMBER);
        for (int z = 1; z <= MAX_NUMBER; z++) {
            Elements cdk = Elements.ofNumber(z);
            if (cdk.number() != z || !cdk.symbol().equals(base[z].symbol())) {
                throw new IllegalStateException("CDK element " + z + " is '" + cdk.symbol()
                        + "' (Z=" + cdk.number() + ") but " + ELEMENTS_RESOURCE + " says '"
                        + base[z].symbol() + "'");
            }
            Double cdkX = cdk.electronegativity();
            double x = electronegativityOverride[z] != null ? electronegativityOverride[z]
                    : cdkX != null ? cdkX : Double.NaN;
            double mass = massOverride[z] != null ? massOverride[z] : isotopes.getNaturalMass(z);
            if (!(mass > 0) || Double.isInfinite(mass)) {
                throw new IllegalStateException("no atomic mass for " + cdk.symbol() + " (Z=" + z
                        + "): CDK gives " + mass + " and " + OVERRIDES_RESOURCE + " has none");
            }
            all.add(new Element(z, cdk.symbol(), cdk.name(), mass, x, base[z].covalentRadius(),
                    base[z].oxidationStates(), base[z].commonOxidationStates(), shannon.get(z)));
        }
        return all;
    }

    private static BaseRow[] readBase() {
        BaseRow[] rows = new BaseRow[MAX_NUMBER + 1];
        for (Line line : readTable(ELEMENTS_RESOURCE, 5)) {
            int z = line.atomicNumber();
            if (rows[z] != null) {
                throw line.error("atomic number " + z + " appears twice");
            }
            rows[z] = new BaseRow(line.field(1), line.optionalPositiveDouble(2), line.integers(3),
                    line.integers(4));
        }
        for (int z = 1; z <= MAX_NUMBER; z++) {
            if (rows[z] == null) {
                throw new IllegalStateException(ELEMENTS_RESOURCE + " has no row for Z=" + z);
            }
        }
        return rows;
    }

    private static void readOverrides(BaseRow[] base, Double[] electronegativity, Double[] mass) {
        for (Line line : readTable(OVERRIDES_RESOURCE, 5)) {
            int z = line.atomicNumber();
            line.checkSymbol(base[z].symbol());
            String property = line.field(2);
            double value = line.positiveDouble(3);
            switch (property) {
                case "pauling_x" -> electronegativity[z] = value;
                case "atomic_mass_u" -> mass[z] = value;
                default -> throw line.error("unknown property '" + property + "'");
            }
        }
    }

    private static List<Map<Integer, Map<String, Double>>> readShannon(BaseRow[] base) {
        // z -> oxidation state -> coordination -> spin ("", "HS", "LS") -> radius
        List<Map<Integer, Map<String, Map<String, Double>>>> raw = new ArrayList<>();
        for (int z = 0; z <= MAX_NUMBER; z++) {
            raw.add(new TreeMap<>());
        }
        for (Line line : readTable(SHANNON_RESOURCE, 6)) {
            int z = line.atomicNumber();
            line.checkSymbol(base[z].symbol());
            int oxidationState = line.integer(2);
            String coordination = line.field(3);
            String spin = line.field(4);
            if (!spin.isEmpty() && !spin.equals("HS") && !spin.equals("LS")) {
                throw line.error("unknown spin state '" + spin + "'");
            }
            double radius = line.finiteDouble(5);
            Map<String, Double> bySpin = raw.get(z)
                    .computeIfAbsent(oxidationState, k -> new LinkedHashMap<>())
                    .computeIfAbsent(coordination, k -> new HashMap<>());
            if (bySpin.put(spin, radius) != null) {
                throw line.error("duplicate radius for " + base[z].symbol() + " " + oxidationState
                        + " " + coordination + " '" + spin + "'");
            }
            if (bySpin.containsKey("") && bySpin.size() > 1) {
                throw line.error("both a spin-free and a spin-resolved radius for "
                        + base[z].symbol() + " " + oxidationState + " " + coordination);
            }
        }
        List<Map<Integer, Map<String, Double>>> result = new ArrayList<>();
        for (Map<Integer, Map<String, Map<String, Double>>> byOxidation : raw) {
            Map<Integer, Map<String, Double>> chosen = new TreeMap<>();
            byOxidation.forEach((oxidationState, byCoordination) -> {
                Map<String, Double> radii = new LinkedHashMap<>();
                byCoordination.forEach((coordination, bySpin) -> radii.put(coordination,
                        bySpin.containsKey("HS") ? bySpin.get("HS")
                                : bySpin.containsKey("") ? bySpin.get("") : bySpin.get("LS")));
                chosen.put(oxidationState, Collections.unmodifiableMap(radii));
            });
            result.add(Collections.unmodifiableMap(chosen));
        }
        return result;
    }

    /** A data line of a tab-separated resource, with its line number for error messages. */
    private record Line(String resource, int lineNumber, String[] fields) {

        int atomicNumber() {
            int z = integer(0);
            if (z < 1 || z > MAX_NUMBER) {
                throw error("atomic number " + z + " is outside 1.." + MAX_NUMBER);
            }
            return z;
        }

        String field(int index) {
            return fields[index];
        }

        void checkSymbol(String expected) {
            if (!fields[1].equals(expected)) {
                throw error("symbol '" + fields[1] + "' does not match '" + expected + "' for Z="
                        + fields[0]);
            }
        }

        int integer(int index) {
            try {
                return Integer.parseInt(fields[index]);
            } catch (NumberFormatException e) {
                throw error("column " + (index + 1) + " is not an integer: '" + fields[index]
                        + "'");
            }
        }

        /** A finite number of any sign (Shannon lists a few negative radii, e.g. H+ I). */
        double finiteDouble(int index) {
            String text = fields[index];
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw error("column " + (index + 1) + " is not a number: '" + text + "'");
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw error("column " + (index + 1) + " is not finite: '" + text + "'");
            }
            return value;
        }

        double positiveDouble(int index) {
            double value = finiteDouble(index);
            if (!(value > 0)) {
                throw error("column " + (index + 1) + " is not positive: '" + fields[index] + "'");
            }
            return value;
        }

        /** A positive number, or NaN for an empty field. */
        double optionalPositiveDouble(int index) {
            return fields[index].isEmpty() ? Double.NaN : positiveDouble(index);
        }

        List<Integer> integers(int index) {
            String text = fields[index];
            if (text.isEmpty()) {
                return List.of();
            }
            int[] values;
            try {
                values = Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw error("column " + (index + 1) + " is not a list of integers: '" + text
                        + "'");
            }
            for (int i = 1; i < values.length; i++) {
                if (values[i] <= values[i - 1]) {
                    throw error("column " + (index + 1) + " is not strictly ascending: '" + text
                            + "'");
                }
            }
            return Arrays.stream(values).boxed().toList();
        }

        IllegalStateException error(String message) {
            return new IllegalStateException(resource + " line " + lineNumber + ": " + message);
        }
    }

    private static List<Line> readTable(String resource, int columns) {
        InputStream in = Element.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " not found beside "
                    + Element.class.getName());
        }
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            int lineNumber = 0;
            while ((text = reader.readLine()) != null) {
                lineNumber++;
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] fields = text.split("\t", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(resource + " line " + lineNumber + ": "
                            + fields.length + " columns, expected " + columns);
                }
                lines.add(new Line(resource, lineNumber, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
        return lines;
    }
}
