package org.invdes.knime.write;

import org.invdes.knime.OptionsDialog;

/** The dialog of the Crystal Structure Writer: its options, in order. */
final class CrystalWriterNodeDialog extends OptionsDialog {

  CrystalWriterNodeDialog() {
    super(new CrystalWriterSettings());
  }
}
