package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * What a node computes: its ports, settings, configuration (input specs to output specs) and
 * execution (input objects to output objects). The framework calls, in order: {@code
 * validateSettings} and {@code loadValidatedSettingsFrom} when settings change, {@code configure}
 * whenever the inputs' specs change, {@code execute} when the user runs the node, {@code reset}
 * before running again; {@code saveSettingsTo} whenever it needs the current settings.
 */
public abstract class NodeModel implements AbstractNodeView.ViewableModel {
  private final PortType[] inPortTypes;
  private final PortType[] outPortTypes;
  private final NodeLogger logger;
  private final Map<String, Object> pushedVariables = new LinkedHashMap<>();
  private String warningMessage;

  /** A model with data table ports only. */
  protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
    this(tablePorts(nrInDataPorts), tablePorts(nrOutDataPorts));
  }

  private static PortType[] tablePorts(int n) {
    PortType[] p = new PortType[n];
    Arrays.fill(p, BufferedDataTable.TYPE);
    return p;
  }

  /** A model with these port types (optional types for optional inputs). */
  protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
    this.logger = NodeLogger.getLogger(getClass());
    this.inPortTypes = inPortTypes == null ? new PortType[0] : inPortTypes.clone();
    this.outPortTypes = outPortTypes == null ? new PortType[0] : outPortTypes.clone();
    for (int i = 0; i < this.inPortTypes.length; i++) {
      if (this.inPortTypes[i] == null) {
        throw new IllegalArgumentException("InPortType[" + i + "] must not be null!");
      }
    }
    for (int i = 0; i < this.outPortTypes.length; i++) {
      if (this.outPortTypes[i] == null) {
        throw new IllegalArgumentException("OutPortType[" + i + "] must not be null!");
      }
    }
  }

  /** Loads what execute left on disk (views' data). */
  protected abstract void loadInternals(final File nodeInternDir, final ExecutionMonitor exec)
      throws IOException, CanceledExecutionException;

  /** Saves what execute produced besides the outputs (views' data). */
  protected abstract void saveInternals(final File nodeInternDir, final ExecutionMonitor exec)
      throws IOException, CanceledExecutionException;

  /** @return the number of input ports */
  protected final int getNrInPorts() {
    return inPortTypes.length;
  }

  /** @return the number of output ports */
  protected final int getNrOutPorts() {
    return outPortTypes.length;
  }

  /** @return the type of an input port */
  protected final PortType getInPortType(final int index) {
    return inPortTypes[index];
  }

  /** @return the type of an output port */
  protected final PortType getOutPortType(final int index) {
    return outPortTypes[index];
  }

  /** Writes the current settings. */
  protected abstract void saveSettingsTo(final NodeSettingsWO settings);

  /** Checks settings without applying them. */
  protected abstract void validateSettings(final NodeSettingsRO settings)
      throws InvalidSettingsException;

  /** Applies settings that passed {@link #validateSettings}. */
  protected abstract void loadValidatedSettingsFrom(final NodeSettingsRO settings)
      throws InvalidSettingsException;

  /**
   * Runs the node. The default casts every input to a table and calls {@link
   * #execute(BufferedDataTable[], ExecutionContext)}.
   */
  protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec)
      throws Exception {
    BufferedDataTable[] tables = new BufferedDataTable[inObjects.length];
    for (int i = 0; i < inObjects.length; i++) {
      if (inObjects[i] != null && !(inObjects[i] instanceof BufferedDataTable)) {
        throw new IOException("Input port " + i + " does not hold data table but "
            + inObjects[i].getClass().getSimpleName()
            + "; Likely reason: wrong version of NodeModel.execute() overwritten!");
      }
      tables[i] = (BufferedDataTable) inObjects[i];
    }
    return execute(tables, exec);
  }

  /** Runs a node with table ports only. */
  protected BufferedDataTable[] execute(final BufferedDataTable[] inData,
      final ExecutionContext exec) throws Exception {
    throw new IOException("NodeModel.execute() implementation missing!");
  }

  /** Clears what execute produced. */
  protected abstract void reset();

  /**
   * Computes the output specs (null entries: unknown until executed). The default casts every
   * input spec to a table spec and calls {@link #configure(DataTableSpec[])}.
   */
  protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    DataTableSpec[] specs = new DataTableSpec[inSpecs.length];
    for (int i = 0; i < inSpecs.length; i++) {
      if (inSpecs[i] != null && !(inSpecs[i] instanceof DataTableSpec)) {
        throw new InvalidSettingsException("Input Port " + i + " does not hold data table specs."
            + " Likely reason: wrong version of NodeModel.configure() overwritten!");
      }
      specs[i] = (DataTableSpec) inSpecs[i];
    }
    return configure(specs);
  }

  /** Computes the output specs of a node with table ports only. */
  protected DataTableSpec[] configure(final DataTableSpec[] inSpecs)
      throws InvalidSettingsException {
    throw new InvalidSettingsException("NodeModel.configure() implementation missing!");
  }

  /** Shows a warning on the node (null clears it). */
  protected final void setWarningMessage(final String warningMessage) {
    this.warningMessage = warningMessage;
  }

  /** @return the warning shown on the node, or null */
  protected final String getWarningMessage() {
    return warningMessage;
  }

  /** @return the logger of this model's class */
  protected final NodeLogger getLogger() {
    return logger;
  }

  /** Publishes a string flow variable to downstream nodes. */
  protected final void pushFlowVariableString(final String name, final String value) {
    pushedVariables.put(name, value);
  }

  /** Publishes a double flow variable to downstream nodes. */
  protected final void pushFlowVariableDouble(final String name, final double value) {
    pushedVariables.put(name, value);
  }

  /** Publishes an int flow variable to downstream nodes. */
  protected final void pushFlowVariableInt(final String name, final int value) {
    pushedVariables.put(name, value);
  }

  /** The flow variables pushed so far (String, Double or Integer values), for the harness. */
  final Map<String, Object> pushedFlowVariables() {
    return pushedVariables;
  }
}
