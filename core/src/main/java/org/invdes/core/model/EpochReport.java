package org.invdes.core.model;

/**
 * What one training epoch gave, for progress displays and logs.
 *
 * @param epoch the epoch, 1-based
 * @param maxEpochs the configured largest number of epochs
 * @param klWeight the KL weight used in this epoch (β times the warm-up factor)
 * @param train the training loss terms, averaged over the epoch's batches (with noise and
 *     condition dropout)
 * @param validation the validation loss terms (z = μ, no dropout, full β), or null without a
 *     validation split
 * @param bestEpoch the epoch with the best validation (or training) loss so far
 */
public record EpochReport(int epoch, int maxEpochs, double klWeight, LossTerms train,
    LossTerms validation, int bestEpoch) {
}
