package org.knime.core.node.defaultnodesettings;

import javax.swing.JPanel;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * One editable setting of a {@link DefaultNodeSettingsPane}, bound to a {@link SettingsModel}.
 * This subset keeps the component's state in the model and builds its Swing panel only when
 * asked, so dialogs can be created, loaded and saved headless.
 */
public abstract class DialogComponent {
  private final SettingsModel model;
  private PortObjectSpec[] lastSpecs;
  private JPanel panel;

  /** @param model the model edited */
  public DialogComponent(final SettingsModel model) {
    if (model == null) {
      throw new NullPointerException("SettingsModel can't be null.");
    }
    this.model = model;
  }

  /** @return the component's panel (created on first call) */
  public JPanel getComponentPanel() {
    if (panel == null) {
      panel = new JPanel();
    }
    return panel;
  }

  /** @return the model edited */
  public final SettingsModel getModel() {
    return model;
  }

  /** @return the spec of an input port as last loaded, or null */
  protected final PortObjectSpec getLastTableSpec(final int portID) {
    return lastSpecs == null ? null : lastSpecs[portID];
  }

  /** @return the input specs as last loaded, or null */
  protected final PortObjectSpec[] getLastTableSpecs() {
    return lastSpecs;
  }

  /** Checks the specs, then loads the model's value (keeping it when absent). */
  public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
      throws NotConfigurableException {
    lastSpecs = specs;
    checkConfigurabilityBeforeLoad(specs);
    model.dlgLoadSettingsFrom(settings, specs);
    updateComponent();
  }

  /** Shows the model's current value. */
  protected abstract void updateComponent();

  /** Validates the shown value (when enabled) and saves the model. */
  public final void saveSettingsTo(final NodeSettingsWO settings)
      throws InvalidSettingsException {
    try {
      validateSettingsBeforeSave();
    } catch (InvalidSettingsException e) {
      if (model.isEnabled()) {
        throw e;
      }
    }
    model.dlgSaveSettingsTo(settings);
  }

  /** Checks the shown value before it is saved. */
  protected abstract void validateSettingsBeforeSave() throws InvalidSettingsException;

  /** Throws when the component cannot work with the input (e.g. no column to choose). */
  protected abstract void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs)
      throws NotConfigurableException;

  /** Enables or disables the Swing parts. */
  protected abstract void setEnabledComponents(final boolean enabled);

  /** Sets the tooltip of the Swing parts. */
  public abstract void setToolTipText(final String text);
}
