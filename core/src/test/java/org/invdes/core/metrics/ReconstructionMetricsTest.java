package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.invdes.core.matching.StructureMatcher;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** {@link ReconstructionMetrics} on hand-built pairs with closed-form RMS displacements. */
class ReconstructionMetricsTest {
  private static final double A = 4.12;

  private static Structure cscl(String anion, double clX) {
    return Structure.of(Lattice.cubic(A), List.of(Element.of("Cs"), Element.of(anion)),
        List.of(new double[] {0, 0, 0}, new double[] {clX, 0.5, 0.5}));
  }

  @Test
  void invalidAndUnreadableReconstructionsAreMisses() {
    Structure original = cscl("Cl", 0.5);
    // Cl 0.05 a = 0.21 Å from Cs
    Structure tooClose = Structure.of(Lattice.cubic(A), List.of(Element.of("Cs"), Element.of("Cl")),
        List.of(new double[] {0, 0, 0}, new double[] {0.05, 0, 0}));
    List<Structure> reconstructed = Arrays.asList(
        original, // exact: RMS 0
        cscl("Cl", 0.6), // Cl moved by 0.1 a along x
        tooClose, // 0.21 Å apart: structurally invalid
        null, // unreadable
        cscl("Br", 0.5)); // valid, but another composition: no match
    List<Structure> originals = List.of(original, original, original, original, original);
    ReconstructionMetrics.Report r = ReconstructionMetrics.evaluate(reconstructed, originals);
    assertEquals(5, r.pairs());
    assertEquals(3, r.valid());
    assertEquals(2, r.matched());
    assertEquals(40.0, r.matchRatePercent(), 1e-12);
    // moving Cl by d = 0.1 a: after removing the mean shift each site is d/2 off, normalised by
    // (V/N)^(1/3) = a / 2^(1/3): RMS = 0.05 * 2^(1/3); the exact copy has RMS 0
    assertEquals((0 + 0.05 * Math.cbrt(2)) / 2, r.rmse(), 1e-9);
    assertEquals("ltol 0.3, stol 0.5, angle_tol 10.0", r.matcher());
  }

  @Test
  void threadsAndEdgeCases() {
    Structure original = cscl("Cl", 0.5);
    List<Structure> reconstructed = List.of(cscl("Cl", 0.55), cscl("Cl", 0.45), original);
    List<Structure> originals = List.of(original, original, original);
    assertEquals(ReconstructionMetrics.evaluate(reconstructed, originals),
        ReconstructionMetrics.evaluate(reconstructed, originals,
            StructureMatcher.reconstruction(), 3, ProgressMonitor.NONE));
    ReconstructionMetrics.Report none = ReconstructionMetrics.evaluate(
        Arrays.asList((Structure) null), List.of(original));
    assertEquals(0.0, none.matchRatePercent(), 0);
    assertNull(none.rmse());
    assertThrows(IllegalArgumentException.class,
        () -> ReconstructionMetrics.evaluate(List.of(original), List.of()));
  }
}
