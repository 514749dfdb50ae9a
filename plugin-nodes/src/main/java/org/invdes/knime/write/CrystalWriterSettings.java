package org.invdes.knime.write;

import org.invdes.knime.NodeOptions;
import org.knime.core.data.DataValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** The options of the Crystal Structure Writer. */
public final class CrystalWriterSettings extends NodeOptions {
  /** CIF, one data block in space group P 1 per file. */
  static final String CIF = "CIF";
  /** VASP POSCAR (VASP 5 format, direct coordinates). */
  static final String POSCAR = "POSCAR";

  final SettingsModelString structureColumn =
      option("structure_column", "Structure column").column("", 0, true, StringValue.class);
  final SettingsModelString nameColumn =
      option("name_column", "File name column").optionalColumn(0, DataValue.class);
  final SettingsModelString folder = option("folder", "Output folder").path("", true, true);
  final SettingsModelString format = option("format", "Format").choice(CIF, CIF, POSCAR);
  final SettingsModelBoolean overwrite =
      option("overwrite", "Overwrite existing files").bool(false);

  @Override
  protected void check() throws InvalidSettingsException {
    if (!CIF.equals(format.getStringValue()) && !POSCAR.equals(format.getStringValue())) {
      throw new InvalidSettingsException("'Format' is '" + format.getStringValue()
          + "'; choose CIF or POSCAR.");
    }
  }

  @Override
  protected CrystalWriterSettings newInstance() {
    return new CrystalWriterSettings();
  }

  /** @return the file extension of the chosen format */
  String extension() {
    return POSCAR.equals(format.getStringValue()) ? ".vasp" : ".cif";
  }
}
