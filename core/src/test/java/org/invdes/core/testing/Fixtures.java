package org.invdes.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates test data: the repository's own {@code examples/} (hand-written fixtures, always
 * present) and the shared benchmark data beside the checkout ({@code ../shared}), which a fresh
 * clone does not have — tests that need it are skipped with a message.
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
   * The shared benchmark data directory, or a skipped test when it is absent (as in a fresh
   * clone).
   */
  public static Path shared(String relative) {
    String p = System.getProperty("invdes.shared");
    Path base = p != null ? Paths.get(p) : root().resolve("..").resolve("shared");
    Path target = base.resolve(relative).normalize();
    assumeTrue(Files.exists(target),
        "skipped: shared benchmark data not found at " + target
            + " (it lives beside the checkout in CI; a fresh clone does not have it)");
    return target;
  }
}
