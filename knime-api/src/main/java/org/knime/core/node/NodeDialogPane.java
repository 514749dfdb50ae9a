package org.knime.core.node;

import java.awt.Component;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A node's settings dialog. This subset keeps tabs as a title-to-component map (no window), so
 * that dialogs can be built, loaded and saved headless.
 */
public abstract class NodeDialogPane {
  private final Map<String, Component> tabs = new LinkedHashMap<>();

  /** An empty dialog. */
  protected NodeDialogPane() {
  }

  /** Writes the dialog's values; throws when they are invalid. */
  protected abstract void saveSettingsTo(final NodeSettingsWO settings)
      throws InvalidSettingsException;

  /**
   * Shows the settings for these input specs. The default casts the specs to table specs and
   * calls {@link #loadSettingsFrom(NodeSettingsRO, DataTableSpec[])}.
   */
  protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
      throws NotConfigurableException {
    DataTableSpec[] tables = new DataTableSpec[specs.length];
    for (int i = 0; i < specs.length; i++) {
      if (specs[i] != null && !(specs[i] instanceof DataTableSpec)) {
        throw new NotConfigurableException("Input Port " + i + " does not hold data table specs."
            + " Likely reason: wrong version of loadSettingsFrom() overwritten!");
      }
      tables[i] = (DataTableSpec) specs[i];
    }
    loadSettingsFrom(settings, tables);
  }

  /** Shows the settings for these table specs. */
  protected void loadSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
      throws NotConfigurableException {
    throw new NotConfigurableException("NodeDialogPane.loadSettingsFrom() implementation missing!");
  }

  /** Adds a tab (a title used twice replaces the tab). */
  protected final void addTab(final String title, final Component comp) {
    tabs.put(title, comp);
  }

  /**
   * Renames a tab, keeping its position.
   *
   * @throws IllegalArgumentException if there is no such tab or the new name is taken
   */
  protected final void renameTab(final String oldName, final String newName) {
    if (!tabs.containsKey(oldName)) {
      throw new IllegalArgumentException("there is no tab '" + oldName + "'");
    }
    if (tabs.containsKey(newName)) {
      throw new IllegalArgumentException("a tab '" + newName + "' exists already");
    }
    Map<String, Component> renamed = new LinkedHashMap<>();
    tabs.forEach((k, v) -> renamed.put(k.equals(oldName) ? newName : k, v));
    tabs.clear();
    tabs.putAll(renamed);
  }

  /** The tab titles in order, for the harness. */
  final List<String> tabTitles() {
    return new ArrayList<>(tabs.keySet());
  }
}
