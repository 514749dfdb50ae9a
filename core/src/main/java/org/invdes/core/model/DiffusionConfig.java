package org.invdes.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalInt;
import org.invdes.core.encoding.CellChoice;

/**
 * The hyper-parameters of the periodic diffusion generator ({@link DiffusionBlock}, {@link
 * DiffusionSchedule}, {@link DiffusionTrainer}) and of its sampling defaults. Immutable; built
 * with {@link #builder()} (every setting optional, each {@code opt*} setter validates and names
 * its argument) or {@link #defaults()}; stored in the saved model's manifest ({@link
 * #toJsonNode()}, {@link #fromJsonNode(JsonNode)}).
 *
 * <p>Defaults: denoiser with 128 hidden units, 3 message-passing layers, 8 Fourier frequencies,
 * a 32-wide time embedding, no atom-count input, no element features; T = 1000 diffusion
 * times, coordinate noise σ from 0.005 to 0.5 (DiffCSP's values); cells as given; site budget
 * fitted on the data; Adam with learning rate 10⁻³ (halved after 15 epochs without validation
 * improvement, down to 1/64), batches of 64, at most 300 epochs, early stopping after 40
 * epochs without a validation improvement of 10⁻⁴, 10 % held out; loss
 * weights 1 (lattice ε), 1 (coordinate score, σ²-weighted), 1 (type cross-entropy, {@link
 * TypeLoss#CROSS_ENTROPY}); no weight averaging (EMA decay 0); condition dropout 0.1; batches
 * of one atom count each;
 * sampling with 200 predictor–corrector steps (on Perov-5, 10,000 samples, the number-of-elements
 * EMD averages 0.033 over 20 draws of 1,000 at 200 steps against 0.051 at 100 and 0.069 at 50,
 * while density is within the draws' spread; fewer steps sample faster), Langevin corrector step 10⁻⁵ and guidance
 * strength 1; seed 42; as many PyTorch threads as processors.
 */
public final class DiffusionConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int hiddenDim;
  private final int layers;
  private final int frequencies;
  private final int timeDim;
  private final boolean atomCountInput;
  private final boolean elementFeatures;
  private final boolean selfCondition;
  private final double maskExponent;
  private final int timesteps;
  private final double sigmaMin;
  private final double sigmaMax;
  private final int maxSites;
  private final CellChoice cellChoice;
  private final int maxEpochs;
  private final int batchSize;
  private final double learningRate;
  private final int patience;
  private final int plateauEpochs;
  private final double minDelta;
  private final double validationFraction;
  private final double latticeWeight;
  private final double coordinateWeight;
  private final double typeWeight;
  private final double conditionDropout;
  private final TypeLoss typeLoss;
  private final double emaDecay;
  private final boolean atomCountBatches;
  private final int sampleSteps;
  private final double correctorStep;
  private final double guidance;
  private final long seed;
  private final int threads;

  private DiffusionConfig(Builder b) {
    this.hiddenDim = b.hiddenDim;
    this.layers = b.layers;
    this.frequencies = b.frequencies;
    this.timeDim = b.timeDim;
    this.atomCountInput = b.atomCountInput;
    this.elementFeatures = b.elementFeatures;
    this.selfCondition = b.selfCondition;
    this.maskExponent = b.maskExponent;
    this.timesteps = b.timesteps;
    this.sigmaMin = b.sigmaMin;
    this.sigmaMax = b.sigmaMax;
    this.maxSites = b.maxSites;
    this.cellChoice = b.cellChoice;
    this.maxEpochs = b.maxEpochs;
    this.batchSize = b.batchSize;
    this.learningRate = b.learningRate;
    this.patience = b.patience;
    this.plateauEpochs = b.plateauEpochs;
    this.minDelta = b.minDelta;
    this.validationFraction = b.validationFraction;
    this.latticeWeight = b.latticeWeight;
    this.coordinateWeight = b.coordinateWeight;
    this.typeWeight = b.typeWeight;
    this.conditionDropout = b.conditionDropout;
    this.typeLoss = b.typeLoss;
    this.emaDecay = b.emaDecay;
    this.atomCountBatches = b.atomCountBatches;
    this.sampleSteps = b.sampleSteps;
    this.correctorStep = b.correctorStep;
    this.guidance = b.guidance;
    this.seed = b.seed;
    this.threads = b.threads;
  }

  /** The defaults of the class description. */
  public static DiffusionConfig defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return fill(new Builder(), toJsonNode());
  }

  /** Which cell of each training crystal is encoded (default {@link CellChoice#AS_GIVEN}). */
  public CellChoice cellChoice() {
    return cellChoice;
  }

  /** H: hidden units of the denoiser. */
  public int hiddenDim() {
    return hiddenDim;
  }

  /** Message-passing layers. */
  public int layers() {
    return layers;
  }

  /** K: Fourier frequencies per axis of the coordinate differences. */
  public int frequencies() {
    return frequencies;
  }

  /**
   * Whether the denoiser is told the number of atoms of each cell (a one-hot of the count among 1
   * to the site budget, next to the time embedding; {@link DiffusionBlock}). Its messages are
   * averaged over the cell, so without it a cell of 12 atoms whose types are all hidden looks
   * to it like one of 10, and it can choose elements whose stoichiometry does not fit the cell
   * (La–O in 12 atoms, where La₂O₃ needs a multiple of 5). Part of the denoiser's size: a model
   * can only go on training with the same setting.
   */
  public boolean atomCountInput() {
    return atomCountInput;
  }

  /**
   * Whether the denoiser sees fixed chemical descriptors of the elements ({@link
   * ElementDescriptors}: period, group position, electronegativity, covalent radius, metal flag
   * and common oxidation states): the type rows enter with their descriptors, and the type
   * logits get a term from them, so what is learnt of one element carries over to similar ones.
   * Part of the denoiser's size: a model can only go on training with the same setting.
   */
  public boolean elementFeatures() {
    return elementFeatures;
  }

  /**
   * Whether the denoiser is self-conditioned on its types (Chen et al., "Analog Bits", ICLR
   * 2023): it also sees its own previous estimate of every atom's clean type, the softmax of its
   * type logits (of the hidden atoms only, with the masked type process), zeros when there is
   * none. Training feeds it, on half of the batches, the estimate of a first pass without
   * gradient; validation always does; sampling passes the previous step's. The estimate tells
   * each atom what the others are likely to become, which per-atom type draws otherwise do not
   * see. Needs a cross-entropy or masked type loss. Part of the denoiser's size: a model can
   * only go on training with the same setting.
   */
  public boolean selfCondition() {
    return selfCondition;
  }

  /**
   * The exponent p of the masked type process's schedule: an atom's type is hidden at time t
   * with probability (t/T)^p ({@link DiffusionSchedule#maskRate}); 1 (the default) is linear.
   * Training and sampling both use it; other than 1 only with the masked type loss.
   */
  public double maskExponent() {
    return maskExponent;
  }

  /** The noise schedules of this configuration. */
  public DiffusionSchedule schedule() {
    return DiffusionSchedule.of(timesteps, sigmaMin, sigmaMax).withMaskExponent(maskExponent);
  }

  /** D_t: width of the sinusoidal time embedding (even). */
  public int timeDim() {
    return timeDim;
  }

  /** T: diffusion times of training. */
  public int timesteps() {
    return timesteps;
  }

  /** σ_min of the coordinate noise (fractional units). */
  public double sigmaMin() {
    return sigmaMin;
  }

  /** σ_max of the coordinate noise (fractional units). */
  public double sigmaMax() {
    return sigmaMax;
  }

  /** The site budget N if fixed; empty when it is the largest training cell. */
  public OptionalInt maxSites() {
    return maxSites > 0 ? OptionalInt.of(maxSites) : OptionalInt.empty();
  }

  /** The most epochs. */
  public int maxEpochs() {
    return maxEpochs;
  }

  /** Rows per mini-batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Adam's learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /** Epochs without validation improvement after which training stops. */
  public int patience() {
    return patience;
  }

  /** Epochs without improvement after which the learning rate is halved; 0 = never. */
  public int plateauEpochs() {
    return plateauEpochs;
  }

  /** The smallest validation-loss decrease that counts as improvement (loss units). */
  public double minDelta() {
    return minDelta;
  }

  /** Fraction of rows held out for validation, in [0, 0.5]. */
  public double validationFraction() {
    return validationFraction;
  }

  /** Weight of the lattice ε-MSE. */
  public double latticeWeight() {
    return latticeWeight;
  }

  /** Weight of the σ²-weighted coordinate score-matching loss. */
  public double coordinateWeight() {
    return coordinateWeight;
  }

  /** Weight of the type loss ({@link #typeLoss()}). */
  public double typeWeight() {
    return typeWeight;
  }

  /** Probability of hiding a row's condition in training (classifier-free guidance). */
  public double conditionDropout() {
    return conditionDropout;
  }

  /** How the atom types are predicted and trained. */
  public TypeLoss typeLoss() {
    return typeLoss;
  }

  /**
   * Decay d of the exponential moving average of the weights that is validated, kept and saved
   * (0: the raw weights). After optimiser step k the average moves toward the weights by 1 −
   * min(d, (1 + k)/(10 + k)).
   */
  public double emaDecay() {
    return emaDecay;
  }

  /**
   * Whether training batches hold cells of one atom count ({@link DiffusionTrainer}, step 3):
   * each batch then runs with N = its atom count instead of the site budget, so cells of varied
   * size cost only their own pairs. False: batches are consecutive runs of the shuffled rows.
   */
  public boolean atomCountBatches() {
    return atomCountBatches;
  }

  /** Default predictor–corrector steps when sampling. */
  public int sampleSteps() {
    return sampleSteps;
  }

  /** The Langevin corrector's step at σ_min, γ = step · (σ_t/σ_min)² (fractional units²). */
  public double correctorStep() {
    return correctorStep;
  }

  /** Default classifier-free guidance strength w (0 = purely conditional). */
  public double guidance() {
    return guidance;
  }

  /** The seed of every random step of training. */
  public long seed() {
    return seed;
  }

  /** PyTorch intra-op threads for training. */
  public int threads() {
    return threads;
  }

  /** The configuration as a JSON object (every field by name; no maxSites when fitted). */
  public ObjectNode toJsonNode() {
    ObjectNode o = JSON.createObjectNode();
    o.put("hiddenDim", hiddenDim);
    o.put("layers", layers);
    o.put("frequencies", frequencies);
    o.put("timeDim", timeDim);
    o.put("atomCountInput", atomCountInput);
    o.put("elementFeatures", elementFeatures);
    o.put("selfCondition", selfCondition);
    o.put("maskExponent", maskExponent);
    o.put("timesteps", timesteps);
    o.put("sigmaMin", sigmaMin);
    o.put("sigmaMax", sigmaMax);
    o.put("cellChoice", cellChoice.name());
    if (maxSites > 0) {
      o.put("maxSites", maxSites);
    }
    o.put("maxEpochs", maxEpochs);
    o.put("batchSize", batchSize);
    o.put("learningRate", learningRate);
    o.put("patience", patience);
    o.put("plateauEpochs", plateauEpochs);
    o.put("minDelta", minDelta);
    o.put("validationFraction", validationFraction);
    o.put("latticeWeight", latticeWeight);
    o.put("coordinateWeight", coordinateWeight);
    o.put("typeWeight", typeWeight);
    o.put("conditionDropout", conditionDropout);
    o.put("typeLoss", typeLoss.jsonName());
    o.put("emaDecay", emaDecay);
    o.put("atomCountBatches", atomCountBatches);
    o.put("sampleSteps", sampleSteps);
    o.put("correctorStep", correctorStep);
    o.put("guidance", guidance);
    o.put("seed", seed);
    o.put("threads", threads);
    return o;
  }

  /**
   * Reads {@link #toJsonNode()}'s form; missing fields keep their defaults, except {@code
   * atomCountBatches}, false when missing (models saved before it existed were trained with
   * mixed batches).
   *
   * @throws IllegalArgumentException naming a field whose value is out of range
   */
  public static DiffusionConfig fromJsonNode(JsonNode o) {
    return fill(new Builder(), o).build();
  }

  private static Builder fill(Builder b, JsonNode o) {
    if (o.has("hiddenDim")) {
      b.optHiddenDim(o.get("hiddenDim").asInt());
    }
    if (o.has("layers")) {
      b.optLayers(o.get("layers").asInt());
    }
    if (o.has("frequencies")) {
      b.optFrequencies(o.get("frequencies").asInt());
    }
    if (o.has("timeDim")) {
      b.optTimeDim(o.get("timeDim").asInt());
    }
    if (o.has("atomCountInput")) {
      b.optAtomCountInput(o.get("atomCountInput").asBoolean());
    }
    if (o.has("elementFeatures")) {
      b.optElementFeatures(o.get("elementFeatures").asBoolean());
    }
    if (o.has("selfCondition")) {
      b.optSelfCondition(o.get("selfCondition").asBoolean());
    }
    if (o.has("maskExponent")) {
      b.optMaskExponent(o.get("maskExponent").asDouble());
    }
    if (o.has("timesteps")) {
      b.optTimesteps(o.get("timesteps").asInt());
    }
    if (o.has("sigmaMin") || o.has("sigmaMax")) {
      b.optSigmaRange(o.path("sigmaMin").asDouble(b.sigmaMin),
          o.path("sigmaMax").asDouble(b.sigmaMax));
    }
    if (o.has("cellChoice")) {
      b.optCellChoice(CvaeConfig.cellChoice(o.get("cellChoice").asText()));
    }
    if (o.has("maxSites")) {
      b.optMaxSites(o.get("maxSites").asInt());
    }
    if (o.has("maxEpochs")) {
      b.optMaxEpochs(o.get("maxEpochs").asInt());
    }
    if (o.has("batchSize")) {
      b.optBatchSize(o.get("batchSize").asInt());
    }
    if (o.has("learningRate")) {
      b.optLearningRate(o.get("learningRate").asDouble());
    }
    if (o.has("patience")) {
      b.optPatience(o.get("patience").asInt());
    }
    if (o.has("plateauEpochs")) {
      b.optPlateauEpochs(o.get("plateauEpochs").asInt());
    }
    if (o.has("minDelta")) {
      b.optMinDelta(o.get("minDelta").asDouble());
    }
    if (o.has("validationFraction")) {
      b.optValidationFraction(o.get("validationFraction").asDouble());
    }
    if (o.has("latticeWeight") || o.has("coordinateWeight") || o.has("typeWeight")) {
      b.optLossWeights(o.path("latticeWeight").asDouble(b.latticeWeight),
          o.path("coordinateWeight").asDouble(b.coordinateWeight),
          o.path("typeWeight").asDouble(b.typeWeight));
    }
    if (o.has("conditionDropout")) {
      b.optConditionDropout(o.get("conditionDropout").asDouble());
    }
    if (o.has("typeLoss")) {
      b.optTypeLoss(TypeLoss.fromJsonName(o.get("typeLoss").asText()));
    }
    if (o.has("emaDecay")) {
      b.optEmaDecay(o.get("emaDecay").asDouble());
    }
    b.optAtomCountBatches(o.path("atomCountBatches").asBoolean(false));
    if (o.has("sampleSteps")) {
      b.optSampleSteps(o.get("sampleSteps").asInt());
    }
    if (o.has("correctorStep")) {
      b.optCorrectorStep(o.get("correctorStep").asDouble());
    }
    if (o.has("guidance")) {
      b.optGuidance(o.get("guidance").asDouble());
    }
    if (o.has("seed")) {
      b.optSeed(o.get("seed").asLong());
    }
    if (o.has("threads")) {
      b.optThreads(o.get("threads").asInt());
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiffusionConfig && toJsonNode().equals(((DiffusionConfig) o).toJsonNode());
  }

  @Override
  public int hashCode() {
    return toJsonNode().hashCode();
  }

  @Override
  public String toString() {
    return "DiffusionConfig" + toJsonNode();
  }

  /**
   * How the denoiser's type output is read and trained. The forward process of the types is the
   * same for both: the one-hot a₀ diffused as a continuous DDPM, a_t = √ᾱ_t a₀ + √(1 − ᾱ_t) ε.
   */
  public enum TypeLoss {
    /**
     * The output is ε̂ (DiffCSP's recipe), trained by the mean squared error to ε; the sampler's
     * x̂₀ = (a_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t, clipped to [0, 1].
     */
    EPSILON("epsilon"),
    /**
     * The output is the logits of x̂₀ (x₀-parametrisation), trained by the cross-entropy of
     * softmax(logits) against the clean type; the sampler's x̂₀ is the softmax over the allowed
     * elements, a probability vector.
     */
    CROSS_ENTROPY("crossEntropy"),
    /**
     * Absorbing ("masked") discrete diffusion of the types instead of a Gaussian one, as
     * MatterGen's D3PM and masked diffusion language models: at time t each atom's type is
     * hidden with probability t/T (its input row all zeros, a visible type is its one-hot row),
     * the output is the logits of the clean type, trained by the cross-entropy on the hidden
     * atoms (mean over the batch's hidden atoms). The sampler starts with every type hidden and
     * reveals each hidden atom between times t and s with probability (t − s)/t, drawing its
     * element from the softmax; revealed types stay. Each atom's element is then chosen seeing
     * the elements already revealed in its cell.
     */
    MASKED("masked");

    private final String jsonName;

    TypeLoss(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The name in the manifest: "epsilon", "crossEntropy" or "masked". */
    public String jsonName() {
      return jsonName;
    }

    /**
     * The constant of a manifest name.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static TypeLoss fromJsonName(String name) {
      for (TypeLoss t : values()) {
        if (t.jsonName.equals(name)) {
          return t;
        }
      }
      throw new IllegalArgumentException("typeLoss is '" + name + "'; must be epsilon,"
          + " crossEntropy or masked");
    }
  }

  /** Builder of {@link DiffusionConfig}; every setter is optional and validates its argument. */
  public static final class Builder {
    private int hiddenDim = 128;
    private int layers = 3;
    private int frequencies = 8;
    private int timeDim = 32;
    private boolean atomCountInput;
    private boolean elementFeatures;
    private boolean selfCondition;
    private double maskExponent = 1;
    private int timesteps = 1000;
    private double sigmaMin = 0.005;
    private double sigmaMax = 0.5;
    private int maxSites = -1;
    private CellChoice cellChoice = CellChoice.AS_GIVEN;
    private int maxEpochs = 300;
    private int batchSize = 64;
    private double learningRate = 1e-3;
    private int patience = 40;
    private int plateauEpochs = 15;
    private double minDelta = 1e-4;
    private double validationFraction = 0.1;
    private double latticeWeight = 1;
    private double coordinateWeight = 1;
    private double typeWeight = 1;
    private double conditionDropout = 0.1;
    private TypeLoss typeLoss = TypeLoss.CROSS_ENTROPY;
    private double emaDecay = 0;
    private boolean atomCountBatches = true;
    private int sampleSteps = 200;
    private double correctorStep = 1e-5;
    private double guidance = 1;
    private long seed = 42;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {
    }

    private static int range(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " is " + v + "; must be in " + min + ".."
            + max);
      }
      return v;
    }

    private static double range(String name, double v, double min, double max) {
      if (!(v >= min && v <= max)) {
        throw new IllegalArgumentException(name + " is " + v + "; must be in [" + min + ", "
            + max + "]");
      }
      return v;
    }

    /** H, 1..4096. */
    public Builder optHiddenDim(int units) {
      this.hiddenDim = range("hiddenDim", units, 1, 4096);
      return this;
    }

    /** Message-passing layers, 1..32. */
    public Builder optLayers(int n) {
      this.layers = range("layers", n, 1, 32);
      return this;
    }

    /** K, 1..64. */
    public Builder optFrequencies(int k) {
      this.frequencies = range("frequencies", k, 1, 64);
      return this;
    }

    /** D_t, even, 2..1024. */
    public Builder optTimeDim(int dim) {
      range("timeDim", dim, 2, 1024);
      if (dim % 2 != 0) {
        throw new IllegalArgumentException("timeDim is " + dim + "; must be even");
      }
      this.timeDim = dim;
      return this;
    }

    /** Whether the denoiser sees element descriptors; see {@link #elementFeatures()}. */
    public Builder optElementFeatures(boolean features) {
      this.elementFeatures = features;
      return this;
    }

    /** The masked type schedule's exponent, in (0, 10]; see {@link #maskExponent()}. */
    public Builder optMaskExponent(double p) {
      this.maskExponent = DiffusionSchedule.checkMaskExponent(p);
      return this;
    }

    /** Whether the denoiser sees its previous type estimate; see {@link #selfCondition()}. */
    public Builder optSelfCondition(boolean self) {
      this.selfCondition = self;
      return this;
    }

    /** Whether the denoiser sees each cell's atom count; see {@link #atomCountInput()}. */
    public Builder optAtomCountInput(boolean countInput) {
      this.atomCountInput = countInput;
      return this;
    }

    /** T, 2..100000. */
    public Builder optTimesteps(int t) {
      this.timesteps = range("timesteps", t, 2, 100_000);
      return this;
    }

    /** σ_min and σ_max (fractional units), 0 < σ_min ≤ σ_max ≤ 1. */
    public Builder optSigmaRange(double min, double max) {
      DiffusionSchedule.of(2, min, max);
      this.sigmaMin = min;
      this.sigmaMax = max;
      return this;
    }

    /** Fixes the site budget N, 1..1000. */
    public Builder optMaxSites(int sites) {
      this.maxSites = range("maxSites", sites, 1, 1000);
      return this;
    }

    /** Most epochs, 1..100000. */
    public Builder optMaxEpochs(int epochs) {
      this.maxEpochs = range("maxEpochs", epochs, 1, 100_000);
      return this;
    }

    /** Rows per mini-batch, 1..65536. */
    public Builder optBatchSize(int rows) {
      this.batchSize = range("batchSize", rows, 1, 65_536);
      return this;
    }

    /** Adam's learning rate, in (0, 1]. */
    public Builder optLearningRate(double rate) {
      if (!(rate > 0 && rate <= 1)) {
        throw new IllegalArgumentException("learningRate is " + rate + "; must be in (0, 1]");
      }
      this.learningRate = rate;
      return this;
    }

    /** Early-stopping patience, 1..100000 epochs. */
    public Builder optPatience(int epochs) {
      this.patience = range("patience", epochs, 1, 100_000);
      return this;
    }

    /** Epochs before halving the rate, 0 (never)..100000. */
    public Builder optPlateauEpochs(int epochs) {
      this.plateauEpochs = range("plateauEpochs", epochs, 0, 100_000);
      return this;
    }

    /** Smallest improvement, in [0, 1]. */
    public Builder optMinDelta(double delta) {
      this.minDelta = range("minDelta", delta, 0, 1);
      return this;
    }

    /** Validation fraction, in [0, 0.5]. */
    public Builder optValidationFraction(double fraction) {
      this.validationFraction = range("validationFraction", fraction, 0, 0.5);
      return this;
    }

    /** Loss weights of lattice, coordinates and types, each in [0, 1000], not all 0. */
    public Builder optLossWeights(double lattice, double coordinates, double types) {
      range("latticeWeight", lattice, 0, 1000);
      range("coordinateWeight", coordinates, 0, 1000);
      range("typeWeight", types, 0, 1000);
      if (lattice + coordinates + types == 0) {
        throw new IllegalArgumentException("the loss weights are all 0");
      }
      this.latticeWeight = lattice;
      this.coordinateWeight = coordinates;
      this.typeWeight = types;
      return this;
    }

    /** Condition dropout probability, in [0, 1). */
    public Builder optConditionDropout(double p) {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("conditionDropout is " + p + "; must be in [0, 1)");
      }
      this.conditionDropout = p;
      return this;
    }

    /** How the atom types are predicted and trained (not null). */
    public Builder optTypeLoss(TypeLoss loss) {
      this.typeLoss = Objects.requireNonNull(loss, "typeLoss");
      return this;
    }

    /** EMA decay of the weights, in [0, 1) (0: no average). */
    public Builder optEmaDecay(double d) {
      if (!(d >= 0 && d < 1)) {
        throw new IllegalArgumentException("emaDecay is " + d + "; must be in [0, 1)");
      }
      this.emaDecay = d;
      return this;
    }

    /** Batches of one atom count each (true) or mixed (false); see {@link #atomCountBatches()}. */
    public Builder optAtomCountBatches(boolean byAtomCount) {
      this.atomCountBatches = byAtomCount;
      return this;
    }

    /**
     * Which cell of each training crystal is encoded ({@link CellChoice}; CDVAE and DiffCSP
     * train on Niggli-reduced cells).
     */
    public Builder optCellChoice(CellChoice choice) {
      this.cellChoice = Objects.requireNonNull(choice, "cellChoice");
      return this;
    }

    /** Default sampling steps, 1..100000 (at most T, checked by {@link #build()}). */
    public Builder optSampleSteps(int steps) {
      this.sampleSteps = range("sampleSteps", steps, 1, 100_000);
      return this;
    }

    /** Langevin corrector step at σ_min, in [0, 1] (0 switches the corrector off). */
    public Builder optCorrectorStep(double step) {
      this.correctorStep = range("correctorStep", step, 0, 1);
      return this;
    }

    /** Default guidance strength, in [0, 20]. */
    public Builder optGuidance(double w) {
      this.guidance = range("guidance", w, 0, 20);
      return this;
    }

    /** The seed. */
    public Builder optSeed(long s) {
      this.seed = s;
      return this;
    }

    /** PyTorch threads, 1..1024. */
    public Builder optThreads(int n) {
      this.threads = range("threads", n, 1, 1024);
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException if the sampling steps exceed T, self-conditioning is
     *     asked for with the ε type loss, or a mask exponent other than 1 without masked types
     */
    public DiffusionConfig build() {
      if (maskExponent != 1 && typeLoss != TypeLoss.MASKED) {
        throw new IllegalArgumentException("a mask exponent (" + maskExponent + ") needs the"
            + " masked type loss; the type loss is " + typeLoss.jsonName());
      }
      if (selfCondition && typeLoss == TypeLoss.EPSILON) {
        throw new IllegalArgumentException("self-conditioning needs the crossEntropy or masked"
            + " type loss; the type loss is epsilon");
      }
      if (sampleSteps > timesteps) {
        throw new IllegalArgumentException("sampleSteps " + sampleSteps
            + " exceeds the diffusion times T = " + timesteps);
      }
      return new DiffusionConfig(this);
    }
  }
}
