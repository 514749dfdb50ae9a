package org.invdes.knime;

import java.util.Objects;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;

/**
 * A dialog with one component per option of a {@link NodeOptions}, in declaration order, in
 * titled groups where options name one. Each node's dialog class extends it with its options.
 */
public class OptionsDialog extends DefaultNodeSettingsPane {

  /** @param options a fresh options instance owned by the dialog */
  protected OptionsDialog(NodeOptions options) {
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
}
