package org.invdes.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The pieces of an atomic write: a temporary file or directory beside the target (same file
 * system, hidden name), and a move over the target once it is complete. A failure before the move
 * leaves the target untouched.
 *
 * <p>Temporary files are created private (owner only) by the JDK; before the move they get the
 * permissions of an ordinary new file ({@code rw-r--r--}, directories {@code rwxr-xr-x}) where
 * the file system has POSIX permissions, so an output is readable like any other file.
 *
 * <p>Every temporary made here is pending until it is committed or deleted. A program that may
 * be stopped from outside (a command line killed by SIGTERM or Ctrl-C) calls {@link
 * #deletePendingOnExit()} once, so the JVM's shutdown removes the temporaries of writes that
 * never finished instead of leaving hidden {@code .NAME.tmp-…} entries beside the outputs.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();
  /** Held shared while a temporary is made, exclusively when the exit cleanup closes the gate. */
  private static final ReentrantReadWriteLock GATE = new ReentrantReadWriteLock();
  private static boolean stopping; // guarded by GATE

  private interface Maker {
    Path make() throws IOException;
  }

  /**
   * Makes (parent directories included) and registers a temporary, unless the exit cleanup has
   * begun: a writer still running then must not re-create what the cleanup has just removed.
   */
  private static Path pending(Path target, Maker maker) throws IOException {
    GATE.readLock().lock();
    try {
      if (stopping) {
        throw new IOException("not writing " + target + ": the program is stopping");
      }
      Path temp = maker.make();
      PENDING.add(temp);
      return temp;
    } finally {
      GATE.readLock().unlock();
    }
  }

  /**
   * Installs (once per JVM) a shutdown hook that deletes every temporary still pending when the
   * JVM exits, whether normally or by a signal. Meant for programs, not for libraries running
   * inside a host application.
   */
  public static void deletePendingOnExit() {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::stopAndDeletePending,
          "invdes-delete-temporaries"));
    }
  }

  /** The exit cleanup: no new temporaries from here on, then the pending ones are deleted. */
  static void stopAndDeletePending() {
    setStopping(true);
    deletePending();
  }

  /** Opens the gate again after {@link #stopAndDeletePending()}; for tests in the same JVM. */
  static void reopen() {
    setStopping(false);
  }

  /** Waits for temporaries being made to be registered, then sets whether new ones are refused. */
  private static void setStopping(boolean value) {
    GATE.writeLock().lock();
    try {
      stopping = value;
    } finally {
      GATE.writeLock().unlock();
    }
  }

  /**
   * Deletes every pending temporary, best effort. The work that wrote them may still be running
   * (it stops on its own cancellation hook, at the same time), so the deletion is repeated a few
   * times, 50 ms apart, until a pass finds nothing left to delete: a file a writer was still
   * adding to a temporary directory is caught by the next pass. A tree that still cannot be
   * deleted after about two seconds is left.
   */
  static void deletePending() {
    List<Path> all = List.copyOf(PENDING);
    for (int pass = 0; pass < 40; pass++) {
      boolean found = false;
      for (Path p : all) {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          found = true;
          try {
            deleteTree(p);
          } catch (IOException | RuntimeException e) {
            // best effort at exit: the next pass tries again
          }
        }
      }
      if (!found) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    PENDING.removeAll(all);
  }

  /** @return the temporaries made here that are neither committed nor deleted yet */
  static Set<Path> pendingTemporaries() {
    return Set.copyOf(PENDING);
  }

  /** Creates the parent directories of {@code target} and an empty temporary file beside it. */
  public static Path tempFileBeside(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    return pending(target, () -> {
      Files.createDirectories(abs.getParent());
      return Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    });
  }

  /** Creates the parent directories of {@code target} and a temporary directory beside it. */
  public static Path tempDirectoryBeside(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    return pending(target, () -> {
      Files.createDirectories(abs.getParent());
      return Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
    });
  }

  /**
   * Moves a finished temporary file or directory over {@code target} (atomically where the file
   * system can), after giving it ordinary permissions. A directory target must not exist.
   */
  public static void commit(Path temp, Path target) throws IOException {
    if (POSIX) {
      if (Files.isDirectory(temp)) {
        try (var s = Files.walk(temp)) {
          for (Path p : s.toList()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
          }
        }
      } else {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    Path abs = target.toAbsolutePath();
    try {
      Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
    }
    PENDING.remove(temp);
  }

  /** Deletes a file or a directory tree if it exists (cleanup after a failed write). */
  public static void deleteTree(Path path) throws IOException {
    if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var s = Files.walk(path)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    PENDING.remove(path);
  }
}
