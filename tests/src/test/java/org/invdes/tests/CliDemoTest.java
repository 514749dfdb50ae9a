package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invdes demo}, the README's main command, with a small dataset and few epochs: it must
 * write the design files offline, and the same seed must give the same data.
 */
class CliDemoTest {
  @TempDir Path dir;

  private Cli demo(Path out) {
    return Cli.run("demo", "--size", "200", "--epochs", "3", "--n", "40", "--threads", "1",
        "--seed", "5", "--quiet", "--out", out.toString());
  }

  @Test
  void writesTheDesignFilesOnTheGeneratedDataset() throws Exception {
    Path out = dir.resolve("demo");
    Cli c = demo(out);
    assertEquals(0, c.exitCode, c.err);
    for (String f : List.of("candidates.csv", "rejected.csv", "metrics.json", "report.html",
        "run.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertEquals("demo.csv", run.get("data").asText());
    // 200 rows, a fifth held out for evaluation
    assertEquals(160, run.at("/steps/split/train_rows").asInt());
    assertTrue(run.at("/steps/sample").toString().contains("density=8.0"), run.toString());
    assertEquals(40, new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
        .at("/counts/generated").asInt());
    assertTrue(Files.readString(out.resolve("report.html")).contains("density"));
    // the temporary dataset is gone
    try (var s = Files.list(dir)) {
      assertEquals(List.of("demo"), s.map(p -> p.getFileName().toString()).toList());
    }
    // the demo dataset itself is the same for the same seed (the design steps' own
    // reproducibility is CliDesignTest's)
    Cli again = demo(dir.resolve("demo2"));
    assertEquals(0, again.exitCode, again.err);
    assertEquals(Files.readString(out.resolve("train.csv")),
        Files.readString(dir.resolve("demo2/train.csv")));
  }

  @Test
  void aTargetTheDemoDatasetLacksIsAUsageError() {
    Cli c = Cli.run("demo", "--target", "band_gap=1", "--out", dir.resolve("x").toString());
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("density"), c.err);
  }
}
