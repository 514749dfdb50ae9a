package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A labelled drop-down of fixed strings. */
public final class DialogComponentStringSelection extends DialogComponent {
  private final String label;
  private final List<String> items;
  private String toolTip;

  /** @throws IllegalArgumentException if the list is empty */
  public DialogComponentStringSelection(final SettingsModelString stringModel,
      final String label, final String... list) {
    this(stringModel, label, Arrays.asList(list));
  }

  /** @throws IllegalArgumentException if the list is empty */
  public DialogComponentStringSelection(final SettingsModelString stringModel,
      final String label, final Collection<String> list) {
    super(stringModel);
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException("Selection list of options shouldn't be null or empty");
    }
    this.label = label;
    this.items = List.copyOf(list);
  }

  @Override
  protected void updateComponent() {
    // the value lives in the model
  }

  @Override
  protected void validateSettingsBeforeSave() throws InvalidSettingsException {
    String v = ((SettingsModelString) getModel()).getStringValue();
    if (!items.contains(v)) {
      throw new InvalidSettingsException("\"" + label + "\": '" + v + "' is not one of " + items);
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

  @Override
  public void setToolTipText(final String text) {
    toolTip = text;
  }
}
