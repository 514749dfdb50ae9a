package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Write access to model content. */
public interface ModelContentWO extends ConfigWO {

  /** Adds (or replaces) empty sub-content under the key and returns it. */
  ModelContentWO addModelContent(String key);

  /** Adds (or replaces) sub-content under its own key. */
  void addModelContent(ModelContent modelContent);
}
