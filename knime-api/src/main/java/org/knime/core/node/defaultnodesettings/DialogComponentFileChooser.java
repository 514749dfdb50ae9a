package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A path field with a browse button. {@code dialogType} is one of {@code JFileChooser}'s {@code
 * OPEN_DIALOG} (0), {@code SAVE_DIALOG} (1), {@code CUSTOM_DIALOG} (2).
 */
public class DialogComponentFileChooser extends DialogComponent {
  private final String historyID;
  private final int dialogType;
  private final boolean directoryOnly;
  private String borderTitle;
  private String toolTip;

  /** An open dialog for files with these extensions (e.g. ".cif"). */
  public DialogComponentFileChooser(final SettingsModelString stringModel,
      final String historyID, final String... validExtensions) {
    this(stringModel, historyID, 0, false);
  }

  /**
   * @param directoryOnly whether only folders can be chosen
   */
  public DialogComponentFileChooser(final SettingsModelString stringModel,
      final String historyID, final int dialogType, final boolean directoryOnly) {
    super(stringModel);
    this.historyID = historyID;
    this.dialogType = dialogType;
    this.directoryOnly = directoryOnly;
  }

  @Override
  protected void updateComponent() {
    // the value lives in the model
  }

  @Override
  protected void validateSettingsBeforeSave() throws InvalidSettingsException {
    String v = ((SettingsModelString) getModel()).getStringValue();
    if (v == null || v.isBlank()) {
      throw new InvalidSettingsException("Please specify a "
          + (directoryOnly ? "folder" : "file") + (borderTitle == null ? "" : " (" + borderTitle
          + ")") + ".");
    }
  }

  @Override
  protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs)
      throws NotConfigurableException {
    // any input
  }

  @Override
  protected void setEnabledComponents(final boolean enabled) {
    // no Swing parts are built eagerly
  }

  /** Sets the title of the border around the field. */
  public void setBorderTitle(final String newTitle) {
    borderTitle = newTitle;
  }

  @Override
  public void setToolTipText(final String text) {
    toolTip = text;
  }
}
