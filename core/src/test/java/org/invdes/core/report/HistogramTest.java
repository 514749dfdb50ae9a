package org.invdes.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void setsShareBinsThatSpanEveryValueAndTheTarget() {
    Map<String, double[]> sets = new LinkedHashMap<>();
    sets.put("training", new double[] {0, 1, 2, 2.5, Double.NaN});
    sets.put("candidates", new double[] {3});
    Histogram h = Histogram.of("heat_ref", sets, OptionalDouble.of(4), 4);
    assertArrayEquals(new double[] {0, 1, 2, 3, 4}, h.edges(), 1e-12);
    assertArrayEquals(new int[] {1, 1, 2, 0}, h.series().get(0).counts());
    // 3.0 is the left edge of the last bin
    assertArrayEquals(new int[] {0, 0, 0, 1}, h.series().get(1).counts());
    assertEquals(4, h.series().get(0).total());
    assertEquals(OptionalDouble.of(4), h.target());
  }

  @Test
  void oneRepeatedValueGetsAUnitWideRange() {
    Histogram h = Histogram.of("x", Map.of("c", new double[] {2, 2}), OptionalDouble.empty(), 2);
    assertArrayEquals(new double[] {1.5, 2, 2.5}, h.edges(), 1e-12);
    assertArrayEquals(new int[] {0, 2}, h.series().get(0).counts());
  }
}
