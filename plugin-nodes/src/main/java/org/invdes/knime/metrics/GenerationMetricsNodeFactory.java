package org.invdes.knime.metrics;

import org.invdes.knime.InvdesNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Creates Generation Metrics (described in GenerationMetricsNodeFactory.xml). */
public final class GenerationMetricsNodeFactory
    extends InvdesNodeFactory<GenerationMetricsNodeModel> {

  @Override
  public GenerationMetricsNodeModel createNodeModel() {
    return new GenerationMetricsNodeModel();
  }

  @Override
  protected NodeDialogPane createDialog() {
    return new GenerationMetricsNodeDialog();
  }
}
