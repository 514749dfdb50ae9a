package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A labelled text field. */
public final class DialogComponentString extends DialogComponent {
  private final String label;
  private final boolean disallowEmptyString;
  private String toolTip;

  /** A text field that accepts any text. */
  public DialogComponentString(final SettingsModelString stringModel, final String label) {
    this(stringModel, label, false, 0);
  }

  /**
   * @param disallowEmptyString whether saving an empty text fails
   * @param compWidth the field width in characters (unused in this subset)
   */
  public DialogComponentString(final SettingsModelString stringModel, final String label,
      final boolean disallowEmptyString, final int compWidth) {
    super(stringModel);
    this.label = label;
    this.disallowEmptyString = disallowEmptyString;
  }

  @Override
  protected void updateComponent() {
    // the value lives in the model
  }

  @Override
  protected void validateSettingsBeforeSave() throws InvalidSettingsException {
    String v = ((SettingsModelString) getModel()).getStringValue();
    if (disallowEmptyString && (v == null || v.isEmpty())) {
      throw new InvalidSettingsException("Please enter a string value for \"" + label + "\".");
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
