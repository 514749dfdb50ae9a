package org.knime.core.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The progress state behind an {@link ExecutionMonitor} (KNIME's NodeProgressMonitor plays this
 * part). A root records every report and holds the cancel flag; a sub-progress of share s adds
 * s × (its increase) to its parent, so sub-progresses of shares summing to 1 take the parent from
 * 0 to 1.
 */
final class Progress {

  /** One progress report as the root saw it: the fraction (or NaN for a message only). */
  static final class Report {
    final double fraction;
    final String message;

    Report(double fraction, String message) {
      this.fraction = fraction;
      this.message = message;
    }

    @Override
    public String toString() {
      return fraction + " " + message;
    }
  }

  private final Progress parent;
  private final double share;
  private final boolean silent;
  private final AtomicBoolean cancelled;
  private final List<Report> reports;
  private volatile Consumer<Report> listener;
  private double value;
  private String message;

  private Progress(Progress parent, double share, boolean silent) {
    this.parent = parent;
    this.share = share;
    this.silent = silent;
    this.cancelled = parent == null ? new AtomicBoolean() : parent.cancelled;
    this.reports = parent == null ? Collections.synchronizedList(new ArrayList<>()) : null;
  }

  static Progress root() {
    return new Progress(null, 1, false);
  }

  Progress sub(double maxProg, boolean silentMessages) {
    if (maxProg > 1.0 || maxProg < 0.0) {
      throw new IllegalArgumentException("Invalid sub progress size: " + maxProg);
    }
    return new Progress(this, maxProg, silentMessages);
  }

  synchronized void set(double fraction, String msg) {
    double delta = Double.isNaN(fraction) ? 0 : fraction - value;
    if (!Double.isNaN(fraction)) {
      value = fraction;
    }
    if (msg != null) {
      message = msg;
    }
    if (parent == null) {
      Report r = new Report(Double.isNaN(fraction) ? Double.NaN : value, msg);
      reports.add(r);
      Consumer<Report> l = listener;
      if (l != null) {
        l.accept(r);
      }
    } else {
      double parentValue = Double.isNaN(fraction) ? Double.NaN : parent.value() + delta * share;
      parent.set(parentValue, silent ? null : msg);
    }
  }

  synchronized double value() {
    return value;
  }

  synchronized String message() {
    return message;
  }

  boolean isCancelled() {
    return cancelled.get();
  }

  void cancel() {
    cancelled.set(true);
  }

  Progress root0() {
    return parent == null ? this : parent.root0();
  }

  List<Report> reports() {
    synchronized (root0().reports) {
      return new ArrayList<>(root0().reports);
    }
  }

  void listen(Consumer<Report> l) {
    root0().listener = l;
  }
}
