package org.invdes.knime;

import java.util.Objects;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;

/**
 * A dialog with one component per option of a {@link NodeOptions}, in declaration order, in
 * titled groups where options name one. Each node's dialog class extends it with its options.
 */
public class OptionsDialog extends DefaultNodeSettingsPane {

  private final NodeOptions options;

  /** @param options a fresh options instance owned by the dialog */
  protected OptionsDialog(NodeOptions options) {
    this.options = options;
    String group = null;
    for (Option<?> o : options.options()) {
      if (!Objects.equals(group, o.group())) {
        if (group != null) {
          closeCurrentGroup();
        }
        if (o.group() != null) {
          createNewGroup(o.group());
        }
        group = o.group();
      }
      addDialogComponent(o.newComponent());
    }
    if (group != null) {
      closeCurrentGroup();
    }
  }

  /** After the components loaded their settings: {@link NodeOptions#loaded()}. */
  @Override
  public void loadAdditionalSettingsFrom(NodeSettingsRO settings, PortObjectSpec[] specs)
      throws NotConfigurableException {
    super.loadAdditionalSettingsFrom(settings, specs);
    options.loaded();
  }
}
