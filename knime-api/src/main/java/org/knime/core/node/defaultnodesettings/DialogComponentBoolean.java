package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A labelled check box. */
public final class DialogComponentBoolean extends DialogComponent {
  private final String label;
  private String toolTip;

  /** @param label the check box text */
  public DialogComponentBoolean(final SettingsModelBoolean booleanModel, final String label) {
    super(booleanModel);
    this.label = label;
  }

  @Override
  protected void updateComponent() {
    // the value lives in the model
  }

  @Override
  protected void validateSettingsBeforeSave() throws InvalidSettingsException {
    // a boolean is always valid
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

  /** @return whether the box is checked */
  public boolean isSelected() {
    return ((SettingsModelBoolean) getModel()).getBooleanValue();
  }

  @Override
  public void setToolTipText(final String text) {
    toolTip = text;
  }
}
