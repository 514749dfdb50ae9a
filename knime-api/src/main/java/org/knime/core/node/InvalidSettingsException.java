package org.knime.core.node;

/**
 * Thrown when settings are missing, of the wrong type or inconsistent with the input. Declared in
 * KNIME's bundle {@code org.knime.core.util} (knime-shared) and re-exported by {@code
 * org.knime.core}.
 */
public class InvalidSettingsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param s what is wrong, for the user */
  public InvalidSettingsException(final String s) {
    super(s);
  }

  /** @param cause the underlying problem */
  public InvalidSettingsException(final Throwable cause) {
    super(cause);
  }

  /**
   * @param msg what is wrong, for the user
   * @param cause the underlying problem
   */
  public InvalidSettingsException(final String msg, final Throwable cause) {
    super(msg, cause);
  }
}
