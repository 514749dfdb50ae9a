package org.knime.core.node.defaultnodesettings;

/** A numeric setting, as number dialog components edit it. */
public abstract class SettingsModelNumber extends SettingsModel {

  /** @return the value as text */
  abstract String getNumberValueStr();

  /** Sets the value from text; throws IllegalArgumentException for text that is not one. */
  abstract void setNumberValueStr(final String newValueStr);
}
