package org.invdes.knime.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invdes.core.encoding.CellChoice;
import org.invdes.core.encoding.DisorderPolicy;
import org.invdes.core.encoding.EncoderOptions;
import org.invdes.core.structure.Element;
import org.invdes.knime.NodeOptions;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** The options of the Crystal Encoder. */
public final class CrystalEncoderSettings extends NodeOptions {
  static final String REJECT = "Reject the structure";
  static final String MAJOR = "Encode the major element";
  static final String AS_GIVEN = "As given";
  static final String NIGGLI = "Niggli-reduced";
  /** The largest site budget the dialog accepts. */
  static final int MAX_SITES = 1000;

  final SettingsModelString structureColumn =
      option("structure_column", "Structure column").column("", 0, true, StringValue.class);
  final SettingsModelIntegerBounded maxSites =
      option("max_sites", "Maximum sites (0: the largest cell)").group("Layout")
          .integer(0, 0, MAX_SITES);
  final SettingsModelString elements =
      option("elements", "Elements (empty: those in the data)").group("Layout").text("");
  final SettingsModelBoolean occupancy =
      option("occupancy", "Occupancy channel").group("Layout").bool(false);
  final SettingsModelIntegerBounded fourier =
      option("fourier", "Fourier index bound (0: no Fourier features)").group("Layout")
          .integer(0, 0, EncoderOptions.MAX_FOURIER_INDEX);
  final SettingsModelString disorder =
      option("disorder", "Disordered sites").group("Structures").choice(REJECT, REJECT, MAJOR);
  final SettingsModelString cell =
      option("cell", "Cell").group("Structures").choice(AS_GIVEN, AS_GIVEN, NIGGLI);

  @Override
  protected void check() throws InvalidSettingsException {
    vocabulary();
    if (!REJECT.equals(disorder.getStringValue()) && !MAJOR.equals(disorder.getStringValue())) {
      throw new InvalidSettingsException("'Disordered sites' is '" + disorder.getStringValue()
          + "'; choose '" + REJECT + "' or '" + MAJOR + "'.");
    }
    if (!AS_GIVEN.equals(cell.getStringValue()) && !NIGGLI.equals(cell.getStringValue())) {
      throw new InvalidSettingsException("'Cell' is '" + cell.getStringValue() + "'; choose '"
          + AS_GIVEN + "' or '" + NIGGLI + "'.");
    }
  }

  @Override
  protected CrystalEncoderSettings newInstance() {
    return new CrystalEncoderSettings();
  }

  /**
   * @return the fixed vocabulary, or empty when it comes from the data
   * @throws InvalidSettingsException naming a symbol that is no element
   */
  Optional<List<Element>> vocabulary() throws InvalidSettingsException {
    String text = elements.getStringValue() == null ? "" : elements.getStringValue().trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<Element> out = new ArrayList<>();
    for (String symbol : text.split("[,;\\s]+")) {
      Optional<Element> e = Element.lookup(symbol);
      if (e.isEmpty()) {
        throw new InvalidSettingsException("'" + symbol + "' in 'Elements' is not an element"
            + " symbol; list symbols such as 'Sr, Ti, O' (case matters), or leave it empty.");
      }
      out.add(e.get());
    }
    return Optional.of(out);
  }

  /** @return the core's encoder options for these settings */
  EncoderOptions encoderOptions() throws InvalidSettingsException {
    EncoderOptions.Builder b = EncoderOptions.builder()
        .optOccupancyChannel(occupancy.getBooleanValue())
        .optDisorderPolicy(MAJOR.equals(disorder.getStringValue()) ? DisorderPolicy.MAJOR_ELEMENT
            : DisorderPolicy.REJECT)
        .optCellChoice(NIGGLI.equals(cell.getStringValue()) ? CellChoice.NIGGLI
            : CellChoice.AS_GIVEN);
    if (maxSites.getIntValue() > 0) {
      b.optMaxSites(maxSites.getIntValue());
    }
    Optional<List<Element>> v = vocabulary();
    if (v.isPresent()) {
      b.optVocabulary(v.get());
    }
    if (fourier.getIntValue() > 0) {
      b.optFourier(fourier.getIntValue());
    }
    return b.build();
  }

  /** @return whether the layout (and so the output columns) is known without the data */
  boolean layoutFixed() throws InvalidSettingsException {
    return maxSites.getIntValue() > 0 && vocabulary().isPresent();
  }
}
