package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invdes design} end to end on a made-up dataset written by the test: cubic ABO₃
 * perovskites (A from {K, Ca, Sr, Ba}, B from {Ti, Zr}), lattice constant 3.8 Å + 0.05 Å·i +
 * 0.04 Å·j, made-up property y = a − 4 Å. Tiny training (a few epochs): the test checks the
 * pipeline's files and bookkeeping, not the model's quality.
 */
class CliDesignTest {
  @TempDir static Path dir;
  static Path data;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void dataset() throws Exception {
    data = dir.resolve("perovskites.csv");
    List<Structure> rows = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(11);
    String[] a = {"K", "Ca", "Sr", "Ba"};
    String[] b = {"Ti", "Zr"};
    for (int n = 0; n < 40; n++) {
      int i = r.nextInt(a.length);
      int j = r.nextInt(b.length);
      double len = 3.8 + 0.05 * i + 0.04 * j + 0.002 * r.nextDouble();
      rows.add(Structure.of(Lattice.cubic(len), List.of(Site.of(Element.of(a[i]), 0, 0, 0),
          Site.of(Element.of(b[j]), 0.5, 0.5, 0.5), Site.of(Element.of("O"), 0.5, 0.5, 0),
          Site.of(Element.of("O"), 0.5, 0, 0.5), Site.of(Element.of("O"), 0, 0.5, 0.5)),
          Map.of("id", "p" + n, "y", len - 4.0)));
    }
    DatasetCsv.write(data, rows);
  }

  private static Cli design(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("design", "--data", data.toString(),
        "--target", "y=0.0", "--epochs", "3", "--n", "30", "--threads", "1", "--seed", "4",
        "--quiet", "--out", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static int rows(Path csv) throws Exception {
    return DatasetCsv.readTable(csv, ReadOptions.relaxed()).rows().size();
  }

  private static List<String> siblings() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesEveryFileAndTheStepsItRan() throws Exception {
    Path out = dir.resolve("run1");
    Cli c = design(out);
    assertEquals(0, c.exitCode, c.err);
    for (String f : List.of("candidates.csv", "rejected.csv", "metrics.json", "report.html",
        "samples.csv",
        "train.csv", "heldout.csv", "run.json", "model/manifest.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
    }
    // 40 rows, 20 % held out; every sample is either kept or rejected
    assertEquals(32, rows(out.resolve("train.csv")));
    assertEquals(8, rows(out.resolve("heldout.csv")));
    assertEquals(30, rows(out.resolve("samples.csv")));
    assertEquals(30, rows(out.resolve("candidates.csv")) + rows(out.resolve("rejected.csv")));
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertEquals(List.of("split", "train", "sample", "filter", "evaluate", "report"),
        fieldNames(run.get("steps")));
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("perovskites.csv") && html.contains("y"), "settings in the report");
    // the recorded command lines name the run's own files relatively, so they can be re-run
    assertEquals("train.csv", run.at("/steps/train/2").asText());
    assertTrue(run.at("/steps/sample").toString().contains("\"y=0.0\""), run.toString());
    assertEquals(30, JSON.readTree(out.resolve("metrics.json").toFile())
        .at("/counts/generated").asInt());
    // nothing but the output directory is left beside it
    assertFalse(siblings().stream().anyMatch(s -> s.startsWith(".run1")), siblings().toString());
  }

  @Test
  void theSameSeedGivesTheSameModelAndCandidatesAndARerunReplacesTheRun() throws Exception {
    Path out = dir.resolve("run2");
    assertEquals(0, design(out).exitCode);
    String train = Files.readString(out.resolve("train.csv"));
    String run = Files.readString(out.resolve("run.json"));
    byte[] weights = Files.readAllBytes(out.resolve("model/cvae-0000.params"));
    String samples = Files.readString(out.resolve("samples.csv"));
    String kept = Files.readString(out.resolve("candidates.csv"));
    // a sample CSV only this first run has: the rerun must replace the directory whole
    Files.writeString(out.resolve("stale.csv"), "id,cif\n");
    Cli again = design(out);
    assertEquals(0, again.exitCode, again.err);
    assertEquals(train, Files.readString(out.resolve("train.csv")));
    assertEquals(run, Files.readString(out.resolve("run.json")));
    assertTrue(!Files.exists(out.resolve("stale.csv")), "the earlier run was replaced whole");
    // one training thread: retraining gives the same weights bit for bit, hence the same files
    assertArrayEquals(weights, Files.readAllBytes(out.resolve("model/cvae-0000.params")));
    assertEquals(samples, Files.readString(out.resolve("samples.csv")));
    assertEquals(kept, Files.readString(out.resolve("candidates.csv")));
    // and --model reuses a model: the same model and seed give the same samples
    Path reused = dir.resolve("run2-reused");
    Cli withModel = design(reused, "--model", out.resolve("model").toString());
    assertEquals(0, withModel.exitCode, withModel.err);
    Cli sample = Cli.run("sample", "--model", out.resolve("model").toString(), "--n", "30",
        "--seed", "4", "--threads", "1", "--target", "y=0.0", "--quiet", "--out",
        dir.resolve("direct.csv").toString());
    assertEquals(0, sample.exitCode, sample.err);
    assertEquals(Files.readString(dir.resolve("direct.csv")),
        Files.readString(reused.resolve("samples.csv")));
  }

  @Test
  void aSurrogateAddsItsPredictionAndTheHullCheck() throws Exception {
    Path surrogate = dir.resolve("surrogate");
    Cli t = Cli.run("train-surrogate", "--data", data.toString(), "--property", "y",
        "--out", surrogate.toString(), "--epochs", "2", "--features", "8", "--layers", "1",
        "--threads", "1", "--seed", "2", "--quiet");
    assertEquals(0, t.exitCode, t.err);
    Path out = dir.resolve("run-surrogate");
    // y plays the energy here: the hull is built from the training rows' y, candidates use the
    // surrogate's prediction
    Cli c = design(out, "--surrogate", surrogate.toString(), "--energy-property", "y",
        "--ehull-max", "1000");
    assertEquals(0, c.exitCode, c.err);
    List<String> header = DatasetCsv.readTable(out.resolve("rejected.csv"), ReadOptions.relaxed())
        .propertyColumns();
    assertTrue(header.contains("predicted_y") && header.contains("e_above_hull"),
        header.toString());
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertTrue(run.at("/steps/filter").toString().contains("\"--surrogate-decides\""),
        run.toString());
  }

  @Test
  void aFailingStepLeavesNothingBehind() throws Exception {
    Path out = dir.resolve("run3");
    // a model directory whose manifest is damaged: the split is done, then sampling fails
    Path broken = Files.createDirectories(dir.resolve("broken-model"));
    Files.writeString(broken.resolve("manifest.json"), "{\"format\": ");
    Cli c = Cli.run("design", "--data", data.toString(), "--target", "y=0", "--model",
        broken.toString(), "--n", "5", "--threads", "1", "--quiet", "--out", out.toString());
    assertEquals(1, c.exitCode, c.err);
    assertTrue(c.err.contains("manifest.json"), c.err);
    assertFalse(Files.exists(out));
    assertFalse(siblings().stream().anyMatch(s -> s.startsWith(".run3")), siblings().toString());
  }

  @Test
  void refusesToOverwriteADirectoryThatIsNotARun() throws Exception {
    Path out = Files.createDirectories(dir.resolve("precious"));
    Files.writeString(out.resolve("notes.txt"), "keep me");
    Cli c = design(out);
    assertEquals(1, c.exitCode);
    assertTrue(c.err.contains("precious") && c.err.contains("run.json"), c.err);
    assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
  }

  @Test
  void usageErrors() {
    assertEquals(2, Cli.run("design", "--data", dir.resolve("nope.csv").toString(),
        "--target", "y=0", "--out", dir.resolve("x").toString()).exitCode);
    assertEquals(2, Cli.run("design", "--data", data.toString(), "--out",
        dir.resolve("x").toString()).exitCode);
    assertEquals(2, Cli.run("design", "--data", data.toString(), "--target", "y=0",
        "--holdout", "1.5", "--out", dir.resolve("x").toString()).exitCode);
    Cli missing = Cli.run("design", "--data", data.toString(), "--target", "band_gap=1",
        "--out", dir.resolve("x").toString());
    assertEquals(2, missing.exitCode);
    assertTrue(missing.err.contains("no column 'band_gap'") && missing.err.contains("cif"),
        missing.err);
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
