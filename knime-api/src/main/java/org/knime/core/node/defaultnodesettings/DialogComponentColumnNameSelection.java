package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A drop-down of the columns of one input table whose type is compatible with one of the value
 * classes. When the stored column is not among them, the first compatible column is selected.
 */
public class DialogComponentColumnNameSelection extends DialogComponent {
  private final String label;
  private final int specIndex;
  private final boolean isRequired;
  private final boolean addNoneCol;
  private final List<Class<? extends DataValue>> classFilter;
  private String toolTip;

  /** A required column of input {@code specIndex}. */
  @SafeVarargs
  public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
      final int specIndex, final Class<? extends DataValue>... classFilter) {
    this(model, label, specIndex, true, classFilter);
  }

  /** @param isRequired whether the dialog refuses to open without a compatible column */
  @SafeVarargs
  public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
      final int specIndex, final boolean isRequired,
      final Class<? extends DataValue>... classFilter) {
    this(model, label, specIndex, isRequired, false, classFilter);
  }

  /**
   * @param addNoneCol whether "none" can be chosen; the model then holds null, and a column
   *     that is not in the input selects "none" instead of the first compatible column
   */
  @SafeVarargs
  public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
      final int specIndex, final boolean isRequired, final boolean addNoneCol,
      final Class<? extends DataValue>... classFilter) {
    super(model);
    if (classFilter == null || classFilter.length == 0) {
      throw new NullPointerException("Classfilter must not be null or empty");
    }
    this.label = label;
    this.specIndex = specIndex;
    this.isRequired = isRequired;
    this.addNoneCol = addNoneCol;
    List<Class<? extends DataValue>> filter = new ArrayList<>();
    for (Class<? extends DataValue> c : classFilter) {
      filter.add(c);
    }
    this.classFilter = List.copyOf(filter);
  }

  private List<String> compatibleColumns(PortObjectSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec instanceof DataTableSpec) {
      for (DataColumnSpec c : (DataTableSpec) spec) {
        for (Class<? extends DataValue> v : classFilter) {
          if (c.getType().isCompatible(v)) {
            out.add(c.getName());
            break;
          }
        }
      }
    }
    return out;
  }

  /** @return the selected column name */
  public final String getSelected() {
    return ((SettingsModelString) getModel()).getStringValue();
  }

  @Override
  protected void updateComponent() {
    List<String> columns = compatibleColumns(getLastTableSpec(specIndex));
    SettingsModelString m = (SettingsModelString) getModel();
    if (!columns.contains(m.getStringValue())) {
      if (addNoneCol) {
        m.setStringValue(null);
      } else if (!columns.isEmpty()) {
        m.setStringValue(columns.get(0));
      }
    }
  }

  @Override
  protected void validateSettingsBeforeSave() throws InvalidSettingsException {
    if (isRequired && !addNoneCol && getSelected() == null) {
      throw new InvalidSettingsException("Please select an item from the list (\"" + label
          + "\").");
    }
  }

  @Override
  protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs)
      throws NotConfigurableException {
    PortObjectSpec spec = specs == null || specIndex >= specs.length ? null : specs[specIndex];
    if (isRequired && compatibleColumns(spec).isEmpty()) {
      throw new NotConfigurableException("No column in spec compatible to " + classFilter
          + " (\"" + label + "\").");
    }
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
