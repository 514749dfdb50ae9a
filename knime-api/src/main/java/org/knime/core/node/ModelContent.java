package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import org.knime.core.node.config.Config;

/** A config tree holding a model (used by simple port objects and their specs). */
public final class ModelContent extends Config implements ModelContentRO, ModelContentWO {

  /** @param key the root key */
  public ModelContent(final String key) {
    super(key);
  }

  @Override
  public Config getInstance(final String key) {
    return new ModelContent(key);
  }

  /** Reads model content written as XMLConfig (the stream is closed). */
  public static synchronized ModelContentRO loadFromXML(final InputStream in) throws IOException {
    ModelContent m = new ModelContent("ignored");
    loadFromXML(m, in);
    return m;
  }

  @Override
  public void addModelContent(final ModelContent modelContent) {
    addConfig(modelContent);
  }

  @Override
  public ModelContentWO addModelContent(final String key) {
    return (ModelContent) addConfig(key);
  }

  @Override
  public ModelContent getModelContent(final String key) throws InvalidSettingsException {
    return (ModelContent) getConfig(key);
  }
}
