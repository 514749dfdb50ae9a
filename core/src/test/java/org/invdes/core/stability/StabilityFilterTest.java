package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** Composition of checks, input order under threads, progress and cancellation. */
class StabilityFilterTest {

  private static final StabilityFilter STANDARD = StabilityFilter.of(GeometricValidity.standard(),
      CompositionValidity.standard(), CovalentDistanceCheck.standard());

  /** 300 structures cycling through valid and invalid fixtures, in a known order. */
  private static List<Structure> mixed() {
    List<Structure> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      switch (i % 4) {
        case 0 -> out.add(Fixtures.nacl());
        case 1 -> out.add(Fixtures.pair("Na", "Cl", 0.2 + i * 1e-3, 6.0));
        case 2 -> out.add(Fixtures.spread("Na", "Na", "Cl", "Cl", "Cl"));
        default -> out.add(Fixtures.pair("I", "I", 1.0, 6.0));
      }
    }
    return out;
  }

  /** Records progress calls; cancels from the n-th poll on (never when n is negative). */
  private static final class Recorder implements ProgressMonitor {
    final List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger polls = new AtomicInteger();
    final int cancelAt;

    Recorder(int cancelAt) {
      this.cancelAt = cancelAt;
    }

    @Override
    public void progress(double fraction, String message) {
      fractions.add(fraction);
      messages.add(message);
    }

    @Override
    public boolean isCancelled() {
      return cancelAt >= 0 && polls.incrementAndGet() > cancelAt;
    }
  }

  @Test
  void reportsEveryCheckForEveryStructure() {
    StabilityFilter.Evaluation e = STANDARD.evaluate(Fixtures.pair("Na", "Cl", 0.3, 5.0));
    assertEquals(3, e.results().size());
    assertFalse(e.passed());
    // too close for both distance checks, but charge balanced
    assertEquals(List.of(GeometricValidity.standard().name(),
        CovalentDistanceCheck.standard().name()),
        e.failures().stream().map(CheckResult::check).toList());
    assertTrue(e.reason().startsWith("geometric validity: site 0 (Na) and site 1 (Cl) are 0.300"),
        e.reason());
    assertTrue(STANDARD.evaluate(Fixtures.nacl()).passed());
    assertEquals("", STANDARD.evaluate(Fixtures.nacl()).reason());
  }

  @Test
  void theOutputOrderIsTheInputOrderWhateverTheThreads() {
    List<Structure> input = mixed();
    List<StabilityFilter.Evaluation> one =
        STANDARD.withThreads(1).evaluateAll(input, ProgressMonitor.NONE);
    List<StabilityFilter.Evaluation> four =
        STANDARD.withThreads(4).evaluateAll(input, ProgressMonitor.NONE);
    assertEquals(one, four);
    for (int i = 0; i < input.size(); i++) {
      assertEquals(i, four.get(i).index());
      assertEquals(input.get(i), four.get(i).structure());
      assertEquals(i % 4 == 0, four.get(i).passed(), "structure " + i);
    }
    assertEquals(75, STANDARD.withThreads(3).passing(input, ProgressMonitor.NONE).size());
  }

  @Test
  void progressGoesFromZeroToOneWithoutGoingBack() {
    Recorder monitor = new Recorder(-1);
    STANDARD.withThreads(2).evaluateAll(mixed(), monitor);
    assertEquals(0.0, monitor.fractions.get(0));
    assertEquals(1.0, monitor.fractions.get(monitor.fractions.size() - 1));
    for (int i = 1; i < monitor.fractions.size(); i++) {
      assertTrue(monitor.fractions.get(i) >= monitor.fractions.get(i - 1), monitor.fractions::toString);
    }
    assertEquals("checked 300 of 300 structures",
        monitor.messages.get(monitor.messages.size() - 1));
  }

  @Test
  void cancellingInterruptsTheWorkersAndStartsNoMoreStructures() throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    // cancels once every worker is busy, however late a loaded machine schedules them
    ProgressMonitor monitor = new ProgressMonitor() {
      @Override
      public void progress(double fraction, String message) {
      }

      @Override
      public boolean isCancelled() {
        return started.get() >= 3;
      }
    };
    CountDownLatch interrupted = new CountDownLatch(3);
    // blocks every worker on its first structure until the filter interrupts it
    StabilityCheck waits = new StabilityCheck() {
      @Override
      public String name() {
        return "waits until interrupted";
      }

      @Override
      public CheckResult check(Structure s) {
        started.incrementAndGet();
        try {
          new CountDownLatch(1).await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          interrupted.countDown();
          Thread.currentThread().interrupt();
        }
        return CheckResult.pass(name(), 0);
      }
    };
    StabilityFilter filter = StabilityFilter.of(waits).withThreads(3);
    CancelledException e = assertThrows(CancelledException.class,
        () -> filter.evaluateAll(mixed(), monitor));
    assertEquals("stability filter was cancelled after 0 of 300 structures", e.getMessage());
    assertTrue(interrupted.await(5, TimeUnit.SECONDS), "workers were not interrupted");
    Thread.sleep(50);
    assertTrue(started.get() <= 3, "structures started: " + started.get());
  }

  @Test
  void cancellingOnOneThreadStopsBeforeTheNextStructure() {
    AtomicInteger started = new AtomicInteger();
    StabilityCheck counts = new StabilityCheck() {
      @Override
      public String name() {
        return "counts";
      }

      @Override
      public CheckResult check(Structure s) {
        started.incrementAndGet();
        return CheckResult.pass(name(), 0);
      }
    };
    Recorder monitor = new Recorder(5);
    assertThrows(CancelledException.class,
        () -> StabilityFilter.of(counts).withThreads(1).evaluateAll(mixed(), monitor));
    assertEquals(5, started.get());
  }

  @Test
  void aCheckThatThrowsFailsOnlyItsStructure() {
    StabilityCheck broken = new StabilityCheck() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public CheckResult check(Structure s) {
        if (s.size() == 5) {
          throw new IllegalStateException("cannot handle five sites");
        }
        return CheckResult.pass(name(), 1);
      }
    };
    List<StabilityFilter.Evaluation> out = StabilityFilter.of(broken).withThreads(2)
        .evaluateAll(mixed(), ProgressMonitor.NONE);
    assertEquals("broken: the check failed with IllegalStateException: cannot handle five sites",
        out.get(2).reason());
    assertTrue(out.get(0).passed());
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> StabilityFilter.of(List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StabilityFilter.of(GeometricValidity.standard(), GeometricValidity.standard()));
    assertTrue(e.getMessage().contains("'geometric validity'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> STANDARD.withThreads(0));
    assertEquals(3, STANDARD.checks().size());
    assertEquals(List.of(), STANDARD.evaluateAll(List.of(), ProgressMonitor.NONE));
  }
}
