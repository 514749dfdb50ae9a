package org.knime.core.node;

/** Thrown by a dialog that cannot be opened with the current input (e.g. no suitable column). */
public class NotConfigurableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message why, for the user */
  public NotConfigurableException(final String message) {
    super(message);
  }

  /**
   * @param message why, for the user
   * @param cause the underlying problem
   */
  public NotConfigurableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
