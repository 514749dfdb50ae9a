package org.invdes.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.invdes.core.progress.ProgressMonitor;

/**
 * Progress on stderr for long work: a bar redrawn in place when stderr is a terminal, plain
 * lines (at most one per 10 % or per 5 s) when it is redirected, so logs of batch runs stay
 * readable. Ctrl-C asks the work to stop: {@link #isCancelled()} turns true, the work ends with
 * its own cleanup (no half-written output), and the process exits.
 */
final class ConsoleProgress implements ProgressMonitor, AutoCloseable {
  private final PrintStream err;
  private final String task;
  private final boolean terminal;
  private final Thread hook;
  private volatile boolean cancelled;
  private final Object done = new Object();
  private boolean finished;
  private double lastFraction = -1;
  private long lastTime;

  ConsoleProgress(String task) {
    this(task, System.err, System.console() != null);
  }

  ConsoleProgress(String task, PrintStream err, boolean terminal) {
    this.task = task;
    this.err = err;
    this.terminal = terminal;
    this.hook = new Thread(this::onInterrupt, "invdes-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void onInterrupt() {
    cancelled = true;
    synchronized (done) {
      long deadline = System.currentTimeMillis() + 10_000;
      while (!finished && System.currentTimeMillis() < deadline) {
        try {
          done.wait(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  @Override
  public synchronized void progress(double fraction, String message) {
    long now = System.currentTimeMillis();
    if (terminal) {
      int width = 30;
      int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
      err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %s", task,
          "#".repeat(filled), " ".repeat(width - filled), 100 * fraction, message));
      err.flush();
    } else if (fraction >= 1 || fraction - lastFraction >= 0.1 || now - lastTime >= 5000) {
      err.println(String.format(Locale.ROOT, "%s: %.0f%% %s", task, 100 * fraction, message));
      lastFraction = fraction;
      lastTime = now;
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void close() {
    if (terminal) {
      err.println();
    }
    synchronized (done) {
      finished = true;
      done.notifyAll();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down (Ctrl-C): the hook is running and waits for us
    }
  }
}
