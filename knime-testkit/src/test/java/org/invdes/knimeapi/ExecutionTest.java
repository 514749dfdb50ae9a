package org.invdes.knimeapi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeHarness;

/** Progress arithmetic and cancellation. */
class ExecutionTest {

  /** Two sub-progresses of share 1/2 each take the parent from 0 to 1 in quarters. */
  @Test
  void subProgressFillsItsShare() {
    ExecutionContext exec = NodeHarness.executionContext();
    ExecutionContext first = exec.createSubExecutionContext(0.5);
    first.setProgress(0.5, "half of the first half");
    first.setProgress(1.0);
    ExecutionMonitor second = exec.createSilentSubProgress(0.5);
    second.setProgress(0.5, "not shown");
    second.setProgress(1.0);
    assertEquals(List.of(0.25, 0.5, 0.75, 1.0), NodeHarness.progressFractions(exec));
    assertEquals(List.of("half of the first half"), NodeHarness.progressMessages(exec));
  }

  @Test
  void cancelReachesEverySubMonitor() {
    ExecutionContext exec = NodeHarness.executionContext();
    ExecutionMonitor sub = exec.createSubProgress(0.3);
    assertDoesNotThrow(sub::checkCanceled);
    NodeHarness.cancel(exec);
    assertThrows(CanceledExecutionException.class, sub::checkCanceled);
    assertThrows(CanceledExecutionException.class, exec::checkCanceled);
  }

  @Test
  void cancelAtReportCancelsWhenThatReportArrives() {
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 2);
    exec.setProgress(0.1);
    assertDoesNotThrow(exec::checkCanceled);
    exec.setMessage("second report");
    assertThrows(CanceledExecutionException.class, exec::checkCanceled);
  }

  @Test
  void subProgressSharesOutsideZeroToOneAreRejected() {
    ExecutionContext exec = NodeHarness.executionContext();
    assertThrows(IllegalArgumentException.class, () -> exec.createSubProgress(1.5));
  }
}
