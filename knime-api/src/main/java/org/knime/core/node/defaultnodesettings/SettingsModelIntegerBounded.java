package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** A int setting whose value must lie in [min, max]; same model type as its super class. */
public class SettingsModelIntegerBounded extends SettingsModelInteger {
  private final int minValue;
  private final int maxValue;

  /**
   * @throws IllegalArgumentException if min &gt; max or the default is outside [min, max]
   */
  public SettingsModelIntegerBounded(final String configName, final int defaultValue,
      final int minValue, final int maxValue) {
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
  protected SettingsModelIntegerBounded createClone() {
    return new SettingsModelIntegerBounded(getConfigName(), getIntValue(), minValue, maxValue);
  }

  /** @return the smallest allowed value */
  public int getLowerBound() {
    return minValue;
  }

  /** @return the largest allowed value */
  public int getUpperBound() {
    return maxValue;
  }

  @Override
  protected void validateValue(final int value) throws InvalidSettingsException {
    super.validateValue(value);
    try {
      checkBounds(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(getConfigName() + ": " + e.getMessage());
    }
  }

  /** @throws IllegalArgumentException if the value is outside [min, max] */
  @Override
  public void setIntValue(final int newValue) {
    checkBounds(newValue);
    super.setIntValue(newValue);
  }

  private void checkBounds(final int value) {
    if (!(value >= minValue && value <= maxValue)) {
      throw new IllegalArgumentException("Value (=" + value + ") must be within the range ["
          + minValue + "..." + maxValue + "].");
    }
  }
}
