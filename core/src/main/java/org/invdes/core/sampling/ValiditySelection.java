package org.invdes.core.sampling;

import java.util.Locale;
import org.invdes.core.metrics.Distributions;
import org.invdes.core.model.CheckpointSelection;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.Validity;
import org.invdes.core.structure.Structure;

/**
 * Scores a diffusion checkpoint by the composition validity ({@link
 * Validity#compositionValid(Structure)}, CDVAE's charge-balance test) of its own samples, drawn
 * as {@code invdes sample --draw-conditions} draws them: each sample's condition from the
 * model's training rows, guided with the given strength, at the given steps. The score is the
 * fraction of the requested samples that are valid (a sample that could not be decoded counts
 * as invalid). No held-out data is used.
 *
 * <p>Validity alone can prefer a checkpoint whose cells are too dense or too loose (on MP-20 one
 * with 83.7 % valid compositions had a density EMD of 1.03 g/cm³ against the held-out data,
 * another with 82.2 % one of 0.33). With a {@link DensityBound} a checkpoint whose samples'
 * density distribution is further than the bound from the reference (the training rows'
 * densities) scores its validity minus 1: it is kept only when no scored checkpoint meets the
 * bound.
 *
 * <p>On MP-20 the validation loss does not follow composition validity: checkpoints ten epochs
 * apart differ by ten points, so keeping the epoch with the lowest loss keeps a random point of
 * that spread. Scoring the checkpoints by the measure itself keeps the best of them.
 *
 * @param samples samples per checkpoint, at least 1 (the score's standard error is about
 *     √(v(1 − v)/n), 1.2 points at 1,000 samples and 80 % validity)
 * @param steps sampling steps, 0 for the model's default
 * @param guidance guidance strength w, NaN for the model's default
 * @param seed the samples' seed (the same for every checkpoint, so they are compared on the
 *     same draws of conditions and noise)
 * @param density the density bound, or null for none
 */
public record ValiditySelection(int samples, int steps, double guidance, long seed,
    DensityBound density) implements CheckpointSelection.Scorer {

  /**
   * At most {@code maxEmd} g/cm³ of earth mover's distance between the samples' densities and
   * {@code reference}.
   *
   * @param reference densities in g/cm³ (the training rows'), at least one, all finite
   * @param maxEmd the bound in g/cm³, positive
   */
  public record DensityBound(double[] reference, double maxEmd) {
    /** Checks and copies. */
    public DensityBound {
      if (reference.length == 0) {
        throw new IllegalArgumentException("the density bound needs reference densities");
      }
      for (double d : reference) {
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException("reference density " + d + " is not finite");
        }
      }
      checkMaxEmd(maxEmd);
      reference = reference.clone();
    }

    /**
     * Checks a bound before the reference densities are known.
     *
     * @throws IllegalArgumentException unless it is positive and finite
     */
    public static void checkMaxEmd(double maxEmd) {
      if (!(maxEmd > 0 && Double.isFinite(maxEmd))) {
        throw new IllegalArgumentException("the density EMD bound is " + maxEmd
            + " g/cm³; it must be positive");
      }
    }

    @Override
    public double[] reference() {
      return reference.clone();
    }
  }

  /** Scoring by validity alone. */
  public ValiditySelection(int samples, int steps, double guidance, long seed) {
    this(samples, steps, guidance, seed, null);
  }

  /** Checks the arguments. */
  public ValiditySelection {
    if (samples < 1) {
      throw new IllegalArgumentException("checkpoints are scored on " + samples
          + " samples; at least 1 is needed");
    }
    if (steps < 0) {
      throw new IllegalArgumentException("checkpoint sampling steps are " + steps
          + "; use 0 for the model's default or a positive number");
    }
    if (!Double.isNaN(guidance) && !(guidance >= 0 && guidance <= 20)) {
      throw new IllegalArgumentException("checkpoint guidance strength is " + guidance
          + "; must be in [0, 20]");
    }
  }

  /**
   * The selection scoring every {@code every} epochs from {@code from} on with this scorer.
   *
   * @throws IllegalArgumentException as {@link CheckpointSelection}
   */
  public CheckpointSelection every(int every, int from) {
    return new CheckpointSelection(every, from, criterion(), this);
  }

  /** What the score measures, e.g. for the manifest. */
  public String criterion() {
    return String.format(Locale.ROOT, "composition validity of %d samples (%s steps, guidance"
        + " %s, conditions drawn from the training rows, seed %d)%s", samples,
        steps == 0 ? "default" : Integer.toString(steps),
        Double.isNaN(guidance) ? "default" : String.format(Locale.ROOT, "%g", guidance), seed,
        density == null ? "" : String.format(Locale.ROOT, "; minus 1 if their density EMD"
            + " against %d reference densities exceeds %g g/cm³", density.reference.length,
            density.maxEmd));
  }

  /** Refuses sampling steps above the configuration's diffusion times T. */
  @Override
  public void check(DiffusionConfig config) {
    if (steps > config.timesteps()) {
      throw new IllegalArgumentException("checkpoint sampling steps " + steps
          + " exceed the diffusion times T = " + config.timesteps());
    }
  }

  @Override
  public double score(DiffusionModel checkpoint, ProgressMonitor monitor) {
    DiffusionSampler sampler = DiffusionSampler.of(checkpoint).withDrawnConditions(true);
    if (steps > 0) {
      sampler = sampler.withSteps(steps);
    }
    if (!Double.isNaN(guidance)) {
      sampler = sampler.withGuidance(guidance);
    }
    SampleResult result = sampler.sample(SamplingRequest.builder().setCount(samples)
        .optSeed(seed).build(), monitor);
    long valid = result.structures().stream().filter(Validity::compositionValid).count();
    double score = (double) valid / samples;
    if (density != null) {
      double[] d = result.structures().stream().mapToDouble(Structure::density)
          .filter(Double::isFinite).toArray();
      if (d.length == 0 || Distributions.wasserstein1(d, density.reference) > density.maxEmd) {
        score -= 1;
      }
    }
    return score;
  }
}
