package org.knime.core.node.port;

import java.io.IOException;
import javax.swing.JComponent;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** What flows through a node port after execution: a table, a model, …. */
public interface PortObject {

  /** The generic port type, accepting any port object. */
  public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(PortObject.class);

  /** The optional generic port type. */
  public static final PortType TYPE_OPTIONAL =
      PortTypeRegistry.getInstance().getPortType(PortObject.class, true);

  /**
   * Saves and loads port objects of one class; KNIME finds it through the {@code
   * objectSerializer} attribute of the {@code org.knime.core.PortType} extension point.
   */
  abstract static class PortObjectSerializer<T extends PortObject> {

    /** Writes the object (its spec is saved separately). */
    public abstract void savePortObject(final T portObject, final PortObjectZipOutputStream out,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException;

    /** Reads an object written by {@link #savePortObject}; the spec is the one saved with it. */
    public abstract T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException;
  }

  /** @return a one-line summary for the port's tooltip */
  String getSummary();

  /** @return the object's spec */
  PortObjectSpec getSpec();

  /** @return Swing views of the object (may be empty) */
  public JComponent[] getViews();
}
