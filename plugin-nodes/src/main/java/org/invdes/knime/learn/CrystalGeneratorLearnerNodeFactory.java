package org.invdes.knime.learn;

import org.invdes.knime.InvdesNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Creates the Crystal Generator Learner (described in CrystalGeneratorLearnerNodeFactory.xml). */
public final class CrystalGeneratorLearnerNodeFactory
    extends InvdesNodeFactory<CrystalGeneratorLearnerNodeModel> {

  @Override
  public CrystalGeneratorLearnerNodeModel createNodeModel() {
    return new CrystalGeneratorLearnerNodeModel();
  }

  @Override
  protected NodeDialogPane createDialog() {
    return new CrystalGeneratorLearnerNodeDialog();
  }
}
