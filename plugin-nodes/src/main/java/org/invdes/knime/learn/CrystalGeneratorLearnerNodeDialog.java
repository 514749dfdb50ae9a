package org.invdes.knime.learn;

import org.invdes.knime.OptionsDialog;

/** The dialog of the Crystal Generator Learner: its options, in order. */
final class CrystalGeneratorLearnerNodeDialog extends OptionsDialog {

  CrystalGeneratorLearnerNodeDialog() {
    super(new CrystalGeneratorLearnerSettings());
  }
}
