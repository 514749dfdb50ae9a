package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code invdes} in its own JVM, stopped by SIGTERM (what {@code timeout}, a batch
 * scheduler or Nextflow's task kill sends) in the middle of {@code invdes demo}: no output appears
 * and none of the hidden temporaries of the unfinished writes is left beside it.
 */
class CliKilledTest {
  @TempDir Path dir;

  private List<String> entries() {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aTerminatedRunLeavesNoTemporaries() throws Exception {
    Path lib = Shared.root().resolve("cli/target/lib");
    assertTrue(Files.isRegularFile(lib.resolve("invdes-cli.jar")),
        "the CLI is not packaged at " + lib + "; run './mvnw -B -pl tests -am verify'");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.getParent().resolve(dir.getFileName() + "-invdes.log");
    Process p = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true", "-cp",
        lib + "/*", "org.invdes.cli.Main", "demo", "--size", "300", "--epochs", "500",
        "--n", "40", "--threads", "1", "--seed", "3", "--quiet",
        "--out", dir.resolve("demo").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      // the demo's dataset directory comes first, the design's work directory once the
      // dataset is written: wait for both, so training is under way
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (entries().stream().noneMatch(n -> n.startsWith(".demo.tmp-"))) {
        assertTrue(p.isAlive(), () -> "invdes ended early: " + read(log));
        assertTrue(System.nanoTime() < deadline, () -> "no work directory after 120 s: "
            + entries() + "\n" + read(log));
        Thread.sleep(100);
      }
      assertTrue(entries().stream().anyMatch(n -> n.startsWith(".demo-data.tmp-")),
          () -> entries().toString());
      p.destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "invdes did not stop on SIGTERM");
      assertEquals(143, p.exitValue(), () -> read(log));
      assertEquals(List.of(), entries(), () -> read(log));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }
}
