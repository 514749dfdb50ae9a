package org.knime.core.node.defaultnodesettings;

import java.util.Objects;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A string setting (may be null); model type {@code SMID_string}. */
public class SettingsModelString extends SettingsModel {
  private final String configName;
  private String value;

  /**
   * @param configName the key; not empty
   * @param defaultValue the initial value
   */
  public SettingsModelString(final String configName, final String defaultValue) {
    if (configName == null || configName.isEmpty()) {
      throw new IllegalArgumentException("The configName must be a non-empty string");
    }
    this.configName = configName;
    this.value = defaultValue;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SettingsModelString createClone() {
    return new SettingsModelString(configName, value);
  }

  @Override
  protected String getModelTypeID() {
    return "SMID_string";
  }

  @Override
  protected String getConfigName() {
    return configName;
  }

  @Override
  protected void loadSettingsForDialog(final NodeSettingsRO settings,
      final PortObjectSpec[] specs) throws NotConfigurableException {
    setStringValue(settings.getString(configName, value));
  }

  @Override
  protected void saveSettingsForDialog(final NodeSettingsWO settings)
      throws InvalidSettingsException {
    settings.addString(configName, value);
  }

  /** Sets the value (null allowed). */
  public void setStringValue(final String newValue) {
    boolean changed = !Objects.equals(value, newValue);
    value = newValue;
    if (changed) {
      notifyChangeListeners();
    }
  }

  /** @return the value, possibly null */
  public String getStringValue() {
    return value;
  }

  @Override
  protected void validateSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    settings.getString(configName);
  }

  @Override
  protected void loadSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    setStringValue(settings.getString(configName));
  }

  @Override
  protected void saveSettingsForModel(final NodeSettingsWO settings) {
    settings.addString(configName, value);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " ('" + configName + "')";
  }
}
