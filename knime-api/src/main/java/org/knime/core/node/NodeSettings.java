package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import org.knime.core.node.config.Config;
import org.knime.core.node.config.ConfigWO;

/** The settings of a node: a config tree that the model and the dialog write and read. */
public final class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {

  /** @param key the root key, e.g. {@code "model"} */
  public NodeSettings(final String key) {
    super(key);
  }

  @Override
  public Config getInstance(final String key) {
    return new NodeSettings(key);
  }

  /** Reads settings written as XMLConfig (the stream is closed). */
  public static NodeSettingsRO loadFromXML(final InputStream in) throws IOException {
    NodeSettings s = new NodeSettings("ignored");
    loadFromXML(s, in);
    return s;
  }

  @Override
  public void copyTo(final ConfigWO dest) {
    super.copyTo(dest);
  }

  @Override
  public NodeSettingsWO addNodeSettings(final String key) {
    return (NodeSettings) addConfig(key);
  }

  @Override
  public void addNodeSettings(final NodeSettings settings) {
    addConfig(settings);
  }

  @Override
  public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
    return (NodeSettings) getConfig(key);
  }
}
