package org.invdes.knime.read;

import org.invdes.knime.InvdesNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Creates the Crystal Structure Reader (described in CrystalReaderNodeFactory.xml). */
public final class CrystalReaderNodeFactory extends InvdesNodeFactory<CrystalReaderNodeModel> {

  @Override
  public CrystalReaderNodeModel createNodeModel() {
    return new CrystalReaderNodeModel();
  }

  @Override
  protected NodeDialogPane createDialog() {
    return new CrystalReaderNodeDialog();
  }
}
