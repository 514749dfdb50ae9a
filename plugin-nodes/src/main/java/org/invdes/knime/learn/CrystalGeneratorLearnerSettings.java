package org.invdes.knime.learn;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.encoding.CellChoice;
import org.invdes.core.model.CheckpointSelection;
import org.invdes.core.model.CvaeConfig;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.sampling.ValiditySelection;
import org.invdes.knime.NodeOptions;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The options of the Crystal Generator Learner: those of {@code invdes train}, with the same
 * defaults, and the generator type: {@value #CVAE} (options of {@link CvaeConfig#defaults()}) or
 * {@value #DIFFUSION} ({@code invdes train --generator diffusion}, options of {@link
 * DiffusionConfig#defaults()}). The options of the type not chosen are disabled (a listener on
 * the type keeps them so, in the node model and in the dialog); options shared by both (columns,
 * validation fraction, site budget, seed, threads) stay enabled. The diffusion options were
 * added in 0.3.0: older settings lack them and load with the defaults (and the CVAE). Among
 * them, type loss, atom-count input, EMA decay and atom-count batches ({@code --type-loss},
 * {@code --atom-count-input}, {@code --ema-decay}, {@code --atom-count-batches}) came last:
 * settings saved without them load with {@link DiffusionConfig#defaults()}' values, with which
 * the learner trained before it offered them (cross-entropy, no atom-count input, no weight
 * average, batches of one atom count each). Element features ({@code --element-features}),
 * self-conditioning ({@code --self-condition}) and the mask exponent ({@code --mask-exponent})
 * came after them: settings saved without them load with element features and
 * self-conditioning off and the mask exponent 1, as the learner trained before. The choice of
 * the kept epoch by the validity of samples ({@code --select-by-validity} and its options, {@link
 * #selection}) came after those: settings saved without it load with it off, keeping the epoch
 * of the lowest validation loss as the learner did before.
 *
 * <p>With a starting generator (the node's optional second input, {@code invdes train
 * --init-from}), training goes on from it ({@link #diffusionConfig(DiffusionConfig, int)}): the
 * diffusion options a user set away from their defaults override its hyper-parameters, the
 * others take its values (KNIME saves every value, so "set away from the default" stands for
 * the CLI's "given on the command line"); validation fraction, seed and threads are always the
 * node's, and empty 'Properties' means the starting generator's properties. Type loss,
 * atom-count input, element features and self-conditioning cannot change: set away from their
 * defaults they must match the start's ({@link org.invdes.core.model.DiffusionTrainer#checkStart}
 * refuses them otherwise); the mask exponent may change, as the other options.
 */
public final class CrystalGeneratorLearnerSettings extends NodeOptions {
  /** The conditional VAE generator. */
  static final String CVAE = "CVAE (conditional variational autoencoder)";
  /** The periodic diffusion generator. */
  static final String DIFFUSION = "Diffusion (periodic denoising diffusion)";
  /** The plug-in version that added the diffusion generator's options. */
  static final String DIFFUSION_ADDED = "0.3.0";
  /** Type loss: cross-entropy on the logits of the clean type ({@code crossEntropy}). */
  static final String CROSS_ENTROPY = "Cross-entropy";
  /** Type loss: the noise, DiffCSP's mean squared error ({@code epsilon}). */
  static final String EPSILON = "Epsilon (DiffCSP)";
  /** Type loss: absorbing type diffusion ({@code masked}). */
  static final String MASKED = "Masked (absorbing)";
  /** Each training crystal's cell as given. */
  static final String AS_GIVEN = "As given";
  /** Each training crystal's Niggli-reduced cell ({@code invdes train --niggli}). */
  static final String NIGGLI = "Niggli-reduced";
  private static final CvaeConfig D = CvaeConfig.defaults();
  private static final DiffusionConfig DD = DiffusionConfig.defaults();
  private static final String CVAE_GROUP = "CVAE generator";
  private static final String DIFFUSION_GROUP = "Diffusion generator";
  private static final String SELECTION_GROUP = "Diffusion generator: epoch kept by validity";
  /** Epochs between scored checkpoints by default, as {@code invdes train --select-every}. */
  static final int SELECT_EVERY = 10;
  /**
   * The least mask exponent the option offers: core takes any value above 0, the settings model
   * needs a closed range.
   */
  private static final double MASK_EXPONENT_MIN = 0.01;

  final SettingsModelString structureColumn =
      option("structure_column", "Structure column").column("", 0, true, StringValue.class);
  final SettingsModelString properties =
      option("properties", "Properties (comma-separated columns; empty: every numeric column)")
          .text("");
  final SettingsModelString generatorType =
      option("generator_type", "Generator type").choice(CVAE, CVAE, DIFFUSION);
  final SettingsModelIntegerBounded epochs =
      option("epochs", "Epochs (most)").group(CVAE_GROUP).integer(D.maxEpochs(), 1, 100_000);
  final SettingsModelIntegerBounded latent =
      option("latent", "Latent size").group(CVAE_GROUP).integer(D.latentDim(), 1, 1024);
  final SettingsModelIntegerBounded hidden =
      option("hidden", "Hidden units per layer").group(CVAE_GROUP)
          .integer(D.hiddenDim(), 1, 8192);
  final SettingsModelIntegerBounded batch =
      option("batch", "Batch size (rows)").group(CVAE_GROUP).integer(D.batchSize(), 1, 65_536);
  final SettingsModelDoubleBounded learningRate =
      option("learning_rate", "Learning rate").group(CVAE_GROUP)
          .number(D.learningRate(), 1e-9, 1, 1e-4);
  final SettingsModelDoubleBounded beta =
      option("beta", "KL weight (beta)").group(CVAE_GROUP).number(D.beta(), 0, 1000, 0.05);
  final SettingsModelIntegerBounded patience =
      option("patience", "Early-stopping patience (epochs)").group(CVAE_GROUP)
          .integer(D.patience(), 1, 100_000);
  final SettingsModelIntegerBounded diffusionEpochs =
      option("diffusion_epochs", "Diffusion: epochs (most)").group(DIFFUSION_GROUP)
          .addedIn(DIFFUSION_ADDED).integer(DD.maxEpochs(), 1, 100_000);
  final SettingsModelIntegerBounded diffusionHidden =
      option("diffusion_hidden", "Diffusion: hidden units").group(DIFFUSION_GROUP)
          .addedIn(DIFFUSION_ADDED).integer(DD.hiddenDim(), 1, 4096);
  final SettingsModelIntegerBounded diffusionLayers =
      option("diffusion_layers", "Diffusion: message-passing layers").group(DIFFUSION_GROUP)
          .addedIn(DIFFUSION_ADDED).integer(DD.layers(), 1, 32);
  final SettingsModelIntegerBounded diffusionBatch =
      option("diffusion_batch", "Diffusion: batch size (rows)").group(DIFFUSION_GROUP)
          .addedIn(DIFFUSION_ADDED).integer(DD.batchSize(), 1, 65_536);
  final SettingsModelDoubleBounded diffusionLearningRate =
      option("diffusion_learning_rate", "Diffusion: learning rate").group(DIFFUSION_GROUP)
          .addedIn(DIFFUSION_ADDED).number(DD.learningRate(), 1e-9, 1, 1e-4);
  final SettingsModelIntegerBounded diffusionPatience =
      option("diffusion_patience", "Diffusion: early-stopping patience (epochs)")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED).integer(DD.patience(), 1, 100_000);
  final SettingsModelIntegerBounded diffusionTimesteps =
      option("diffusion_timesteps", "Diffusion: diffusion times (T)").group(DIFFUSION_GROUP)
          .addedIn(DIFFUSION_ADDED).integer(DD.timesteps(), 2, 100_000);
  final SettingsModelIntegerBounded diffusionSampleSteps =
      option("diffusion_sample_steps", "Diffusion: default sampling steps")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED).integer(DD.sampleSteps(), 1, 100_000);
  final SettingsModelDoubleBounded diffusionGuidance =
      option("diffusion_guidance", "Diffusion: default guidance strength")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED).number(DD.guidance(), 0, 20, 0.1);
  final SettingsModelDoubleBounded diffusionConditionDropout =
      option("diffusion_condition_dropout", "Diffusion: condition dropout")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED)
          .number(DD.conditionDropout(), 0, 0.99, 0.05);
  final SettingsModelString diffusionTypeLoss =
      option("diffusion_type_loss", "Diffusion: type loss").group(DIFFUSION_GROUP)
          .addedIn(DIFFUSION_ADDED).choice(typeLossLabel(DD.typeLoss()), CROSS_ENTROPY, EPSILON,
              MASKED);
  final SettingsModelBoolean diffusionAtomCountInput =
      option("diffusion_atom_count_input", "Diffusion: the denoiser sees each cell's atom count")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED).bool(DD.atomCountInput());
  final SettingsModelBoolean diffusionElementFeatures =
      option("diffusion_element_features", "Diffusion: element features")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED).bool(DD.elementFeatures());
  final SettingsModelBoolean diffusionSelfCondition =
      option("diffusion_self_condition", "Diffusion: self-conditioning")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED).bool(DD.selfCondition());
  final SettingsModelDoubleBounded diffusionMaskExponent =
      option("diffusion_mask_exponent", "Diffusion: mask exponent (masked types)")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED)
          .number(DD.maskExponent(), MASK_EXPONENT_MIN, 10, 0.1);
  final SettingsModelDoubleBounded diffusionEmaDecay =
      option("diffusion_ema_decay", "Diffusion: EMA decay of the weights (0: none)")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED)
          .number(DD.emaDecay(), 0, 0.99999, 0.001);
  final SettingsModelBoolean diffusionAtomCountBatches =
      option("diffusion_atom_count_batches", "Diffusion: batches of one atom count each")
          .group(DIFFUSION_GROUP).addedIn(DIFFUSION_ADDED).bool(DD.atomCountBatches());
  final SettingsModelIntegerBounded diffusionSelectSamples =
      option("diffusion_select_samples", "Diffusion: keep the epoch by validity of N samples"
          + " (0: lowest validation loss)").group(SELECTION_GROUP).addedIn(DIFFUSION_ADDED)
          .integer(0, 0, 1_000_000);
  final SettingsModelIntegerBounded diffusionSelectEvery =
      option("diffusion_select_every", "Diffusion: keep the epoch by validity: every K epochs")
          .group(SELECTION_GROUP).addedIn(DIFFUSION_ADDED).integer(SELECT_EVERY, 1, 100_000);
  final SettingsModelIntegerBounded diffusionSelectFrom =
      option("diffusion_select_from", "Diffusion: keep the epoch by validity: from epoch"
          + " (0: half of the epochs)").group(SELECTION_GROUP).addedIn(DIFFUSION_ADDED)
          .integer(0, 0, 100_000);
  final SettingsModelIntegerBounded diffusionSelectSteps =
      option("diffusion_select_steps", "Diffusion: keep the epoch by validity: sampling steps"
          + " (0: the generator's)").group(SELECTION_GROUP).addedIn(DIFFUSION_ADDED)
          .integer(0, 0, 100_000);
  final SettingsModelDoubleBounded diffusionSelectGuidance =
      option("diffusion_select_guidance", "Diffusion: keep the epoch by validity: guidance"
          + " (negative: the generator's)").group(SELECTION_GROUP).addedIn(DIFFUSION_ADDED)
          .number(-1, -1, 20, 0.1);
  final SettingsModelDoubleBounded diffusionSelectMaxDensityEmd =
      option("diffusion_select_max_density_emd", "Diffusion: keep the epoch by validity: max"
          + " density EMD g/cm³ (0: no bound)").group(SELECTION_GROUP).addedIn(DIFFUSION_ADDED)
          .number(0, 0, 100, 0.05);
  final SettingsModelDoubleBounded validation =
      option("validation", "Validation fraction").group("Data")
          .number(D.validationFraction(), 0, 0.5, 0.05);
  final SettingsModelIntegerBounded maxSites =
      option("max_sites", "Maximum sites (0: the largest cell)").group("Data")
          .integer(0, 0, 1000);
  final SettingsModelString cell =
      option("cell", "Cell").group("Data").addedIn(DIFFUSION_ADDED)
          .choice(AS_GIVEN, AS_GIVEN, NIGGLI);
  final SettingsModelIntegerBounded seed =
      option("seed", "Seed").group("Reproducibility").integer((int) D.seed(), 0,
          Integer.MAX_VALUE);
  final SettingsModelIntegerBounded threads =
      option("threads", "Threads (0: one per processor)").group("Reproducibility")
          .integer(0, 0, 1024);

  /** Options and the generator type they belong to. */
  CrystalGeneratorLearnerSettings() {
    generatorType.addChangeListener(e -> enableForType());
    enableForType();
  }

  /** After loading: the enabled options follow the generator type. */
  @Override
  public void loaded() {
    enableForType();
  }

  /** Enables the chosen generator's options and disables the other's. */
  private void enableForType() {
    boolean diffusion = isDiffusion();
    for (SettingsModel m : List.of(epochs, latent, hidden, batch, learningRate, beta,
        patience)) {
      m.setEnabled(!diffusion);
    }
    for (SettingsModel m : List.of(diffusionEpochs, diffusionHidden, diffusionLayers,
        diffusionBatch, diffusionLearningRate, diffusionPatience, diffusionTimesteps,
        diffusionSampleSteps, diffusionGuidance, diffusionConditionDropout, diffusionTypeLoss,
        diffusionAtomCountInput, diffusionElementFeatures, diffusionSelfCondition,
        diffusionMaskExponent, diffusionEmaDecay, diffusionAtomCountBatches,
        diffusionSelectSamples, diffusionSelectEvery, diffusionSelectFrom, diffusionSelectSteps,
        diffusionSelectGuidance, diffusionSelectMaxDensityEmd)) {
      m.setEnabled(diffusion);
    }
  }

  /** @return true when the diffusion generator is chosen */
  boolean isDiffusion() {
    return DIFFUSION.equals(generatorType.getStringValue());
  }

  @Override
  protected void check() throws InvalidSettingsException {
    String type = generatorType.getStringValue();
    if (!CVAE.equals(type) && !DIFFUSION.equals(type)) {
      throw new InvalidSettingsException("'Generator type' is '" + type + "', which this"
          + " version does not know; choose '" + CVAE + "' or '" + DIFFUSION + "'.");
    }
    propertyList();
    if (!AS_GIVEN.equals(cell.getStringValue()) && !NIGGLI.equals(cell.getStringValue())) {
      throw new InvalidSettingsException("'Cell' is '" + cell.getStringValue() + "'; choose '"
          + AS_GIVEN + "' or '" + NIGGLI + "'.");
    }
    typeLoss();
    if (isDiffusion()) {
      // left at its default, the type loss may be a starting generator's (configure checks the
      // mask exponent against it, checkTypeOptions); without a start configure builds the
      // configuration of these options as they are
      diffusionConfig(!changed(diffusionTypeLoss) && changed(diffusionMaskExponent)
          ? DiffusionConfig.TypeLoss.MASKED : typeLoss());
    } else {
      config();
    }
  }

  @Override
  protected CrystalGeneratorLearnerSettings newInstance() {
    return new CrystalGeneratorLearnerSettings();
  }

  /**
   * @return the property columns typed in, in order, without blanks; empty for "every numeric
   *     column"
   * @throws InvalidSettingsException if a name repeats
   */
  List<String> propertyList() throws InvalidSettingsException {
    List<String> out = new ArrayList<>();
    String text = properties.getStringValue();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String p : text.split(",")) {
      String name = p.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (out.contains(name)) {
        throw new InvalidSettingsException("'Properties' names '" + name + "' twice; list each"
            + " property column once.");
      }
      out.add(name);
    }
    return out;
  }

  /**
   * @return the labels of the diffusion options and 'Cell' set away from their defaults, which
   *     override a starting generator's hyper-parameters (in dialog order)
   */
  List<String> overridingOptions() {
    List<SettingsModel> overriding = new ArrayList<>(hyperParameterOptions());
    overriding.add(cell);
    return changedLabels(overriding);
  }

  /**
   * @return for a conditional VAE, a warning naming the diffusion options set away from their
   *     defaults, which it ignores; null for a diffusion generator or when there are none
   */
  String ignoredDiffusionOptions() {
    List<String> ignored = isDiffusion() ? List.of() : changedLabels(diffusionOptions());
    if (ignored.isEmpty()) {
      return null;
    }
    List<String> quoted = ignored.stream().map(l -> "'" + l + "'").toList();
    boolean many = quoted.size() > 1;
    return String.join(" and ", quoted) + (many ? " do" : " does") + " not apply to a"
        + " conditional VAE and " + (many ? "are" : "is") + " ignored; reset "
        + (many ? "them" : "it") + " to silence this";
  }

  /**
   * @return for a diffusion generator that keeps the epoch of the lowest validation loss, a
   *     warning naming the options of the kept epoch by validity set away from their defaults,
   *     which then do not apply ({@code invdes train} refuses them without {@code
   *     --select-by-validity}); null otherwise or when there are none
   */
  String ignoredSelectionOptions() {
    if (!isDiffusion() || selectsByValidity()) {
      return null;
    }
    List<String> ignored = changedLabels(List.of(diffusionSelectEvery, diffusionSelectFrom,
        diffusionSelectSteps, diffusionSelectGuidance, diffusionSelectMaxDensityEmd));
    if (ignored.isEmpty()) {
      return null;
    }
    List<String> quoted = ignored.stream().map(l -> "'" + l + "'").toList();
    boolean many = quoted.size() > 1;
    return String.join(" and ", quoted) + (many ? " apply" : " applies") + " only when"
        + " 'Diffusion: keep the epoch by validity of N samples (0: lowest validation loss)' is"
        + " above 0 and " + (many ? "are" : "is") + " ignored; set N or reset "
        + (many ? "them" : "it") + " to silence this";
  }

  /** The labels of the given options set away from their defaults, in dialog order. */
  private List<String> changedLabels(List<SettingsModel> models) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < options().size(); i++) {
      SettingsModel m = options().get(i).model();
      if (models.contains(m) && changed(m)) {
        out.add(options().get(i).label());
      }
    }
    return out;
  }

  /**
   * @return the options of the diffusion generator, in dialog order: its hyper-parameters and
   *     the choice of the kept epoch
   */
  private List<SettingsModel> diffusionOptions() {
    List<SettingsModel> out = new ArrayList<>(hyperParameterOptions());
    out.addAll(List.of(diffusionSelectSamples, diffusionSelectEvery, diffusionSelectFrom,
        diffusionSelectSteps, diffusionSelectGuidance, diffusionSelectMaxDensityEmd));
    return out;
  }

  /** @return the diffusion options that are hyper-parameters of the generator, in order */
  private List<SettingsModel> hyperParameterOptions() {
    return List.of(diffusionEpochs, diffusionHidden, diffusionLayers, diffusionBatch,
        diffusionLearningRate, diffusionPatience, diffusionTimesteps, diffusionSampleSteps,
        diffusionGuidance, diffusionConditionDropout, diffusionTypeLoss, diffusionAtomCountInput,
        diffusionElementFeatures, diffusionSelfCondition, diffusionMaskExponent,
        diffusionEmaDecay, diffusionAtomCountBatches);
  }

  private static boolean sameValue(SettingsModel a, SettingsModel b) {
    if (a instanceof SettingsModelString x) {
      return x.getStringValue().equals(((SettingsModelString) b).getStringValue());
    }
    if (a instanceof SettingsModelBoolean x) {
      return x.getBooleanValue() == ((SettingsModelBoolean) b).getBooleanValue();
    }
    if (a instanceof SettingsModelIntegerBounded x) {
      return x.getIntValue() == ((SettingsModelIntegerBounded) b).getIntValue();
    }
    return ((SettingsModelDoubleBounded) a).getDoubleValue()
        == ((SettingsModelDoubleBounded) b).getDoubleValue();
  }

  /** @return true when the option holds another value than the node's default */
  private boolean changed(SettingsModel m) {
    int i = indexOf(m);
    return !sameValue(m, newInstance().options().get(i).model());
  }

  private int indexOf(SettingsModel m) {
    for (int i = 0; i < options().size(); i++) {
      if (options().get(i).model() == m) {
        return i;
      }
    }
    throw new IllegalArgumentException("not an option of the learner: " + m);
  }

  /**
   * Checks the options that must agree with a starting generator's, as far as they are known:
   * the denoiser size (hidden units and layers, when set away from their defaults; 0 for
   * unknown) and the site budget (when not 0).
   *
   * @throws InvalidSettingsException naming the option, the two values and what to do
   */
  void checkStart(int startHidden, int startLayers, int startSites)
      throws InvalidSettingsException {
    if (startHidden > 0 && changed(diffusionHidden)
        && diffusionHidden.getIntValue() != startHidden) {
      throw cannotChange("Diffusion: hidden units", diffusionHidden.getIntValue(),
          "a denoiser of " + startHidden + " hidden units", newInstance().diffusionHidden
              .getIntValue());
    }
    if (startLayers > 0 && changed(diffusionLayers)
        && diffusionLayers.getIntValue() != startLayers) {
      throw cannotChange("Diffusion: message-passing layers", diffusionLayers.getIntValue(),
          startLayers + " message-passing layers", newInstance().diffusionLayers
              .getIntValue());
    }
    if (maxSites.getIntValue() > 0 && maxSites.getIntValue() != startSites) {
      throw cannotChange("Maximum sites (0: the largest cell)", maxSites.getIntValue(),
          "an encoding of at most " + startSites + " sites", 0);
    }
  }

  /**
   * The type loss, atom-count input, element features and self-conditioning against a starting
   * generator's, as far as its spec records them (configure; {@link
   * org.invdes.core.model.DiffusionTrainer#checkStart} checks them again on the opened start
   * when the node executes, in the same order and with the same wording): an option left at its
   * default takes the start's value, one set away from it must equal the start's.
   *
   * @return the reason training cannot go on from the start, null when the options fit it
   */
  String typeProcessMismatch(DiffusionConfig.TypeLoss startLoss, boolean startCountInput,
      boolean startElementFeatures, boolean startSelfCondition)
      throws InvalidSettingsException {
    if (changed(diffusionTypeLoss) && typeLoss() != startLoss) {
      return "the starting model was trained with type loss " + startLoss.jsonName() + "; its"
          + " type inputs and outputs mean something else under " + typeLoss().jsonName()
          + ", so it cannot change";
    }
    if (changed(diffusionAtomCountInput)
        && diffusionAtomCountInput.getBooleanValue() != startCountInput) {
      return "the starting model's denoiser " + (startCountInput ? "sees" : "does not see")
          + " each cell's atom count; this is part of its size and cannot change";
    }
    if (changed(diffusionElementFeatures)
        && diffusionElementFeatures.getBooleanValue() != startElementFeatures) {
      return "the starting model's denoiser " + (startElementFeatures ? "sees" : "does not see")
          + " element descriptors; this is part of its size and cannot change";
    }
    if (changed(diffusionSelfCondition)
        && diffusionSelfCondition.getBooleanValue() != startSelfCondition) {
      return "the starting model's denoiser " + (startSelfCondition ? "is" : "is not")
          + " self-conditioned; this is part of its size and cannot change";
    }
    return null;
  }

  /**
   * Checks self-conditioning and the mask exponent against the type loss training will use: the
   * option's when set away from its default, else the starting generator's (as far as its spec
   * records it), with core's wording.
   *
   * @param startLoss the starting generator's type loss
   * @throws InvalidSettingsException naming what core refuses
   */
  void checkTypeOptions(DiffusionConfig.TypeLoss startLoss) throws InvalidSettingsException {
    diffusionConfig(changed(diffusionTypeLoss) ? typeLoss() : startLoss);
  }

  private static InvalidSettingsException cannotChange(String option, int value, String start,
      int def) {
    return new InvalidSettingsException("'" + option + "' is " + value + " but the starting"
        + " generator (second input) has " + start + ", which cannot change when training goes"
        + " on from it; set the option to its default (" + def + ") to take the starting"
        + " generator's, or disconnect the starting generator to train a new one.");
  }

  /**
   * The diffusion generator's training configuration when training goes on from a starting
   * generator ({@code invdes train --generator diffusion --init-from MODEL}): the start's
   * hyper-parameters, each overridden by the diffusion option of this node set away from its
   * default ({@link #overridingOptions()}); validation fraction, seed and threads are always
   * this node's. The site budget is the start's.
   *
   * @param start the starting generator's hyper-parameters
   * @param startSites the starting generator's site budget
   * @throws InvalidSettingsException naming the option that does not fit the start
   */
  DiffusionConfig diffusionConfig(DiffusionConfig start, int startSites)
      throws InvalidSettingsException {
    checkStart(start.hiddenDim(), start.layers(), startSites);
    try {
      DiffusionConfig.Builder b = start.toBuilder()
          .optValidationFraction(validation.getDoubleValue()).optSeed(seed.getIntValue())
          .optThreads(threadCount());
      if (changed(cell)) {
        b.optCellChoice(cellChoice());
      }
      if (changed(diffusionEpochs)) {
        b.optMaxEpochs(diffusionEpochs.getIntValue());
      }
      if (changed(diffusionHidden)) {
        b.optHiddenDim(diffusionHidden.getIntValue());
      }
      if (changed(diffusionLayers)) {
        b.optLayers(diffusionLayers.getIntValue());
      }
      if (changed(diffusionBatch)) {
        b.optBatchSize(diffusionBatch.getIntValue());
      }
      if (changed(diffusionLearningRate)) {
        b.optLearningRate(diffusionLearningRate.getDoubleValue());
      }
      if (changed(diffusionPatience)) {
        b.optPatience(diffusionPatience.getIntValue());
      }
      if (changed(diffusionTimesteps)) {
        b.optTimesteps(diffusionTimesteps.getIntValue());
      }
      if (changed(diffusionSampleSteps)) {
        b.optSampleSteps(diffusionSampleSteps.getIntValue());
      }
      if (changed(diffusionGuidance)) {
        b.optGuidance(diffusionGuidance.getDoubleValue());
      }
      if (changed(diffusionConditionDropout)) {
        b.optConditionDropout(diffusionConditionDropout.getDoubleValue());
      }
      if (changed(diffusionTypeLoss)) {
        b.optTypeLoss(typeLoss());
      }
      if (changed(diffusionAtomCountInput)) {
        b.optAtomCountInput(diffusionAtomCountInput.getBooleanValue());
      }
      if (changed(diffusionElementFeatures)) {
        b.optElementFeatures(diffusionElementFeatures.getBooleanValue());
      }
      if (changed(diffusionSelfCondition)) {
        b.optSelfCondition(diffusionSelfCondition.getBooleanValue());
      }
      if (changed(diffusionMaskExponent)) {
        b.optMaskExponent(diffusionMaskExponent.getDoubleValue());
      }
      if (changed(diffusionEmaDecay)) {
        b.optEmaDecay(diffusionEmaDecay.getDoubleValue());
      }
      if (changed(diffusionAtomCountBatches)) {
        b.optAtomCountBatches(diffusionAtomCountBatches.getBooleanValue());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The diffusion options do not work together with the"
          + " starting generator's hyper-parameters (T = " + start.timesteps() + ", "
          + start.sampleSteps() + " default sampling steps): " + e.getMessage() + "; change"
          + " the option in the dialog, e.g. set 'Diffusion: default sampling steps' at most"
          + " 'Diffusion: diffusion times (T)'.", e);
    }
  }

  /**
   * @return true when the diffusion generator keeps the epoch whose samples have the most valid
   *     compositions ('Diffusion: keep the epoch by validity of N samples' above 0)
   */
  boolean selectsByValidity() {
    return isDiffusion() && diffusionSelectSamples.getIntValue() > 0;
  }

  /**
   * The choice of the kept epoch by the validity of samples ({@code invdes train
   * --select-by-validity N} with {@code --select-every}, {@code --select-from}, {@code
   * --select-steps}, {@code --select-guidance} and {@code --select-max-density-emd}), checked
   * against the training configuration: N samples of each scored checkpoint, drawn with the
   * node's seed, every K epochs from the given epoch on (0: half of the configuration's epochs,
   * at least 1), with the given sampling steps (0: the generator's) and guidance (negative: the
   * generator's); a density bound (0: none) compares the samples' densities with {@code
   * reference}.
   *
   * @param config the configuration training will use
   * @param reference the training structures' densities in g/cm³, or null before they are known
   *     (then only the bound itself is checked and the selection has none)
   * @return the selection, or null when the kept epoch is the one of the lowest validation loss
   * @throws InvalidSettingsException with core's reason when the options do not fit the training
   */
  CheckpointSelection selection(DiffusionConfig config, double[] reference)
      throws InvalidSettingsException {
    if (!selectsByValidity()) {
      return null;
    }
    try {
      ValiditySelection.DensityBound bound = null;
      double maxEmd = diffusionSelectMaxDensityEmd.getDoubleValue();
      if (maxEmd != 0) {
        ValiditySelection.DensityBound.checkMaxEmd(maxEmd);
        if (reference != null) {
          bound = new ValiditySelection.DensityBound(reference, maxEmd);
        }
      }
      double guidance = diffusionSelectGuidance.getDoubleValue();
      int from = diffusionSelectFrom.getIntValue() > 0 ? diffusionSelectFrom.getIntValue()
          : Math.max(1, (config.maxEpochs() + 1) / 2);
      CheckpointSelection s = new ValiditySelection(diffusionSelectSamples.getIntValue(),
          diffusionSelectSteps.getIntValue(), guidance < 0 ? Double.NaN : guidance,
          seed.getIntValue(), bound).every(diffusionSelectEvery.getIntValue(), from);
      s.check(config);
      return s;
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The options of 'Diffusion: keep the epoch by validity"
          + " of N samples' do not fit the training: " + e.getMessage() + "; change them in the"
          + " dialog.", e);
    }
  }

  /** @return the label of the 'Diffusion: type loss' option that stands for the type loss */
  private static String typeLossLabel(DiffusionConfig.TypeLoss t) {
    return switch (t) {
      case CROSS_ENTROPY -> CROSS_ENTROPY;
      case EPSILON -> EPSILON;
      case MASKED -> MASKED;
    };
  }

  /**
   * @return the type loss of the 'Diffusion: type loss' option
   * @throws InvalidSettingsException naming the value when it is none of the choices
   */
  private DiffusionConfig.TypeLoss typeLoss() throws InvalidSettingsException {
    for (DiffusionConfig.TypeLoss t : DiffusionConfig.TypeLoss.values()) {
      if (typeLossLabel(t).equals(diffusionTypeLoss.getStringValue())) {
        return t;
      }
    }
    throw new InvalidSettingsException("'Diffusion: type loss' is '"
        + diffusionTypeLoss.getStringValue() + "'; choose '" + CROSS_ENTROPY + "', '" + EPSILON
        + "' or '" + MASKED + "'.");
  }

  /** @return the cell choice of the 'Cell' option */
  private CellChoice cellChoice() {
    return NIGGLI.equals(cell.getStringValue()) ? CellChoice.NIGGLI : CellChoice.AS_GIVEN;
  }

  /** @return the threads to train with */
  private int threadCount() {
    return threads.getIntValue() > 0 ? threads.getIntValue()
        : Runtime.getRuntime().availableProcessors();
  }

  /**
   * @return the diffusion generator's training configuration of these options ({@code invdes
   *     train --generator diffusion})
   * @throws InvalidSettingsException naming the value the core rejects
   */
  DiffusionConfig diffusionConfig() throws InvalidSettingsException {
    return diffusionConfig(typeLoss());
  }

  /** The configuration of these options with this type loss. */
  private DiffusionConfig diffusionConfig(DiffusionConfig.TypeLoss loss)
      throws InvalidSettingsException {
    try {
      DiffusionConfig.Builder b = DiffusionConfig.builder()
          .optMaxEpochs(diffusionEpochs.getIntValue())
          .optHiddenDim(diffusionHidden.getIntValue()).optLayers(diffusionLayers.getIntValue())
          .optBatchSize(diffusionBatch.getIntValue())
          .optLearningRate(diffusionLearningRate.getDoubleValue())
          .optPatience(diffusionPatience.getIntValue())
          .optTimesteps(diffusionTimesteps.getIntValue())
          .optSampleSteps(diffusionSampleSteps.getIntValue())
          .optGuidance(diffusionGuidance.getDoubleValue())
          .optConditionDropout(diffusionConditionDropout.getDoubleValue())
          .optTypeLoss(loss)
          .optAtomCountInput(diffusionAtomCountInput.getBooleanValue())
          .optElementFeatures(diffusionElementFeatures.getBooleanValue())
          .optSelfCondition(diffusionSelfCondition.getBooleanValue())
          .optMaskExponent(diffusionMaskExponent.getDoubleValue())
          .optEmaDecay(diffusionEmaDecay.getDoubleValue())
          .optAtomCountBatches(diffusionAtomCountBatches.getBooleanValue())
          .optCellChoice(cellChoice())
          .optValidationFraction(validation.getDoubleValue()).optSeed(seed.getIntValue())
          .optThreads(threadCount());
      if (maxSites.getIntValue() > 0) {
        b.optMaxSites(maxSites.getIntValue());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The diffusion options do not work together: "
          + e.getMessage() + "; change it in the dialog" + (e.getMessage().startsWith(
              "sampleSteps") ? " (e.g. 'Diffusion: default sampling steps' at most 'Diffusion:"
              + " diffusion times (T)')." : "."), e);
    }
  }

  /**
   * @return the CVAE's training configuration of these options
   * @throws InvalidSettingsException naming the value the core rejects
   */
  CvaeConfig config() throws InvalidSettingsException {
    try {
      CvaeConfig.Builder b = CvaeConfig.builder().optMaxEpochs(epochs.getIntValue())
          .optLatentDim(latent.getIntValue()).optHiddenDim(hidden.getIntValue())
          .optBatchSize(batch.getIntValue()).optLearningRate(learningRate.getDoubleValue())
          .optBeta(beta.getDoubleValue()).optPatience(patience.getIntValue())
          .optCellChoice(cellChoice()).optValidationFraction(validation.getDoubleValue()).optSeed(seed.getIntValue())
          .optThreads(threadCount());
      if (maxSites.getIntValue() > 0) {
        b.optMaxSites(maxSites.getIntValue());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The training options do not work together: "
          + e.getMessage() + "; change it in the dialog.", e);
    }
  }
}
