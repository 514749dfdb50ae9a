package org.invdes.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the repository and the shared benchmark data (beside the checkout) are. */
final class Shared {
  private Shared() {}

  static Path root() {
    String p = System.getProperty("invdes.root");
    return p != null ? Paths.get(p) : Paths.get("").toAbsolutePath().getParent();
  }

  /** A path under ../shared, or a skipped test when the shared data is absent (a fresh clone). */
  static Path shared(String relative) {
    String p = System.getProperty("invdes.shared");
    Path base = p != null ? Paths.get(p) : root().resolve("../shared");
    Path target = base.resolve(relative).normalize();
    assumeTrue(Files.exists(target), "skipped: shared benchmark data not found at " + target
        + " (it lives beside the checkout in CI; a fresh clone does not have it)");
    return target;
  }
}
