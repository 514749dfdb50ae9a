package org.invdes.knime;

import org.invdes.core.progress.ProgressMonitor;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** The core's {@link ProgressMonitor} over a KNIME {@link ExecutionMonitor}. */
public final class KnimeProgress implements ProgressMonitor {
  private final ExecutionMonitor exec;

  private KnimeProgress(ExecutionMonitor exec) {
    this.exec = exec;
  }

  /** @return a monitor reporting to exec and cancelled when exec is */
  public static ProgressMonitor of(ExecutionMonitor exec) {
    return new KnimeProgress(exec);
  }

  @Override
  public void progress(double fraction, String message) {
    exec.setProgress(Math.max(0, Math.min(1, fraction)), message);
  }

  @Override
  public boolean isCancelled() {
    try {
      exec.checkCanceled();
      return false;
    } catch (CanceledExecutionException e) {
      return true;
    }
  }
}
