package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** {@link SuccessRates} and {@link BenchmarkDataset}. */
class SuccessRatesTest {
  /** Perov-5 heat_ref percentiles as benchmarks.md quotes them (eV/atom). */
  private static final double[] PEROV = {0.4392, 0.6120, 0.7365};

  @Test
  void countsStartsAtOrBelowEachPercentile() {
    // 0.4392 counts for SR5 (at the percentile); 0.5 only for SR10/15; 0.7 for SR15; 0.8 none;
    // NaN and +inf (no valid candidate) never count
    double[] best = {0.4392, 0.5, 0.7, 0.8, Double.NaN, Double.POSITIVE_INFINITY, -1, 0.6120};
    SuccessRates sr = SuccessRates.of(best, PEROV);
    assertEquals(8, sr.starts());
    assertEquals(2.0 / 8, sr.sr5(), 1e-15); // 0.4392, -1
    assertEquals(4.0 / 8, sr.sr10(), 1e-15); // + 0.5, 0.6120
    assertEquals(5.0 / 8, sr.sr15(), 1e-15); // + 0.7
  }

  @Test
  void fromCandidatesKeepsTheBestValidCandidatePerStart() {
    Structure valid = Structure.of(Lattice.cubic(4.12), List.of(Element.of("Cs"),
        Element.of("Cl")), List.of(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5}));
    // the same cell with the atoms 0.04 Å apart: structurally invalid
    Structure invalid = Structure.of(Lattice.cubic(4.12), List.of(Element.of("Cs"),
        Element.of("Cl")), List.of(new double[] {0, 0, 0}, new double[] {0.01, 0, 0}));
    List<List<Structure>> starts = List.of(
        // the invalid one would be below the 5th percentile but does not count
        List.of(invalid.withProperty("heat_ref", 0.1), valid.withProperty("heat_ref", 0.65)),
        List.of(valid.withProperty("heat_ref", 0.9), valid.withProperty("heat_ref", 0.3)),
        List.of(),
        List.of(valid)); // no property value
    SuccessRates sr = SuccessRates.fromCandidates(starts, "heat_ref",
        BenchmarkDataset.PEROV_5.percentiles());
    assertEquals(new SuccessRates(4, 0.25, 0.25, 0.5), sr);
  }

  @Test
  void rejectsBadPercentilesAndNoStarts() {
    assertThrows(IllegalArgumentException.class,
        () -> SuccessRates.of(new double[] {1}, new double[] {1, 2}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SuccessRates.of(new double[] {1}, new double[] {1, 0.5, 2}));
    assertTrue(e.getMessage().contains("1.0 then 0.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SuccessRates.of(new double[0], PEROV));
  }

  @Test
  void datasetConstantsAreCdvaes() {
    // benchmarks.md: deltas 0.2/4 (Perov-5, Carbon-24), 0.4/10 (MP-20); Perov-5 heat_ref
    // percentiles 0.4392 / 0.6120 / 0.7365
    assertEquals(CoverageThresholds.of(0.2, 4), BenchmarkDataset.PEROV_5.coverageThresholds());
    assertEquals(CoverageThresholds.of(0.2, 4), BenchmarkDataset.CARBON_24.coverageThresholds());
    assertEquals(CoverageThresholds.of(0.4, 10), BenchmarkDataset.MP_20.coverageThresholds());
    assertArrayEquals(PEROV, BenchmarkDataset.PEROV_5.percentiles(), 5e-5);
    assertEquals("heat_ref", BenchmarkDataset.PEROV_5.property());
    assertEquals(BenchmarkDataset.MP_20, BenchmarkDataset.lookup("MP-20").orElseThrow());
    assertEquals(BenchmarkDataset.PEROV_5, BenchmarkDataset.lookup("perov5").orElseThrow());
    assertTrue(BenchmarkDataset.lookup("qm9").isEmpty());
  }
}
