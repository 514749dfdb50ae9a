package org.invdes.knime.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invdes.core.sampling.DiffusionSampler;
import org.invdes.core.structure.Element;
import org.invdes.knime.NodeOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The options of the Conditional Crystal Sampler (those of {@code invdes sample}). Temperature,
 * tolerance and the mean cell (added in 0.3.0) apply to a conditional VAE; the diffusion steps,
 * guidance and corrector step, the minimum-distance step (strength, start, overlap radius) and
 * the greedy types to a diffusion generator (all added in 0.3.0; older settings load with the
 * generator's steps, guidance and corrector step and the sampler's defaults {@link
 * DiffusionSampler.Repulsion#DEFAULT} and {@link DiffusionSampler#DEFAULT_GREEDY_TYPES}); a
 * value that does not apply to the connected generator is ignored with a warning. Drawing the
 * conditions of untargeted samples from the training rows ({@code invdes sample
 * --draw-conditions}, {@link DiffusionSampler#withDrawnConditions(boolean)}; diffusion only, added
 * in 0.3.0) is off by default and in settings saved without it, which sampled unconditionally.
 */
public final class ConditionalCrystalSamplerSettings extends NodeOptions {
  /** The guidance value meaning "the generator's default". */
  static final double DEFAULT_GUIDANCE = -1;
  /** The corrector step value meaning "the generator's default". */
  static final double DEFAULT_CORRECTOR_STEP = -1;
  /** The largest corrector step the diffusion sampler accepts. */
  static final double MAX_CORRECTOR_STEP = 0.01;
  /** The label of the option drawing untargeted samples' conditions from the training rows. */
  static final String DRAW_CONDITIONS = "Diffusion: draw conditions from the training rows";
  /** The most structures per target set the dialog accepts. */
  static final int MAX_COUNT = 10_000_000;

  final SettingsModelIntegerBounded count =
      option("count", "Structures per target set").integer(100, 1, MAX_COUNT);
  final SettingsModelString targets =
      option("targets", "Targets (name=value, comma-separated)")
          .group("Without a targets table").text("");
  final SettingsModelString elements =
      option("elements", "Allowed elements (comma-separated; empty: any)")
          .group("Without a targets table").text("");
  final SettingsModelBoolean chemicalSystem =
      option("chemical_system", "Exactly these elements (chemical system)")
          .group("Without a targets table").bool(false);
  final SettingsModelDoubleBounded temperature =
      option("temperature", "Temperature").group("Sampling").number(1.0, 0.01, 10, 0.1);
  final SettingsModelBoolean meanLattice =
      option("mean_lattice", "CVAE: mean cell (no lattice draw)").group("Sampling")
          .addedIn("0.3.0").bool(false);
  final SettingsModelDoubleBounded tolerance =
      option("tolerance", "Tolerance on the targets (0: keep every sample)").group("Sampling")
          .number(0, 0, 1e9, 0.01);
  final SettingsModelIntegerBounded diffusionSteps =
      option("diffusion_steps", "Diffusion: sampling steps (0: the generator's default)")
          .group("Sampling").addedIn("0.3.0").integer(0, 0, 100_000);
  final SettingsModelDoubleBounded diffusionGuidance =
      option("diffusion_guidance", "Diffusion: guidance strength (-1: the generator's default)")
          .group("Sampling").addedIn("0.3.0").number(DEFAULT_GUIDANCE, -1, 20, 0.1);
  final SettingsModelDoubleBounded diffusionCorrectorStep =
      option("diffusion_corrector_step",
          "Diffusion: corrector step (-1: the generator's default)").group("Sampling")
          .addedIn("0.3.0")
          .number(DEFAULT_CORRECTOR_STEP, -1, MAX_CORRECTOR_STEP, 1e-6);
  final SettingsModelDoubleBounded diffusionMinDistance =
      option("diffusion_min_distance", "Diffusion: minimum-distance step (0: off)")
          .group("Sampling").addedIn("0.3.0")
          .number(DiffusionSampler.Repulsion.DEFAULT.strength(), 0, 1, 0.1);
  final SettingsModelDoubleBounded diffusionMinDistanceStart =
      option("diffusion_min_distance_start", "Diffusion: minimum-distance start (fraction of T)")
          .group("Sampling").addedIn("0.3.0")
          .number(DiffusionSampler.Repulsion.DEFAULT.startFraction(), 0, 1, 0.05);
  final SettingsModelDoubleBounded diffusionOverlapRadius =
      option("diffusion_overlap_radius", "Diffusion: overlap radius (x covalent radii)")
          .group("Sampling").addedIn("0.3.0")
          .number(DiffusionSampler.Repulsion.DEFAULT.radiusScale(), 0, 2, 0.05);
  final SettingsModelDoubleBounded diffusionGreedyTypes =
      option("diffusion_greedy_types", "Diffusion: greedy types from (fraction of T)")
          .group("Sampling").addedIn("0.3.0")
          .number(DiffusionSampler.DEFAULT_GREEDY_TYPES, 0, 1, 0.05);
  final SettingsModelBoolean diffusionDrawConditions =
      option("diffusion_draw_conditions", DRAW_CONDITIONS).group("Sampling").addedIn("0.3.0")
          .bool(false);
  final SettingsModelIntegerBounded seed =
      option("seed", "Seed").group("Sampling").integer(0, 0, Integer.MAX_VALUE);
  final SettingsModelIntegerBounded threads =
      option("threads", "Threads (0: one per processor)").group("Sampling")
          .integer(0, 0, 1024);

  @Override
  protected void check() throws InvalidSettingsException {
    double g = diffusionGuidance.getDoubleValue();
    if (g != DEFAULT_GUIDANCE && g < 0) {
      throw new InvalidSettingsException("'Diffusion: guidance strength' is " + g + "; set -1"
          + " for the generator's default or a strength from 0 (no guidance) to 20.");
    }
    double c = diffusionCorrectorStep.getDoubleValue();
    if (c != DEFAULT_CORRECTOR_STEP && c < 0) {
      throw new InvalidSettingsException("'Diffusion: corrector step' is " + c + "; set -1 for"
          + " the generator's default or a step size from 0 (predictor only) to "
          + MAX_CORRECTOR_STEP + ".");
    }
    if (!(diffusionMinDistanceStart.getDoubleValue() > 0)) {
      throw new InvalidSettingsException("'Diffusion: minimum-distance start' is "
          + diffusionMinDistanceStart.getDoubleValue() + "; set a fraction of the diffusion"
          + " times T above 0 and up to 1 (default "
          + DiffusionSampler.Repulsion.DEFAULT.startFraction() + "). To switch the step off,"
          + " set 'Diffusion: minimum-distance step' to 0 instead.");
    }
    if (!(diffusionOverlapRadius.getDoubleValue() > 0)) {
      throw new InvalidSettingsException("'Diffusion: overlap radius' is "
          + diffusionOverlapRadius.getDoubleValue() + "; set a factor on the sum of covalent"
          + " radii above 0 and up to 2 (default "
          + DiffusionSampler.Repulsion.DEFAULT.radiusScale() + "). To switch the step off,"
          + " set 'Diffusion: minimum-distance step' to 0 instead.");
    }
    repulsion();
    targetMap();
    List<Element> e = elementList("Allowed elements (comma-separated; empty: any)",
        elements.getStringValue());
    if (chemicalSystem.getBooleanValue() && e.isEmpty()) {
      throw new InvalidSettingsException("'Exactly these elements (chemical system)' needs the"
          + " elements: list them in 'Allowed elements', e.g. Sr, Ti, O.");
    }
  }

  @Override
  protected ConditionalCrystalSamplerSettings newInstance() {
    return new ConditionalCrystalSamplerSettings();
  }

  /**
   * @return the targets typed in, by property, in order
   * @throws InvalidSettingsException naming an entry that is not {@code name=number}
   */
  Map<String, Double> targetMap() throws InvalidSettingsException {
    Map<String, Double> out = new LinkedHashMap<>();
    String text = targets.getStringValue();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq < 0 ? "" : entry.substring(0, eq).strip();
      double value;
      try {
        value = Double.parseDouble(entry.substring(eq + 1).strip());
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        value = Double.NaN;
      }
      if (name.isEmpty() || !Double.isFinite(value)) {
        throw new InvalidSettingsException("'Targets' holds '" + entry.strip() + "', which is"
            + " not name=number; write e.g. heat_ref=0.6, band_gap=1.5.");
      }
      if (out.put(name, value) != null) {
        throw new InvalidSettingsException("'Targets' names '" + name + "' twice; give each"
            + " property one target.");
      }
    }
    return out;
  }

  /**
   * @param what where the list comes from, for messages
   * @param text symbols separated by commas, spaces or dashes (e.g. "Sr,Ti,O" or "Sr-Ti-O")
   * @return the elements, in order, without repeats
   * @throws InvalidSettingsException naming a symbol that is no element
   */
  static List<Element> elementList(String what, String text) throws InvalidSettingsException {
    List<Element> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String symbol : text.split("[,\\s\\-]+")) {
      if (symbol.isEmpty()) {
        continue;
      }
      Element e = Element.lookup(symbol).orElseThrow(() -> new InvalidSettingsException(
          what + ": '" + symbol + "' is not an element symbol; write symbols such as Sr, Ti,"
              + " O."));
      if (!out.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * @return the minimum-distance step of the options
   * @throws InvalidSettingsException when the core refuses the values (outside the bounds
   *     {@link #check()} enforces), naming the options
   */
  DiffusionSampler.Repulsion repulsion() throws InvalidSettingsException {
    try {
      return new DiffusionSampler.Repulsion(diffusionMinDistance.getDoubleValue(),
          diffusionMinDistanceStart.getDoubleValue(), diffusionOverlapRadius.getDoubleValue());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The minimum-distance options are refused: "
          + e.getMessage() + "; change 'Diffusion: minimum-distance step', 'Diffusion:"
          + " minimum-distance start' or 'Diffusion: overlap radius'.", e);
    }
  }

  /** @return the number of threads to use */
  int threadCount() {
    int t = threads.getIntValue();
    return t > 0 ? t : Runtime.getRuntime().availableProcessors();
  }
}
