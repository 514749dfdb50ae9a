package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * The {@link StabilityCheck} contract, run against every implementation by a subclass that
 * supplies structures the check passes and structures it fails.
 */
abstract class StabilityCheckContract {

  /** @return the check under test */
  abstract StabilityCheck check();

  /** @return structures the check must pass, at least one */
  abstract List<Structure> passing();

  /** @return structures the check must fail, at least one */
  abstract List<Structure> failing();

  @Test
  void hasAStableNonBlankName() {
    StabilityCheck c = check();
    assertFalse(c.name().isBlank());
    assertEquals(c.name(), check().name());
  }

  @Test
  void passesWhatItShouldWithoutAReason() {
    for (Structure s : passing()) {
      CheckResult r = check().check(s);
      assertTrue(r.passed(), () -> s + ": " + r);
      assertEquals("", r.reason());
      assertEquals(check().name(), r.check());
    }
  }

  @Test
  void failsWhatItShouldWithAReason() {
    for (Structure s : failing()) {
      CheckResult r = check().check(s);
      assertFalse(r.passed(), () -> s + ": " + r);
      assertFalse(r.reason().isBlank());
      assertEquals(check().name(), r.check());
    }
  }

  @Test
  void givesTheSameResultTwice() {
    for (Structure s : all()) {
      assertEquals(check().check(s), check().check(s));
    }
  }

  @Test
  void givesTheSameResultsFromManyThreads() throws Exception {
    StabilityCheck c = check();
    List<Structure> all = all();
    List<CheckResult> expected = new ArrayList<>();
    for (Structure s : all) {
      expected.add(c.check(s));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<CheckResult>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          List<CheckResult> out = new ArrayList<>();
          for (int repeat = 0; repeat < 20; repeat++) {
            out.clear();
            for (Structure s : all) {
              out.add(c.check(s));
            }
          }
          return out;
        }));
      }
      for (Future<List<CheckResult>> f : futures) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsNull() {
    assertThrows(NullPointerException.class, () -> check().check(null));
  }

  private List<Structure> all() {
    List<Structure> all = new ArrayList<>(passing());
    all.addAll(failing());
    return all;
  }
}
