package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A boolean setting; model type {@code SMID_boolean}. */
public class SettingsModelBoolean extends SettingsModel {
  private final String configName;
  private boolean value;

  /**
   * @param configName the key; not empty
   * @param defaultValue the initial value
   */
  public SettingsModelBoolean(final String configName, final boolean defaultValue) {
    if (configName == null || configName.isEmpty()) {
      throw new IllegalArgumentException("The configName must be a non-empty string");
    }
    this.configName = configName;
    this.value = defaultValue;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SettingsModelBoolean createClone() {
    return new SettingsModelBoolean(configName, value);
  }

  @Override
  protected String getModelTypeID() {
    return "SMID_boolean";
  }

  /** @return the key (public in KNIME's class) */
  @Override
  public String getConfigName() {
    return configName;
  }

  /** Sets the value. */
  public void setBooleanValue(final boolean newValue) {
    boolean changed = value != newValue;
    value = newValue;
    if (changed) {
      notifyChangeListeners();
    }
  }

  /** @return the value */
  public boolean getBooleanValue() {
    return value;
  }

  @Override
  protected void loadSettingsForDialog(final NodeSettingsRO settings,
      final PortObjectSpec[] specs) throws NotConfigurableException {
    setBooleanValue(settings.getBoolean(configName, value));
  }

  @Override
  protected void saveSettingsForDialog(final NodeSettingsWO settings)
      throws InvalidSettingsException {
    saveSettingsForModel(settings);
  }

  @Override
  protected void validateSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    settings.getBoolean(configName);
  }

  @Override
  protected void loadSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    setBooleanValue(settings.getBoolean(configName));
  }

  @Override
  protected void saveSettingsForModel(final NodeSettingsWO settings) {
    settings.addBoolean(configName, value);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " ('" + configName + "')";
  }
}
