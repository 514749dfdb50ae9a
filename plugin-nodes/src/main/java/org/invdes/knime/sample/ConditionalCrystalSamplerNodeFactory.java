package org.invdes.knime.sample;

import org.invdes.knime.InvdesNodeFactory;
import org.knime.core.node.NodeDialogPane;

/**
 * Creates the Conditional Crystal Sampler (described in
 * ConditionalCrystalSamplerNodeFactory.xml).
 */
public final class ConditionalCrystalSamplerNodeFactory
    extends InvdesNodeFactory<ConditionalCrystalSamplerNodeModel> {

  @Override
  public ConditionalCrystalSamplerNodeModel createNodeModel() {
    return new ConditionalCrystalSamplerNodeModel();
  }

  @Override
  protected NodeDialogPane createDialog() {
    return new ConditionalCrystalSamplerNodeDialog();
  }
}
