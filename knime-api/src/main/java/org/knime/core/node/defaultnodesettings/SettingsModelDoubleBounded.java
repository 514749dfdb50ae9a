package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** A double setting whose value must lie in [min, max]; same model type as its super class. */
public class SettingsModelDoubleBounded extends SettingsModelDouble {
  private final double minValue;
  private final double maxValue;

  /**
   * @throws IllegalArgumentException if min &gt; max or the default is outside [min, max]
   */
  public SettingsModelDoubleBounded(final String configName, final double defaultValue,
      final double minValue, final double maxValue) {
    super(configName, defaultValue);
    if (minValue > maxValue) {
      throw new IllegalArgumentException("Specified min value must be smaller than the max value.");
    }
    this.minValue = minValue;
    this.maxValue = maxValue;
    try {
      checkBounds(defaultValue);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("InitialValue: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SettingsModelDoubleBounded createClone() {
    return new SettingsModelDoubleBounded(getConfigName(), getDoubleValue(), minValue, maxValue);
  }

  /** @return the smallest allowed value */
  public double getLowerBound() {
    return minValue;
  }

  /** @return the largest allowed value */
  public double getUpperBound() {
    return maxValue;
  }

  @Override
  protected void validateValue(final double value) throws InvalidSettingsException {
    super.validateValue(value);
    try {
      checkBounds(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(getConfigName() + ": " + e.getMessage());
    }
  }

  /** @throws IllegalArgumentException if the value is outside [min, max] */
  @Override
  public void setDoubleValue(final double newValue) {
    checkBounds(newValue);
    super.setDoubleValue(newValue);
  }

  private void checkBounds(final double value) {
    if (!(value >= minValue && value <= maxValue)) {
      throw new IllegalArgumentException("Value (=" + value + ") must be within the range ["
          + minValue + "..." + maxValue + "].");
    }
  }
}
