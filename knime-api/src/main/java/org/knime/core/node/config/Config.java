package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBase;

/** A {@link ConfigBase} whose sub-configs are of the same concrete class. */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

  /** @param key this config's key */
  protected Config(final String key) {
    super(key);
  }

  @Override
  public abstract Config getInstance(final String key);

  @Override
  public final Config addConfig(final String key) {
    Config c = getInstance(key);
    addConfigBase(c);
    return c;
  }

  /** Adds (or replaces) a sub-config under its own key. */
  protected final void addConfig(final Config config) {
    addConfigBase(config);
  }

  @Override
  public final Config getConfig(final String key) throws InvalidSettingsException {
    ConfigBase c;
    try {
      c = getConfigBase(key);
    } catch (InvalidSettingsException e) {
      throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
    }
    if (!(c instanceof Config)) {
      throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
    }
    return (Config) c;
  }
}
