package org.invdes.knime.filter;

import org.invdes.knime.InvdesNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Creates the Crystal Stability Filter (described in CrystalStabilityFilterNodeFactory.xml). */
public final class CrystalStabilityFilterNodeFactory
    extends InvdesNodeFactory<CrystalStabilityFilterNodeModel> {

  @Override
  public CrystalStabilityFilterNodeModel createNodeModel() {
    return new CrystalStabilityFilterNodeModel();
  }

  @Override
  protected NodeDialogPane createDialog() {
    return new CrystalStabilityFilterNodeDialog();
  }
}
