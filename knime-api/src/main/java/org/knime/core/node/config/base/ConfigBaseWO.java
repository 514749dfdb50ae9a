package org.knime.core.node.config.base;

/** Write access to a tree of typed key/value entries; adding a key again replaces its entry. */
public interface ConfigBaseWO {

  /** Adds (or replaces) an empty sub-config under the key and returns it. */
  ConfigBase addConfigBase(String key);

  /** @return this config's key */
  String getKey();

  public void addInt(final String key, final int value);

  public void addDouble(final String key, final double value);

  public void addLong(final String key, final long value);

  /** @param value may be null */
  public void addString(final String key, final String value);

  public void addBoolean(final String key, final boolean value);

  public void addIntArray(final String key, final int... values);

  public void addDoubleArray(final String key, final double... values);

  public void addStringArray(final String key, final String... values);
}
