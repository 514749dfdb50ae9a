package org.invdes.knime.metrics;

import org.invdes.knime.OptionsDialog;

/** The dialog of Generation Metrics: its options, in order. */
final class GenerationMetricsNodeDialog extends OptionsDialog {

  GenerationMetricsNodeDialog() {
    super(new GenerationMetricsSettings());
  }
}
