package org.invdes.knime.encode;

import org.invdes.knime.InvdesNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Creates the Crystal Encoder (described in CrystalEncoderNodeFactory.xml). */
public final class CrystalEncoderNodeFactory extends InvdesNodeFactory<CrystalEncoderNodeModel> {

  @Override
  public CrystalEncoderNodeModel createNodeModel() {
    return new CrystalEncoderNodeModel();
  }

  @Override
  protected NodeDialogPane createDialog() {
    return new CrystalEncoderNodeDialog();
  }
}
