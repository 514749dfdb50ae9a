package org.invdes.knime;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * One setting of a node: its key in the node settings, the label the dialog shows (and the node
 * description documents as {@code <option name="label">}), the settings model holding the value,
 * how the dialog edits it, the keys older versions stored it under, and the version that added
 * it (settings from before that version lack it and keep the default).
 *
 * @param <M> the settings model type
 */
public final class Option<M extends SettingsModel> {
  private final String key;
  private final String label;
  private final String group;
  private final M model;
  private final Function<M, DialogComponent> component;
  private final List<String> oldKeys;
  private final String addedIn;

  Option(String key, String label, String group, M model, Function<M, DialogComponent> component,
      List<String> oldKeys, String addedIn) {
    this.key = Objects.requireNonNull(key, "key");
    this.label = Objects.requireNonNull(label, "label");
    this.group = group;
    this.model = Objects.requireNonNull(model, "model");
    this.component = Objects.requireNonNull(component, "component");
    this.oldKeys = List.copyOf(oldKeys);
    this.addedIn = addedIn;
  }

  /** @return the key in the node settings */
  public String key() {
    return key;
  }

  /** @return the dialog label, documented in the node description */
  public String label() {
    return label;
  }

  /** @return the dialog group title, or null for none */
  public String group() {
    return group;
  }

  /** @return the settings model */
  public M model() {
    return model;
  }

  /** @return a new dialog component editing the model */
  public DialogComponent newComponent() {
    return component.apply(model);
  }

  /** @return keys older versions of the node stored this setting under, newest first */
  public List<String> oldKeys() {
    return oldKeys;
  }

  /**
   * @return the plug-in version that added the setting (settings saved before it lack the key and
   *     keep the default), or null for a setting every version has
   */
  public String addedIn() {
    return addedIn;
  }

  @Override
  public String toString() {
    return key + " ('" + label + "')";
  }
}
