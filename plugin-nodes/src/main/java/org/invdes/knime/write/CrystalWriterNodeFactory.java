package org.invdes.knime.write;

import org.invdes.knime.InvdesNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Creates the Crystal Structure Writer (described in CrystalWriterNodeFactory.xml). */
public final class CrystalWriterNodeFactory extends InvdesNodeFactory<CrystalWriterNodeModel> {

  @Override
  public CrystalWriterNodeModel createNodeModel() {
    return new CrystalWriterNodeModel();
  }

  @Override
  protected NodeDialogPane createDialog() {
    return new CrystalWriterNodeDialog();
  }
}
