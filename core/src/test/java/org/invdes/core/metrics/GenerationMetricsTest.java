package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** {@link GenerationMetrics} on hand-built crystals whose figures follow in closed form. */
class GenerationMetricsTest {

  /** CsCl-type AB crystal, one formula unit in a cube of edge a (Å). */
  static Structure cscl(String a, String b, double edge) {
    return Structure.of(Lattice.cubic(edge), List.of(Element.of(a), Element.of(b)),
        List.of(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5}));
  }

  /** A one-element simple cubic crystal of edge a (Å). */
  static Structure simpleCubic(String a, double edge) {
    return Structure.of(Lattice.cubic(edge), List.of(Element.of(a)),
        List.<double[]>of(new double[] {0, 0, 0}));
  }

  private static EvaluationOptions oneThread() {
    return EvaluationOptions.defaults().withThreads(1);
  }

  @Test
  void validityRatesCountUnreadableRowsAsInvalid() {
    Structure ok = cscl("Cs", "Cl", 4.12);
    // Na and Cl 0.1 Å apart: structurally invalid, compositionally fine
    Structure tooClose = Structure.of(Lattice.cubic(5.0), List.of(Element.of("Na"),
        Element.of("Cl")), List.of(new double[] {0, 0, 0}, new double[] {0.02, 0, 0}));
    // NaCl2 cannot be charge neutral with Na+1 and Cl-1: compositionally invalid
    Structure nacl2 = Structure.of(Lattice.cubic(6.0), List.of(Element.of("Na"),
        Element.of("Cl"), Element.of("Cl")), List.of(new double[] {0, 0, 0},
        new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0, 0}));
    GenerationReport r = GenerationMetrics.evaluate(List.of(ok, tooClose, nacl2), 1,
        List.of(ok), List.of(), oneThread(), ProgressMonitor.NONE);
    assertEquals(new GenerationReport.Counts(4, 1, 1, 0), r.counts());
    assertEquals(50.0, r.validity().structurePercent(), 1e-12); // ok, nacl2 of 4
    assertEquals(50.0, r.validity().compositionPercent(), 1e-12); // ok, tooClose of 4
    assertEquals(25.0, r.validity().validPercent(), 1e-12); // ok only
    assertEquals(1, r.distributions().samples());
  }

  @Test
  void densityDistanceOfShiftedDensitiesIsTheShift() {
    // Simple cubic Cu: density = m / a³; reference at a = 2.5 Å, generated at a = 2.6 Å.
    Structure gen = simpleCubic("Cu", 2.6);
    Structure ref = simpleCubic("Cu", 2.5);
    double expected = Element.of("Cu").atomicMass() * Structure.AMU_PER_A3_TO_G_PER_CM3
        * (1 / Math.pow(2.5, 3) - 1 / Math.pow(2.6, 3));
    GenerationReport r = GenerationMetrics.evaluate(List.of(gen, gen), 0, List.of(ref, ref, ref),
        List.of(), oneThread(), ProgressMonitor.NONE);
    assertEquals(expected, r.distributions().density(), 1e-9);
    assertEquals(0.0, r.distributions().numElements(), 0);
  }

  @Test
  void elementCountDistance() {
    // generated: 1 element and 2 elements; reference: 2 and 2 -> W1 = 1/2 of mass moved by 1
    GenerationReport r = GenerationMetrics.evaluate(
        List.of(simpleCubic("Cu", 2.5), cscl("Cs", "Cl", 4.1)), 0,
        List.of(cscl("Cs", "Br", 4.3), cscl("Cs", "I", 4.5)), List.of(), oneThread(),
        ProgressMonitor.NONE);
    assertEquals(0.5, r.distributions().numElements(), 1e-15);
  }

  @Test
  void propertyDistanceUsesOnlyCrystalsThatCarryTheProperty() {
    Structure g1 = cscl("Cs", "Cl", 4.1).withProperty("heat_ref", 1.0);
    Structure g2 = cscl("Cs", "Cl", 4.1); // no value: left out
    Structure r1 = cscl("Cs", "Cl", 4.1).withProperty("heat_ref", 3.0);
    Structure r2 = cscl("Cs", "Cl", 4.1).withProperty("heat_ref", "n/a"); // not numeric
    GenerationReport r = GenerationMetrics.evaluate(List.of(g1, g2), 0, List.of(r1, r2),
        List.of(), oneThread().withProperty("heat_ref"), ProgressMonitor.NONE);
    assertEquals("heat_ref", r.distributions().property());
    assertEquals(1, r.distributions().propertySamples());
    assertEquals(1, r.distributions().propertyReference());
    assertEquals(2.0, r.distributions().propertyDistance(), 0);
  }

  @Test
  void noValidCrystalGivesNullDistances() {
    Structure bad = Structure.of(Lattice.cubic(5.0), List.of(Element.of("Na"), Element.of("Na")),
        List.of(new double[] {0, 0, 0}, new double[] {0, 0, 0.01}));
    GenerationReport r = GenerationMetrics.evaluate(List.of(bad), 0,
        List.of(simpleCubic("Na", 4.2)), List.of(), oneThread(), ProgressMonitor.NONE);
    assertEquals(0.0, r.validity().validPercent(), 0);
    assertEquals(0, r.distributions().samples());
    assertNull(r.distributions().density());
    assertNull(r.distributions().numElements());
  }

  @Test
  void nothingGeneratedGivesNullRates() {
    GenerationReport r = GenerationMetrics.evaluate(List.of(), 0,
        List.of(simpleCubic("Na", 4.2)), List.of(), oneThread(), ProgressMonitor.NONE);
    assertNull(r.validity().structurePercent());
    assertNull(r.validity().validPercent());
  }

  @Test
  void sampleSizeLimitsTheDrawAndTheSeedMakesItRepeatable() {
    List<Structure> gen = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      gen.add(simpleCubic("Cu", 2.3 + 0.02 * i));
    }
    List<Structure> ref = List.of(simpleCubic("Cu", 2.55));
    EvaluationOptions o = oneThread().withSampleSize(10).withSeed(7);
    GenerationReport a = GenerationMetrics.evaluate(gen, 0, ref, List.of(), o,
        ProgressMonitor.NONE);
    GenerationReport b = GenerationMetrics.evaluate(gen, 0, ref, List.of(), o.withThreads(3),
        ProgressMonitor.NONE);
    assertEquals(10, a.distributions().samples());
    assertEquals(a, b);
    // the same draw as the public draw method gives
    List<Structure> drawn = GenerationMetrics.draw(gen, 10, 7);
    double[] d = drawn.stream().mapToDouble(Structure::density).toArray();
    assertEquals(Distributions.wasserstein1(d, new double[] {ref.get(0).density()}),
        a.distributions().density(), 0);
  }

  @Property(tries = 100)
  void drawIsWithoutReplacementAndRepeatable(@ForAll @IntRange(min = 0, max = 40) int size,
      @ForAll @IntRange(min = 0, max = 50) int n, @ForAll @LongRange(min = -1000, max = 1000)
      long seed) {
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add(i);
    }
    List<Integer> a = GenerationMetrics.draw(items, n, seed);
    assertEquals(Math.min(n, size), a.size());
    Set<Integer> distinct = new HashSet<>(a);
    assertEquals(a.size(), distinct.size());
    assertEquals(a, GenerationMetrics.draw(items, n, seed));
    if (n >= size) {
      List<Integer> sorted = new ArrayList<>(a);
      Collections.sort(sorted);
      assertEquals(items, sorted);
    }
  }

  @Test
  void distinctElementsCountsEveryElementOnAnySite() {
    Structure mixed = Structure.of(Lattice.cubic(3.9), List.of(Site.of(Map.of(Element.of("Cu"),
        0.5, Element.of("Au"), 0.5), new double[] {0, 0, 0}, "CuAu")));
    assertEquals(2, GenerationMetrics.distinctElements(mixed));
    assertEquals(2, GenerationMetrics.distinctElements(cscl("Cs", "Cl", 4.1)));
  }

  @Test
  void reportRoundTripsThroughJsonWithAStableKeyOrder() {
    GenerationReport r = GenerationMetrics.evaluate(List.of(cscl("Cs", "Cl", 4.12)), 2,
        List.of(cscl("Cs", "Cl", 4.0)), List.of(), oneThread().withProperty("x"),
        ProgressMonitor.NONE);
    String json = r.toJson();
    assertEquals(r, GenerationReport.fromJson(json));
    List<String> keys = List.of("\"counts\"", "\"generated\"", "\"unreadable\"", "\"reference\"",
        "\"training\"", "\"validity\"", "\"struct_valid_pct\"", "\"comp_valid_pct\"",
        "\"valid_pct\"", "\"distributions\"", "\"samples\"", "\"seed\"", "\"wdist_density\"",
        "\"wdist_num_elems\"", "\"property\"", "\"property_samples\"", "\"property_reference\"",
        "\"wdist_prop\"", "\"coverage\"", "\"struc_cutoff\"", "\"comp_cutoff\"",
        "\"generated_fingerprinted\"", "\"generated_total\"", "\"reference_fingerprinted\"",
        "\"cov_recall_pct\"", "\"cov_precision_pct\"", "\"amsd_recall\"", "\"amsd_precision\"",
        "\"amcd_recall\"", "\"amcd_precision\"", "\"diversity\"", "\"matcher\"",
        "\"valid_considered\"", "\"unique_pct\"", "\"novel_pct\"");
    int at = -1;
    for (String k : keys) {
      int next = json.indexOf(k);
      assertTrue(next > at, k + " out of order in " + json);
      at = next;
    }
    assertTrue(json.contains("\"wdist_prop\" : null"), json);
  }

  @Test
  void aCrystalWithoutFingerprintIsNotValidButKeepsItsValidityFlags() {
    // berkelium has no covalent radius, so CrystalNN (and CDVAE) cannot fingerprint it; a single
    // metal is compositionally valid and the cell is structurally valid
    Structure bk = simpleCubic("Bk", 3.5);
    Structure cs = cscl("Cs", "Cl", 4.12);
    GenerationReport r = GenerationMetrics.evaluate(List.of(bk, cs), 0, List.of(cs), List.of(),
        oneThread().withThresholds(BenchmarkDataset.PEROV_5.coverageThresholds()),
        ProgressMonitor.NONE);
    assertEquals(100.0, r.validity().structurePercent(), 0);
    assertEquals(100.0, r.validity().compositionPercent(), 0);
    assertEquals(50.0, r.validity().validPercent(), 0);
    assertEquals(1, r.distributions().samples());
    // coverage: CsCl is covered by its copy; COV-P divides by both generated crystals
    assertEquals(1, r.coverage().generatedFingerprinted());
    assertEquals(100.0, r.coverage().recallPercent(), 0);
    assertEquals(50.0, r.coverage().precisionPercent(), 0);
    assertEquals(0.0, r.coverage().amsdRecall(), 0);
  }

  @Test
  void uniquenessGroupsMatchingCrystalsAndNoveltyComparesWithTraining() {
    Structure cscl = cscl("Cs", "Cl", 4.12);
    // the same crystal with its origin on Cl, and as a 2 x 1 x 1 supercell (the matcher reduces
    // both to the primitive cell); CsBr is another crystal
    Structure shifted = Structure.of(Lattice.cubic(4.12), List.of(Element.of("Cl"),
        Element.of("Cs")), List.of(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5}));
    Structure supercell = Structure.of(Lattice.orthorhombic(8.24, 4.12, 4.12),
        List.of(Element.of("Cs"), Element.of("Cs"), Element.of("Cl"), Element.of("Cl")),
        List.of(new double[] {0, 0, 0}, new double[] {0.5, 0, 0}, new double[] {0.25, 0.5, 0.5},
            new double[] {0.75, 0.5, 0.5}));
    Structure csbr = cscl("Cs", "Br", 4.3);
    List<Structure> generated = List.of(cscl, shifted, supercell, csbr);
    for (int threads : new int[] {1, 3}) {
      GenerationReport r = GenerationMetrics.evaluate(generated, 0, List.of(cscl),
          List.of(cscl("Cs", "Cl", 4.2)), oneThread().withThreads(threads),
          ProgressMonitor.NONE);
      assertEquals(4, r.diversity().considered());
      assertEquals(50.0, r.diversity().uniquePercent(), 1e-12); // {CsCl x3}, {CsBr}
      assertEquals(25.0, r.diversity().novelPercent(), 1e-12); // only CsBr is not in training
      assertEquals("ltol 0.2, stol 0.3, angle_tol 5.0", r.diversity().matcher());
    }
    GenerationReport noTraining = GenerationMetrics.evaluate(generated, 0, List.of(cscl),
        List.of(), oneThread(), ProgressMonitor.NONE);
    assertNull(noTraining.diversity().novelPercent());
  }

  @Test
  void cdvaeValidityNeedsBothRulesAndAFingerprint() {
    assertTrue(GenerationMetrics.valid(cscl("Cs", "Cl", 4.12)));
    assertFalse(GenerationMetrics.valid(simpleCubic("Bk", 3.5))); // no covalent radius
    assertFalse(GenerationMetrics.valid(cscl("Cs", "Cl", 0.5))); // atoms 0.43 Å apart
    // KF2: K is +1 and F -1 only, so not charge neutral
    assertFalse(GenerationMetrics.valid(Structure.of(Lattice.cubic(6.0), List.of(
        Site.of(Element.of("K"), 0, 0, 0), Site.of(Element.of("F"), 0.5, 0.5, 0.5),
        Site.of(Element.of("F"), 0.5, 0, 0)))));
  }

  @Test
  void progressGrowsFromZeroToOne() {
    List<Double> fractions = new ArrayList<>();
    ProgressMonitor recorder = new ProgressMonitor() {
      @Override
      public void progress(double fraction, String message) {
        fractions.add(fraction);
      }

      @Override
      public boolean isCancelled() {
        return false;
      }
    };
    Structure cs = cscl("Cs", "Cl", 4.12);
    GenerationMetrics.evaluate(List.of(cs, cscl("Cs", "Br", 4.3)), 0, List.of(cs), List.of(cs),
        oneThread().withThreads(2).withThresholds(CoverageThresholds.of(0.2, 4)), recorder);
    for (int i = 1; i < fractions.size(); i++) {
      assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress went back: " + fractions);
    }
    assertEquals(1.0, fractions.get(fractions.size() - 1), 0);
  }

  @Test
  void rejectsBadInputsAndHonoursCancellation() {
    assertThrows(IllegalArgumentException.class, () -> GenerationMetrics.evaluate(List.of(), 0,
        List.of(), List.of(), oneThread(), ProgressMonitor.NONE));
    assertThrows(IllegalArgumentException.class, () -> GenerationMetrics.evaluate(List.of(), -1,
        List.of(simpleCubic("Cu", 2.5)), List.of(), oneThread(), ProgressMonitor.NONE));
    ProgressMonitor cancelled = ProgressMonitor.cancelling(() -> true);
    assertThrows(CancelledException.class, () -> GenerationMetrics.evaluate(
        List.of(simpleCubic("Cu", 2.5)), 0, List.of(simpleCubic("Cu", 2.5)), List.of(),
        oneThread(), cancelled));
  }
}
