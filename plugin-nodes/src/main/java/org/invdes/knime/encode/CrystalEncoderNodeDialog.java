package org.invdes.knime.encode;

import org.invdes.knime.OptionsDialog;

/** The dialog of the Crystal Encoder: its options, in order. */
final class CrystalEncoderNodeDialog extends OptionsDialog {

  CrystalEncoderNodeDialog() {
    super(new CrystalEncoderSettings());
  }
}
