package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Write access to node settings. */
public interface NodeSettingsWO extends ConfigWO {

  /** Adds (or replaces) empty sub-settings under the key and returns them. */
  NodeSettingsWO addNodeSettings(String key);

  /** Adds (or replaces) sub-settings under their own key. */
  void addNodeSettings(NodeSettings settings);
}
