package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseWO;

/** Write access to a config with typed sub-configs. */
public interface ConfigWO extends ConfigBaseWO {

  /** Adds (or replaces) an empty sub-config under the key and returns it. */
  Config addConfig(String key);
}
