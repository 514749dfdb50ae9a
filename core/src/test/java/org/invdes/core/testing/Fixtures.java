package org.invdes.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Locates test data: the repository's own {@code examples/} (hand-written fixtures, always
 * present) and the shared benchmark data beside the checkout ({@code ../shared}, or where the
 * system property {@code invdes.shared} points), which a fresh clone does not have — tests that
 * need it are skipped with a message.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The repository root (system property {@code invdes.root}, else found from the cwd). */
  public static Path root() {
    String p = System.getProperty("invdes.root");
    if (p != null && Files.isDirectory(Paths.get(p, "examples"))) {
      return Paths.get(p);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root (a directory with"
          + " examples/) above " + Paths.get("").toAbsolutePath());
    }
    return dir;
  }

  /** A file of the repository's examples/ directory. */
  public static Path example(String name) {
    return root().resolve("examples").resolve(name);
  }

  /**
   * A path in the shared benchmark data directory, or a skipped test when it is absent (as in a
   * fresh clone).
   */
  public static Path shared(String relative) {
    Path target = sharedPath(relative);
    assumeTrue(Files.exists(target), () -> "skipped: shared benchmark data not found at " + target
        + " (it lives beside the checkout in CI; a fresh clone does not have it;"
        + " set -Dinvdes.shared=<dir> to point at it)");
    return target;
  }

  /**
   * A path in the shared benchmark data directory, or empty when it is absent: for tests that
   * use the shared data when they can and still run without it.
   */
  public static Optional<Path> sharedIfPresent(String relative) {
    return Optional.of(sharedPath(relative)).filter(Files::exists);
  }

  /**
   * The files of a shared directory whose names end in {@code suffix}, sorted by name, or a
   * skipped test when the directory is absent or holds no such file.
   */
  public static List<Path> sharedFiles(String relativeDirectory, String suffix)
      throws IOException {
    Path dir = shared(relativeDirectory);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
    assumeTrue(!files.isEmpty(), () -> "skipped: no " + suffix + " files in " + dir);
    return files;
  }

  private static Path sharedPath(String relative) {
    String p = System.getProperty("invdes.shared");
    Path base = p != null && !p.isBlank() ? Paths.get(p) : root().resolve("..").resolve("shared");
    return base.resolve(relative).normalize();
  }
}
