package org.invdes.core.model;

/**
 * The outcome of a training run, stored in the saved model's manifest.
 *
 * @param epochsRun epochs run before stopping
 * @param bestEpoch the epoch whose weights were kept (best validation loss)
 * @param earlyStopped true if the patience ran out before the epoch limit
 * @param train training loss terms of the kept weights' epoch
 * @param validation validation loss terms of the kept weights (null without a validation split)
 * @param seconds wall-clock training time in seconds
 */
public record TrainingSummary(int epochsRun, int bestEpoch, boolean earlyStopped,
    LossTerms train, LossTerms validation, double seconds) {
}
