package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;

/** Read access to node settings. */
public interface NodeSettingsRO extends ConfigRO {

  /** @return the sub-settings under the key */
  NodeSettingsRO getNodeSettings(String key) throws InvalidSettingsException;

  /** Copies every entry (deeply) into the destination. */
  public void copyTo(final ConfigWO dest);
}
