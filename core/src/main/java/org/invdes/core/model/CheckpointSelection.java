package org.invdes.core.model;

import java.util.Objects;
import org.invdes.core.progress.ProgressMonitor;

/**
 * Which epoch's weights a diffusion training keeps when the validation loss is not the measure
 * that matters: every {@link #every()} epochs from epoch {@link #from()} on (and at the last
 * configured epoch) the trainer hands the current weights, as a model, to a {@link Scorer}, and
 * keeps the weights that scored highest instead of those with the lowest validation loss.
 * Learning-rate halving and early stopping still follow the validation loss; if training stops
 * before any checkpoint was scored, the validation loss decides as without a selection.
 *
 * <p>The scorer must not use held-out data: a generator's own samples (their validity, say)
 * are the intended measure. Its random draws come from its own seed, so a run with a selection
 * follows the same training path as one without and only the kept epoch differs.
 *
 * @param every epochs between scored checkpoints, at least 1
 * @param from the first scored epoch, at least 1
 * @param criterion what the score measures, for logs and the manifest, e.g. {@code "composition
 *     validity of 1000 samples"}
 * @param scorer the measure; higher is better
 */
public record CheckpointSelection(int every, int from, String criterion, Scorer scorer) {

  /** Scores one checkpoint. */
  @FunctionalInterface
  public interface Scorer {
    /**
     * The checkpoint's score, higher is better; NaN counts as the worst.
     *
     * @param checkpoint the weights of the epoch as a model, valid during this call only (do
     *     not close it or keep it)
     * @param monitor for cancellation; its progress fractions are those of the scoring alone
     */
    double score(DiffusionModel checkpoint, ProgressMonitor monitor);

    /**
     * Checks, before training starts, that this scorer can score a model trained with {@code
     * config} (e.g. that its sampling steps fit the model's diffusion steps), so that a bad
     * setting fails at once rather than at the first scored epoch. Accepts anything by default.
     *
     * @throws IllegalArgumentException naming the setting that does not fit
     */
    default void check(DiffusionConfig config) {
    }
  }

  /** Checks the arguments. */
  public CheckpointSelection {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoints are scored every " + every
          + " epochs; it must be at least 1");
    }
    if (from < 1) {
      throw new IllegalArgumentException("the first scored checkpoint is epoch " + from
          + "; it must be at least 1");
    }
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(scorer, "scorer");
  }

  /**
   * Checks that a training with {@code config} scores at least one epoch unless it stops early,
   * and the scorer's own {@link Scorer#check}.
   *
   * @throws IllegalArgumentException if {@link #from()} is after the last epoch, or from the
   *     scorer
   */
  public void check(DiffusionConfig config) {
    if (from > config.maxEpochs()) {
      throw new IllegalArgumentException("the first scored checkpoint, epoch " + from
          + ", is after the last epoch, " + config.maxEpochs() + "; score from an earlier epoch");
    }
    scorer.check(config);
  }

  /** Whether epoch {@code epoch} of at most {@code maxEpochs} is scored. */
  public boolean scores(int epoch, int maxEpochs) {
    return epoch >= from && ((epoch - from) % every == 0 || epoch == maxEpochs);
  }
}
