package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporaries of atomic writes: pending until committed or deleted, removed at exit. */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCommittedTemporaryIsTheTargetAndNoLongerPending() throws Exception {
    Path target = dir.resolve("out.csv");
    Path tmp = AtomicFiles.tempFileBeside(target);
    assertTrue(tmp.getFileName().toString().startsWith(".out.csv"), tmp.toString());
    assertTrue(AtomicFiles.pendingTemporaries().contains(tmp));
    Files.writeString(tmp, "a,b\n");
    AtomicFiles.commit(tmp, target);
    assertFalse(AtomicFiles.pendingTemporaries().contains(tmp));
    assertEquals(List.of("out.csv"), names());
    assertEquals("a,b\n", Files.readString(target));
  }

  @Test
  void theExitCleanupRemovesUnfinishedWritesAndKeepsFinishedOnes() throws Exception {
    Path done = dir.resolve("model");
    Path finished = AtomicFiles.tempDirectoryBeside(done);
    Files.writeString(finished.resolve("manifest.json"), "{}");
    AtomicFiles.commit(finished, done);
    Path unfinishedDir = AtomicFiles.tempDirectoryBeside(dir.resolve("run"));
    Files.createDirectories(unfinishedDir.resolve("nested"));
    Files.writeString(unfinishedDir.resolve("nested/train.csv"), "x");
    Path unfinishedFile = AtomicFiles.tempFileBeside(dir.resolve("samples.csv"));
    assertEquals(3, names().size(), names().toString());

    AtomicFiles.deletePending();

    assertEquals(List.of("model"), names());
    assertTrue(Files.isRegularFile(done.resolve("manifest.json")));
    assertFalse(AtomicFiles.pendingTemporaries().contains(unfinishedDir));
    assertFalse(AtomicFiles.pendingTemporaries().contains(unfinishedFile));
  }

  @Test
  void aTemporaryDeletedAfterAFailedWriteIsNoLongerPending() throws Exception {
    Path tmp = AtomicFiles.tempFileBeside(dir.resolve("x.cif"));
    AtomicFiles.deleteTree(tmp);
    assertFalse(AtomicFiles.pendingTemporaries().contains(tmp));
    assertEquals(List.of(), names());
  }

  @Test
  void onceTheExitCleanupHasBegunNoTemporaryIsMadeAndNoDirectoryRecreated() throws Exception {
    Path work = AtomicFiles.tempDirectoryBeside(dir.resolve("design"));
    try {
      AtomicFiles.stopAndDeletePending();
      assertEquals(List.of(), names());
      // a writer still running after the cleanup must not bring the deleted directory back
      IOException e = assertThrows(IOException.class,
          () -> AtomicFiles.tempDirectoryBeside(work.resolve("model")));
      assertTrue(e.getMessage().contains("stopping"), e.getMessage());
      assertTrue(e.getMessage().contains(work.resolve("model").toString()), e.getMessage());
      assertThrows(IOException.class,
          () -> AtomicFiles.tempFileBeside(work.resolve("history.csv")));
      assertEquals(List.of(), names());
    } finally {
      AtomicFiles.reopen();
    }
    Path again = AtomicFiles.tempFileBeside(dir.resolve("x.csv"));
    AtomicFiles.deleteTree(again);
  }
}
