package org.knime.core.node.config;

import java.util.Iterator;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

/**
 * Read access to a config with typed sub-configs. (KNIME's interface also extends {@code
 * javax.swing.tree.TreeNode}; this subset leaves that out.)
 */
public interface ConfigRO extends ConfigBaseRO, Iterable<String> {

  /** @return the sub-config under the key */
  public Config getConfig(String key) throws InvalidSettingsException;

  @Override
  public Iterator<String> iterator();
}
