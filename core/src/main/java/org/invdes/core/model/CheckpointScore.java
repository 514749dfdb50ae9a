package org.invdes.core.model;

/**
 * The score a {@link CheckpointSelection} gave the weights of one epoch.
 *
 * @param epoch the epoch, 1-based
 * @param score its score, higher is better (NaN if the scorer could not tell)
 */
public record CheckpointScore(int epoch, double score) {
}
