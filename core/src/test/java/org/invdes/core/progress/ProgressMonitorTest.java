package org.invdes.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProgressMonitorTest {

  @Test
  void noneNeverCancels() {
    ProgressMonitor.NONE.progress(0.5, "half");
    assertFalse(ProgressMonitor.NONE.isCancelled());
    ProgressMonitor.NONE.checkCancelled("work");
  }

  @Test
  void checkCancelledThrowsNamingTheWork() {
    ProgressMonitor cancelled = ProgressMonitor.cancelling(() -> true);
    CancelledException e = assertThrows(CancelledException.class,
        () -> cancelled.checkCancelled("training"));
    assertEquals("training was cancelled", e.getMessage());
  }
}
