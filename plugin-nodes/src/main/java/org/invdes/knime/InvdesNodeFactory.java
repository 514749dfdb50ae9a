package org.invdes.knime;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/**
 * The base of the invdes node factories: no views, a dialog built from the node's options.
 *
 * @param <T> the node model
 */
public abstract class InvdesNodeFactory<T extends InvdesNodeModel<?>> extends NodeFactory<T> {

  /** @return the node's dialog */
  protected abstract NodeDialogPane createDialog();

  @Override
  protected final int getNrNodeViews() {
    return 0;
  }

  @Override
  @SuppressWarnings("removal")
  public final NodeView<T> createNodeView(int viewIndex, T nodeModel) {
    throw new IndexOutOfBoundsException("the node has no views, asked for view " + viewIndex);
  }

  @Override
  @SuppressWarnings("removal")
  protected final boolean hasDialog() {
    return true;
  }

  @Override
  @SuppressWarnings("removal")
  protected final NodeDialogPane createNodeDialogPane() {
    return createDialog();
  }
}
