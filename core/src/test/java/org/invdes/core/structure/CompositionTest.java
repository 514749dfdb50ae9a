package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CompositionTest {

    /**
     * Builds an amount map from "Sym amount" tokens, in the order given, without using the
     * code under test: e.g. {@code amounts("Sr1 Ti1 O3")}.
     */
    static Map<Element, Double> amounts(String tokens) {
        Map<Element, Double> map = new LinkedHashMap<>();
        for (String token : tokens.trim().split("\\s+")) {
            int split = 1;
            while (split < token.length() && Character.isLowerCase(token.charAt(split))) {
                split++;
            }
            map.put(Element.of(token.substring(0, split)),
                    Double.parseDouble(token.substring(split)));
        }
        return map;
    }

    private static Arguments row(String amounts, String formula, String reducedFormula,
            double factor) {
        return Arguments.of(amounts, formula, reducedFormula, factor);
    }

    /**
     * Expected values are pymatgen 2022.11.7's output (Debian python3-pymatgen, run with
     * /usr/bin/python3): for each row, {@code c = Composition({symbol: amount, ...})} with the
     * amounts in the order written, then {@code c.formula}, {@code c.reduced_formula} and {@code
     * c.get_reduced_formula_and_factor()[1]}. Where pymatgen's result depends on insertion order
     * (non-integer amounts of elements with equal electronegativity such as Cu/Si; He, Ne, Ar,
     * which have no electronegativity) the amounts were given to pymatgen in the order this
     * class uses: by symbol among equals, noble gases last.
     */
    static Stream<Arguments> pymatgenReducedFormulas() {
        return Stream.of(
            // binaries
            row("Na1 Cl1", "Na1 Cl1", "NaCl", 1.0),
            row("Fe4 O6", "Fe4 O6", "Fe2O3", 2.0),
            row("Mg2 O2", "Mg2 O2", "MgO", 2.0),
            row("Ti1 O2", "Ti1 O2", "TiO2", 1.0),
            row("Al2 O3", "Al2 O3", "Al2O3", 1.0),
            row("Ga1 As1", "Ga1 As1", "GaAs", 1.0),
            row("Zn1 S1", "Zn1 S1", "ZnS", 1.0),
            row("Si1 C1", "Si1 C1", "SiC", 1.0),
            row("Li1 F1", "Li1 F1", "LiF", 1.0),
            row("Ca1 F2", "Ca1 F2", "CaF2", 1.0),
            row("H4 O2", "H4 O2", "H2O", 2.0),
            row("N1 H3", "H3 N1", "H3N", 1.0),
            row("C1 H4", "H4 C1", "H4C", 1.0),
            row("C1 O2", "C1 O2", "CO2", 1.0),
            row("Si3 O6", "Si3 O6", "SiO2", 3.0),
            row("Fe2 O2", "Fe2 O2", "FeO", 2.0),
            row("Li2 O1", "Li2 O1", "Li2O", 1.0),
            row("K1 O2", "K1 O2", "KO2", 1.0),
            row("Cu1 Si1", "Cu1 Si1", "CuSi", 1.0),
            row("Cl6", "Cl6", "Cl2", 3.0),
            // special formulas: peroxides and diatomic elements
            row("Li1 O1", "Li1 O1", "Li2O2", 0.5),
            row("Li4 O4", "Li4 O4", "Li2O2", 2.0),
            row("Na2 O2", "Na2 O2", "Na2O2", 1.0),
            row("K1 O1", "K1 O1", "K2O2", 0.5),
            row("Rb2 O2", "Rb2 O2", "Rb2O2", 1.0),
            row("Cs1 O1", "Cs1 O1", "Cs2O2", 0.5),
            row("H1 O1", "H1 O1", "H2O2", 0.5),
            row("H2 O2", "H2 O2", "H2O2", 1.0),
            row("O1", "O1", "O2", 0.5),
            row("O3", "O3", "O2", 1.5),
            row("N1", "N1", "N2", 0.5),
            row("N2", "N2", "N2", 1.0),
            row("F1", "F1", "F2", 0.5),
            row("Cl1", "Cl1", "Cl2", 0.5),
            row("H1", "H1", "H2", 0.5),
            // single elements
            row("C1", "C1", "C", 1.0),
            row("C8", "C8", "C", 8.0),
            row("Fe1", "Fe1", "Fe", 1.0),
            row("Fe4", "Fe4", "Fe", 4.0),
            row("Si2", "Si2", "Si", 2.0),
            // perovskites ABX3, and Perov-5 style oxynitrides, oxyfluorides, oxysulfides
            row("Sr1 Ti1 O3", "Sr1 Ti1 O3", "SrTiO3", 1.0),
            row("Ba2 Ti2 O6", "Ba2 Ti2 O6", "BaTiO3", 2.0),
            row("Cs1 Pb1 I3", "Cs1 Pb1 I3", "CsPbI3", 1.0),
            row("La1 Al1 O3", "La1 Al1 O3", "LaAlO3", 1.0),
            row("K1 Nb1 O3", "K1 Nb1 O3", "KNbO3", 1.0),
            row("Ca1 Ti1 O3", "Ca1 Ti1 O3", "CaTiO3", 1.0),
            row("Cs1 Pb1 Br3", "Cs1 Pb1 Br3", "CsPbBr3", 1.0),
            row("Cs1 Sn1 I3", "Cs1 Sn1 I3", "CsSnI3", 1.0),
            row("K1 Mg1 F3", "K1 Mg1 F3", "KMgF3", 1.0),
            row("La1 Fe1 O3", "La1 Fe1 O3", "LaFeO3", 1.0),
            row("La1 Ti1 O2 N1", "La1 Ti1 N1 O2", "LaTiNO2", 1.0),
            row("Sr1 Nb1 O2 N1", "Sr1 Nb1 N1 O2", "SrNbNO2", 1.0),
            row("Ba1 Ta1 O2 N1", "Ba1 Ta1 N1 O2", "BaTaNO2", 1.0),
            row("Mg1 Ti1 O2 S1", "Mg1 Ti1 S1 O2", "MgTiSO2", 1.0),
            row("Sc1 Co1 O2 F1", "Sc1 Co1 O2 F1", "ScCoO2F", 1.0),
            row("La1 Sn1 O1 F1 N1", "La1 Sn1 N1 O1 F1", "LaSnNOF", 1.0),
            row("Cu1 Cd1 N3", "Cd1 Cu1 N3", "CdCuN3", 1.0),
            row("Y1 Hf1 O2 S1", "Y1 Hf1 S1 O2", "YHfSO2", 1.0),
            // polyanions: the last two elements grouped when their X differ by < 1.65
            row("Mg1 O2 H2", "Mg1 H2 O2", "Mg(HO)2", 1.0),
            row("Ca3 P2 O8", "Ca3 P2 O8", "Ca3(PO4)2", 1.0),
            row("Na4 Co5 O10", "Na4 Co5 O10", "Na4(CoO2)5", 1.0),
            row("Li4 Fe4 P4 O16", "Li4 Fe4 P4 O16", "LiFePO4", 4.0),
            row("Ca1 C1 O3", "Ca1 C1 O3", "CaCO3", 1.0),
            row("Ba1 S1 O4", "Ba1 S1 O4", "BaSO4", 1.0),
            row("K1 N1 O3", "K1 N1 O3", "KNO3", 1.0),
            row("Na1 O1 H1", "Na1 H1 O1", "NaHO", 1.0),
            row("Al2 S3 O12", "Al2 S3 O12", "Al2(SO4)3", 1.0),
            row("Ca1 N2 O6", "Ca1 N2 O6", "Ca(NO3)2", 1.0),
            row("Li3 Fe2 P3 O12", "Li3 Fe2 P3 O12", "Li3Fe2(PO4)3", 1.0),
            row("N2 H8 S1 O4", "H8 S1 N2 O4", "H8S(NO2)2", 1.0),
            row("Zn1 O2 H2", "Zn1 H2 O2", "Zn(HO)2", 1.0),
            // quaternary and beyond
            row("Cu2 Zn1 Sn1 S4", "Zn1 Cu2 Sn1 S4", "ZnCu2SnS4", 1.0),
            row("Y1 Ba2 Cu3 O7", "Ba2 Y1 Cu3 O7", "Ba2YCu3O7", 1.0),
            row("Li1 Mn1 Ni1 Co1 O6", "Li1 Mn1 Co1 Ni1 O6", "LiMnCoNiO6", 1.0),
            // non-integer amounts (partial occupancy): formula without spaces, factor 1
            row("Fe0.5 Ni0.5", "Fe0.5 Ni0.5", "Fe0.5Ni0.5", 1.0),
            row("Li1 Fe0.5 O2", "Li1 Fe0.5 O2", "Li1Fe0.5O2", 1.0),
            row("La0.5 Sr0.5 Mn1 O3", "Sr0.5 La0.5 Mn1 O3", "Sr0.5La0.5Mn1O3", 1.0),
            row("Ba0.5 Sr0.5 Ti1 O3", "Ba0.5 Sr0.5 Ti1 O3", "Ba0.5Sr0.5Ti1O3", 1.0),
            row("Cu0.5 Si0.5", "Cu0.5 Si0.5", "Cu0.5Si0.5", 1.0),
            row("Na0.3333333333333333 Cl1", "Na0.33333333 Cl1", "Na0.33333333Cl1", 1.0),
            row("O0.5", "O0.5", "O0.5", 1.0),
            row("Li0.75 Co1 O2", "Li0.75 Co1 O2", "Li0.75Co1O2", 1.0),
            row("Fe0.947 O1", "Fe0.947 O1", "Fe0.947O1", 1.0),
            row("Na5e-05 Cl1", "Na5e-05 Cl1", "Na5e-05Cl1", 1.0),
            row("Fe0.5 O2.9999999999", "Fe0.5 O3.0", "Fe0.5O3.0", 1.0),
            row("Sr1 Ti1 O2.999999995", "Sr1 Ti1 O3.0", "SrTiO3", 1.0),
            row("Fe1 O1.9999999999", "Fe1 O2.0", "FeO2", 1.0),
            row("Mg1.5 Al1 O4", "Mg1.5 Al1 O4", "Mg1.5Al1O4", 1.0),
            // noble-gas compounds
            row("Xe1 F2", "Xe1 F2", "XeF2", 1.0),
            row("Xe1 F4", "Xe1 F4", "XeF4", 1.0),
            row("Xe1 F6", "Xe1 F6", "XeF6", 1.0),
            row("Kr1 F2", "Kr1 F2", "KrF2", 1.0),
            row("Xe1 O3", "Xe1 O3", "XeO3", 1.0),
            row("Na2 He1", "Na2 He1", "Na2He", 1.0),
            row("H1 F1 Ar1", "H1 F1 Ar1", "HFAr", 1.0),
            row("Xe1 O4", "Xe1 O4", "XeO4", 1.0),
            row("Cs1 Xe1 F7", "Cs1 Xe1 F7", "CsXeF7", 1.0),
            row("He1", "He1", "He", 1.0),
            row("Ar2", "Ar2", "Ar", 2.0),
            row("Ne1", "Ne1", "Ne", 1.0));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("pymatgenReducedFormulas")
    void reducedFormulaAsPymatgen(String amounts, String formula, String reducedFormula,
            double factor) {
        Composition composition = Composition.of(amounts(amounts));
        assertEquals(formula, composition.formula());
        assertEquals(formula, composition.toString());
        assertEquals(reducedFormula, composition.reducedFormula());
        assertEquals(factor, composition.reductionFactor(), 0.0);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("pymatgenReducedFormulas")
    void reducedCompositionTimesFactorGivesTheAmountsBack(String amounts, String formula,
            String reducedFormula, double factor) {
        Composition composition = Composition.of(amounts(amounts));
        Composition reduced = composition.reducedComposition();
        for (Element element : composition.elements()) {
            assertEquals(composition.amount(element), reduced.amount(element) * factor,
                    1e-12 * composition.amount(element), element.symbol());
        }
        assertEquals(composition.elements(), reduced.elements());
    }

    @Test
    void reducedCompositionAsPymatgen() {
        // pymatgen 2022.11: Composition("Li4Fe4P4O16").reduced_composition -> Li1 Fe1 P1 O4,
        // Composition("O").reduced_composition -> O2, Composition("Fe0.5Ni0.5") -> itself
        assertEquals(Composition.of(amounts("Li1 Fe1 P1 O4")),
                Composition.of(amounts("Li4 Fe4 P4 O16")).reducedComposition());
        assertEquals(Composition.of(amounts("O2")), Composition.of(amounts("O1"))
                .reducedComposition());
        Composition alloy = Composition.of(amounts("Fe0.5 Ni0.5"));
        assertSame(alloy, alloy.reducedComposition());
    }

    /**
     * Parsed amounts and reduced formulas are pymatgen 2022.11's: {@code Composition(formula)}
     * items and {@code .reduced_formula}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Mg(OH)2          | Mg1 O2 H2                          | Mg(HO)2",
        "Ca3(PO4)2        | Ca3 P2 O8                          | Ca3(PO4)2",
        "Fe0.5Ni0.5       | Fe0.5 Ni0.5                        | Fe0.5Ni0.5",
        "Na4(CoO2)5       | Na4 Co5 O10                        | Na4(CoO2)5",
        "'Sr1 Ti1 O3'     | Sr1 Ti1 O3                         | SrTiO3",
        "SrTiO3           | Sr1 Ti1 O3                         | SrTiO3",
        "K4(Fe(CN)6)      | K4 Fe1 C6 N6                       | K4Fe(CN)6",
        "(Fe0.1Ni0.9)3O4  | Fe0.30000000000000004 Ni2.7 O4     | Fe0.3Ni2.7O4",
        "Fe1e-3O1         | Fe0.001 O1                         | Fe0.001O1",
        "'Ca (N O3) 2'    | Ca1 N2 O6                          | Ca(NO3)2",
        "FeFeO            | Fe2 O1                             | Fe2O",
        "LaTiO2N          | La1 Ti1 O2 N1                      | LaTiNO2",
        "CsPbI3           | Cs1 Pb1 I3                         | CsPbI3",
    })
    void parseAsPymatgen(String formula, String expectedAmounts, String reducedFormula) {
        Composition parsed = Composition.parse(formula);
        assertEquals(Composition.of(amounts(expectedAmounts)), parsed);
        assertEquals(reducedFormula, parsed.reducedFormula());
    }

    @Test
    void parseRejectsMalformedFormulasNamingFormulaAndColumn() {
        assertParseError("Xx2", 1, "unknown element symbol 'Xx'");
        assertParseError("Ca3(PO4", 8, "'(' at column 4 is not closed");
        assertParseError("Fe2)", 4, "')' without matching '('");
        assertParseError("Fe()", 4, "empty parentheses");
        assertParseError("", 1, "formula is empty");
        assertParseError("   ", 4, "formula is empty");
        assertParseError("Fe2#O3", 4, "unexpected character '#'");
        assertParseError("fe2o3", 1, "unexpected character 'f'");
        assertParseError("Fe2.5e", 6, "unexpected character 'e'");
        assertParseError("SrTiO3-x", 7, "unexpected character '-'");
        assertParseError("Fe0", 1, "no element has a non-zero amount");
        assertParseError("Fe1e999", 3, "amount '1e999' is out of range");
    }

    private static void assertParseError(String formula, int column, String problem) {
        Composition.FormulaSyntaxException e = assertThrows(
                Composition.FormulaSyntaxException.class, () -> Composition.parse(formula));
        assertEquals("invalid formula '" + formula + "' at column " + column + ": " + problem,
                e.getMessage());
        assertEquals(formula, e.formula());
        assertEquals(column, e.column());
    }

    @Test
    void ofRejectsNegativeNaNAndInfiniteAmountsNamingElementAndValue() {
        Element fe = Element.of("Fe");
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Composition.of(Map.of(fe, -1.5)));
        assertEquals("amount of Fe is negative: -1.5", negative.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Composition.of(Map.of(fe, Double.NaN)));
        assertEquals("amount of Fe is NaN", nan.getMessage());
        IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                () -> Composition.of(Map.of(fe, Double.POSITIVE_INFINITY)));
        assertEquals("amount of Fe is Infinity", infinite.getMessage());
        Map<Element, Double> withNull = new HashMap<>();
        withNull.put(fe, null);
        IllegalArgumentException nullAmount = assertThrows(IllegalArgumentException.class,
                () -> Composition.of(withNull));
        assertEquals("amount of Fe is null", nullAmount.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Composition.of(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Composition.of(Map.of(fe, 0)));
    }

    @Test
    void ofDropsAmountsWithinTheToleranceOfZero() {
        Element fe = Element.of("Fe");
        Element o = Element.of("O");
        Map<Element, Double> map = new LinkedHashMap<>();
        map.put(fe, 2.0);
        map.put(o, 0.0);
        map.put(Element.of("Ni"), 5e-9);
        map.put(Element.of("Co"), -5e-9);
        Composition composition = Composition.of(map);
        assertEquals(1, composition.size());
        assertEquals(0.0, composition.amount(o), 0.0);
        assertEquals(Composition.of(Map.of(fe, 2)), composition);
        assertEquals("Fe2", composition.formula());
    }

    @Test
    void acceptsAnyNumberType() {
        Map<Element, Number> map = new LinkedHashMap<>();
        map.put(Element.of("Sr"), 1);
        map.put(Element.of("Ti"), 1L);
        map.put(Element.of("O"), new BigDecimal("3"));
        assertEquals("SrTiO3", Composition.of(map).reducedFormula());
    }

    @Test
    void insertionOrderDoesNotMatter() {
        Map<Element, Double> forward = amounts("Li1 Fe1 P1 O4");
        Map<Element, Double> backward = amounts("O4 P1 Fe1 Li1");
        Composition a = Composition.of(forward);
        Composition b = Composition.of(backward);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.formula(), b.formula());
        assertEquals(new ArrayList<>(a.elements()), new ArrayList<>(b.elements()));
    }

    @Test
    void elementsAreInElectronegativityOrder() {
        Composition composition = Composition.of(amounts("O3 Ti1 Sr1"));
        assertEquals(List.of(Element.of("Sr"), Element.of("Ti"), Element.of("O")),
                new ArrayList<>(composition.elements()));
        assertEquals(List.of(Element.of("Sr"), Element.of("Ti"), Element.of("O")),
                new ArrayList<>(composition.amounts().keySet()));
        assertThrows(UnsupportedOperationException.class,
                () -> composition.elements().add(Element.of("Fe")));
        assertThrows(UnsupportedOperationException.class,
                () -> composition.amounts().put(Element.of("Fe"), 1.0));
    }

    @Test
    void countsAndAmounts() {
        Composition composition = Composition.of(amounts("Ca3 P2 O8"));
        assertEquals(3, composition.size());
        assertEquals(13.0, composition.numAtoms(), 0.0);
        assertEquals(8.0, composition.amount(Element.of("O")), 0.0);
        assertEquals(0.0, composition.amount(Element.of("Fe")), 0.0);
    }

    /**
     * pymatgen 2022.11 {@code Composition(formula).weight} in u; agreement within 0.01 %
     * (Element uses CDK's natural masses where they are within 0.01 % of pymatgen's).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SrTiO3,  183.4852",
        "CsPbI3,  720.8188619",
        "LiFePO4, 157.757362",
        "Li2O,    29.8814",
        "ZnO,     81.4084",
        "GeO2,    104.6388",
        "UO2,     270.02771",
        "PuO2,    275.9988",
        "TcO2,    129.9988",
        "RnF2,    257.9968064",
    })
    void weightAsPymatgen(String formula, double weightU) {
        assertEquals(weightU, Composition.parse(formula).weight(), weightU * 1e-4, formula);
    }

    @Test
    void plusAddsAmounts() {
        // pymatgen: Composition("Fe2O3") + Composition("FeO") == Composition("Fe3O4")
        Composition sum = Composition.parse("Fe2O3").plus(Composition.parse("FeO"));
        assertEquals(Composition.parse("Fe3O4"), sum);
        assertEquals(Composition.parse("NaClO"),
                Composition.parse("NaCl").plus(Composition.parse("O")));
    }

    @Test
    void timesScalesAmounts() {
        assertEquals(Composition.parse("Fe8O12"), Composition.parse("Fe2O3").times(4));
        assertEquals(Composition.parse("Fe0.5Ni0.5"), Composition.parse("FeNi").times(0.5));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Composition.parse("Fe").times(0));
        assertEquals("factor must be finite and positive, got 0.0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Composition.parse("Fe").times(-1));
        assertThrows(IllegalArgumentException.class,
                () -> Composition.parse("Fe").times(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> Composition.parse("Fe").times(Double.POSITIVE_INFINITY));
    }

    @Test
    void equalsIsExactAndApproxEqualsTolerant() {
        Composition a = Composition.parse("Fe0.3Ni0.7");
        Composition b = Composition.of(amounts("Fe0.30000000000000004 Ni0.7"));
        assertNotEquals(a, b);
        assertTrue(a.approxEquals(b, 1e-12));
        assertTrue(b.approxEquals(a, 1e-12));
        assertFalse(a.approxEquals(Composition.parse("Fe0.31Ni0.7"), 1e-3));
        assertTrue(a.approxEquals(Composition.parse("Fe0.31Ni0.7"), 0.011));
        // an element missing on one side counts as amount 0
        assertFalse(a.approxEquals(Composition.parse("Fe0.3Ni0.7Co0.001"), 1e-4));
        assertFalse(Composition.parse("Fe0.3Ni0.7Co0.001").approxEquals(a, 1e-4));
        assertTrue(a.approxEquals(Composition.parse("Fe0.3Ni0.7Co0.001"), 1e-3));
        assertThrows(IllegalArgumentException.class, () -> a.approxEquals(b, -1));
        assertThrows(IllegalArgumentException.class, () -> a.approxEquals(b, Double.NaN));

        assertEquals(Composition.parse("SrTiO3"), Composition.parse("O3SrTi"));
        assertNotEquals(Composition.parse("SrTiO3"), Composition.parse("Sr2Ti2O6"));
        assertNotEquals(Composition.parse("SrTiO3"), "SrTiO3");
    }
}
