package org.knime.core.node;

/**
 * Reports a node's progress and tells it whether the user cancelled. Fractions are 0 to 1; a
 * sub-progress maps its own 0..1 onto a share of this monitor's range.
 */
public class ExecutionMonitor {
  private final Progress progress;

  /** A monitor nobody listens to. */
  public ExecutionMonitor() {
    this(Progress.root());
  }

  ExecutionMonitor(Progress progress) {
    this.progress = progress;
  }

  final Progress progress() {
    return progress;
  }

  /** @throws CanceledExecutionException once the user has cancelled */
  public void checkCanceled() throws CanceledExecutionException {
    if (progress.isCancelled()) {
      throw new CanceledExecutionException();
    }
  }

  /** @param progress the fraction done, 0 to 1 */
  public void setProgress(final double progress) {
    this.progress.set(progress, null);
  }

  /**
   * @param progress the fraction done, 0 to 1
   * @param message what is being done
   */
  public void setProgress(final double progress, final String message) {
    this.progress.set(progress, message);
  }

  /** Sets the message, keeping the fraction. */
  public void setMessage(final String message) {
    this.progress.set(Double.NaN, message);
  }

  /** Sets the message, keeping the fraction. */
  public void setProgress(final String message) {
    this.progress.set(Double.NaN, message);
  }

  /**
   * @param maxProg the share of this monitor's range, 0 to 1
   * @return a monitor whose 0..1 fills that share; its messages show here
   */
  public ExecutionMonitor createSubProgress(final double maxProg) {
    return new ExecutionMonitor(progress.sub(maxProg, false));
  }

  /** Like {@link #createSubProgress} but its messages are not shown. */
  public ExecutionMonitor createSilentSubProgress(final double maxProg) {
    return new ExecutionMonitor(progress.sub(maxProg, true));
  }
}
