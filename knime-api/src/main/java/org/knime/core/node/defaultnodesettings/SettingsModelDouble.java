package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A double setting; model type {@code SMID_double}. */
public class SettingsModelDouble extends SettingsModelNumber {
  private final String configName;
  private double value;

  /**
   * @param configName the key; not empty
   * @param defaultValue the initial value
   */
  public SettingsModelDouble(final String configName, final double defaultValue) {
    if (configName == null || configName.isEmpty()) {
      throw new IllegalArgumentException("The configName must be a non-empty string");
    }
    this.configName = configName;
    this.value = defaultValue;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SettingsModelDouble createClone() {
    return new SettingsModelDouble(configName, value);
  }

  @Override
  protected String getModelTypeID() {
    return "SMID_double";
  }

  @Override
  protected String getConfigName() {
    return configName;
  }

  /** Sets the value. */
  public void setDoubleValue(final double newValue) {
    boolean changed = Double.compare(value, newValue) != 0;
    value = newValue;
    if (changed) {
      notifyChangeListeners();
    }
  }

  /** @return the value */
  public double getDoubleValue() {
    return value;
  }

  @Override
  void setNumberValueStr(final String newValueStr) {
    try {
      setDoubleValue(Double.parseDouble(newValueStr.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid floating point number format ('"
          + newValueStr + "')");
    }
  }

  @Override
  String getNumberValueStr() {
    return Double.toString(value);
  }

  @Override
  protected void loadSettingsForDialog(final NodeSettingsRO settings,
      final PortObjectSpec[] specs) throws NotConfigurableException {
    try {
      setDoubleValue(settings.getDouble(configName, value));
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
    validateValue(settings.getDouble(configName));
  }

  /** Checks a value about to be loaded; subclasses add bounds. */
  protected void validateValue(final double value) throws InvalidSettingsException {
    // any double
  }

  @Override
  protected void loadSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    try {
      setDoubleValue(settings.getDouble(configName));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(e.getMessage());
    }
  }

  @Override
  protected void saveSettingsForModel(final NodeSettingsWO settings) {
    settings.addDouble(configName, value);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " ('" + configName + "')";
  }
}
