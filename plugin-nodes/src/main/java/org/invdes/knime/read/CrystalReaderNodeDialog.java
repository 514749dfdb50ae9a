package org.invdes.knime.read;

import org.invdes.knime.OptionsDialog;

/** The dialog of the Crystal Structure Reader: its options, in order. */
final class CrystalReaderNodeDialog extends OptionsDialog {

  CrystalReaderNodeDialog() {
    super(new CrystalReaderSettings());
  }
}
