package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invdes train --history FILE}: one row per epoch with the loss terms, for both generator
 * types; the best epoch the table names is the one of least validation loss, and the same as the
 * run's summary says.
 */
class CliTrainHistoryTest {
  @TempDir Path dir;

  /** Trains, then checks the table against the run's JSON summary; returns the table. */
  private List<List<String>> trainWithHistory(String... options) throws Exception {
    Path data = dir.resolve("tiny.csv");
    if (!Files.exists(data)) {
      TinyPerovskites.write(data);
    }
    Path history = dir.resolve("logs/history.csv");
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(),
        "--properties", "heat_ref", "--out", dir.resolve("model").toString(), "--epochs", "4",
        "--hidden", "16", "--batch", "8", "--threads", "1", "--seed", "2", "--quiet",
        "--history", history.toString()));
    args.addAll(List.of(options));
    Cli c = Cli.run(args.toArray(String[]::new));
    assertEquals(0, c.exitCode, c.err);
    JsonNode run = new ObjectMapper().readTree(c.out);
    List<List<String>> table = CsvRows.read(history);
    List<String> header = table.get(0);
    assertEquals(run.get("epochsRun").asInt() + 1, table.size(), table.toString());
    int epoch = header.indexOf("epoch");
    int val = header.indexOf("validation_total");
    int best = header.indexOf("best_epoch");
    int seconds = header.indexOf("seconds");
    double least = Double.POSITIVE_INFINITY;
    int leastEpoch = -1;
    double lastSeconds = 0;
    for (int i = 1; i < table.size(); i++) {
      List<String> row = table.get(i);
      assertEquals(header.size(), row.size(), row.toString());
      assertEquals(i, Integer.parseInt(row.get(epoch)));
      double v = Double.parseDouble(row.get(val));
      if (v < least) {
        least = v;
        leastEpoch = i;
      }
      assertEquals(leastEpoch, Integer.parseInt(row.get(best)), "row " + i);
      double s = Double.parseDouble(row.get(seconds));
      assertTrue(s >= lastSeconds && s > 0, row.toString());
      lastSeconds = s;
    }
    assertEquals(run.get("bestEpoch").asInt(), leastEpoch);
    assertEquals(run.get("validationLoss").asDouble(), least, 1e-9 * least);
    try (var s = Files.list(history.getParent())) {
      assertEquals(List.of(history), s.toList());
    }
    return table;
  }

  @Test
  void theDiffusionGeneratorWritesItsLossTermsPerEpoch() throws Exception {
    List<List<String>> table = trainWithHistory("--generator", "diffusion", "--layers", "1",
        "--timesteps", "40", "--sample-steps", "3");
    assertEquals(List.of("epoch", "train_total", "train_lattice", "train_coordinates",
        "train_types", "validation_total", "validation_lattice", "validation_coordinates",
        "validation_types", "best_epoch", "checkpoint_score", "seconds"), table.get(0));
    for (List<String> row : table.subList(1, table.size())) {
      assertEquals("", row.get(10), "no checkpoint is scored without --select-by-validity");
    }
    // the total is the weighted sum of the terms (weights 1 by default)
    List<String> first = table.get(1);
    assertEquals(Double.parseDouble(first.get(1)), Double.parseDouble(first.get(2))
        + Double.parseDouble(first.get(3)) + Double.parseDouble(first.get(4)), 1e-4);
  }

  @Test
  void anUnwritableHistoryIsRefusedBeforeTraining() throws Exception {
    Path data = dir.resolve("tiny.csv");
    TinyPerovskites.write(data);
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file, not a directory");
    Path history = blocker.resolve("history.csv");
    Cli c = Cli.run("train", "--data", data.toString(), "--properties", "heat_ref", "--out",
        dir.resolve("model").toString(), "--epochs", "2", "--quiet", "--history",
        history.toString());
    assertEquals(1, c.exitCode);
    assertTrue(c.err.contains("--history " + history + ": cannot write there"), c.err);
    assertFalse(Files.exists(dir.resolve("model")));
  }

  @Test
  void theVaeWritesItsLossTermsAndKlWeightPerEpoch() throws Exception {
    List<List<String>> table = trainWithHistory("--latent", "4");
    List<String> header = table.get(0);
    assertEquals(List.of("epoch", "kl_weight", "train_total", "train_elements"),
        header.subList(0, 4));
    assertTrue(header.contains("validation_kl") && header.contains("train_property"), header
        .toString());
    int kl = header.indexOf("kl_weight");
    for (List<String> row : table.subList(1, table.size())) {
      double w = Double.parseDouble(row.get(kl));
      assertTrue(w >= 0 && w <= 0.4 + 1e-12, row.toString());
    }
    assertFalse(table.get(1).contains(""), table.get(1).toString());
  }
}
