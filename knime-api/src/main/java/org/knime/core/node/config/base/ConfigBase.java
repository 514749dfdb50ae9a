package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.knime.core.node.InvalidSettingsException;

/**
 * An ordered tree of typed entries (KNIME's XMLConfig model): each key holds either a typed
 * value ({@code xstring}, {@code xint}, {@code xlong}, {@code xdouble}, {@code xboolean}, and on
 * reading also {@code xfloat}, {@code xshort}, {@code xbyte}, {@code xchar}) or a sub-config.
 * Arrays are sub-configs with an {@code array-size} entry and entries {@code "0"}, {@code "1"},
 * …. Getters are type-strict: an int entry is not a long.
 *
 * <p>Own implementation for the compile-only API; values are held as the text XMLConfig writes
 * ({@link Double#toString(double)} for doubles), so a value survives a save/load exactly.
 */
public abstract class ConfigBase implements ConfigBaseRO, ConfigBaseWO {

  static final String ARRAY_SIZE = "array-size";

  /** A typed leaf: the XMLConfig type name and the value as text (null for a null string). */
  static final class Leaf {
    final String type;
    final String text;

    Leaf(String type, String text) {
      this.type = type;
      this.text = text;
    }
  }

  private String key;
  private final LinkedHashMap<String, Object> entries = new LinkedHashMap<>();

  /** @param key this config's key; not null */
  public ConfigBase(final String key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** @return a new, empty config of this class under the key */
  public abstract ConfigBase getInstance(final String key);

  @Override
  public final String getKey() {
    return key;
  }

  /** Takes the key of the root element when reading XML. */
  final void setKey(String newKey) {
    this.key = Objects.requireNonNull(newKey, "key");
  }

  // ------------------------------------------------------------------ sub-configs

  @Override
  public final ConfigBase addConfigBase(final String key) {
    ConfigBase c = getInstance(key);
    addConfigBase(c);
    return c;
  }

  /** Adds (or replaces) a sub-config under its own key. */
  protected final void addConfigBase(final ConfigBase config) {
    entries.put(config.getKey(), config);
  }

  @Override
  public final ConfigBase getConfigBase(final String key) throws InvalidSettingsException {
    Object o = entries.get(key);
    if (!(o instanceof ConfigBase)) {
      throw new InvalidSettingsException("ConfigBase for key \"" + key + "\" not found.");
    }
    return (ConfigBase) o;
  }

  // ------------------------------------------------------------------ leaves

  final void putLeaf(String key, String type, String text) {
    entries.put(Objects.requireNonNull(key, "key"), new Leaf(type, text));
  }

  /** The leaf's text, or an exception naming the key and the wanted type. */
  private String leaf(String key, String type, String what) throws InvalidSettingsException {
    Object o = entries.get(key);
    if (!(o instanceof Leaf) || !((Leaf) o).type.equals(type)) {
      throw new InvalidSettingsException(what + " for key \"" + key + "\" not found.");
    }
    return ((Leaf) o).text;
  }

  @Override
  public void addInt(final String key, final int value) {
    putLeaf(key, "xint", Integer.toString(value));
  }

  @Override
  public int getInt(final String key) throws InvalidSettingsException {
    return Integer.parseInt(leaf(key, "xint", "Int"));
  }

  @Override
  public int getInt(final String key, final int def) {
    try {
      return getInt(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  @Override
  public void addLong(final String key, final long value) {
    putLeaf(key, "xlong", Long.toString(value));
  }

  @Override
  public long getLong(final String key) throws InvalidSettingsException {
    return Long.parseLong(leaf(key, "xlong", "Long"));
  }

  @Override
  public long getLong(final String key, final long def) {
    try {
      return getLong(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  @Override
  public void addDouble(final String key, final double value) {
    putLeaf(key, "xdouble", Double.toString(value));
  }

  @Override
  public double getDouble(final String key) throws InvalidSettingsException {
    return Double.parseDouble(leaf(key, "xdouble", "Double"));
  }

  @Override
  public double getDouble(final String key, final double def) {
    try {
      return getDouble(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  @Override
  public void addString(final String key, final String value) {
    putLeaf(key, "xstring", value);
  }

  @Override
  public String getString(final String key) throws InvalidSettingsException {
    return leaf(key, "xstring", "String");
  }

  @Override
  public String getString(final String key, final String def) {
    try {
      return getString(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  @Override
  public void addBoolean(final String key, final boolean value) {
    putLeaf(key, "xboolean", Boolean.toString(value));
  }

  @Override
  public boolean getBoolean(final String key) throws InvalidSettingsException {
    return Boolean.parseBoolean(leaf(key, "xboolean", "Boolean"));
  }

  @Override
  public boolean getBoolean(final String key, final boolean def) {
    try {
      return getBoolean(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  // ------------------------------------------------------------------ arrays

  @Override
  public void addIntArray(final String key, final int... values) {
    ConfigBase c = addConfigBase(key);
    if (values != null) {
      c.addInt(ARRAY_SIZE, values.length);
      for (int i = 0; i < values.length; i++) {
        c.addInt(Integer.toString(i), values[i]);
      }
    }
  }

  @Override
  public int[] getIntArray(final String key) throws InvalidSettingsException {
    ConfigBase c = getConfigBase(key);
    int n = c.getInt(ARRAY_SIZE, -1);
    if (n < 0) {
      return null;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = c.getInt(Integer.toString(i));
    }
    return out;
  }

  @Override
  public int[] getIntArray(final String key, final int... def) {
    try {
      return getIntArray(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  @Override
  public void addDoubleArray(final String key, final double... values) {
    ConfigBase c = addConfigBase(key);
    if (values != null) {
      c.addInt(ARRAY_SIZE, values.length);
      for (int i = 0; i < values.length; i++) {
        c.addDouble(Integer.toString(i), values[i]);
      }
    }
  }

  @Override
  public double[] getDoubleArray(final String key) throws InvalidSettingsException {
    ConfigBase c = getConfigBase(key);
    int n = c.getInt(ARRAY_SIZE, -1);
    if (n < 0) {
      return null;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = c.getDouble(Integer.toString(i));
    }
    return out;
  }

  @Override
  public double[] getDoubleArray(final String key, final double... def) {
    try {
      return getDoubleArray(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  @Override
  public void addStringArray(final String key, final String... values) {
    ConfigBase c = addConfigBase(key);
    if (values != null) {
      c.addInt(ARRAY_SIZE, values.length);
      for (int i = 0; i < values.length; i++) {
        c.addString(Integer.toString(i), values[i]);
      }
    }
  }

  @Override
  public String[] getStringArray(final String key) throws InvalidSettingsException {
    ConfigBase c = getConfigBase(key);
    int n = c.getInt(ARRAY_SIZE, -1);
    if (n < 0) {
      return null;
    }
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = c.getString(Integer.toString(i));
    }
    return out;
  }

  @Override
  public String[] getStringArray(final String key, final String... def) {
    try {
      return getStringArray(key);
    } catch (InvalidSettingsException e) {
      return def;
    }
  }

  // ------------------------------------------------------------------ structure

  @Override
  public Set<String> keySet() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  @Override
  public boolean containsKey(final String key) {
    return entries.containsKey(key);
  }

  @Override
  public final Iterator<String> iterator() {
    return keySet().iterator();
  }

  /** The entries in insertion order: {@link Leaf} or {@link ConfigBase} values. */
  final Map<String, Object> entries() {
    return Collections.unmodifiableMap(entries);
  }

  @Override
  public void copyTo(final ConfigBaseWO dest) {
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      Object v = e.getValue();
      if (v instanceof ConfigBase) {
        ((ConfigBase) v).copyTo(dest.addConfigBase(e.getKey()));
      } else if (dest instanceof ConfigBase) {
        Leaf l = (Leaf) v;
        ((ConfigBase) dest).putLeaf(e.getKey(), l.type, l.text);
      } else {
        throw new ClassCastException(
            "Cannot copy to the given destination config. It needs to extend ConfigBase.");
      }
    }
  }

  // ------------------------------------------------------------------ XML

  @Override
  public final void saveToXML(final OutputStream os) throws IOException {
    XMLConfig.save(this, Objects.requireNonNull(os, "os"));
  }

  /** Reads XMLConfig from the stream (then closed) into the config and returns it. */
  protected static ConfigBase loadFromXML(final ConfigBase config, final InputStream in)
      throws IOException {
    config.load(Objects.requireNonNull(in, "in"));
    return config;
  }

  /** Adds the entries of an XMLConfig stream to this config; closes the stream. */
  public void load(final InputStream is) throws IOException {
    try {
      XMLConfig.load(this, is);
    } catch (org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException e) {
      throw new IOException(e.getMessage(), e);
    } finally {
      is.close();
    }
  }

  /** An indented listing of keys, types and values, one entry per line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb, 0);
    return sb.toString();
  }

  private void append(StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth)).append(key).append(" (config)\n");
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      if (e.getValue() instanceof ConfigBase) {
        ((ConfigBase) e.getValue()).append(sb, depth + 1);
      } else {
        Leaf l = (Leaf) e.getValue();
        sb.append("  ".repeat(depth + 1)).append(e.getKey()).append(" (").append(l.type)
            .append(")=").append(l.text).append('\n');
      }
    }
  }
}
