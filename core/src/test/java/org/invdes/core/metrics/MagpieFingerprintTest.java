package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;
import org.junit.jupiter.api.Test;

/**
 * {@link MagpieFingerprint}: features worked out by hand from published elemental data (atomic
 * numbers, IUPAC atomic weights, Pauling electronegativities) and CDVAE's published scaler.
 */
class MagpieFingerprintTest {
  private static final int NUMBER = 0;
  private static final int ATOMIC_WEIGHT = 2;
  private static final int ELECTRONEGATIVITY = 7;

  private static double feature(double[] f, int property, String statistic) {
    return f[6 * property + MagpieFingerprint.STATISTICS.indexOf(statistic)];
  }

  @Test
  void naclHasTheStatisticsOfTwoEquallyWeightedValues() {
    double[] f = MagpieFingerprint.features(Composition.parse("NaCl"));
    assertEquals(132, f.length);
    // Z: Na 11, Cl 17
    assertEquals(11, feature(f, NUMBER, "minimum"), 0);
    assertEquals(17, feature(f, NUMBER, "maximum"), 0);
    assertEquals(6, feature(f, NUMBER, "range"), 0);
    assertEquals(14, feature(f, NUMBER, "mean"), 0);
    assertEquals(3, feature(f, NUMBER, "avg_dev"), 0);
    assertEquals(11, feature(f, NUMBER, "mode"), 0); // a tie: the smaller value
    // atomic weights (IUPAC 2009 as tabulated by Magpie): Na 22.98976928, Cl 35.453
    assertEquals(22.98976928, feature(f, ATOMIC_WEIGHT, "minimum"), 0);
    assertEquals(35.453 - 22.98976928, feature(f, ATOMIC_WEIGHT, "range"), 1e-12);
    assertEquals((35.453 + 22.98976928) / 2, feature(f, ATOMIC_WEIGHT, "mean"), 1e-12);
    assertEquals((35.453 - 22.98976928) / 2, feature(f, ATOMIC_WEIGHT, "avg_dev"), 1e-12);
    // Pauling electronegativity: Na 0.93, Cl 3.16
    assertEquals(3.16, feature(f, ELECTRONEGATIVITY, "maximum"), 0);
    assertEquals(1.115, feature(f, ELECTRONEGATIVITY, "avg_dev"), 1e-12);
    assertEquals(0.93, feature(f, ELECTRONEGATIVITY, "mode"), 0);
  }

  @Test
  void na2oWeightsByAmount() {
    // Na 11 (x2), O 8: mean (22 + 8)/3 = 10; avg_dev (2*1 + 2)/3 = 4/3; mode: Na, the majority
    double[] f = MagpieFingerprint.features(Composition.parse("Na2O"));
    assertEquals(8, feature(f, NUMBER, "minimum"), 0);
    assertEquals(11, feature(f, NUMBER, "maximum"), 0);
    assertEquals(3, feature(f, NUMBER, "range"), 0);
    assertEquals(10, feature(f, NUMBER, "mean"), 1e-12);
    assertEquals(4.0 / 3, feature(f, NUMBER, "avg_dev"), 1e-12);
    assertEquals(11, feature(f, NUMBER, "mode"), 0);
    // Pauling: Na 0.93, O 3.44 -> mean (2*0.93 + 3.44)/3
    assertEquals((2 * 0.93 + 3.44) / 3, feature(f, ELECTRONEGATIVITY, "mean"), 1e-12);
  }

  @Test
  void aMissingElementalValueMakesItsStatisticsNaNUnlessTheModeSkipsIt() {
    // argon has no Pauling electronegativity in the Magpie table
    double[] equal = MagpieFingerprint.features(Composition.parse("NaAr"));
    for (String s : MagpieFingerprint.STATISTICS) {
      assertTrue(Double.isNaN(feature(equal, ELECTRONEGATIVITY, s)), s);
    }
    double[] naRich = MagpieFingerprint.features(Composition.parse("Na2Ar"));
    assertEquals(0.93, feature(naRich, ELECTRONEGATIVITY, "mode"), 0);
    assertTrue(Double.isNaN(feature(naRich, ELECTRONEGATIVITY, "mean")));
    // standardised: NaN becomes 0, the mode is standardised with CDVAE's constants
    double[] z = MagpieFingerprint.standardised(naRich);
    assertEquals(0.0, z[6 * ELECTRONEGATIVITY + 3], 0);
    // CDVAE constants.py: mean and std of "MagpieData mode Electronegativity" are
    // 2.100143582306204 and 0.8601748146737138 (index 47 of CompScalerMeans and CompScalerStds)
    assertEquals((0.93 - 2.100143582306204) / 0.8601748146737138, z[6 * ELECTRONEGATIVITY + 5],
        1e-12);
  }

  @Test
  void modeTreatsAmountsWithinNumpysIscloseAsTied() {
    // Fe (Z 26) and O (Z 8): 1.000001 and 1 are within rtol 1e-5, so both are "most frequent"
    Map<Element, Double> close = new LinkedHashMap<>();
    close.put(Element.of("Fe"), 1.000001);
    close.put(Element.of("O"), 1.0);
    assertEquals(8, feature(MagpieFingerprint.features(Composition.of(close)), NUMBER, "mode"), 0);
    Map<Element, Double> apart = new LinkedHashMap<>();
    apart.put(Element.of("Fe"), 1.001);
    apart.put(Element.of("O"), 1.0);
    assertEquals(26, feature(MagpieFingerprint.features(Composition.of(apart)), NUMBER, "mode"),
        0);
  }

  @Test
  void standardisationUsesCdvaesFirstAndLastConstants() {
    // constants.py: CompScalerMeans[0] = 21.194441759304013, CompScalerStds[0] = 16.35781741152948;
    // CompScalerMeans[131] = 136.4664572257129, CompScalerStds[131] = 85.980205895116
    double[] z = MagpieFingerprint.of(Composition.parse("NaCl"));
    assertEquals((11 - 21.194441759304013) / 16.35781741152948, z[0], 1e-12);
    // mode of SpaceGroupNumber: tie -> min(Na 229, Cl 64) = 64
    assertEquals((64 - 136.4664572257129) / 85.980205895116, z[131], 1e-12);
    assertEquals("MagpieData minimum Number", MagpieFingerprint.featureLabels().get(0));
    assertEquals("MagpieData mode SpaceGroupNumber", MagpieFingerprint.featureLabels().get(131));
  }

  @Test
  void elementalValuesAndErrors() {
    assertEquals(26, MagpieFingerprint.elementalValue(Element.of("Fe"), "Number"), 0);
    assertTrue(Double.isNaN(MagpieFingerprint.elementalValue(Element.of("He"),
        "Electronegativity")));
    assertThrows(IllegalArgumentException.class,
        () -> MagpieFingerprint.elementalValue(Element.of("Fe"), "Colour"));
    assertThrows(IllegalArgumentException.class,
        () -> MagpieFingerprint.standardised(new double[3]));
  }

  @Provide
  Arbitrary<Map<Element, Integer>> compositions() {
    return Arbitraries.integers().between(1, 94).list().ofMinSize(1).ofMaxSize(5).uniqueElements()
        .flatMap(zs -> Arbitraries.integers().between(1, 6).list().ofSize(zs.size()).map(c -> {
          Map<Element, Integer> m = new LinkedHashMap<>();
          for (int i = 0; i < zs.size(); i++) {
            m.put(Element.ofNumber(zs.get(i)), c.get(i));
          }
          return m;
        }));
  }

  @Property(tries = 200)
  void invariantUnderScaleAndOrder(@ForAll("compositions") Map<Element, Integer> amounts,
      @ForAll @IntRange(min = 2, max = 5) int factor) {
    Composition c = Composition.of(amounts);
    Map<Element, Integer> reversed = new LinkedHashMap<>();
    List<Element> keys = List.copyOf(amounts.keySet());
    for (int i = keys.size() - 1; i >= 0; i--) {
      reversed.put(keys.get(i), amounts.get(keys.get(i)) * factor);
    }
    double[] a = MagpieFingerprint.features(c);
    double[] b = MagpieFingerprint.features(Composition.of(reversed));
    assertArrayEquals(a, b, 1e-9);
    for (int p = 0; p < 22; p++) {
      double min = a[6 * p];
      double max = a[6 * p + 1];
      double mean = a[6 * p + 3];
      if (!Double.isNaN(min)) {
        assertTrue(min <= mean + 1e-9 && mean <= max + 1e-9, "mean within [min, max]");
        assertTrue(a[6 * p + 4] <= a[6 * p + 2] + 1e-9, "avg_dev at most the range");
        assertTrue(a[6 * p + 5] >= min && a[6 * p + 5] <= max, "mode is one of the values");
      }
    }
    for (double z : MagpieFingerprint.of(c)) {
      assertTrue(Double.isFinite(z));
    }
  }
}
