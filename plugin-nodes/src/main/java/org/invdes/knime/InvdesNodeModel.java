package org.invdes.knime;

import java.io.File;
import org.invdes.core.progress.CancelledException;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/**
 * The base of the invdes nodes. It owns settings persistence through the node's {@link
 * NodeOptions} (including old keys and options added later) so that node models only configure
 * and execute; it suits table nodes and nodes with model ports alike (ports are given as types,
 * and subclasses override {@code configure(PortObjectSpec[])} and {@code execute(PortObject[],
 * ExecutionContext)} or their table variants). Internals default to none; a node with views or
 * large state overrides {@link #saveInternals} and {@link #loadInternals}.
 *
 * <p>Conventions the nodes follow: configure checks the input specs and the options and throws
 * {@link InvalidSettingsException} with a message saying what to change; execute reports
 * progress and checks for cancellation at least once per row; a row that fails gives missing
 * cells and is reported in one warning ({@link #warn(RowFailures)}).
 *
 * @param <O> the node's options
 */
public abstract class InvdesNodeModel<O extends NodeOptions> extends NodeModel {
  private final O options;

  /**
   * @param in the input port types
   * @param out the output port types
   * @param options the node's options with their defaults
   */
  protected InvdesNodeModel(PortType[] in, PortType[] out, O options) {
    super(in, out);
    this.options = options;
  }

  /** @return the current options */
  public final O options() {
    return options;
  }

  @Override
  protected final void saveSettingsTo(NodeSettingsWO settings) {
    options.save(settings);
  }

  @Override
  protected final void validateSettings(NodeSettingsRO settings)
      throws InvalidSettingsException {
    options.validate(settings);
  }

  @Override
  protected final void loadValidatedSettingsFrom(NodeSettingsRO settings)
      throws InvalidSettingsException {
    options.load(settings);
  }

  @Override
  protected void reset() {
    // no state kept between executions
  }

  @Override
  protected void loadInternals(File nodeInternDir, ExecutionMonitor exec) {
    // nothing saved
  }

  @Override
  protected void saveInternals(File nodeInternDir, ExecutionMonitor exec) {
    // nothing to save
  }

  /** Shows the consolidated warning of the failed rows, if any. */
  protected final void warn(RowFailures failures) {
    if (failures.count() > 0) {
      setWarningMessage(failures.message());
      getLogger().warn(failures.message());
    }
  }

  /** The core's cancellation as KNIME's. */
  protected static CanceledExecutionException canceled(CancelledException e) {
    CanceledExecutionException c = new CanceledExecutionException(e.getMessage());
    c.initCause(e);
    return c;
  }
}
