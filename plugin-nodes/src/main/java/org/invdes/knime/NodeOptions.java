package org.invdes.knime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of one node, declared once and used by its model (persistence, validation), its
 * dialog (one component per option, in declaration order) and its tests (every option must be
 * documented in the node description). Subclasses declare their options as fields through
 * {@link #option(String, String)} and add typed getters and a {@link #check()} of their own.
 *
 * <p>Persistence keeps settings of older plug-in versions loadable:
 *
 * <ol>
 *   <li>For each option, the first key present among its key and its old keys is used; a value
 *       under an old key is moved to the current key before the settings model reads it (so a
 *       renamed setting loads).
 *   <li>An option whose keys are all absent keeps its default if it was added after the first
 *       version ({@link Option#addedIn()}); otherwise the settings are invalid, with a message
 *       naming the option and how to fix it.
 *   <li>After every option has been validated, {@link #check()} runs on a copy holding the new
 *       values, so that settings are only taken when they are consistent as a whole.
 * </ol>
 */
public abstract class NodeOptions {
  private final List<Option<?>> options = new ArrayList<>();

  /** @return the options in declaration order */
  public final List<Option<?>> options() {
    return Collections.unmodifiableList(options);
  }

  /** Starts declaring an option stored under the key and shown with the label. */
  protected final Builder option(String key, String label) {
    return new Builder(key, label);
  }

  /**
   * Checks the values as a whole (ranges that depend on each other, required text); called on a
   * copy of the options holding the settings to validate.
   *
   * @throws InvalidSettingsException with a message saying which option to change and how
   */
  protected void check() throws InvalidSettingsException {
  }

  /** @return a fresh instance of the same class, with defaults */
  protected abstract NodeOptions newInstance();

  /** Saves every option. */
  public final void save(NodeSettingsWO settings) {
    for (Option<?> o : options) {
      o.model().saveSettingsTo(settings);
    }
  }

  /** Validates settings without taking them (steps 1 to 3 of the class description). */
  public final void validate(NodeSettingsRO settings) throws InvalidSettingsException {
    NodeOptions copy = newInstance();
    for (int i = 0; i < options.size(); i++) {
      NodeSettingsRO view = view(options.get(i), settings);
      if (view != null) {
        options.get(i).model().validateSettings(view);
        copy.options.get(i).model().loadSettingsFrom(view);
      }
    }
    copy.check();
  }

  /** Takes validated settings, then calls {@link #loaded()}. */
  public final void load(NodeSettingsRO settings) throws InvalidSettingsException {
    for (Option<?> o : options) {
      NodeSettingsRO view = view(o, settings);
      if (view != null) {
        o.model().loadSettingsFrom(view);
      }
    }
    loaded();
  }

  /**
   * Called after settings were loaded into these options (by the node model or the dialog), to
   * derive state from the values as a whole, e.g. which options are enabled: a flow variable may
   * have changed one value without the enabled status stored beside the others. Default: none.
   */
  public void loaded() {
  }

  /**
   * The settings the option's model should read: the settings themselves when they hold the
   * current key, a copy with the value moved from an old key, or null when an option added later
   * is absent.
   */
  private static NodeSettingsRO view(Option<?> o, NodeSettingsRO settings)
      throws InvalidSettingsException {
    if (settings.containsKey(o.key())) {
      return settings;
    }
    for (String old : o.oldKeys()) {
      if (settings.containsKey(old)) {
        NodeSettings moved = new NodeSettings(settings.getKey());
        SettingsModel m = o.model();
        if (m instanceof SettingsModelString) {
          moved.addString(o.key(), settings.getString(old));
        } else if (m instanceof SettingsModelBoolean) {
          moved.addBoolean(o.key(), settings.getBoolean(old));
        } else if (m instanceof SettingsModelInteger) {
          moved.addInt(o.key(), settings.getInt(old));
        } else if (m instanceof SettingsModelDouble) {
          moved.addDouble(o.key(), settings.getDouble(old));
        } else {
          throw new IllegalStateException("no migration for " + m);
        }
        return moved;
      }
    }
    if (o.addedIn() != null) {
      return null;
    }
    throw new InvalidSettingsException("The settings lack the option '" + o.label() + "' (key '"
        + o.key() + "'); open the node's dialog, check the options and press OK to save them.");
  }

  /** Declares one option; finish with the method of its type. */
  public final class Builder {
    private final String key;
    private final String label;
    private String group;
    private final List<String> oldKeys = new ArrayList<>();
    private String addedIn;

    Builder(String key, String label) {
      this.key = key;
      this.label = label;
    }

    /** Puts the option into a titled group of the dialog. */
    public Builder group(String title) {
      this.group = title;
      return this;
    }

    /** Keys this option was stored under before, newest first. */
    public Builder oldKeys(String... keys) {
      oldKeys.addAll(List.of(keys));
      return this;
    }

    /** Marks the option as added in that plug-in version (older settings lack it). */
    public Builder addedIn(String version) {
      this.addedIn = version;
      return this;
    }

    private <M extends SettingsModel> M add(M model,
        java.util.function.Function<M, org.knime.core.node.defaultnodesettings.DialogComponent>
            component) {
      options.add(new Option<>(key, label, group, model, component, oldKeys, addedIn));
      return model;
    }

    /** A free text. */
    public SettingsModelString text(String def) {
      return add(new SettingsModelString(key, def), m -> new DialogComponentString(m, label));
    }

    /** One of fixed choices. */
    public SettingsModelString choice(String def, String... choices) {
      return add(new SettingsModelString(key, def),
          m -> new DialogComponentStringSelection(m, label, choices));
    }

    /** A column of input port {@code port} whose type is compatible with one of the types. */
    @SafeVarargs
    public final SettingsModelString column(String def, int port, boolean required,
        Class<? extends DataValue>... types) {
      return add(new SettingsModelString(key, def),
          m -> new DialogComponentColumnNameSelection(m, label, port, required, types));
    }

    /** A column of input port {@code port} or none (null): the dialog offers "none". */
    @SafeVarargs
    public final SettingsModelString optionalColumn(int port,
        Class<? extends DataValue>... types) {
      return add(new SettingsModelString(key, null),
          m -> new DialogComponentColumnNameSelection(m, label, port, false, true, types));
    }

    /** A path chosen with a file (or folder) dialog; {@code save} for an output location. */
    public SettingsModelString path(String def, boolean save, boolean folder) {
      return add(new SettingsModelString(key, def), m -> {
        DialogComponentFileChooser c = new DialogComponentFileChooser(m, "invdes." + key,
            save ? 1 : 0, folder);
        c.setBorderTitle(label);
        return c;
      });
    }

    /** A check box. */
    public SettingsModelBoolean bool(boolean def) {
      return add(new SettingsModelBoolean(key, def), m -> new DialogComponentBoolean(m, label));
    }

    /** An int in [min, max]. */
    public SettingsModelIntegerBounded integer(int def, int min, int max) {
      return add(new SettingsModelIntegerBounded(key, def, min, max),
          m -> new DialogComponentNumber(m, label, 1));
    }

    /** A double in [min, max], edited in steps of {@code step}. */
    public SettingsModelDoubleBounded number(double def, double min, double max, double step) {
      return add(new SettingsModelDoubleBounded(key, def, min, max),
          m -> new DialogComponentNumber(m, label, step));
    }
  }
}
