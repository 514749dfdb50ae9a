package org.knime.core.node.defaultnodesettings;

import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.config.Config;
import org.knime.core.node.port.PortObjectSpec;

/**
 * One setting shared by a node model and its dialog. Saved as its value(s) under the config name
 * plus a sub-config {@code <configName>_Internals} holding {@code SettingsModelID} (the model
 * type, e.g. {@code SMID_string}) and {@code EnabledStatus}; settings without the sub-config (as
 * older nodes wrote them) still load. A disabled model's value is not validated.
 */
public abstract class SettingsModel {

  /** The suffix of the sub-config with the model type and enabled status. */
  public static final String CFGKEY_INTERNAL = "_Internals";

  private static final String CFGKEY_MODELID = "SettingsModelID";
  private static final String CFGKEY_ENABLESTAT = "EnabledStatus";

  private final CopyOnWriteArrayList<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private boolean enabled = true;

  /** An enabled model. */
  public SettingsModel() {
  }

  /** @return a copy of this model holding the settings' value; this model is unchanged */
  public final <T extends SettingsModel> T createCloneWithValidatedValue(
      final NodeSettingsRO settings) throws InvalidSettingsException {
    T result = createClone();
    ((SettingsModel) result).enabled = enabled;
    ((SettingsModel) result).readEnableStatusAndCheckModelID(settings);
    result.loadSettingsForModel(settings);
    return result;
  }

  /** @return a copy with the same config name and value */
  protected abstract <T extends SettingsModel> T createClone();

  /** @return the type id stored in the internals, e.g. {@code SMID_string} */
  protected abstract String getModelTypeID();

  /** @return the key the value is stored under */
  protected abstract String getConfigName();

  /** Loads for the dialog: a missing or bad value keeps the current one. */
  protected abstract void loadSettingsForDialog(final NodeSettingsRO settings,
      final PortObjectSpec[] specs) throws NotConfigurableException;

  final void dlgLoadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
      throws NotConfigurableException {
    try {
      readEnableStatusAndCheckModelID(settings);
    } catch (InvalidSettingsException e) {
      // the dialog must open with any settings, even empty ones
    }
    loadSettingsForDialog(settings, specs);
  }

  /** Saves the dialog's value. */
  protected abstract void saveSettingsForDialog(final NodeSettingsWO settings)
      throws InvalidSettingsException;

  final void dlgSaveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
    saveEnableStatusAndModelID(settings);
    try {
      saveSettingsForDialog(settings);
    } catch (InvalidSettingsException e) {
      if (enabled) {
        throw e;
      }
    }
  }

  /** Adds a listener told about value and enabled-status changes. */
  public void addChangeListener(final ChangeListener l) {
    listeners.addIfAbsent(l);
  }

  /** Removes a listener. */
  public void removeChangeListener(final ChangeListener l) {
    listeners.remove(l);
  }

  /** Tells every listener that the model changed. */
  protected void notifyChangeListeners() {
    for (ChangeListener l : listeners) {
      l.stateChanged(new ChangeEvent(this));
    }
  }

  /** Enables or disables the model (a disabled model's value is not validated). */
  public void setEnabled(final boolean enabled) {
    boolean changed = this.enabled != enabled;
    this.enabled = enabled;
    if (changed) {
      notifyChangeListeners();
    }
  }

  /** @return whether the model is enabled */
  public boolean isEnabled() {
    return enabled;
  }

  /** Checks the settings' value without loading it (skipped when saved disabled). */
  public final void validateSettings(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    boolean before = enabled;
    readEnableStatusAndCheckModelID(settings);
    boolean saved = enabled;
    enabled = before;
    if (saved) {
      validateSettingsForModel(settings);
    }
  }

  /** Checks a value in the settings. */
  protected abstract void validateSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException;

  /** Loads the value and enabled status from the settings. */
  public final void loadSettingsFrom(final NodeSettingsRO settings)
      throws InvalidSettingsException {
    readEnableStatusAndCheckModelID(settings);
    try {
      loadSettingsForModel(settings);
    } catch (InvalidSettingsException e) {
      if (enabled) {
        throw e;
      }
    }
  }

  /** Loads a value from the settings. */
  protected abstract void loadSettingsForModel(final NodeSettingsRO settings)
      throws InvalidSettingsException;

  /** Saves the value, the model type and the enabled status. */
  public final void saveSettingsTo(final NodeSettingsWO settings) {
    saveEnableStatusAndModelID(settings);
    saveSettingsForModel(settings);
  }

  /** Saves the value. */
  protected abstract void saveSettingsForModel(final NodeSettingsWO settings);

  private void readEnableStatusAndCheckModelID(NodeSettingsRO settings)
      throws InvalidSettingsException {
    Config internals;
    try {
      internals = settings.getConfig(getConfigName() + CFGKEY_INTERNAL);
    } catch (InvalidSettingsException e) {
      return; // written before the internals existed
    }
    String id = internals.getString(CFGKEY_MODELID);
    enabled = internals.getBoolean(CFGKEY_ENABLESTAT);
    if (!getModelTypeID().equals(id)) {
      throw new InvalidSettingsException("setting '" + getConfigName() + "' was written by a "
          + id + " model, not by a " + getModelTypeID() + " model as this node expects");
    }
  }

  private void saveEnableStatusAndModelID(NodeSettingsWO settings) {
    Config internals = settings.addConfig(getConfigName() + CFGKEY_INTERNAL);
    internals.addString(CFGKEY_MODELID, getModelTypeID());
    internals.addBoolean(CFGKEY_ENABLESTAT, enabled);
  }

  /** @return the class name and config name, for messages */
  @Override
  public abstract String toString();
}
