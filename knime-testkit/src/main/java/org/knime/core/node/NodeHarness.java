package org.knime.core.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Drives nodes through KNIME's lifecycle in plain unit tests: settings save, validate and load;
 * configure; execute with a cancellable, recording execution context; dialogs load and save.
 * It lives in KNIME's package to reach what KNIME keeps package-private (execution contexts,
 * the model's warning and flow variables). Not part of the re-declared API: it lives in the
 * test-only knime-testkit module and is never shipped.
 *
 * <p>Like KNIME, {@link #execute} first configures the node with the inputs' specs; it then
 * checks what a framework would: one output per port, each of the port's type, and each table
 * spec equal to the spec configure promised (when it promised one).
 */
public final class NodeHarness {
  private NodeHarness() {}

  // ------------------------------------------------------------------ execution contexts

  /** @return a fresh execution context that records progress and can be cancelled */
  public static ExecutionContext executionContext() {
    return new ExecutionContext(Progress.root());
  }

  /** Cancels the execution the monitor belongs to. */
  public static void cancel(final ExecutionMonitor exec) {
    exec.progress().cancel();
  }

  /**
   * Cancels the execution when the n-th progress report (1-based, counting fraction and message
   * reports) arrives, from the reporting thread, as a user clicking "cancel" mid-run would.
   */
  public static void cancelAtReport(final ExecutionMonitor exec, final int n) {
    Progress p = exec.progress();
    int[] count = {0};
    p.listen(r -> {
      if (++count[0] >= n) {
        p.cancel();
      }
    });
  }

  /** @return whether the execution was cancelled */
  public static boolean isCancelled(final ExecutionMonitor exec) {
    return exec.progress().isCancelled();
  }

  /** @return the fractions reported so far, in order (message-only reports left out) */
  public static List<Double> progressFractions(final ExecutionMonitor exec) {
    List<Double> out = new ArrayList<>();
    for (Progress.Report r : exec.progress().reports()) {
      if (!Double.isNaN(r.fraction)) {
        out.add(r.fraction);
      }
    }
    return out;
  }

  /** @return the messages reported so far, in order */
  public static List<String> progressMessages(final ExecutionMonitor exec) {
    List<String> out = new ArrayList<>();
    for (Progress.Report r : exec.progress().reports()) {
      if (r.message != null) {
        out.add(r.message);
      }
    }
    return out;
  }

  /** @return a table of these rows, built through a container as a node would */
  public static BufferedDataTable table(final DataTableSpec spec, final DataRow... rows) {
    return table(spec, List.of(rows));
  }

  /** @return a table of these rows, built through a container as a node would */
  public static BufferedDataTable table(final DataTableSpec spec, final List<DataRow> rows) {
    BufferedDataContainer c = executionContext().createDataContainer(spec);
    for (DataRow r : rows) {
      c.addRowToTable(r);
    }
    c.close();
    return c.getTable();
  }

  // ------------------------------------------------------------------ factories

  /** @return a new model from the factory */
  public static <T extends NodeModel> T createModel(final NodeFactory<T> factory) {
    return factory.createNodeModel();
  }

  /** @return the factory's view count */
  public static int viewCount(final NodeFactory<?> factory) {
    return factory.getNrNodeViews();
  }

  /** @return whether the factory declares a dialog */
  @SuppressWarnings("removal")
  public static boolean hasDialog(final NodeFactory<?> factory) {
    return factory.hasDialog();
  }

  /** @return a new dialog from the factory */
  @SuppressWarnings("removal")
  public static NodeDialogPane createDialog(final NodeFactory<?> factory) {
    return factory.createNodeDialogPane();
  }

  /** @return the model's number of input and output ports */
  public static int[] portCounts(final NodeModel model) {
    return new int[] {model.getNrInPorts(), model.getNrOutPorts()};
  }

  /** @return the model's input port types */
  public static org.knime.core.node.port.PortType[] inPortTypes(final NodeModel model) {
    org.knime.core.node.port.PortType[] out =
        new org.knime.core.node.port.PortType[model.getNrInPorts()];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.getInPortType(i);
    }
    return out;
  }

  /** @return the model's output port types */
  public static org.knime.core.node.port.PortType[] outPortTypes(final NodeModel model) {
    org.knime.core.node.port.PortType[] out =
        new org.knime.core.node.port.PortType[model.getNrOutPorts()];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.getOutPortType(i);
    }
    return out;
  }

  // ------------------------------------------------------------------ settings

  /** @return the model's settings as KNIME saves them (root key "model") */
  public static NodeSettings saveSettings(final NodeModel model) {
    NodeSettings s = new NodeSettings("model");
    model.saveSettingsTo(s);
    return s;
  }

  /** Validates, then loads the settings, as KNIME does when settings change. */
  public static void loadSettings(final NodeModel model, final NodeSettingsRO settings)
      throws InvalidSettingsException {
    model.validateSettings(settings);
    model.loadValidatedSettingsFrom(settings);
  }

  /** Only validates the settings. */
  public static void validateSettings(final NodeModel model, final NodeSettingsRO settings)
      throws InvalidSettingsException {
    model.validateSettings(settings);
  }

  // ------------------------------------------------------------------ configure, execute

  /**
   * Configures the model with the input specs (null for an unconnected optional port).
   *
   * @return the output specs (null entries: not known before execution)
   * @throws IllegalStateException if the model returns the wrong number or types of specs
   */
  public static PortObjectSpec[] configure(final NodeModel model, final PortObjectSpec... in)
      throws InvalidSettingsException {
    checkInputs(model, in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == null && !model.getInPortType(i).isOptional()) {
        throw new IllegalArgumentException("input " + i + " is required; KNIME would pass an"
            + " empty table spec, not null");
      }
    }
    PortObjectSpec[] out = model.configure(in.clone());
    if (out == null) {
      return new PortObjectSpec[model.getNrOutPorts()];
    }
    if (out.length != model.getNrOutPorts()) {
      throw new IllegalStateException("configure returned " + out.length + " specs for "
          + model.getNrOutPorts() + " outputs");
    }
    for (int i = 0; i < out.length; i++) {
      if (!model.getOutPortType(i).acceptsPortObjectSpec(out[i])) {
        throw new IllegalStateException("output spec " + i + " is a "
            + out[i].getClass().getSimpleName() + ", not a spec of " + model.getOutPortType(i));
      }
    }
    return out;
  }

  /**
   * Configures with the inputs' specs, then executes, as KNIME runs a node; the model's warning
   * and flow variables are cleared first, as KNIME clears them on reset.
   *
   * @return the outputs
   * @throws IllegalStateException if an output is missing, of the wrong type, or its spec differs
   *     from the configured one
   */
  public static PortObject[] execute(final NodeModel model, final ExecutionContext exec,
      final PortObject... in) throws Exception {
    checkInputs(model, in.length);
    PortObjectSpec[] inSpecs = new PortObjectSpec[in.length];
    for (int i = 0; i < in.length; i++) {
      inSpecs[i] = in[i] == null ? null : in[i].getSpec();
    }
    model.setWarningMessage(null);
    model.pushedFlowVariables().clear();
    PortObjectSpec[] promised = configure(model, inSpecs);
    model.setWarningMessage(null);
    PortObject[] out = model.execute(in.clone(), exec);
    if (out == null || out.length != model.getNrOutPorts()) {
      throw new IllegalStateException("execute returned " + (out == null ? "null" : out.length
          + " objects") + " for " + model.getNrOutPorts() + " outputs");
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null || !model.getOutPortType(i).acceptsPortObject(out[i])) {
        throw new IllegalStateException("output " + i + " is "
            + (out[i] == null ? "null" : "a " + out[i].getClass().getSimpleName())
            + ", not an object of " + model.getOutPortType(i));
      }
      if (promised[i] != null && !promised[i].equals(out[i].getSpec())) {
        throw new IllegalStateException("output " + i + ": configure promised " + promised[i]
            + " but execute produced " + out[i].getSpec());
      }
    }
    return out;
  }

  private static void checkInputs(NodeModel model, int n) {
    if (n != model.getNrInPorts()) {
      throw new IllegalArgumentException(n + " inputs for a node with " + model.getNrInPorts()
          + " input ports");
    }
  }

  /** Resets the model, as KNIME does before re-executing. */
  public static void reset(final NodeModel model) {
    model.reset();
    model.setWarningMessage(null);
    model.pushedFlowVariables().clear();
  }

  /** @return the warning the model set, or null */
  public static String warning(final NodeModel model) {
    return model.getWarningMessage();
  }

  /** @return the flow variables pushed by the last execution (String, Double or Integer) */
  public static Map<String, Object> flowVariables(final NodeModel model) {
    return new LinkedHashMap<>(model.pushedFlowVariables());
  }

  // ------------------------------------------------------------------ dialogs

  /** Loads settings into the dialog for these input specs, as opening it does. */
  public static void loadDialog(final NodeDialogPane dialog, final NodeSettingsRO settings,
      final PortObjectSpec... specs) throws NotConfigurableException {
    dialog.loadSettingsFrom(Objects.requireNonNull(settings), specs);
  }

  /** @return the dialog's settings, as pressing OK saves them */
  public static NodeSettings saveDialog(final NodeDialogPane dialog)
      throws InvalidSettingsException {
    NodeSettings s = new NodeSettings("model");
    dialog.saveSettingsTo(s);
    return s;
  }

  /** @return the dialog's tab titles */
  public static List<String> tabs(final NodeDialogPane dialog) {
    return dialog.tabTitles();
  }
}
