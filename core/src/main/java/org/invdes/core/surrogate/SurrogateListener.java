package org.invdes.core.surrogate;

/** Receives training events of {@link SurrogateTrainer} on the training thread. */
public interface SurrogateListener {
  /** A listener that ignores everything. */
  SurrogateListener NONE = new SurrogateListener() {
  };

  /** A warning for a person, e.g. the one consolidated message about skipped rows. */
  default void warning(String message) {
  }

  /**
   * Called after every epoch.
   *
   * @param epoch 1-based
   * @param trainMae training MAE of the epoch (in training mode, averaged over batches)
   * @param validationMae held-out MAE, NaN without a split
   * @param bestEpoch the best epoch so far
   */
  default void epoch(int epoch, double trainMae, double validationMae, int bestEpoch) {
  }
}
