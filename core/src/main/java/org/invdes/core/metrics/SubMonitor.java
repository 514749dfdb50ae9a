package org.invdes.core.metrics;

import org.invdes.core.progress.ProgressMonitor;

/**
 * A monitor for one step of a larger task: the step's fractions 0..1 are reported to the parent
 * as from..to, so the parent's fractions keep growing from step to step. Cancellation is the
 * parent's.
 */
final class SubMonitor implements ProgressMonitor {
  private final ProgressMonitor parent;
  private final double from;
  private final double to;

  SubMonitor(ProgressMonitor parent, double from, double to) {
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
