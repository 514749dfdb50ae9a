package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;
import javax.swing.JPanel;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A dialog made of {@link DialogComponent}s, grouped into tabs and titled groups; loading and
 * saving go through the components' models.
 */
public class DefaultNodeSettingsPane extends NodeDialogPane {
  private final List<DialogComponent> components = new ArrayList<>();
  private String defaultTabTitle = "Options";

  /** A dialog with one tab, "Options". */
  public DefaultNodeSettingsPane() {
    addTab(defaultTabTitle, new JPanel());
  }

  /** Renames the first tab. */
  public void setDefaultTabTitle(final String tabTitle) {
    if (tabTitle == null || tabTitle.isEmpty()) {
      throw new IllegalArgumentException("The title of a tab can't be null or empty.");
    }
    if (tabTitle.equals(defaultTabTitle)) {
      return;
    }
    renameTab(defaultTabTitle, tabTitle);
    defaultTabTitle = tabTitle;
  }

  /** Starts a new tab; later components go there. */
  public void createNewTab(final String tabTitle) {
    if (tabTitle == null || tabTitle.isEmpty()) {
      throw new IllegalArgumentException("The title of a tab can't be null or empty.");
    }
    addTab(tabTitle, new JPanel());
  }

  /** Starts a titled group in the current tab (groups only affect the Swing layout). */
  public void createNewGroup(final String title) {
    // layout only
  }

  /** Ends the current group (groups only affect the Swing layout). */
  public void closeCurrentGroup() {
    // layout only
  }

  /** Adds a component to the current group or tab. */
  public void addDialogComponent(final DialogComponent diaC) {
    components.add(diaC);
  }

  @Override
  public final void loadSettingsFrom(final NodeSettingsRO settings,
      final PortObjectSpec[] specs) throws NotConfigurableException {
    for (DialogComponent c : components) {
      c.loadSettingsFrom(settings, specs);
    }
    loadAdditionalSettingsFrom(settings, specs);
  }

  @Override
  public final void saveSettingsTo(final NodeSettingsWO settings)
      throws InvalidSettingsException {
    for (DialogComponent c : components) {
      c.saveSettingsTo(settings);
    }
    saveAdditionalSettingsTo(settings);
  }

  /** Loads settings no component holds; the default passes table specs on. */
  public void loadAdditionalSettingsFrom(final NodeSettingsRO settings,
      final PortObjectSpec[] specs) throws NotConfigurableException {
    DataTableSpec[] tables = new DataTableSpec[specs.length];
    for (int i = 0; i < specs.length; i++) {
      if (specs[i] instanceof DataTableSpec) {
        tables[i] = (DataTableSpec) specs[i];
      } else if (specs[i] == null) {
        tables[i] = new DataTableSpec();
      } else {
        return;
      }
    }
    loadAdditionalSettingsFrom(settings, tables);
  }

  /** Loads settings no component holds (default: nothing). */
  public void loadAdditionalSettingsFrom(final NodeSettingsRO settings,
      final DataTableSpec[] specs) throws NotConfigurableException {
  }

  /** Saves settings no component holds (default: nothing). */
  public void saveAdditionalSettingsTo(final NodeSettingsWO settings)
      throws InvalidSettingsException {
  }
}
