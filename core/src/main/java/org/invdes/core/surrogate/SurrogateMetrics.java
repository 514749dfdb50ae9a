package org.invdes.core.surrogate;

/**
 * The outcome of training a surrogate, stored in its manifest.
 *
 * @param epochsRun epochs run before stopping
 * @param bestEpoch the epoch whose weights were kept (lowest validation MAE, or training MAE
 *     without a validation split)
 * @param earlyStopped true if the patience ran out before the epoch limit
 * @param trainMae mean absolute error on the training rows at the best epoch, in the property's
 *     unit (eV/atom for an energy)
 * @param validationMae the same on the held-out rows, NaN without a validation split
 * @param seconds wall-clock training time, s
 */
public record SurrogateMetrics(int epochsRun, int bestEpoch, boolean earlyStopped,
    double trainMae, double validationMae, double seconds) {
}
