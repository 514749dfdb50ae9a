package org.invdes.cli;

import java.io.PrintWriter;
import org.invdes.core.progress.ProgressMonitor;

/**
 * Progress on stderr: on a terminal one line rewritten in place; otherwise (a pipe, a log file)
 * plain lines, at most one every {@value #PLAIN_INTERVAL_MS} ms plus the last one. Never
 * cancels (Ctrl-C ends the process; the work it interrupts writes its outputs atomically).
 */
final class StderrProgress implements ProgressMonitor {
  static final long PLAIN_INTERVAL_MS = 2000;

  private final PrintWriter err;
  private final boolean terminal;
  private final String prefix;
  private long last = Long.MIN_VALUE / 2;
  private String pending;

  StderrProgress(PrintWriter err, String prefix) {
    this.err = err;
    this.terminal = System.console() != null;
    this.prefix = prefix;
  }

  @Override
  public void progress(double fraction, String message) {
    String line = String.format(java.util.Locale.ROOT, "%s %3.0f%% %s", prefix, 100 * fraction,
        message);
    long now = System.currentTimeMillis();
    if (terminal) {
      err.print("\r\u001b[2K" + line);
      err.flush();
      return;
    }
    if (now - last >= PLAIN_INTERVAL_MS || fraction >= 1) {
      err.println(line);
      err.flush();
      last = now;
      pending = null;
    } else {
      pending = line;
    }
  }

  /** Ends the progress display: the last line on a terminal, or a withheld plain line. */
  void done() {
    if (terminal) {
      err.println();
    } else if (pending != null) {
      err.println(pending);
    }
    err.flush();
  }

  @Override
  public boolean isCancelled() {
    return false;
  }
}
