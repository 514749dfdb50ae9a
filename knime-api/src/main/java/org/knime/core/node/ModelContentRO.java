package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;

/** Read access to model content (the config form of small port objects). */
public interface ModelContentRO extends ConfigRO {

  /** @return the sub-content under the key */
  ModelContentRO getModelContent(String key) throws InvalidSettingsException;
}
