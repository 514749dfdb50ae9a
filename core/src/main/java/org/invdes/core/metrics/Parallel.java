package org.invdes.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;

/**
 * Maps a function over indices 0..n−1 on a fixed number of threads, keeping the results in index
 * order so that the outcome does not depend on the number of threads.
 *
 * <p>Steps: (1) workers take the next index from a shared counter and store f(i) at position i;
 * (2) the calling thread waits, reporting progress every {@value #POLL_MS} ms as a fraction
 * mapped linearly into [from, to] and polling for cancellation; (3) on cancellation the workers
 * stop taking indices and {@link CancelledException} is thrown. An exception thrown by f is
 * rethrown on the calling thread. With one thread everything runs on the calling thread.
 */
final class Parallel {
  /** How often the calling thread reports progress, ms. */
  static final long POLL_MS = 100;

  private Parallel() {
  }

  @SuppressWarnings("unchecked")
  static <R> List<R> map(int n, IntFunction<R> f, int threads, ProgressMonitor monitor,
      double from, double to, String what) {
    Object[] out = new Object[n];
    if (threads <= 1 || n <= 1) {
      for (int i = 0; i < n; i++) {
        if ((i & 63) == 0) {
          monitor.checkCancelled(what);
          monitor.progress(from + (to - from) * i / Math.max(1, n), progressMessage(what, i, n));
        }
        out[i] = f.apply(i);
      }
      monitor.progress(to, progressMessage(what, n, n));
      return (List<R>) Arrays.asList(out);
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    int workers = Math.min(threads, n);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "invdes-metrics");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          int i;
          while (!stop.get() && (i = next.getAndIncrement()) < n) {
            out[i] = f.apply(i);
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        while (true) {
          if (monitor.isCancelled()) {
            stop.set(true);
            throw new CancelledException(what + " was cancelled");
          }
          monitor.progress(from + (to - from) * done.get() / n,
              progressMessage(what, done.get(), n));
          try {
            future.get(POLL_MS, TimeUnit.MILLISECONDS);
            break;
          } catch (TimeoutException e) {
            // poll again
          } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            throw new CancelledException(what + " was interrupted");
          } catch (java.util.concurrent.ExecutionException e) {
            stop.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
              throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
              throw (Error) cause;
            }
            throw new IllegalStateException(cause);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    monitor.progress(to, progressMessage(what, n, n));
    return (List<R>) Arrays.asList(out);
  }

  private static String progressMessage(String what, int done, int n) {
    return String.format(Locale.ROOT, "%s: %d of %d", what, done, n);
  }
}
