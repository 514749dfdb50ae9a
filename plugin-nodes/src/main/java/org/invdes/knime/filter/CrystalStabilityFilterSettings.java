package org.invdes.knime.filter;

import org.invdes.core.stability.CovalentDistanceCheck;
import org.invdes.core.stability.EnergyAboveHullCheck;
import org.invdes.core.stability.GeometricValidity;
import org.invdes.knime.NodeOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The options of the Crystal Stability Filter. The formation-energy surrogate's options (those of
 * {@code invdes filter --surrogate MODEL [--surrogate-decides]}) were added in 0.3.0: older
 * settings load without a surrogate. Its folder and the "decides" box are enabled only while
 * "Use a formation-energy surrogate" is ticked (so an empty folder is fine without one).
 */
public final class CrystalStabilityFilterSettings extends NodeOptions {
  /** The plug-in version that added the surrogate options. */
  static final String SURROGATE_ADDED = "0.3.0";
  private static final String SURROGATE_GROUP = "Formation-energy surrogate";
  /** The largest thread count the dialog accepts. */
  static final int MAX_THREADS = 256;

  final SettingsModelString structureColumn =
      option("structure_column", "Structure column").column("", 0, true, StringValue.class);
  final SettingsModelBoolean geometric =
      option("geometric", "Geometric validity").group("Geometry").bool(true);
  final SettingsModelDoubleBounded minDistance =
      option("min_distance", "Minimum distance (Å)").group("Geometry")
          .number(GeometricValidity.DEFAULT_MIN_DISTANCE_ANGSTROM, 0, 10, 0.05);
  final SettingsModelDoubleBounded minVolume =
      option("min_volume", "Minimum volume (Å³)").group("Geometry")
          .number(GeometricValidity.DEFAULT_MIN_VOLUME_A3, 0, 1e4, 0.1);
  final SettingsModelBoolean covalent =
      option("covalent", "Covalent distances").group("Geometry").bool(true);
  final SettingsModelDoubleBounded covalentFactor =
      option("covalent_factor", "Fraction of the covalent radii sum").group("Geometry")
          .number(CovalentDistanceCheck.DEFAULT_FACTOR, 0.01, 2, 0.05);
  final SettingsModelBoolean composition =
      option("composition", "Composition validity").group("Composition").bool(true);
  final SettingsModelBoolean pauling =
      option("pauling", "Electronegativity test").group("Composition").bool(true);
  final SettingsModelBoolean alloys =
      option("alloys", "Alloys are valid").group("Composition").bool(true);
  final SettingsModelString energyColumn =
      option("energy_column", "Formation energy column (candidates)")
          .group("Energy above hull (with a reference table)")
          .optionalColumn(0, DoubleValue.class);
  final SettingsModelString referenceStructureColumn =
      option("reference_structure_column", "Reference structure column")
          .group("Energy above hull (with a reference table)")
          .column("", 1, false, StringValue.class);
  final SettingsModelString referenceEnergyColumn =
      option("reference_energy_column", "Formation energy column (reference)")
          .group("Energy above hull (with a reference table)")
          .column("", 1, false, DoubleValue.class);
  final SettingsModelDoubleBounded threshold =
      option("e_hull_threshold", "Energy above hull threshold (eV/atom)")
          .group("Energy above hull (with a reference table)")
          .number(EnergyAboveHullCheck.DEFAULT_THRESHOLD_EV_PER_ATOM, -10, 10, 0.01);
  final SettingsModelBoolean useSurrogate =
      option("use_surrogate", "Use a formation-energy surrogate").group(SURROGATE_GROUP)
          .addedIn(SURROGATE_ADDED).bool(false);
  final SettingsModelString surrogate =
      option("surrogate", "Surrogate model folder").group(SURROGATE_GROUP)
          .addedIn(SURROGATE_ADDED).path("", false, true);
  final SettingsModelBoolean surrogateDecides =
      option("surrogate_decides", "The surrogate decides (also for candidates with an energy)")
          .group(SURROGATE_GROUP).addedIn(SURROGATE_ADDED).bool(false);
  final SettingsModelBoolean rejectDuplicates =
      option("reject_duplicates", "Reject duplicates").group("Duplicates and novelty")
          .addedIn("0.2.0").bool(true);
  final SettingsModelBoolean rejectKnown =
      option("reject_known", "Reject known structures (with a reference table)")
          .group("Duplicates and novelty").addedIn("0.2.0").bool(true);
  final SettingsModelIntegerBounded threads =
      option("threads", "Threads (0: one per processor)").integer(0, 0, MAX_THREADS);

  /** Options with the surrogate's folder and box enabled only when a surrogate is used. */
  CrystalStabilityFilterSettings() {
    useSurrogate.addChangeListener(e -> loaded());
    loaded();
  }

  /** The surrogate's folder and box follow "Use a formation-energy surrogate". */
  @Override
  public void loaded() {
    surrogate.setEnabled(useSurrogate.getBooleanValue());
    surrogateDecides.setEnabled(useSurrogate.getBooleanValue());
  }

  @Override
  protected void check() throws InvalidSettingsException {
    if (useSurrogate.getBooleanValue() && (surrogate.getStringValue() == null
        || surrogate.getStringValue().isBlank())) {
      throw new InvalidSettingsException("'Use a formation-energy surrogate' is ticked but no"
          + " 'Surrogate model folder' is chosen; choose the folder 'invdes train-surrogate'"
          + " wrote, or untick the box.");
    }
  }

  @Override
  protected CrystalStabilityFilterSettings newInstance() {
    return new CrystalStabilityFilterSettings();
  }

  /** @return the number of threads to use */
  int threadCount() {
    int t = threads.getIntValue();
    return t > 0 ? t : Runtime.getRuntime().availableProcessors();
  }
}
