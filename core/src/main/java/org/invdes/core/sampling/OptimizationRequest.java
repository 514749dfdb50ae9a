package org.invdes.core.sampling;

import java.util.List;
import java.util.Objects;
import org.invdes.core.structure.Structure;

/**
 * Latent optimisation from seed structures (the CDVAE "property optimisation" protocol).
 * Immutable; built with {@link #builder()}: seeds and objective are required.
 *
 * <p>Defaults: 200 Adam steps of size 0.05 (latent units), 10 checkpoints, prior weight 0.01,
 * any element, as many decoding threads as processors.
 */
public final class OptimizationRequest extends DecodingRequest {
  private final List<Structure> seeds;
  private final PropertyObjective objective;
  private final int steps;
  private final double stepSize;
  private final int checkpoints;
  private final double priorWeight;

  private OptimizationRequest(Builder b) {
    super(b);
    this.seeds = List.copyOf(b.seeds);
    this.objective = b.objective;
    this.steps = b.steps;
    this.stepSize = b.stepSize;
    this.checkpoints = b.checkpoints;
    this.priorWeight = b.priorWeight;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The start structures. */
  public List<Structure> seeds() {
    return seeds;
  }

  /** The objective. */
  public PropertyObjective objective() {
    return objective;
  }

  /** Gradient steps per seed. */
  public int steps() {
    return steps;
  }

  /** Adam step size, in latent units. */
  public double stepSize() {
    return stepSize;
  }

  /** How many evenly spaced points of each trajectory are decoded (the last step included). */
  public int checkpoints() {
    return checkpoints;
  }

  /** λ of the penalty λ/2 · |z|² that keeps z where the prior has mass (dimensionless). */
  public double priorWeight() {
    return priorWeight;
  }

  /** Builder of {@link OptimizationRequest}. */
  public static final class Builder extends DecodingRequest.Builder<Builder> {
    private List<Structure> seeds;
    private PropertyObjective objective;
    private int steps = 200;
    private double stepSize = 0.05;
    private int checkpoints = 10;
    private double priorWeight = 0.01;

    private Builder() {
    }

    @Override
    Builder self() {
      return this;
    }

    /** Sets the seed structures, at least one (required). */
    public Builder setSeeds(List<Structure> structures) {
      Objects.requireNonNull(structures, "seeds");
      if (structures.isEmpty()) {
        throw new IllegalArgumentException("latent optimisation needs at least one seed");
      }
      this.seeds = structures;
      return this;
    }

    /** Sets the objective (required). */
    public Builder setObjective(PropertyObjective objective) {
      this.objective = Objects.requireNonNull(objective, "objective");
      return this;
    }

    /** Sets the number of steps, 1..10⁶. */
    public Builder optSteps(int n) {
      this.steps = inRange("steps", n, 1, 1_000_000, "10^6");
      return this;
    }

    /** Sets the step size, in (0, 10]. */
    public Builder optStepSize(double size) {
      this.stepSize = positiveUpTo("step size", size, 10);
      return this;
    }

    /** Sets the number of decoded checkpoints, 1..10⁴. */
    public Builder optCheckpoints(int n) {
      this.checkpoints = inRange("checkpoints", n, 1, 10_000, "10^4");
      return this;
    }

    /** Sets the prior weight λ, ≥ 0. */
    public Builder optPriorWeight(double lambda) {
      if (!(lambda >= 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("prior weight is " + lambda
            + "; must be finite and >= 0");
      }
      this.priorWeight = lambda;
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalStateException naming a missing required setting
     */
    public OptimizationRequest build() {
      if (seeds == null) {
        throw new IllegalStateException("setSeeds(...) is required");
      }
      if (objective == null) {
        throw new IllegalStateException("setObjective(...) is required");
      }
      return new OptimizationRequest(this);
    }
  }
}
