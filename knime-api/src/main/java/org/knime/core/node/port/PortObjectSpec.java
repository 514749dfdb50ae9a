package org.knime.core.node.port;

import java.io.IOException;
import javax.swing.JComponent;

/** What is known about a port's object before execution (for tables: the columns). */
public interface PortObjectSpec {

  /**
   * Saves and loads specs of one class; KNIME finds it through the {@code specSerializer}
   * attribute of the {@code org.knime.core.PortType} extension point.
   */
  abstract static class PortObjectSpecSerializer<T extends PortObjectSpec> {

    /** Writes the spec. */
    public abstract void savePortObjectSpec(final T portObjectSpec,
        final PortObjectSpecZipOutputStream out) throws IOException;

    /** Reads a spec written by {@link #savePortObjectSpec}. */
    public abstract T loadPortObjectSpec(final PortObjectSpecZipInputStream in)
        throws IOException;
  }

  /** @return Swing views of the spec (may be empty) */
  public JComponent[] getViews();
}
