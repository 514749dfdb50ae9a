package org.invdes.knime.sample;

import org.invdes.knime.OptionsDialog;

/** The dialog of the Conditional Crystal Sampler: its options, in order. */
final class ConditionalCrystalSamplerNodeDialog extends OptionsDialog {

  ConditionalCrystalSamplerNodeDialog() {
    super(new ConditionalCrystalSamplerSettings());
  }
}
