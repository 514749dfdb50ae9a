package org.knime.core.node;

/** The base of node views (this subset keeps only what a view declaration needs). */
public abstract class AbstractNodeView<T extends AbstractNodeView.ViewableModel> {
  private final T model;

  /** @param viewableModel the model shown */
  protected AbstractNodeView(final T viewableModel) {
    this.model = viewableModel;
  }

  /** @return the model shown */
  protected final T getViewableModel() {
    return model;
  }

  /** Called when the model changed. */
  protected abstract void modelChanged();

  /** Marker of models that views can show. */
  public static interface ViewableModel {
  }
}
