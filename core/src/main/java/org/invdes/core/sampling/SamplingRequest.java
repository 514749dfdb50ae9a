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
 * softmax, seed 0, first index 0, temperature 1, no tolerance,
 * batches of 4096 latent points, as many decoding threads as processors, at most 50 draws per
 * requested structure.
 */
public final class SamplingRequest {
  /** The largest first index: 10¹⁵, far below where index arithmetic could overflow. */
  public static final long MAX_FIRST_INDEX = 1_000_000_000_000_000L;
  private final int count;
  private final Map<String, Double> targets;
  private final ElementConstraint elements;
  private final long seed;
  private final double temperature;
  private final double tolerance;
  private final int batchSize;
  private final int threads;
  private final int maxDrawsPerSample;
  private final boolean sampleElements;
  private final long firstIndex;

  private SamplingRequest(Builder b) {
    this.firstIndex = b.firstIndex;
    this.sampleElements = b.sampleElements;
    this.count = b.count;
    this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(b.targets));
    this.elements = b.elements;
    this.seed = b.seed;
    this.temperature = b.temperature;
    this.tolerance = b.tolerance;
    this.batchSize = b.batchSize;
    this.threads = b.threads;
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

  /** The element constraint. */
  public ElementConstraint elements() {
    return elements;
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

  /** Threads that turn decoder outputs into structures. */
  public int threads() {
    return threads;
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

  /** Builder of {@link SamplingRequest}. */
  public static final class Builder {
    private int count = -1;
    private final Map<String, Double> targets = new LinkedHashMap<>();
    private ElementConstraint elements = ElementConstraint.none();
    private long seed;
    private double temperature = 1;
    private double tolerance = Double.NaN;
    private int batchSize = 4096;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int maxDrawsPerSample = 50;
    private boolean sampleElements = true;
    private long firstIndex;

    private Builder() {
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
      if (n < 1 || n > 100_000_000) {
        throw new IllegalArgumentException("sample count is " + n + "; must be in 1..10^8");
      }
      this.count = n;
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

    /** Sets the element constraint. */
    public Builder optElements(ElementConstraint constraint) {
      this.elements = Objects.requireNonNull(constraint, "elements");
      return this;
    }

    /** Sets the seed. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the temperature, in (0, 10]. */
    public Builder optTemperature(double t) {
      if (!(t > 0 && t <= 10)) {
        throw new IllegalArgumentException("temperature is " + t + "; must be in (0, 10]");
      }
      this.temperature = t;
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
      if (rows < 1 || rows > 65_536) {
        throw new IllegalArgumentException("batch size is " + rows + "; must be in 1..65536");
      }
      this.batchSize = rows;
      return this;
    }

    /** Sets the decoding threads, 1..1024. */
    public Builder optThreads(int n) {
      if (n < 1 || n > 1024) {
        throw new IllegalArgumentException("threads is " + n + "; must be in 1..1024");
      }
      this.threads = n;
      return this;
    }

    /** Sets the draw budget per requested structure, 1..10⁶. */
    public Builder optMaxDrawsPerSample(int draws) {
      if (draws < 1 || draws > 1_000_000) {
        throw new IllegalArgumentException("draws per sample is " + draws
            + "; must be in 1..10^6");
      }
      this.maxDrawsPerSample = draws;
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
