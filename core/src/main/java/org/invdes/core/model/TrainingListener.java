package org.invdes.core.model;

/**
 * Receives training events besides the fraction done (which goes to the {@link
 * org.invdes.core.progress.ProgressMonitor}). Called on the training thread.
 */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {
  };

  /** A warning for a person, e.g. the one consolidated message about skipped rows. */
  default void warning(String message) {
  }

  /** Called after every epoch. */
  default void epoch(EpochReport report) {
  }
}
