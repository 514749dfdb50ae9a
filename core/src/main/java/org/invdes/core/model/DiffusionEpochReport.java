package org.invdes.core.model;

import java.util.Locale;

/**
 * What one epoch of {@link DiffusionTrainer} gave, for progress displays, logs and history
 * tables.
 *
 * @param epoch the epoch, 1-based
 * @param maxEpochs the configured largest number of epochs
 * @param train the training loss terms, averaged over the epoch's batches (random times, noise
 *     and condition dropout)
 * @param validation the validation loss terms (fixed noise stream, no dropout), or null without a
 *     validation split
 * @param bestEpoch the epoch with the best validation (or training) loss so far
 * @param checkpointScore the {@link CheckpointSelection}'s score of this epoch's weights, NaN
 *     when it was not scored
 */
public record DiffusionEpochReport(int epoch, int maxEpochs, DiffusionLossTerms train,
    DiffusionLossTerms validation, int bestEpoch, double checkpointScore) {

  /** A report of an epoch that was not scored. */
  public DiffusionEpochReport(int epoch, int maxEpochs, DiffusionLossTerms train,
      DiffusionLossTerms validation, int bestEpoch) {
    this(epoch, maxEpochs, train, validation, bestEpoch, Double.NaN);
  }

  /**
   * The log line: "epoch e/max: train … [, validation …]; best epoch b[; checkpoint score s]".
   */
  public String line() {
    return String.format(Locale.ROOT, "epoch %d/%d: train %s%s; best epoch %d%s", epoch,
        maxEpochs, train.summary(), validation == null ? "" : ", validation "
            + validation.summary(), bestEpoch, Double.isNaN(checkpointScore) ? ""
            : String.format(Locale.ROOT, "; checkpoint score %.4f", checkpointScore));
  }
}
