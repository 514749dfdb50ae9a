package org.invdes.knime.filter;

import org.invdes.knime.OptionsDialog;

/** The dialog of the Crystal Stability Filter: its options, in order. */
final class CrystalStabilityFilterNodeDialog extends OptionsDialog {

  CrystalStabilityFilterNodeDialog() {
    super(new CrystalStabilityFilterSettings());
  }
}
