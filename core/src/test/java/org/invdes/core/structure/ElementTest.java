package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElementTest {

    /**
     * Published facts for ten elements.
     *
     * <ul>
     *   <li>mass: IUPAC standard atomic weights in u, as tabulated by pymatgen 2022.11 (IUPAC 2005
     *       values); compared to 0.01 % because Element uses CDK's abundance-weighted natural mass
     *       where it is that close;
     *   <li>x: Pauling electronegativities (Allred 1961 revision, as in pymatgen and CDK), exact;
     *   <li>covalent radius: Cordero et al., Dalton Trans. 2008, 2832, in Å, as pymatgen
     *       tabulates them (C = sp2 value 0.73, Fe = mean of low-spin 1.32 and high-spin 1.52).
     * </ul>
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "H,  1,  Hydrogen,   1.00794,      2.20, 0.31",
        "C,  6,  Carbon,     12.0107,      2.55, 0.73",
        "O,  8,  Oxygen,     15.9994,      3.44, 0.66",
        "Na, 11, Sodium,     22.98976928,  0.93, 1.66",
        "Cl, 17, Chlorine,   35.453,       3.16, 1.02",
        "Fe, 26, Iron,       55.845,       1.83, 1.42",
        "Sr, 38, Strontium,  87.62,        0.95, 1.95",
        "Ti, 22, Titanium,   47.867,       1.54, 1.60",
        "Pb, 82, Lead,       207.2,        2.33, 1.46",
        "U,  92, Uranium,    238.02891,    1.38, 1.96",
    })
    void publishedFacts(String symbol, int z, String name, double massU, double pauling,
            double covalentRadiusAngstrom) {
        Element element = Element.of(symbol);
        assertEquals(z, element.number());
        assertEquals(symbol, element.symbol());
        assertEquals(name, element.name());
        assertEquals(massU, element.atomicMass(), massU * 1e-4, "atomic mass (u) of " + symbol);
        assertEquals(pauling, element.electronegativity(), 0.0, "Pauling X of " + symbol);
        assertEquals(covalentRadiusAngstrom, element.covalentRadius(), 0.0,
                "covalent radius (Å) of " + symbol);
        assertEquals(symbol, element.toString());
    }

    /** Shannon (1976) effective ionic radii in Å, Table 1 "IR" column. */
    @ParameterizedTest(name = "{0}{1} {2}")
    @CsvSource({
        "Na,  1, VI,   1.02",
        "O,  -2, VI,   1.40",
        "Ti,  4, VI,   0.605",
        "Sr,  2, XII,  1.44",
        "Cl, -1, VI,   1.81",
        "Pb,  2, VI,   1.19",
        "U,   6, VI,   0.73",
        "Fe,  2, IVSQ, 0.64",
        // high spin where Shannon lists both: Fe2+ VI HS 0.78 (LS 0.61), Fe3+ VI HS 0.645 (LS 0.55)
        "Fe,  2, VI,   0.78",
        "Fe,  3, VI,   0.645",
        "Co,  2, VI,   0.745",
        // only a low-spin value is published for Cu3+ VI
        "Cu,  3, VI,   0.54",
        // Shannon's negative effective radius for H+ in 1-fold coordination
        "H,   1, I,   -0.38",
    })
    void shannonIonicRadii(String symbol, int oxidationState, String coordination,
            double radiusAngstrom) {
        OptionalDouble radius = Element.of(symbol).ionicRadius(oxidationState, coordination);
        assertTrue(radius.isPresent(), symbol + oxidationState + " " + coordination);
        assertEquals(radiusAngstrom, radius.getAsDouble(), 0.0);
        assertEquals(radiusAngstrom,
                Element.of(symbol).shannonRadii().get(oxidationState).get(coordination), 0.0);
    }

    @Test
    void ionicRadiusIsEmptyWhereShannonListsNone() {
        assertFalse(Element.of("Na").ionicRadius(1, "II").isPresent());
        assertFalse(Element.of("Na").ionicRadius(2, "VI").isPresent());
        assertFalse(Element.of("Fe").ionicRadius(2, "vi").isPresent(), "case matters");
        assertTrue(Element.of("He").shannonRadii().isEmpty());
    }

    @Test
    void shannonRadiiAreOrderedAndUnmodifiable() {
        Map<Integer, Map<String, Double>> iron = Element.of("Fe").shannonRadii();
        // pymatgen 2022.11 lists Fe in oxidation states 2, 3, 4, 6
        assertEquals(List.of(2, 3, 4, 6), new ArrayList<>(iron.keySet()));
        assertEquals(List.of("IV", "IVSQ", "VI", "VIII"), new ArrayList<>(iron.get(2).keySet()));
        assertThrows(UnsupportedOperationException.class, () -> iron.put(7, Map.of()));
        assertThrows(UnsupportedOperationException.class, () -> iron.get(2).put("IX", 1.0));
    }

    /** Oxidation states as pymatgen 2022.11 lists them (Element.oxidation_states etc.). */
    @Test
    void oxidationStates() {
        assertEquals(List.of(-2, -1, 1, 2, 3, 4, 5, 6), Element.of("Fe").oxidationStates());
        assertEquals(List.of(2, 3), Element.of("Fe").commonOxidationStates());
        assertEquals(List.of(-2), Element.of("O").commonOxidationStates());
        assertEquals(List.of(-1, 1), Element.of("H").commonOxidationStates());
        assertEquals(List.of(3, 4, 5, 6), Element.of("U").oxidationStates());
        assertEquals(List.of(6), Element.of("U").commonOxidationStates());
        assertTrue(Element.of("He").oxidationStates().isEmpty());
        assertTrue(Element.of("Xe").commonOxidationStates().isEmpty());
        assertThrows(UnsupportedOperationException.class,
                () -> Element.of("Fe").oxidationStates().add(9));
    }

    @Test
    void commonOxidationStatesAreKnownOxidationStatesForAllElements() {
        for (Element element : Element.all()) {
            assertTrue(element.oxidationStates().containsAll(element.commonOxidationStates()),
                    element.symbol());
        }
    }

    @Test
    void noblegasesHaveNoElectronegativity() {
        assertTrue(Double.isNaN(Element.of("He").electronegativity()));
        assertTrue(Double.isNaN(Element.of("Ne").electronegativity()));
        assertTrue(Double.isNaN(Element.of("Ar").electronegativity()));
        assertEquals(3.0, Element.of("Kr").electronegativity(), 0.0);
        assertEquals(2.6, Element.of("Xe").electronegativity(), 0.0);
    }

    @Test
    void covalentRadiusIsNaNBeyondCordero() {
        assertEquals(1.69, Element.of("Cm").covalentRadius(), 0.0); // last in Cordero's table
        assertTrue(Double.isNaN(Element.of("Bk").covalentRadius()));
        assertTrue(Double.isNaN(Element.of("Lr").covalentRadius()));
    }

    @Test
    void all103ElementsInOrderOfAtomicNumber() {
        List<Element> all = Element.all();
        assertEquals(103, all.size());
        Set<String> symbols = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Element element = all.get(i);
            assertEquals(i + 1, element.number());
            assertSame(element, Element.ofNumber(i + 1));
            assertTrue(symbols.add(element.symbol()), "duplicate symbol " + element.symbol());
            assertTrue(element.atomicMass() > 0, element.symbol());
            if (i > 0) {
                assertTrue(all.get(i - 1).compareTo(element) < 0);
            }
        }
        assertEquals("H", all.get(0).symbol());
        assertEquals("Lr", all.get(102).symbol());
        assertThrows(UnsupportedOperationException.class, () -> all.remove(0));
    }

    @Test
    void symbolLookupRoundTrip() {
        for (Element element : Element.all()) {
            assertSame(element, Element.of(element.symbol()));
            assertEquals(Optional.of(element), Element.lookup(element.symbol()));
        }
    }

    @Test
    void unknownSymbolIsRejectedNamingTheValue() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Element.of("Xx"));
        assertEquals("unknown element symbol 'Xx'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Element.of("fe"));
        assertThrows(IllegalArgumentException.class, () -> Element.of("FE"));
        assertThrows(IllegalArgumentException.class, () -> Element.of("Rf")); // Z = 104
        assertThrows(IllegalArgumentException.class, () -> Element.of(""));
        assertEquals(Optional.empty(), Element.lookup("Xx"));
    }

    @Test
    void atomicNumberOutOfRangeIsRejectedNamingTheValue() {
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> Element.ofNumber(0));
        assertTrue(zero.getMessage().contains("0"), zero.getMessage());
        IllegalArgumentException big =
                assertThrows(IllegalArgumentException.class, () -> Element.ofNumber(104));
        assertTrue(big.getMessage().contains("104"), big.getMessage());
    }

    @Test
    void electronegativityOrderPutsElementsWithoutValueLast() {
        List<Element> sorted = new ArrayList<>(List.of(Element.of("Ar"), Element.of("F"),
                Element.of("Si"), Element.of("He"), Element.of("Cu"), Element.of("Na")));
        sorted.sort(Element.electronegativityOrder());
        // Na 0.93 < Cu 1.90 = Si 1.90 (tie broken by symbol) < F 3.98, then Ar, He by symbol
        assertEquals("[Na, Cu, Si, F, Ar, He]", sorted.toString());
    }

    /**
     * Every element agrees with pymatgen 2022.11 (test resource {@code pymatgen-elements.tsv},
     * printed from pymatgen's {@code Element}): electronegativity exactly (formula order and
     * polyanion grouping depend on it), atomic mass within 0.01 % (densities), {@code is_metal}
     * exactly. Names agree except where pymatgen uses American spelling.
     */
    @Test
    void agreesWithPymatgenForAll103Elements() throws IOException {
        List<String[]> rows = readPymatgenReference();
        assertEquals(103, rows.size());
        for (String[] row : rows) {
            Element element = Element.ofNumber(Integer.parseInt(row[0]));
            String symbol = row[1];
            assertEquals(symbol, element.symbol());
            double x = row[2].equals("nan") ? Double.NaN : Double.parseDouble(row[2]);
            if (Double.isNaN(x)) {
                assertTrue(Double.isNaN(element.electronegativity()), symbol);
            } else {
                assertEquals(x, element.electronegativity(), 0.0, "X of " + symbol);
            }
            double mass = Double.parseDouble(row[3]);
            assertEquals(mass, element.atomicMass(), mass * 1e-4, "mass of " + symbol);
            assertEquals(Boolean.parseBoolean(row[4]), element.isMetal(), "is_metal of " + symbol);
            String expectedName = switch (row[5]) {
                case "Aluminum" -> "Aluminium";
                case "Cesium" -> "Caesium";
                default -> row[5];
            };
            assertEquals(expectedName, element.name(), "name of " + symbol);
        }
    }

    @Test
    void metalsAsPymatgenDefinesThem() {
        for (String metal : List.of("Li", "Be", "Mg", "Al", "Fe", "Sn", "Pb", "Bi", "La", "Lu",
                "U", "Lr")) {
            assertTrue(Element.of(metal).isMetal(), metal);
        }
        for (String nonMetal : List.of("H", "He", "B", "C", "Si", "Ge", "As", "Sb", "Te", "Po",
                "At", "Xe")) {
            assertFalse(Element.of(nonMetal).isMetal(), nonMetal);
        }
    }

    private static List<String[]> readPymatgenReference() throws IOException {
        InputStream in = ElementTest.class.getResourceAsStream("pymatgen-elements.tsv");
        assertNotNull(in, "test resource pymatgen-elements.tsv");
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        }
        return rows;
    }
}
