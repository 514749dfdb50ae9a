package org.knime.core.node;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A named logger. This implementation forwards to {@code java.util.logging} under the same name
 * (KNIME's own goes to its log4j configuration and the console view).
 */
public final class NodeLogger {
  private final Logger delegate;

  private NodeLogger(final String name) {
    this.delegate = Logger.getLogger(name);
  }

  /** @return the logger named after the class */
  public static NodeLogger getLogger(final Class<?> c) {
    return new NodeLogger(c.getName());
  }

  /** @return the logger of that name */
  public static NodeLogger getLogger(final String s) {
    return new NodeLogger(s);
  }

  public void warn(final Object o) {
    delegate.log(Level.WARNING, String.valueOf(o));
  }

  public void debug(final Object o) {
    delegate.log(Level.FINE, String.valueOf(o));
  }

  public void info(final Object o) {
    delegate.log(Level.INFO, String.valueOf(o));
  }

  public void error(final Object o) {
    delegate.log(Level.SEVERE, String.valueOf(o));
  }

  public void warn(final Object o, final Throwable t) {
    delegate.log(Level.WARNING, String.valueOf(o), t);
  }

  public void debug(final Object o, final Throwable t) {
    delegate.log(Level.FINE, String.valueOf(o), t);
  }

  public void info(final Object o, final Throwable t) {
    delegate.log(Level.INFO, String.valueOf(o), t);
  }

  public void error(final Object o, final Throwable t) {
    delegate.log(Level.SEVERE, String.valueOf(o), t);
  }

  /** @return whether debug messages are logged */
  public boolean isDebugEnabled() {
    return delegate.isLoggable(Level.FINE);
  }
}
