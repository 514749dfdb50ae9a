package org.invdes.core.progress;

/**
 * Thrown by work that stopped because its {@link ProgressMonitor} reported cancellation. The work
 * produced no result; anything it had started writing was discarded.
 *
 * <p>Unchecked, so that it passes through code that does not know about cancellation; front ends
 * catch it and translate it into their own notion of cancellation (e.g. KNIME's {@code
 * CanceledExecutionException}).
 */
public class CancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was cancelled, e.g. {@code "stability filter was cancelled after 120 of
   *     1000 structures"}
   */
  public CancelledException(String message) {
    super(message);
  }
}
