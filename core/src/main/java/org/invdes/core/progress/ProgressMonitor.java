package org.invdes.core.progress;

/**
 * Receives progress of long-running work and tells it whether to stop.
 *
 * <p>Work that takes a monitor calls {@link #progress} now and then with the fraction done and a
 * short message for a person, and polls {@link #isCancelled()}; once that returns true it stops
 * as soon as it safely can and throws {@link CancelledException}. Unless a method documents
 * otherwise, work calls its monitor only from the thread that called the work, so implementations
 * need not be thread-safe.
 *
 * <p>Front ends adapt this interface: KNIME's {@code ExecutionMonitor} (its {@code
 * setProgress(double, String)} and {@code checkCanceled()}) and the command line's progress bar.
 * Use {@link #NONE} when nobody listens.
 */
public interface ProgressMonitor {

  /** A monitor that ignores progress and never cancels. */
  ProgressMonitor NONE = new ProgressMonitor() {
    @Override
    public void progress(double fraction, String message) {
      // nobody listens
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public String toString() {
      return "ProgressMonitor.NONE";
    }
  };

  /**
   * A monitor that ignores progress and cancels once {@code cancelled} returns true (a stop
   * button's flag, a deadline, or, in tests, {@code () -> true}).
   */
  static ProgressMonitor cancelling(java.util.function.BooleanSupplier cancelled) {
    java.util.Objects.requireNonNull(cancelled, "cancelled");
    return new ProgressMonitor() {
      @Override
      public void progress(double fraction, String message) {
        // nobody listens
      }

      @Override
      public boolean isCancelled() {
        return cancelled.getAsBoolean();
      }
    };
  }

  /**
   * Reports progress.
   *
   * @param fraction the fraction of the work done, 0 to 1 (dimensionless); successive calls from
   *     one piece of work do not decrease
   * @param message what is being done, for a person, e.g. {@code "checked 120 of 1000
   *     structures"}; never null
   */
  void progress(double fraction, String message);

  /** @return true once the user asked to stop the work */
  boolean isCancelled();

  /**
   * Throws if the user asked to stop.
   *
   * @param what what was being done, for the exception message, e.g. {@code "stability filter"}
   * @throws CancelledException if {@link #isCancelled()} returns true
   */
  default void checkCancelled(String what) {
    if (isCancelled()) {
      throw new CancelledException(what + " was cancelled");
    }
  }
}
