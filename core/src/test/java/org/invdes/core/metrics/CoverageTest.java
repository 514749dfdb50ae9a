package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.invdes.core.progress.ProgressMonitor;
import org.junit.jupiter.api.Test;

/** {@link Coverage} on fingerprints whose distances are worked out by hand. */
class CoverageTest {
  private static final CoverageThresholds PEROV = CoverageThresholds.of(0.2, 4);

  /** A fingerprint pair at distance s (structure) and c (composition) from the zero pair. */
  private static CrystalFingerprint at(double s, double c) {
    double[] sv = new double[CrystalNNFingerprint.LENGTH];
    double[] cv = new double[MagpieFingerprint.LENGTH];
    sv[0] = s;
    cv[0] = c;
    return CrystalFingerprint.of(sv, cv);
  }

  @Test
  void nearestStructureAndCompositionMayComeFromDifferentCrystals() {
    List<CrystalFingerprint> reference = List.of(at(0, 0), at(100, 50));
    // G1 is near R1 in structure only, G2 in composition only; G3 equals R2
    List<CrystalFingerprint> generated = List.of(at(0.1, 10), at(5, 3), at(100, 50));
    Coverage.Report r = Coverage.compute(generated, 5, reference, PEROV, 1, ProgressMonitor.NONE);
    // R1: nearest structure 0.1 (G1) <= 0.2, nearest composition 3 (G2) <= 4: covered; R2 by G3
    assertEquals(100.0, r.recallPercent(), 1e-12);
    // G1: structure 0.1, composition 10 (R1): no; G2: structure 5: no; G3: yes.
    // Divided by all 5 generated crystals, 2 of which have no fingerprint.
    assertEquals(20.0, r.precisionPercent(), 1e-12);
    assertEquals((0.1 + 0) / 2, r.amsdRecall(), 1e-12);
    assertEquals((3 + 0) / 2.0, r.amcdRecall(), 1e-12);
    assertEquals((0.1 + 5 + 0) / 3, r.amsdPrecision(), 1e-12);
    assertEquals((10 + 3 + 0) / 3.0, r.amcdPrecision(), 1e-12);
    assertEquals(3, r.generatedFingerprinted());
    assertEquals(5, r.generatedTotal());
    assertEquals(2, r.referenceFingerprinted());
  }

  @Test
  void cutOffsAreInclusiveAndTheSameSetCoversItself() {
    List<CrystalFingerprint> reference = List.of(at(0, 0), at(1, 1));
    List<CrystalFingerprint> generated = List.of(at(0.2, 4)); // exactly at both cut-offs of R1
    Coverage.Report r = Coverage.compute(generated, 1, reference, PEROV, 1, ProgressMonitor.NONE);
    // R2: structure 0.8 away: not covered
    assertEquals(50.0, r.recallPercent(), 1e-12);
    assertEquals(100.0, r.precisionPercent(), 1e-12);
    Coverage.Report self = Coverage.compute(reference, 2, reference, PEROV, 1,
        ProgressMonitor.NONE);
    assertEquals(100.0, self.recallPercent(), 0);
    assertEquals(100.0, self.precisionPercent(), 0);
    assertEquals(0.0, self.amsdRecall(), 0);
  }

  @Test
  void withoutThresholdsOnlyTheMeanDistances() {
    Coverage.Report r = Coverage.compute(List.of(at(1, 2)), 1, List.of(at(0, 0)), null, 1,
        ProgressMonitor.NONE);
    assertNull(r.recallPercent());
    assertNull(r.structureCutoff());
    assertEquals(1.0, r.amsdRecall(), 0);
    assertEquals(2.0, r.amcdPrecision(), 0);
  }

  @Test
  void noGeneratedFingerprintCoversNothing() {
    Coverage.Report r = Coverage.compute(List.of(), 4, List.of(at(0, 0)), PEROV, 1,
        ProgressMonitor.NONE);
    assertEquals(0.0, r.recallPercent(), 0);
    assertEquals(0.0, r.precisionPercent(), 0);
    assertNull(r.amsdRecall());
    assertThrows(IllegalArgumentException.class, () -> Coverage.compute(List.of(at(0, 0)), 0,
        List.of(at(0, 0)), PEROV, 1, ProgressMonitor.NONE));
  }

  /** Threads share out rows; the figures must not depend on how many. */
  @Property(tries = 20)
  void threadsDoNotChangeTheResult(@ForAll @LongRange(min = 0, max = 100_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int ng, @ForAll @IntRange(min = 1, max = 40) int nr,
      @ForAll @IntRange(min = 2, max = 8) int threads) {
    SplittableRandom random = new SplittableRandom(seed);
    List<CrystalFingerprint> g = new ArrayList<>();
    List<CrystalFingerprint> r = new ArrayList<>();
    for (int i = 0; i < ng; i++) {
      g.add(at(random.nextDouble(), 8 * random.nextDouble()));
    }
    for (int i = 0; i < nr; i++) {
      r.add(at(random.nextDouble(), 8 * random.nextDouble()));
    }
    assertEquals(Coverage.compute(g, ng + 3, r, PEROV, 1, ProgressMonitor.NONE),
        Coverage.compute(g, ng + 3, r, PEROV, threads, ProgressMonitor.NONE));
  }

  /** A fingerprint with every value random on a grid (so many distances tie exactly). */
  private static CrystalFingerprint randomFull(SplittableRandom random) {
    double[] sv = new double[CrystalNNFingerprint.LENGTH];
    double[] cv = new double[MagpieFingerprint.LENGTH];
    for (int k = 0; k < sv.length; k++) {
      sv[k] = random.nextInt(3) * 0.125;
    }
    for (int k = 0; k < cv.length; k++) {
      cv[k] = random.nextInt(3) - 1 + (random.nextBoolean() ? random.nextDouble() * 1e-3 : 0);
    }
    return CrystalFingerprint.of(sv, cv);
  }

  private static double fullDistance(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += (a[k] - b[k]) * (a[k] - b[k]);
    }
    return Math.sqrt(s);
  }

  /**
   * The figures equal, bit for bit, those of the whole distance matrices computed without the
   * early exit: nearest distances per row and column, the coverage counts and the means.
   */
  @Property(tries = 25)
  void earlyExitGivesTheFiguresOfTheFullMatrices(@ForAll @LongRange(min = 0,
      max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 60) int ng,
      @ForAll @IntRange(min = 1, max = 60) int nr, @ForAll @IntRange(min = 1, max = 3) int threads) {
    SplittableRandom random = new SplittableRandom(seed);
    List<CrystalFingerprint> g = new ArrayList<>();
    List<CrystalFingerprint> r = new ArrayList<>();
    for (int i = 0; i < ng; i++) {
      g.add(randomFull(random));
    }
    for (int j = 0; j < nr; j++) {
      r.add(randomFull(random));
    }
    double[] rowS = new double[ng];
    double[] rowC = new double[ng];
    double[] colS = new double[nr];
    double[] colC = new double[nr];
    java.util.Arrays.fill(rowS, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(rowC, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(colS, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(colC, Double.POSITIVE_INFINITY);
    for (int i = 0; i < ng; i++) {
      for (int j = 0; j < nr; j++) {
        double ds = fullDistance(g.get(i).structure(), r.get(j).structure());
        double dc = fullDistance(g.get(i).composition(), r.get(j).composition());
        rowS[i] = Math.min(rowS[i], ds);
        rowC[i] = Math.min(rowC[i], dc);
        colS[j] = Math.min(colS[j], ds);
        colC[j] = Math.min(colC[j], dc);
      }
    }
    CoverageThresholds cut = CoverageThresholds.of(0.4, 10);
    int coveredR = 0;
    for (int j = 0; j < nr; j++) {
      coveredR += colS[j] <= 0.4 && colC[j] <= 10 ? 1 : 0;
    }
    int coveredG = 0;
    for (int i = 0; i < ng; i++) {
      coveredG += rowS[i] <= 0.4 && rowC[i] <= 10 ? 1 : 0;
    }
    Coverage.Report expected = new Coverage.Report(0.4, 10.0, ng, ng + 2, nr,
        100.0 * coveredR / nr, 100.0 * coveredG / (ng + 2), mean(colS), mean(rowS), mean(colC),
        mean(rowC));
    assertEquals(expected, Coverage.compute(g, ng + 2, r, cut, threads, ProgressMonitor.NONE));
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  @Test
  void distanceBelowStopsOnlyAboveTheBound() {
    double[] zero = new double[4];
    double[] v = {3, 4, 0, 0}; // distance 5
    assertEquals(5.0, Coverage.distanceBelow(v, zero, 5.0), 0);
    assertEquals(5.0, Coverage.distanceBelow(v, zero, Double.POSITIVE_INFINITY), 0);
    assertEquals(Double.POSITIVE_INFINITY, Coverage.distanceBelow(v, zero, 4.999), 0);
    assertEquals(Double.POSITIVE_INFINITY, Coverage.distanceBelow(v, zero, 0), 0);
  }
}
