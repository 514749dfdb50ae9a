package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A labelled number spinner for an int or double setting. */
public class DialogComponentNumber extends DialogComponent {
  private final String label;
  private final Number stepSize;
  private String toolTip;

  /**
   * @param stepSize the spinner step, an Integer for int models
   * @throws IllegalArgumentException for a step of the wrong kind for the model
   */
  public DialogComponentNumber(final SettingsModelNumber numberModel, final String label,
      final Number stepSize) {
    this(numberModel, label, stepSize, 0);
  }

  /** @param compWidth the field width in characters (unused in this subset) */
  public DialogComponentNumber(final SettingsModelNumber numberModel, final String label,
      final Number stepSize, final int compWidth) {
    super(numberModel);
    if (numberModel instanceof SettingsModelInteger && !(stepSize instanceof Integer)) {
      throw new IllegalArgumentException("Integer models need an Integer step size, got "
          + stepSize);
    }
    this.label = label;
    this.stepSize = stepSize;
  }

  @Override
  protected void updateComponent() {
    // the value lives in the model
  }

  @Override
  protected void validateSettingsBeforeSave() throws InvalidSettingsException {
    SettingsModelNumber m = (SettingsModelNumber) getModel();
    try {
      m.setNumberValueStr(m.getNumberValueStr());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("\"" + label + "\": " + e.getMessage());
    }
  }

  @Override
  protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs)
      throws NotConfigurableException {
    // any input
  }

  @Override
  protected void setEnabledComponents(final boolean enabled) {
    // no Swing parts are built eagerly
  }

  @Override
  public void setToolTipText(final String text) {
    toolTip = text;
  }
}
