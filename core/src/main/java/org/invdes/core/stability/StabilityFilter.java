package org.invdes.core.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;

/**
 * Composes {@link StabilityCheck}s: a structure passes the filter when it passes every check.
 * Every check runs on every structure, so each structure gets all its results, not only the
 * first failure.
 *
 * <p>{@link #evaluateAll} evaluates a list of structures on {@link #threads()} threads and returns
 * the evaluations in input order, whatever the number of threads; it reports progress to a {@link
 * ProgressMonitor} and stops with {@link CancelledException} when the monitor is cancelled.
 *
 * <p>Algorithm of {@link #evaluateAll}:
 * <ol>
 *   <li>Each check's {@link StabilityCheck#prepare} runs on the calling thread (the first fifth of
 *       the progress).
 *   <li>Workers take the next unevaluated index from a shared counter (one structure at a time,
 *       so expensive structures do not leave other threads idle), evaluate it and store the
 *       evaluation at its index of the output array.
 *   <li>The calling thread waits for the workers; every {@value #PROGRESS_INTERVAL_MS} ms it
 *       reports the fraction done and polls for cancellation. The monitor is only called from the
 *       calling thread.
 *   <li>On cancellation (or interruption of the calling thread) no worker starts another
 *       structure, the workers are interrupted (a check that honours interruption stops at once;
 *       any other finishes its structure in the background and the result is dropped), and the
 *       method throws {@link CancelledException} without waiting for them.
 * </ol>
 * With one thread, or one structure, everything runs on the calling thread.
 *
 * <p>A check that throws a {@link RuntimeException} (which the {@link StabilityCheck} contract
 * forbids) does not abort the batch: that structure gets a failed result naming the exception.
 * Errors propagate.
 *
 * <p>Immutable and thread-safe.
 */
public final class StabilityFilter {

  /** How often the calling thread reports progress and polls for cancellation, ms. */
  public static final long PROGRESS_INTERVAL_MS = 100;

  private final List<StabilityCheck> checks;
  private final int threads;

  private StabilityFilter(List<StabilityCheck> checks, int threads) {
    this.checks = checks;
    this.threads = threads;
  }

  /**
   * A filter of the given checks, using as many threads as there are processors.
   *
   * @param checks the checks, at least one; run in this order
   * @return the filter
   * @throws IllegalArgumentException if there is no check or two checks share a name
   */
  public static StabilityFilter of(List<? extends StabilityCheck> checks) {
    Objects.requireNonNull(checks, "checks");
    List<StabilityCheck> copy = List.copyOf(checks);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a stability filter needs at least one check");
    }
    List<String> names = new ArrayList<>();
    for (StabilityCheck c : copy) {
      if (names.contains(c.name())) {
        throw new IllegalArgumentException("two checks are named '" + c.name()
            + "'; results could not be told apart");
      }
      names.add(c.name());
    }
    return new StabilityFilter(copy, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param checks the checks, at least one; run in this order
   * @return the filter; see {@link #of(List)}
   */
  public static StabilityFilter of(StabilityCheck... checks) {
    return of(Arrays.asList(checks));
  }

  /**
   * @param threadCount the number of threads {@link #evaluateAll} uses, ≥ 1
   * @return this filter with another number of threads
   * @throws IllegalArgumentException naming the value if it is below 1
   */
  public StabilityFilter withThreads(int threadCount) {
    if (threadCount < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threadCount);
    }
    return new StabilityFilter(checks, threadCount);
  }

  /** @return the checks, in the order they run; unmodifiable */
  public List<StabilityCheck> checks() {
    return checks;
  }

  /** @return the number of threads {@link #evaluateAll} uses */
  public int threads() {
    return threads;
  }

  /**
   * The results of all checks on one structure.
   *
   * @param index the structure's position in the input list (0 for {@link #evaluate})
   * @param structure the structure
   * @param results one result per check, in the filter's order of checks
   */
  public record Evaluation(int index, Structure structure, List<CheckResult> results) {
    /** Copies the results. */
    public Evaluation {
      Objects.requireNonNull(structure, "structure");
      results = List.copyOf(results);
    }

    /** @return true when every check passed */
    public boolean passed() {
      for (CheckResult r : results) {
        if (!r.passed()) {
          return false;
        }
      }
      return true;
    }

    /** @return the failed results, in the filter's order of checks */
    public List<CheckResult> failures() {
      List<CheckResult> out = new ArrayList<>();
      for (CheckResult r : results) {
        if (!r.passed()) {
          out.add(r);
        }
      }
      return out;
    }

    /**
     * @return the failed checks' reasons, each prefixed by the check's name and joined by
     *     {@code "; "}, e.g. {@code "geometric validity: the cell volume ... "}; empty when passed
     */
    public String reason() {
      StringBuilder sb = new StringBuilder();
      for (CheckResult r : failures()) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(r.check()).append(": ").append(r.reason());
      }
      return sb.toString();
    }
  }

  /**
   * Runs every check on one structure, on the calling thread.
   *
   * @param structure the structure
   * @return its evaluation, with index 0
   */
  public Evaluation evaluate(Structure structure) {
    return evaluate(0, structure);
  }

  private Evaluation evaluate(int index, Structure structure) {
    Objects.requireNonNull(structure, () -> "structure " + index + " is null");
    List<CheckResult> results = new ArrayList<>(checks.size());
    for (StabilityCheck check : checks) {
      CheckResult r;
      try {
        r = check.check(structure);
      } catch (RuntimeException e) {
        r = CheckResult.fail(check.name(), Double.NaN, "the check failed with "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
      if (r == null) {
        r = CheckResult.fail(check.name(), Double.NaN, "the check returned no result");
      }
      results.add(r);
    }
    return new Evaluation(index, structure, results);
  }

  /**
   * Runs every check on every structure, on {@link #threads()} threads (see the class
   * description).
   *
   * @param structures the structures; none null
   * @param monitor receives progress (from the calling thread only) and may cancel
   * @return one evaluation per structure, in input order
   * @throws CancelledException if the monitor was cancelled or the calling thread interrupted
   *     before every structure was evaluated
   */
  public List<Evaluation> evaluateAll(List<Structure> structures, ProgressMonitor monitor) {
    Objects.requireNonNull(structures, "structures");
    Objects.requireNonNull(monitor, "monitor");
    int n = structures.size();
    Evaluation[] out = new Evaluation[n];
    monitor.progress(0, message(0, n));
    for (int c = 0; c < checks.size(); c++) {
      checks.get(c).prepare(structures, new Span(monitor, PREPARE_SHARE * c / checks.size(),
          PREPARE_SHARE * (c + 1) / checks.size()));
    }
    ProgressMonitor rest = new Span(monitor, PREPARE_SHARE, 1);
    if (threads == 1 || n <= 1) {
      evaluateInline(structures, rest, out);
    } else {
      evaluateInParallel(structures, rest, out);
    }
    monitor.progress(1, message(n, n));
    return List.of(out);
  }

  /**
   * Runs every check and keeps the structures that pass them all.
   *
   * @param structures the structures
   * @param monitor receives progress and may cancel
   * @return the passing structures, in input order
   * @throws CancelledException if cancelled
   */
  public List<Structure> passing(List<Structure> structures, ProgressMonitor monitor) {
    List<Structure> kept = new ArrayList<>();
    for (Evaluation e : evaluateAll(structures, monitor)) {
      if (e.passed()) {
        kept.add(e.structure());
      }
    }
    return kept;
  }

  private void evaluateInline(List<Structure> structures, ProgressMonitor monitor,
      Evaluation[] out) {
    int n = structures.size();
    long lastReport = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (monitor.isCancelled() || Thread.currentThread().isInterrupted()) {
        throw cancelled(i, n);
      }
      out[i] = evaluate(i, structures.get(i));
      long now = System.nanoTime();
      if (now - lastReport >= PROGRESS_INTERVAL_MS * 1_000_000L) {
        monitor.progress((double) (i + 1) / n, message(i + 1, n));
        lastReport = now;
      }
    }
  }

  private void evaluateInParallel(List<Structure> structures, ProgressMonitor monitor,
      Evaluation[] out) {
    int n = structures.size();
    int workers = Math.min(threads, n);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers, threadFactory());
    try {
      for (int w = 0; w < workers; w++) {
        pool.execute(() -> {
          try {
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < n) {
              out[i] = evaluate(i, structures.get(i));
              done.incrementAndGet();
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
            stop.set(true);
          } finally {
            finished.countDown();
          }
        });
      }
      boolean cancelled = false;
      while (true) {
        boolean all;
        try {
          all = finished.await(PROGRESS_INTERVAL_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancelled = true;
          stop.set(true);
          break;
        }
        if (all) {
          break;
        }
        int d = done.get();
        monitor.progress((double) d / n, message(d, n));
        if (monitor.isCancelled()) {
          cancelled = true;
          stop.set(true);
          break;
        }
      }
      if (cancelled) {
        throw cancelled(done.get(), n);
      }
      Throwable t = failure.get();
      if (t instanceof Error) {
        throw (Error) t;
      }
      if (t != null) {
        throw new IllegalStateException("stability filter worker failed", t);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The share of the progress bar given to the checks' {@link StabilityCheck#prepare}. */
  private static final double PREPARE_SHARE = 0.2;

  /** Maps a sub-task's progress 0…1 into [from, to] of the caller's monitor. */
  private static final class Span implements ProgressMonitor {
    private final ProgressMonitor parent;
    private final double from;
    private final double to;

    Span(ProgressMonitor parent, double from, double to) {
      this.parent = parent;
      this.from = from;
      this.to = to;
    }

    @Override
    public void progress(double fraction, String message) {
      parent.progress(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
    }

    @Override
    public boolean isCancelled() {
      return parent.isCancelled();
    }
  }

  private static ThreadFactory threadFactory() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "invdes-stability-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static String message(int done, int total) {
    return "checked " + done + " of " + total + " structures";
  }

  private static CancelledException cancelled(int done, int total) {
    return new CancelledException(
        "stability filter was cancelled after " + done + " of " + total + " structures");
  }
}
