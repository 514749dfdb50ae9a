package org.invdes.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.invdes.core.encoding.CellChoice;

/**
 * The hyper-parameters of a conditional VAE and of its training. Immutable; built with {@link
 * #builder()} (every setting is optional: {@code opt*} setters validate their argument and name
 * it in the message) or {@link #defaults()}; written into the saved model's manifest as JSON
 * ({@link #toJsonNode()}, {@link #fromJsonNode(JsonNode)}).
 *
 * <p>Defaults (chosen on Perov-5, see {@code tests/bench/cvae-perov5.sh}): latent dimension 32,
 * two hidden layers of 256 units in encoder and decoder, 64 units in the prior and property
 * heads, Fourier features up to Miller index 2, site budget fitted on the data; Adam with
 * learning rate 5·10⁻⁴ halved after every 8 epochs without validation improvement, batches of
 * 32, at most 400 epochs, early stopping after 25 epochs without a validation improvement of at
 * least 10⁻⁴, 10 % of the rows held out for validation; loss
 * weights 2 (elements), 10 (coordinates), 1 (lattice), 1 (property), 10 (interatomic distances
 * below 0.7 Å); KL weight β = 0.4 reached (0.3 reconstructs slightly better but gave 97.9–98.4 %
 * structurally valid samples on two of three Perov-5 splits; 0.4 gave 99.5–99.7 % on all three)
 * by a linear warm-up over 30 epochs; condition dropout 0.25; seed 42; as many PyTorch threads
 * as available processors.
 */
public final class CvaeConfig {
  private final int latentDim;
  private final int hiddenDim;
  private final int hiddenLayers;
  private final int headDim;
  private final int fourierIndex;
  private final Integer maxSites;
  private final CellChoice cellChoice;
  private final int maxEpochs;
  private final int batchSize;
  private final double learningRate;
  private final int patience;
  private final int plateauEpochs;
  private final double minDelta;
  private final double validationFraction;
  private final double beta;
  private final int klWarmupEpochs;
  private final double elementWeight;
  private final double coordinateWeight;
  private final double latticeWeight;
  private final double propertyWeight;
  private final double distanceWeight;
  private final double minDistance;
  private final double conditionDropout;
  private final long seed;
  private final int threads;

  private CvaeConfig(Builder b) {
    this.latentDim = b.latentDim;
    this.hiddenDim = b.hiddenDim;
    this.hiddenLayers = b.hiddenLayers;
    this.headDim = b.headDim;
    this.fourierIndex = b.fourierIndex;
    this.maxSites = b.maxSites;
    this.cellChoice = b.cellChoice;
    this.maxEpochs = b.maxEpochs;
    this.batchSize = b.batchSize;
    this.learningRate = b.learningRate;
    this.patience = b.patience;
    this.plateauEpochs = b.plateauEpochs;
    this.minDelta = b.minDelta;
    this.validationFraction = b.validationFraction;
    this.beta = b.beta;
    this.klWarmupEpochs = b.klWarmupEpochs;
    this.elementWeight = b.elementWeight;
    this.coordinateWeight = b.coordinateWeight;
    this.latticeWeight = b.latticeWeight;
    this.propertyWeight = b.propertyWeight;
    this.distanceWeight = b.distanceWeight;
    this.minDistance = b.minDistance;
    this.conditionDropout = b.conditionDropout;
    this.seed = b.seed;
    this.threads = b.threads;
  }

  /** The defaults listed in the class description. */
  public static CvaeConfig defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.latentDim = latentDim;
    b.hiddenDim = hiddenDim;
    b.hiddenLayers = hiddenLayers;
    b.headDim = headDim;
    b.fourierIndex = fourierIndex;
    b.maxSites = maxSites;
    b.cellChoice = cellChoice;
    b.maxEpochs = maxEpochs;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.patience = patience;
    b.plateauEpochs = plateauEpochs;
    b.minDelta = minDelta;
    b.validationFraction = validationFraction;
    b.beta = beta;
    b.klWarmupEpochs = klWarmupEpochs;
    b.elementWeight = elementWeight;
    b.coordinateWeight = coordinateWeight;
    b.latticeWeight = latticeWeight;
    b.propertyWeight = propertyWeight;
    b.distanceWeight = distanceWeight;
    b.minDistance = minDistance;
    b.conditionDropout = conditionDropout;
    b.seed = seed;
    b.threads = threads;
    return b;
  }

  /** L: the dimension of the latent space. */
  public int latentDim() {
    return latentDim;
  }

  /** Units of each hidden layer of the encoder and decoder MLPs. */
  public int hiddenDim() {
    return hiddenDim;
  }

  /** Number of hidden layers of the encoder and decoder MLPs. */
  public int hiddenLayers() {
    return hiddenLayers;
  }

  /** Units of the hidden layer of the prior network and of the property head. */
  public int headDim() {
    return headDim;
  }

  /** Miller-index bound m of the Fourier features fed to the encoder; 0 switches them off. */
  public int fourierIndex() {
    return fourierIndex;
  }

  /** Which cell of each training crystal is encoded (default {@link CellChoice#AS_GIVEN}). */
  public CellChoice cellChoice() {
    return cellChoice;
  }

  /** The site budget N if fixed; empty when it is the largest training cell. */
  public OptionalInt maxSites() {
    return maxSites == null ? OptionalInt.empty() : OptionalInt.of(maxSites);
  }

  /** The most epochs training runs (early stopping usually ends it sooner). */
  public int maxEpochs() {
    return maxEpochs;
  }

  /** Rows per mini-batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Adam's learning rate (dimensionless step size). */
  public double learningRate() {
    return learningRate;
  }

  /** Epochs without validation improvement after which training stops. */
  public int patience() {
    return patience;
  }

  /**
   * Epochs without validation improvement after which the learning rate is halved (and again
   * after as many more, down to 1/64 of the initial rate); 0 keeps it fixed.
   */
  public int plateauEpochs() {
    return plateauEpochs;
  }

  /** The smallest decrease of the validation loss that counts as improvement (loss units). */
  public double minDelta() {
    return minDelta;
  }

  /** Fraction of the rows held out for validation and early stopping, in [0, 0.5]. */
  public double validationFraction() {
    return validationFraction;
  }

  /** β: the weight of the KL term once the warm-up is over. */
  public double beta() {
    return beta;
  }

  /** Epochs over which the KL weight grows linearly from β / warm-up to β; 0 = no warm-up. */
  public int klWarmupEpochs() {
    return klWarmupEpochs;
  }

  /** Weight of the element cross-entropy (nats per structure). */
  public double elementWeight() {
    return elementWeight;
  }

  /** Weight of the periodic coordinate loss (squared fractional units per structure). */
  public double coordinateWeight() {
    return coordinateWeight;
  }

  /** Weight of the lattice MSE (squared normalised units per structure). */
  public double latticeWeight() {
    return latticeWeight;
  }

  /** Weight of the property MSE (squared normalised units per structure). */
  public double propertyWeight() {
    return propertyWeight;
  }

  /**
   * Weight of the distance penalty (Å² per structure; see {@link #minDistance()}); 0 turns it
   * off.
   */
  public double distanceWeight() {
    return distanceWeight;
  }

  /**
   * The interatomic distance, in Å, below which a pair of decoded atoms is penalised: Σ over
   * pairs of max(0, minDistance − d)², for the decodings of the training rows and of latent
   * points drawn from the prior (what sampling decodes).
   */
  public double minDistance() {
    return minDistance;
  }

  /**
   * Probability that a training row's condition is hidden from the network (mask 0), so that
   * the same model also generates unconditionally.
   */
  public double conditionDropout() {
    return conditionDropout;
  }

  /** The seed of every random step: initial weights, split, shuffling, noise, dropout. */
  public long seed() {
    return seed;
  }

  /** PyTorch intra-op threads used for training. */
  public int threads() {
    return threads;
  }

  // ------------------------------------------------------------------ JSON

  /** The configuration as a JSON object (every field, by name). */
  public ObjectNode toJsonNode() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("latentDim", latentDim);
    o.put("hiddenDim", hiddenDim);
    o.put("hiddenLayers", hiddenLayers);
    o.put("headDim", headDim);
    o.put("fourierIndex", fourierIndex);
    if (maxSites != null) {
      o.put("maxSites", maxSites);
    } else {
      o.putNull("maxSites");
    }
    o.put("cellChoice", cellChoice.name());
    o.put("maxEpochs", maxEpochs);
    o.put("batchSize", batchSize);
    o.put("learningRate", learningRate);
    o.put("patience", patience);
    o.put("plateauEpochs", plateauEpochs);
    o.put("minDelta", minDelta);
    o.put("validationFraction", validationFraction);
    o.put("beta", beta);
    o.put("klWarmupEpochs", klWarmupEpochs);
    o.put("elementWeight", elementWeight);
    o.put("coordinateWeight", coordinateWeight);
    o.put("latticeWeight", latticeWeight);
    o.put("propertyWeight", propertyWeight);
    o.put("distanceWeight", distanceWeight);
    o.put("minDistance", minDistance);
    o.put("conditionDropout", conditionDropout);
    o.put("seed", seed);
    o.put("threads", threads);
    return o;
  }

  /** The {@link CellChoice} named {@code name} (its constant's name). */
  static CellChoice cellChoice(String name) {
    try {
      return CellChoice.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cellChoice is '" + name + "'; must be one of "
          + java.util.Arrays.toString(CellChoice.values()), e);
    }
  }

  private static final Set<String> FIELDS = Set.of("latentDim", "hiddenDim", "hiddenLayers",
      "headDim", "fourierIndex", "maxSites", "cellChoice", "maxEpochs", "batchSize", "learningRate", "patience",
      "plateauEpochs",
      "minDelta", "validationFraction", "beta", "klWarmupEpochs", "elementWeight",
      "coordinateWeight", "latticeWeight", "propertyWeight", "distanceWeight", "minDistance",
      "conditionDropout", "seed", "threads");

  /**
   * Reads the JSON of {@link #toJsonNode()}; absent fields keep their defaults.
   *
   * @throws IllegalArgumentException naming an unknown field or an invalid value
   */
  public static CvaeConfig fromJsonNode(JsonNode o) {
    Objects.requireNonNull(o, "json");
    if (!o.isObject()) {
      throw new IllegalArgumentException("hyper-parameters must be a JSON object, not " + o);
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown hyper-parameter '" + f + "'; known: "
            + new java.util.TreeSet<>(FIELDS));
      }
    }
    Builder b = builder();
    if (o.has("latentDim")) {
      b.optLatentDim(o.get("latentDim").asInt());
    }
    if (o.has("hiddenDim")) {
      b.optHiddenDim(o.get("hiddenDim").asInt());
    }
    if (o.has("hiddenLayers")) {
      b.optHiddenLayers(o.get("hiddenLayers").asInt());
    }
    if (o.has("headDim")) {
      b.optHeadDim(o.get("headDim").asInt());
    }
    if (o.has("fourierIndex")) {
      b.optFourierIndex(o.get("fourierIndex").asInt());
    }
    if (o.has("maxSites") && !o.get("maxSites").isNull()) {
      b.optMaxSites(o.get("maxSites").asInt());
    }
    if (o.has("cellChoice")) {
      b.optCellChoice(cellChoice(o.get("cellChoice").asText()));
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
    if (o.has("beta")) {
      b.optBeta(o.get("beta").asDouble());
    }
    if (o.has("klWarmupEpochs")) {
      b.optKlWarmupEpochs(o.get("klWarmupEpochs").asInt());
    }
    if (o.has("elementWeight")) {
      b.optElementWeight(o.get("elementWeight").asDouble());
    }
    if (o.has("coordinateWeight")) {
      b.optCoordinateWeight(o.get("coordinateWeight").asDouble());
    }
    if (o.has("latticeWeight")) {
      b.optLatticeWeight(o.get("latticeWeight").asDouble());
    }
    if (o.has("propertyWeight")) {
      b.optPropertyWeight(o.get("propertyWeight").asDouble());
    }
    if (o.has("distanceWeight")) {
      b.optDistanceWeight(o.get("distanceWeight").asDouble());
    }
    if (o.has("minDistance")) {
      b.optMinDistance(o.get("minDistance").asDouble());
    }
    if (o.has("conditionDropout")) {
      b.optConditionDropout(o.get("conditionDropout").asDouble());
    }
    if (o.has("seed")) {
      b.optSeed(o.get("seed").asLong());
    }
    if (o.has("threads")) {
      b.optThreads(o.get("threads").asInt());
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CvaeConfig && toJsonNode().equals(((CvaeConfig) o).toJsonNode());
  }

  @Override
  public int hashCode() {
    return toJsonNode().hashCode();
  }

  @Override
  public String toString() {
    return "CvaeConfig" + toJsonNode();
  }

  /** Builder of {@link CvaeConfig}; every setter is optional and validates its argument. */
  public static final class Builder {
    private int latentDim = 32;
    private int hiddenDim = 256;
    private int hiddenLayers = 2;
    private int headDim = 64;
    private int fourierIndex = 2;
    private Integer maxSites;
    private CellChoice cellChoice = CellChoice.AS_GIVEN;
    private int maxEpochs = 400;
    private int batchSize = 32;
    private double learningRate = 5e-4;
    private int patience = 25;
    private int plateauEpochs = 8;
    private double minDelta = 1e-4;
    private double validationFraction = 0.1;
    private double beta = 0.4;
    private int klWarmupEpochs = 30;
    private double elementWeight = 2;
    private double coordinateWeight = 10;
    private double latticeWeight = 1;
    private double propertyWeight = 1;
    private double distanceWeight = 10;
    private double minDistance = 0.7;
    private double conditionDropout = 0.25;
    private long seed = 42;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {
    }

    private static int positive(String name, int value, int max) {
      if (value < 1 || value > max) {
        throw new IllegalArgumentException(name + " is " + value + "; must be in 1.." + max);
      }
      return value;
    }

    private static double nonNegative(String name, double value) {
      if (!(value >= 0) || !Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " is " + value + "; must be finite and >= 0");
      }
      return value;
    }

    /** Sets L, the latent dimension, 1..1024. */
    public Builder optLatentDim(int dim) {
      this.latentDim = positive("latent dimension", dim, 1024);
      return this;
    }

    /** Sets the units of each encoder/decoder hidden layer, 1..8192. */
    public Builder optHiddenDim(int units) {
      this.hiddenDim = positive("hidden units", units, 8192);
      return this;
    }

    /** Sets the number of encoder/decoder hidden layers, 1..8. */
    public Builder optHiddenLayers(int layers) {
      this.hiddenLayers = positive("hidden layers", layers, 8);
      return this;
    }

    /** Sets the units of the prior network's and property head's hidden layer, 1..4096. */
    public Builder optHeadDim(int units) {
      this.headDim = positive("head units", units, 4096);
      return this;
    }

    /** Sets which cell of each training crystal is encoded ({@link CellChoice}). */
    public Builder optCellChoice(CellChoice choice) {
      this.cellChoice = Objects.requireNonNull(choice, "cellChoice");
      return this;
    }

    /** Sets the Fourier Miller-index bound m, 0 (off) to 6. */
    public Builder optFourierIndex(int m) {
      if (m < 0 || m > 6) {
        throw new IllegalArgumentException("Fourier index bound is " + m + "; must be in 0..6");
      }
      this.fourierIndex = m;
      return this;
    }

    /** Fixes the site budget N, 1..1000; larger training cells are skipped. */
    public Builder optMaxSites(int sites) {
      this.maxSites = positive("maxSites", sites, 1000);
      return this;
    }

    /** Sets the largest number of epochs, 1..100000. */
    public Builder optMaxEpochs(int epochs) {
      this.maxEpochs = positive("epochs", epochs, 100_000);
      return this;
    }

    /** Sets the mini-batch size in rows, 1..65536. */
    public Builder optBatchSize(int rows) {
      this.batchSize = positive("batch size", rows, 65_536);
      return this;
    }

    /** Sets Adam's learning rate, in (0, 1]. */
    public Builder optLearningRate(double rate) {
      if (!(rate > 0 && rate <= 1)) {
        throw new IllegalArgumentException("learning rate is " + rate + "; must be in (0, 1]");
      }
      this.learningRate = rate;
      return this;
    }

    /** Sets the early-stopping patience in epochs, 1..100000. */
    public Builder optPatience(int epochs) {
      this.patience = positive("patience", epochs, 100_000);
      return this;
    }

    /** Sets the epochs without improvement before the learning rate is halved; 0 = never. */
    public Builder optPlateauEpochs(int epochs) {
      if (epochs < 0) {
        throw new IllegalArgumentException("plateau epochs is " + epochs + "; must be >= 0");
      }
      this.plateauEpochs = epochs;
      return this;
    }

    /** Sets the smallest validation-loss decrease that counts as improvement, ≥ 0. */
    public Builder optMinDelta(double delta) {
      this.minDelta = nonNegative("minDelta", delta);
      return this;
    }

    /** Sets the validation fraction, in [0, 0.5]; 0 stops on the training loss instead. */
    public Builder optValidationFraction(double fraction) {
      if (!(fraction >= 0 && fraction <= 0.5)) {
        throw new IllegalArgumentException("validation fraction is " + fraction
            + "; must be in [0, 0.5]");
      }
      this.validationFraction = fraction;
      return this;
    }

    /** Sets β, the final KL weight, ≥ 0. */
    public Builder optBeta(double beta) {
      this.beta = nonNegative("beta", beta);
      return this;
    }

    /** Sets the KL warm-up length in epochs, ≥ 0. */
    public Builder optKlWarmupEpochs(int epochs) {
      if (epochs < 0) {
        throw new IllegalArgumentException("KL warm-up is " + epochs + " epochs; must be >= 0");
      }
      this.klWarmupEpochs = epochs;
      return this;
    }

    /** Sets the element cross-entropy weight, ≥ 0. */
    public Builder optElementWeight(double w) {
      this.elementWeight = nonNegative("element weight", w);
      return this;
    }

    /** Sets the coordinate loss weight, ≥ 0. */
    public Builder optCoordinateWeight(double w) {
      this.coordinateWeight = nonNegative("coordinate weight", w);
      return this;
    }

    /** Sets the lattice loss weight, ≥ 0. */
    public Builder optLatticeWeight(double w) {
      this.latticeWeight = nonNegative("lattice weight", w);
      return this;
    }

    /** Sets the property loss weight, ≥ 0. */
    public Builder optPropertyWeight(double w) {
      this.propertyWeight = nonNegative("property weight", w);
      return this;
    }

    /** Sets the distance penalty weight, ≥ 0 (0: no penalty). */
    public Builder optDistanceWeight(double w) {
      this.distanceWeight = nonNegative("distance weight", w);
      return this;
    }

    /** Sets the penalised distance in Å, in (0, 5]. */
    public Builder optMinDistance(double angstrom) {
      if (!(angstrom > 0 && angstrom <= 5)) {
        throw new IllegalArgumentException("minimum distance is " + angstrom
            + " Å; must be in (0, 5]");
      }
      this.minDistance = angstrom;
      return this;
    }

    /** Sets the condition-dropout probability, in [0, 1). */
    public Builder optConditionDropout(double p) {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("condition dropout is " + p + "; must be in [0, 1)");
      }
      this.conditionDropout = p;
      return this;
    }

    /** Sets the seed of every random step. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the PyTorch intra-op threads, 1..1024. */
    public Builder optThreads(int threads) {
      this.threads = positive("threads", threads, 1024);
      return this;
    }

    /** The configuration. */
    public CvaeConfig build() {
      return new CvaeConfig(this);
    }
  }
}
