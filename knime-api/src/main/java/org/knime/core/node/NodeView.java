package org.knime.core.node;

/** A classic Swing node view (this subset has no Swing frame). */
public abstract class NodeView<T extends NodeModel> extends AbstractNodeView<T> {

  /** @param nodeModel the model shown */
  protected NodeView(final T nodeModel) {
    super(nodeModel);
  }

  /** Called when the view is closed. */
  protected abstract void onClose();

  /** Called when the view is opened. */
  protected abstract void onOpen();
}
