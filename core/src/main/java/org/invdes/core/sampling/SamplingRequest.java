package org.invdes.core.sampling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to sample. Immutable; built with {@link #builder()}: {@link Builder#setCount} is
 * required, the {@code opt*} settings optional, {@link Builder#build()} validates.
 *
 * <p>Defaults: unconditional (no targets), any element, elements drawn from the decoder's
 * softmax, seed 0, first index 0, temperature 1, no tolerance, raw samples (invalid ones kept),
 * batches of 4096 latent points, as many decoding threads as processors, at most 50 draws per
 * requested structure.
 */
public final class SamplingRequest extends DecodingRequest {
  /** The largest first index: 10¹⁵, far below where index arithmetic could overflow. */
  public static final long MAX_FIRST_INDEX = 1_000_000_000_000_000L;
  private final int count;
  private final Map<String, Double> targets;
  private final long seed;
  private final double temperature;
  private final double tolerance;
  private final int batchSize;
  private final int maxDrawsPerSample;
  private final boolean sampleElements;
  private final long firstIndex;
  private final boolean validOnly;
  private final boolean sampleLattice;

  private SamplingRequest(Builder b) {
    super(b);
    this.sampleLattice = b.sampleLattice;
    this.firstIndex = b.firstIndex;
    this.validOnly = b.validOnly;
    this.sampleElements = b.sampleElements;
    this.count = b.count;
    this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(b.targets));
    this.seed = b.seed;
    this.temperature = b.temperature;
    this.tolerance = b.tolerance;
    this.batchSize = b.batchSize;
    this.maxDrawsPerSample = b.maxDrawsPerSample;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Structures to return. */
  public int count() {
    return count;
  }

  /** Target values by property name (property units); empty for unconditional sampling. */
  public Map<String, Double> targets() {
    return targets;
  }

  /** The seed of the latent draws. */
  public long seed() {
    return seed;
  }

  /**
   * The global index of the first requested structure (0 by default): the run produces
   * samples firstIndex, …, firstIndex + count − 1, each depending only on the seed and its own
   * index, so runs with the same seed over disjoint index ranges are shards of one larger run.
   */
  public long firstIndex() {
    return firstIndex;
  }

  /** Factor on the prior's standard deviation (dimensionless; 1 samples the prior itself). */
  public double temperature() {
    return temperature;
  }

  /**
   * Rejection tolerance in property units: a sample is kept only if the property head's
   * prediction of every targeted property is within this of its target; NaN keeps every sample.
   */
  public double tolerance() {
    return tolerance;
  }

  /** Latent points decoded per network call. */
  public int batchSize() {
    return batchSize;
  }

  /** The most latent points drawn per requested structure before giving up (with a warning). */
  public int maxDrawsPerSample() {
    return maxDrawsPerSample;
  }

  /**
   * True when each site's element is drawn from the decoder's softmax (x ~ p(x | z)); false
   * when it is the most likely one (the mode).
   */
  public boolean sampleElements() {
    return sampleElements;
  }

  /**
   * True when the cell is drawn from the decoder's lattice distribution (a VAE's {@link
   * org.invdes.core.model.ModelManifest#latticeNoise()}: its mean plus Gaussian noise of the
   * fitted covariance), false when it is the mean.
   */
  public boolean sampleLattice() {
    return sampleLattice;
  }

  /**
   * True when a decoded structure that is not structurally valid ({@link
   * org.invdes.core.stability.Validity#structureValid}: an interatomic distance below 0.5 Å or a
   * cell below 0.1 Å³) is rejected like one that misses a constraint, and its index tried
   * again; false (the default) returns the model's raw samples.
   */
  public boolean validOnly() {
    return validOnly;
  }

  /** Builder of {@link SamplingRequest}. */
  public static final class Builder extends DecodingRequest.Builder<Builder> {
    private int count = -1;
    private final Map<String, Double> targets = new LinkedHashMap<>();
    private long seed;
    private double temperature = 1;
    private double tolerance = Double.NaN;
    private int batchSize = 4096;
    private int maxDrawsPerSample = 50;
    private boolean sampleElements = true;
    private long firstIndex;
    private boolean validOnly;
    private boolean sampleLattice = true;

    private Builder() {
    }

    /** Draws the cell from the decoder's lattice distribution (true, the default) or takes
     * its mean. */
    public Builder optSampleLattice(boolean draw) {
      this.sampleLattice = draw;
      return this;
    }

    /** Rejects structurally invalid decodes (true) or keeps raw samples (false, the default). */
    public Builder optValidOnly(boolean reject) {
      this.validOnly = reject;
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    /** Sets the global index of the first structure, 0..10¹⁵ (default 0). */
    public Builder optFirstIndex(long index) {
      if (index < 0 || index > MAX_FIRST_INDEX) {
        throw new IllegalArgumentException("first index is " + index + "; must be in 0..10^15");
      }
      this.firstIndex = index;
      return this;
    }

    /** Draws elements from the decoder's softmax (true, the default) or takes the mode. */
    public Builder optSampleElements(boolean draw) {
      this.sampleElements = draw;
      return this;
    }

    /** Sets the number of structures, 1..10⁸ (required). */
    public Builder setCount(int n) {
      this.count = inRange("sample count", n, 1, 100_000_000, "10^8");
      return this;
    }

    /** Adds a target value (property units) for a property; conditions the sampling. */
    public Builder optTarget(String property, double value) {
      Objects.requireNonNull(property, "property");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("target " + property + " = " + value
            + " must be finite");
      }
      targets.put(property, value);
      return this;
    }

    /** Adds every target of the map. */
    public Builder optTargets(Map<String, Double> values) {
      values.forEach(this::optTarget);
      return this;
    }

    /** Sets the seed. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the temperature, in (0, 10]. */
    public Builder optTemperature(double t) {
      this.temperature = positiveUpTo("temperature", t, 10);
      return this;
    }

    /** Sets the rejection tolerance in property units, > 0 (needs targets). */
    public Builder optTolerance(double tol) {
      if (!(tol > 0) || Double.isInfinite(tol)) {
        throw new IllegalArgumentException("tolerance is " + tol + "; must be finite and > 0");
      }
      this.tolerance = tol;
      return this;
    }

    /** Sets the latent points per network call, 1..65536. */
    public Builder optBatchSize(int rows) {
      this.batchSize = inRange("batch size", rows, 1, 65_536, "65536");
      return this;
    }

    /** Sets the draw budget per requested structure, 1..10⁶. */
    public Builder optMaxDrawsPerSample(int draws) {
      this.maxDrawsPerSample = inRange("draws per sample", draws, 1, 1_000_000, "10^6");
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalStateException if the count is missing or a tolerance has no target
     */
    public SamplingRequest build() {
      if (count < 0) {
        throw new IllegalStateException("setCount(...) is required");
      }
      if (!Double.isNaN(tolerance) && targets.isEmpty()) {
        throw new IllegalStateException("a tolerance (" + tolerance + ") needs targets");
      }
      return new SamplingRequest(this);
    }
  }
}
