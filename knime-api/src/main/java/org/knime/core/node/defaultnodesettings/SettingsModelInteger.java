package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** An int setting; model type {@code SMID_integer}. */
public class SettingsModelInteger extends SettingsModelNumber {
  private final String configName;
  private int value;

  /**
   * @param configName the key; not empty
   * @param defaultValue the initial value
   */
  public SettingsModelInteger(final String configName, final int defaultValue) {
    if (configName == null || configName.isEmpty()) {
      throw new IllegalArgumentException("The configName must be a non-empty string");
    }
    this.configName = configName;
    this.value = defaultValue;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SettingsModelInteger createClone() {
    return new SettingsModelInteger(configName, value);
  }

  @Override
  protected String getModelTypeID() {
    return "SMID_integer";
  }

  @Override
  protected String getConfigName() {
    return configName;
  }

  /** Sets the value. */
  public void setIntValue(final int newValue) {
    boolean changed = value != newValue;
    value = newValue;
    if (changed) {
      notifyChangeListeners();
    }
  }

  /** @return the value */
  public int getIntValue() {
    return value;
  }

  @Override
  void setNumberValueStr(final String newValueStr) {
    try {
      setIntValue(Integer.parseInt(newValueStr.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid integer number format ('" + newValueStr + "')");
    }
  }

  @Override
  String getNumberValueStr() {
    return Integer.toString(value);
  }

  @Override
  protected void loadSettingsForDialog(final NodeSettingsRO settings,
      final PortObjectSpec[] specs) throws NotConfigurableException {
    try {
      setIntValue(settings.getInt(configName, value));
    } catch (IllegalArgumentException e) {
      // keep the current value
    }
  }

  @Override
  protected void saveSettingsForDialog(final NodeSettingsWO settings)
      throws InvalidSettingsException {
    saveSettingsForModel(settings);
  }

  @Override
  protected void validateSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    validateValue(settings.getInt(configName));
  }

  /** Checks a value about to be loaded; subclasses add bounds. */
  protected void validateValue(final int value) throws InvalidSettingsException {
    // any int
  }

  @Override
  protected void loadSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    try {
      setIntValue(settings.getInt(configName));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(e.getMessage());
    }
  }

  @Override
  protected void saveSettingsForModel(final NodeSettingsWO settings) {
    settings.addInt(configName, value);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " ('" + configName + "')";
  }
}
