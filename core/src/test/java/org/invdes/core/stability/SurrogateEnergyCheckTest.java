package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.ConvexHull.Entry;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateModel;
import org.invdes.core.surrogate.TinySurrogate;
import org.junit.jupiter.api.Test;

/**
 * The surrogate check and the hull check's use of its predictions, with {@link TinySurrogate}'s
 * model (trained on y = e_A + e_B of made-up ABO₃ perovskites).
 */
class SurrogateEnergyCheckTest {
  private static final SurrogateModel MODEL = TinySurrogate.shared();

  /** Candidates as a generator gives them: no energy of their own. */
  private static List<Structure> candidates(int n, long seed) {
    List<Structure> out = new ArrayList<>();
    for (Structure s : TinySurrogate.perovskites(n, seed)) {
      out.add(s.withProperties(Map.of("id", s.stringProperty("id").orElseThrow())));
    }
    return out;
  }

  @Test
  void scoresThePredictedEnergyCloseToTheTruth() {
    SurrogateEnergyCheck check = SurrogateEnergyCheck.of(MODEL);
    assertEquals("surrogate y", check.name());
    for (Structure s : TinySurrogate.perovskites(20, 5)) {
      CheckResult r = check.check(s);
      assertTrue(r.passed());
      // the learned function is within 0.1 eV/atom of the exact one (targets span 1.95 eV/atom)
      assertEquals(s.doubleProperty("y").getAsDouble(), r.score(), 0.1, s::toString);
    }
  }

  @Test
  void preparedBatchesAgreeWithSinglePredictions() {
    List<Structure> c = candidates(300, 6);
    SurrogateEnergyCheck batched = SurrogateEnergyCheck.of(MODEL);
    batched.prepare(c, ProgressMonitor.NONE);
    SurrogateEnergyCheck single = SurrogateEnergyCheck.of(MODEL);
    for (Structure s : c.subList(0, 30)) {
      assertEquals(single.check(s).score(), batched.check(s).score(), 1e-5);
    }
  }

  @Test
  void hullCheckUsesThePredictionOnlyWhenTheCandidateHasNoEnergy() {
    // references: every ABO3 of the set at its exact energy (elements at 0 are added by the hull)
    List<Entry> refs = new ArrayList<>();
    for (String a : List.of("K", "Ca", "Sr", "Ba")) {
      for (String b : List.of("Ti", "Zr", "Nb")) {
        refs.add(new Entry(a + b + "O3", Composition.parse(a + b + "O3"),
            TinySurrogate.target(a, b)));
      }
    }
    ConvexHull hull = ConvexHull.of(refs);
    SurrogateEnergyCheck surrogate = SurrogateEnergyCheck.of(MODEL);
    EnergyAboveHullCheck plain = EnergyAboveHullCheck.of(hull, "y", 0.1);
    EnergyAboveHullCheck withPrediction = plain.withPredictor(surrogate);
    assertEquals("energy above hull < 0.1 eV/atom (y, else predicted)", withPrediction.name());
    Structure own = TinySurrogate.perovskites(1, 7).get(0);
    Structure bare = own.withProperties(Map.of("id", "bare"));
    // with its own energy: exactly the plain check
    CheckResult a = plain.check(own);
    CheckResult b = withPrediction.check(own);
    assertEquals(a.passed(), b.passed());
    assertEquals(a.score(), b.score());
    assertEquals(a.reason(), b.reason());
    // without: the plain check cannot judge it, the other uses the prediction
    assertFalse(plain.check(bare).passed());
    double predicted = surrogate.predicted(bare).orElseThrow();
    CheckResult r = withPrediction.check(bare);
    assertEquals(hull.eAboveHull(bare.composition(), predicted), r.score(), 1e-12);
    // far above the hull: the reason says the energy was predicted
    Structure high = bare.withProperty("id", "high");
    CheckResult strict = EnergyAboveHullCheck.of(hull, "y", -5).withPredictor(surrogate)
        .check(high);
    assertFalse(strict.passed());
    assertTrue(strict.reason().contains("predicted by the surrogate"), strict.reason());
    CheckResult nacl = withPrediction.check(Fixtures.nacl());
    assertFalse(nacl.passed());
    assertTrue(nacl.reason().contains("cannot predict") && nacl.reason().contains("Na"),
        nacl.reason());
  }

  @Test
  void predictionFirstIgnoresTheCandidatesOwnValue() {
    ConvexHull hull = ConvexHull.of(List.of(new Entry("KTiO3", Composition.parse("KTiO3"),
        TinySurrogate.target("K", "Ti"))));
    SurrogateEnergyCheck surrogate = SurrogateEnergyCheck.of(MODEL);
    EnergyAboveHullCheck first = EnergyAboveHullCheck.of(hull, "y", 0.1)
        .withPredictionFirst(surrogate);
    assertTrue(first.predictionFirst());
    assertEquals("energy above hull < 0.1 eV/atom (predicted by the surrogate)", first.name());
    Structure own = TinySurrogate.perovskites(1, 7).get(0);
    // a made-up own value far below the hull would pass on its own; the prediction decides
    Structure flattering = own.withProperty("y", -100.0);
    double predicted = surrogate.predicted(flattering).orElseThrow();
    CheckResult r = first.check(flattering);
    assertEquals(hull.eAboveHull(flattering.composition(), predicted), r.score(), 1e-12);
    assertTrue(EnergyAboveHullCheck.of(hull, "y", 0.1).withPredictor(surrogate)
        .check(flattering).score() < -50, "own value first: the made-up value is used");
    CheckResult nacl = first.check(Fixtures.nacl());
    assertFalse(nacl.passed());
    assertTrue(nacl.reason().startsWith("the surrogate cannot predict"), nacl.reason());
  }

  @Test
  void theFilterPreparesThePredictionsOnce() {
    List<Structure> c = candidates(200, 8);
    ConvexHull hull = ConvexHull.of(List.of(new Entry("KTiO3", Composition.parse("KTiO3"),
        TinySurrogate.target("K", "Ti"))));
    SurrogateEnergyCheck surrogate = SurrogateEnergyCheck.of(MODEL);
    StabilityFilter filter = StabilityFilter.of(surrogate,
        EnergyAboveHullCheck.of(hull, "y", 10).withPredictor(surrogate)).withThreads(2);
    List<StabilityFilter.Evaluation> e = filter.evaluateAll(c, ProgressMonitor.NONE);
    SurrogateEnergyCheck fresh = SurrogateEnergyCheck.of(MODEL);
    for (int i = 0; i < c.size(); i += 17) {
      CheckResult p = e.get(i).results().get(0);
      assertTrue(p.passed());
      assertEquals(fresh.check(c.get(i)).score(), p.score(), 1e-5);
      assertEquals(hull.eAboveHull(c.get(i).composition(), p.score()),
          e.get(i).results().get(1).score(), 1e-9);
    }
  }
}
