package org.invdes.core.surrogate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Hyper-parameters of the formation-energy surrogate: the crystal graph (cut-off, neighbours,
 * Gaussian distance expansion), the network widths and the training loop. Immutable; built with
 * {@link #builder()} ({@code opt*} setters validate and name the bad value), defaults from
 * {@link #defaults()}.
 */
public final class SurrogateConfig {
  /** How the training loss compares predictions with targets (both normalised). */
  public enum Loss {
    /** Mean squared error. */
    MSE,
    /** Mean absolute error. */
    L1
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SurrogateConfig DEFAULTS = new Builder().build();

  private final double cutoffAngstrom;
  private final int maxNeighbours;
  private final double gaussianStepAngstrom;
  private final int atomFeatures;
  private final int convLayers;
  private final int headDim;
  private final int batchSize;
  private final double learningRate;
  private final int maxEpochs;
  private final int patience;
  private final int plateauEpochs;
  private final double validationFraction;
  private final Loss loss;
  private final long seed;
  private final int threads;

  private SurrogateConfig(Builder b) {
    this.cutoffAngstrom = b.cutoffAngstrom;
    this.maxNeighbours = b.maxNeighbours;
    this.gaussianStepAngstrom = b.gaussianStepAngstrom;
    this.atomFeatures = b.atomFeatures;
    this.convLayers = b.convLayers;
    this.headDim = b.headDim;
    this.batchSize = b.batchSize;
    this.learningRate = b.learningRate;
    this.maxEpochs = b.maxEpochs;
    this.patience = b.patience;
    this.plateauEpochs = b.plateauEpochs;
    this.validationFraction = b.validationFraction;
    this.loss = b.loss;
    this.seed = b.seed;
    this.threads = b.threads;
  }

  /** The default configuration. */
  public static SurrogateConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cutoffAngstrom = cutoffAngstrom;
    b.maxNeighbours = maxNeighbours;
    b.gaussianStepAngstrom = gaussianStepAngstrom;
    b.atomFeatures = atomFeatures;
    b.convLayers = convLayers;
    b.headDim = headDim;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.maxEpochs = maxEpochs;
    b.patience = patience;
    b.plateauEpochs = plateauEpochs;
    b.validationFraction = validationFraction;
    b.loss = loss;
    b.seed = seed;
    b.threads = threads;
    return b;
  }

  /** Neighbours are periodic images closer than this, Å (default 8). */
  public double cutoffAngstrom() {
    return cutoffAngstrom;
  }

  /** M: at most this many nearest neighbours per atom (default 12). */
  public int maxNeighbours() {
    return maxNeighbours;
  }

  /** Spacing and width of the Gaussians expanding a distance, Å (default 0.2). */
  public double gaussianStepAngstrom() {
    return gaussianStepAngstrom;
  }

  /** F: atom feature width (default 64). */
  public int atomFeatures() {
    return atomFeatures;
  }

  /** Message-passing layers (default 3). */
  public int convLayers() {
    return convLayers;
  }

  /** Hidden width of the read-out (default 128). */
  public int headDim() {
    return headDim;
  }

  /** Mini-batch rows (default 64). */
  public int batchSize() {
    return batchSize;
  }

  /** Adam's initial learning rate (default 0.002). */
  public double learningRate() {
    return learningRate;
  }

  /** Most epochs (default 300). */
  public int maxEpochs() {
    return maxEpochs;
  }

  /** Epochs without validation improvement before stopping (default 40). */
  public int patience() {
    return patience;
  }

  /** Epochs without improvement before the learning rate is halved, 0 = never (default 12). */
  public int plateauEpochs() {
    return plateauEpochs;
  }

  /** Fraction of rows held out for early stopping (default 0.1). */
  public double validationFraction() {
    return validationFraction;
  }

  /** The training loss (default L1). */
  public Loss loss() {
    return loss;
  }

  /** Seed of every random step (default 42). */
  public long seed() {
    return seed;
  }

  /** PyTorch intra-op threads while training (default 1: bit-for-bit reproducible). */
  public int threads() {
    return threads;
  }

  /** The configuration as JSON (the {@code hyperParameters} of a manifest). */
  public ObjectNode toJsonNode() {
    ObjectNode o = JSON.createObjectNode();
    o.put("cutoffAngstrom", cutoffAngstrom);
    o.put("maxNeighbours", maxNeighbours);
    o.put("gaussianStepAngstrom", gaussianStepAngstrom);
    o.put("atomFeatures", atomFeatures);
    o.put("convLayers", convLayers);
    o.put("headDim", headDim);
    o.put("batchSize", batchSize);
    o.put("learningRate", learningRate);
    o.put("maxEpochs", maxEpochs);
    o.put("patience", patience);
    o.put("plateauEpochs", plateauEpochs);
    o.put("validationFraction", validationFraction);
    o.put("loss", loss.name().toLowerCase(Locale.ROOT));
    o.put("seed", seed);
    o.put("threads", threads);
    return o;
  }

  /**
   * Reads {@link #toJsonNode()}; absent fields take their defaults.
   *
   * @throws IllegalArgumentException naming the field and value if one is out of range
   */
  public static SurrogateConfig fromJsonNode(JsonNode o) {
    SurrogateConfig d = DEFAULTS;
    Builder b = builder()
        .optCutoff(o.path("cutoffAngstrom").asDouble(d.cutoffAngstrom))
        .optMaxNeighbours(o.path("maxNeighbours").asInt(d.maxNeighbours))
        .optGaussianStep(o.path("gaussianStepAngstrom").asDouble(d.gaussianStepAngstrom))
        .optAtomFeatures(o.path("atomFeatures").asInt(d.atomFeatures))
        .optConvLayers(o.path("convLayers").asInt(d.convLayers))
        .optHeadDim(o.path("headDim").asInt(d.headDim))
        .optBatchSize(o.path("batchSize").asInt(d.batchSize))
        .optLearningRate(o.path("learningRate").asDouble(d.learningRate))
        .optMaxEpochs(o.path("maxEpochs").asInt(d.maxEpochs))
        .optPatience(o.path("patience").asInt(d.patience))
        .optPlateauEpochs(o.path("plateauEpochs").asInt(d.plateauEpochs))
        .optValidationFraction(o.path("validationFraction").asDouble(d.validationFraction))
        .optSeed(o.path("seed").asLong(d.seed))
        .optThreads(o.path("threads").asInt(d.threads));
    if (o.has("loss")) {
      b.optLoss(o.get("loss").asText());
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "SurrogateConfig" + toJsonNode();
  }

  /** Builder of {@link SurrogateConfig}; every setter validates its value. */
  public static final class Builder {
    private double cutoffAngstrom = 8.0;
    private int maxNeighbours = 12;
    private double gaussianStepAngstrom = 0.2;
    private int atomFeatures = 64;
    private int convLayers = 3;
    private int headDim = 128;
    private int batchSize = 64;
    private double learningRate = 0.002;
    private int maxEpochs = 300;
    private int patience = 40;
    private int plateauEpochs = 12;
    private double validationFraction = 0.1;
    private Loss loss = Loss.L1;
    private long seed = 42;
    private int threads = 1;

    private Builder() {
    }

    private static int atLeast(String what, int v, int min) {
      if (v < min) {
        throw new IllegalArgumentException(what + " is " + v + "; must be >= " + min);
      }
      return v;
    }

    private static double positive(String what, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(what + " is " + v + "; must be a positive number");
      }
      return v;
    }

    /** Neighbour cut-off, Å, in (0, 20]. */
    public Builder optCutoff(double angstrom) {
      if (!(angstrom > 0 && angstrom <= 20)) {
        throw new IllegalArgumentException("cut-off is " + angstrom + " Å; must be in (0, 20]");
      }
      this.cutoffAngstrom = angstrom;
      return this;
    }

    /** M, at least 1. */
    public Builder optMaxNeighbours(int m) {
      this.maxNeighbours = atLeast("max neighbours", m, 1);
      return this;
    }

    /** Gaussian spacing and width, Å, positive. */
    public Builder optGaussianStep(double angstrom) {
      this.gaussianStepAngstrom = positive("Gaussian step (Å)", angstrom);
      return this;
    }

    /** F, at least 1. */
    public Builder optAtomFeatures(int f) {
      this.atomFeatures = atLeast("atom features", f, 1);
      return this;
    }

    /** Message-passing layers, at least 1. */
    public Builder optConvLayers(int n) {
      this.convLayers = atLeast("message-passing layers", n, 1);
      return this;
    }

    /** Read-out hidden width, at least 1. */
    public Builder optHeadDim(int h) {
      this.headDim = atLeast("read-out width", h, 1);
      return this;
    }

    /** Mini-batch rows, at least 1. */
    public Builder optBatchSize(int b) {
      this.batchSize = atLeast("batch size", b, 1);
      return this;
    }

    /** Adam's initial learning rate, positive. */
    public Builder optLearningRate(double lr) {
      this.learningRate = positive("learning rate", lr);
      return this;
    }

    /** Most epochs, at least 1. */
    public Builder optMaxEpochs(int n) {
      this.maxEpochs = atLeast("epochs", n, 1);
      return this;
    }

    /** Early-stopping patience in epochs, at least 1. */
    public Builder optPatience(int n) {
      this.patience = atLeast("patience", n, 1);
      return this;
    }

    /** Plateau epochs before halving the learning rate; 0 never halves. */
    public Builder optPlateauEpochs(int n) {
      this.plateauEpochs = atLeast("plateau epochs", n, 0);
      return this;
    }

    /** Held-out fraction for early stopping, in [0, 0.9]. */
    public Builder optValidationFraction(double f) {
      if (!(f >= 0 && f <= 0.9)) {
        throw new IllegalArgumentException("validation fraction is " + f
            + "; must be in [0, 0.9]");
      }
      this.validationFraction = f;
      return this;
    }

    /** The training loss. */
    public Builder optLoss(Loss l) {
      this.loss = java.util.Objects.requireNonNull(l, "loss");
      return this;
    }

    /** The training loss by name, {@code l1} or {@code mse}. */
    public Builder optLoss(String name) {
      try {
        return optLoss(Loss.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("loss is '" + name + "'; must be l1 or mse", e);
      }
    }

    /** The seed of every random step. */
    public Builder optSeed(long s) {
      this.seed = s;
      return this;
    }

    /** PyTorch threads while training, at least 1. */
    public Builder optThreads(int n) {
      this.threads = atLeast("threads", n, 1);
      return this;
    }

    /** The configuration. */
    public SurrogateConfig build() {
      return new SurrogateConfig(this);
    }
  }
}
