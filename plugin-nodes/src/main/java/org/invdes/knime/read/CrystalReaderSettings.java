package org.invdes.knime.read;

import org.invdes.core.io.ReadOptions;
import org.invdes.knime.NodeOptions;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** The options of the Crystal Structure Reader. */
public final class CrystalReaderSettings extends NodeOptions {
  /** The file or folder to read. */
  final SettingsModelString location = option("location", "Location").path("", false, false);
  /** Whether a folder's sub-folders are read too. */
  final SettingsModelBoolean recursive = option("recursive", "Include sub-folders").bool(false);
  /** Strict (first problem is an error) or relaxed reading. */
  final SettingsModelBoolean strict = option("strict", "Strict reading").group("Reading")
      .bool(false);
  /** Atoms closer than this are merged into one site, Å. */
  final SettingsModelDoubleBounded mergeTolerance =
      option("merge_tolerance", "Merge tolerance (Å)").group("Reading")
          .number(ReadOptions.relaxed().mergeTolerance(), 0.0, 1.0, 0.005);

  @Override
  protected CrystalReaderSettings newInstance() {
    return new CrystalReaderSettings();
  }

  /** @return the core's read options for these settings */
  ReadOptions readOptions() {
    return ReadOptions.relaxed().withStrict(strict.getBooleanValue())
        .withMergeTolerance(mergeTolerance.getDoubleValue());
  }
}
