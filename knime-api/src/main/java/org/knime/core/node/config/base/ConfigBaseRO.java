package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Set;
import org.knime.core.node.InvalidSettingsException;

/**
 * Read access to a tree of typed key/value entries. A typed getter without default throws {@link
 * InvalidSettingsException} when the key is absent or holds another type; the variant with a
 * default returns the default instead.
 */
public interface ConfigBaseRO extends Iterable<String> {

  /** @return the sub-config stored under the key */
  public ConfigBase getConfigBase(String key) throws InvalidSettingsException;

  /** Writes this config as KNIME XMLConfig to the stream and closes it. */
  public void saveToXML(final OutputStream os) throws IOException;

  /** Copies every entry and sub-config (deeply) into the destination. */
  public void copyTo(ConfigBaseWO config);

  /** @return this config's key */
  public String getKey();

  public int getInt(final String key) throws InvalidSettingsException;

  public double getDouble(final String key) throws InvalidSettingsException;

  public long getLong(final String key) throws InvalidSettingsException;

  public String getString(final String key) throws InvalidSettingsException;

  /** @return the keys, in insertion order; unmodifiable */
  public Set<String> keySet();

  public boolean containsKey(final String key);

  public boolean getBoolean(final String key) throws InvalidSettingsException;

  public int getInt(final String key, final int def);

  public int[] getIntArray(final String key) throws InvalidSettingsException;

  public int[] getIntArray(final String key, final int... def);

  public double getDouble(final String key, final double def);

  public double[] getDoubleArray(final String key) throws InvalidSettingsException;

  public double[] getDoubleArray(final String key, final double... def);

  public long getLong(final String key, final long def);

  public boolean getBoolean(final String key, final boolean def);

  public String getString(final String key, final String def);

  public String[] getStringArray(final String key) throws InvalidSettingsException;

  public String[] getStringArray(final String key, final String... def);

  @Override
  public Iterator<String> iterator();
}
