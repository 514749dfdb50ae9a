package org.knime.core.node;

/** Thrown by {@link ExecutionMonitor#checkCanceled()} once the user has cancelled execution. */
public class CanceledExecutionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With KNIME's default message. */
  public CanceledExecutionException() {
    super("Execution canceled");
  }

  /** @param s what was cancelled */
  public CanceledExecutionException(final String s) {
    super(s);
  }
}
