package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invdes.cli.VersionCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Nextflow pipeline (workflows-examples/nextflow) run by real Nextflow 23.10.1, resolved from
 * Maven Central by the workflows-examples module and started through its launcher script,
 * offline: the {@code test} profile end to end, a {@code -stub-run}, and a missing input.
 */
class NextflowPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the test profile asks for (conf/test.config). */
  private static final int SAMPLES = 11;
  private static final int SHARDS = 2;
  private static final int SEED = 7;
  private static final String TARGET = "heat_ref=-0.6";
  private static final List<String> PROCESSES = List.of("INVDES_TRAIN", "INVDES_SAMPLE",
      "INVDES_FILTER", "INVDES_EVALUATE", "INVDES_REPORT");

  static Path root;
  static Path pipeline;
  static Path cliLib;

  @TempDir Path tmp;

  @BeforeAll
  static void locate() {
    root = Shared.root();
    pipeline = root.resolve("workflows-examples/nextflow");
    cliLib = root.resolve("cli/target/lib");
    assertTrue(Files.isRegularFile(cliLib.resolve("invdes-cli.jar")),
        "the CLI is not packaged at " + cliLib + "; run './mvnw -B -pl tests -am verify'");
  }

  /** Runs the pipeline's nextflow launcher in {@code dir}; returns exit code and its output. */
  private static Run nextflow(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash",
        pipeline.resolve("nextflow").toString(), "run", pipeline.resolve("main.nf").toString(),
        "-ansi-log", "false"));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("nextflow.out");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // the JVM running this test runs Nextflow and every task too
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    pb.environment().put("PATH", javaBin + ":" + pb.environment().getOrDefault("PATH", ""));
    Process p = pb.start();
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("nextflow did not finish in 6 minutes:\n" + Files.readString(log));
    }
    deleteLinks(dir.resolve("work"));
    return new Run(p.exitValue(), Files.readString(log));
  }

  /** Removes the symbolic links that Nextflow stages input files with (they point outside). */
  private static void deleteLinks(Path work) throws IOException {
    if (!Files.isDirectory(work)) {
      return;
    }
    try (var files = Files.walk(work)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isSymbolicLink(f)) {
          Files.delete(f);
        }
      }
    }
  }

  private record Run(int exitCode, String out) {}

  /** Nextflow's trace file of the run that wrote {@code out}. */
  private static Path trace(Path out) throws IOException {
    try (var files = Files.list(out.resolve("pipeline_info"))) {
      return files.filter(f -> f.getFileName().toString().startsWith("trace_")).findFirst()
          .orElseThrow(() -> new AssertionError("no trace in " + out));
    }
  }

  /** The entries of a versions.yml: process name to its invdes version. */
  private static Map<String, String> versions(Path yml) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Pattern process = Pattern.compile("^\"([A-Z_:]+)\":$");
    Pattern tool = Pattern.compile("^ {4}invdes: (\\S+)$");
    String current = null;
    for (String line : Files.readAllLines(yml)) {
      Matcher m = process.matcher(line);
      Matcher t = tool.matcher(line);
      if (m.matches()) {
        current = m.group(1);
      } else if (t.matches() && current != null) {
        out.put(current, t.group(1));
      } else if (!line.isBlank()) {
        throw new AssertionError("unexpected line in " + yml + ": '" + line + "'");
      }
    }
    return out;
  }

  private static void assertVersions(Path yml) throws IOException {
    Map<String, String> v = versions(yml);
    List<String> expected = new ArrayList<>();
    for (String p : PROCESSES) {
      expected.add("INVDES:" + p);
    }
    assertEquals(new TreeSet<>(expected), v.keySet(), Files.readString(yml));
    for (String version : v.values()) {
      assertEquals(VersionCommand.version(), version);
    }
  }

  /**
   * The test profile, on the train/held-out split that {@code invdes design} makes of the profile's
   * data with the same settings: every step's files exist and add up, the merged shards are the
   * unsharded run, and samples, candidates, rejected rows and metrics are design's, byte for byte.
   */
  @Test
  void testProfileRunsEndToEndAndMatchesInvdesDesign() throws Exception {
    Path design = tmp.resolve("design");
    Cli d = Cli.run("design", "--data", pipeline.resolve("assets/test/perovskites-tiny.csv")
        .toString(), "--target", TARGET, "--energy-property", "heat_ref", "--epochs", "3",
        "--n", Integer.toString(SAMPLES), "--seed", Integer.toString(SEED), "--threads", "1",
        "--quiet", "--out", design.toString());
    assertEquals(0, d.exitCode, d.err);

    Path out = tmp.resolve("results");
    Run run = nextflow(tmp, "-profile", "test", "--invdes", cliLib.toString(),
        "--input", design.resolve("train.csv").toString(),
        "--reference", design.resolve("heldout.csv").toString(), "--outdir", out.toString());
    assertEquals(0, run.exitCode(), run.out());

    // one training, SHARDS sampling tasks, then one task per later step (the trace says so)
    List<String> traceLines = Files.readAllLines(trace(out));
    for (String p : PROCESSES) {
      List<String> tasks = traceLines.stream().filter(l -> l.contains(":" + p + " ")).toList();
      assertEquals(p.equals("INVDES_SAMPLE") ? SHARDS : 1, tasks.size(), p + " in\n"
          + String.join("\n", traceLines));
      assertTrue(tasks.stream().allMatch(l -> l.contains("COMPLETED")), tasks.toString());
    }

    Path model = out.resolve("train/model");
    assertTrue(Files.isRegularFile(model.resolve("manifest.json")));
    JsonNode train = JSON.readTree(out.resolve("train/train.json").toFile());
    assertEquals(3, train.get("epochsRun").asInt(), train.toString());

    // the merged shards: one header, sample-0..sample-(SAMPLES-1) in order, byte for byte what
    // a single unsharded run of the same model and seed writes
    Path merged = out.resolve("samples/samples.csv");
    List<List<String>> samples = CsvRows.read(merged);
    assertEquals(List.of("id", "cif", "heat_ref"), samples.get(0));
    List<String> ids = new ArrayList<>();
    for (List<String> r : samples.subList(1, samples.size())) {
      ids.add(r.get(0));
    }
    List<String> expectedIds = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      expectedIds.add("sample-" + i);
    }
    assertEquals(expectedIds, ids);
    Path single = tmp.resolve("unsharded.csv");
    Cli c = Cli.run("sample", "--model", model.toString(), "--seed", Integer.toString(SEED),
        "--n", Integer.toString(SAMPLES), "--target", TARGET, "--threads", "1", "--quiet",
        "--out", single.toString());
    assertEquals(0, c.exitCode, c.err);
    assertEquals(Files.readString(single), Files.readString(merged),
        "the merged shards differ from the unsharded run");

    // filtering splits the samples: every sample is either kept or rejected (with a reason)
    List<List<String>> kept = CsvRows.read(out.resolve("filter/candidates.csv"));
    List<List<String>> rejected = CsvRows.read(out.resolve("filter/rejected.csv"));
    assertEquals(kept.get(0), rejected.get(0));
    int reason = kept.get(0).indexOf("reason");
    assertTrue(reason > 0 && kept.get(0).contains("e_above_hull"), kept.get(0).toString());
    TreeSet<String> split = new TreeSet<>();
    for (List<String> r : kept.subList(1, kept.size())) {
      assertEquals("", r.get(reason), r.toString());
      split.add(r.get(0));
    }
    for (List<String> r : rejected.subList(1, rejected.size())) {
      assertTrue(!r.get(reason).isEmpty(), r.toString());
      split.add(r.get(0));
    }
    assertEquals(new TreeSet<>(expectedIds), split);
    assertTrue(Files.readString(out.resolve("filter/filter.log")).contains(
        "kept " + (kept.size() - 1) + " of " + SAMPLES + " candidates"));

    // the metrics are of the samples, against the held-out rows, novelty against the training
    JsonNode metrics = JSON.readTree(out.resolve("evaluate/metrics.json").toFile());
    assertEquals(SAMPLES, metrics.at("/counts/generated").asInt(), metrics.toString());
    assertEquals(CsvRows.read(design.resolve("heldout.csv")).size() - 1,
        metrics.at("/counts/reference").asInt(), metrics.toString());
    assertEquals(CsvRows.read(design.resolve("train.csv")).size() - 1,
        metrics.at("/counts/training").asInt(), metrics.toString());

    // the same files as invdes design with the same data and seeds
    for (String[] f : new String[][] {{"samples/samples.csv", "samples.csv"},
        {"filter/candidates.csv", "candidates.csv"}, {"filter/rejected.csv", "rejected.csv"},
        {"evaluate/metrics.json", "metrics.json"}}) {
      assertEquals(Files.readString(design.resolve(f[1])), Files.readString(out.resolve(f[0])),
          f[0] + " differs from invdes design's " + f[1]);
    }

    String report = Files.readString(out.resolve("report/report.html"));
    assertTrue(report.contains("<html") || report.contains("<HTML"), report.substring(0,
        Math.min(200, report.length())));

    assertVersions(out.resolve("pipeline_info/versions.yml"));
  }

  @Test
  void stubRunWiresEveryStep() throws Exception {
    // 7 samples in 3 shards: 3 + 2 + 2
    Path out = tmp.resolve("stub");
    Run run = nextflow(tmp, "-profile", "test", "-stub-run", "--n_samples", "7", "--shards", "3",
        "--invdes", cliLib.toString(), "--outdir", out.toString());
    assertEquals(0, run.exitCode(), run.out());
    for (String f : List.of("train/model/manifest.json", "train/train.json",
        "samples/samples.csv", "filter/candidates.csv", "filter/rejected.csv",
        "filter/filter.log", "evaluate/metrics.json", "report/report.html")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing:\n" + run.out());
    }
    // the stub shards hold their ids only: merged, one header and every id once, in order
    assertEquals(List.of("id,cif", "sample-0,", "sample-1,", "sample-2,", "sample-3,",
        "sample-4,", "sample-5,", "sample-6,"),
        Files.readAllLines(out.resolve("samples/samples.csv")));
    assertEquals(3, Files.readAllLines(trace(out)).stream()
        .filter(l -> l.contains(":INVDES_SAMPLE ")).count());
    assertVersions(out.resolve("pipeline_info/versions.yml"));
  }

  @Test
  void aMissingInputFileStopsTheRunWithTheFileNamed() throws Exception {
    Run run = nextflow(tmp, "--input", tmp.resolve("nothing.csv").toString(), "--invdes",
        cliLib.toString(), "--outdir", tmp.resolve("none").toString());
    assertTrue(run.exitCode() != 0, run.out());
    assertTrue(run.out().contains("--input " + tmp.resolve("nothing.csv") + ": no such file"),
        run.out());
  }

  @Test
  void theTestProfileDataIsTheOneMadeHere() throws Exception {
    Path fresh = tmp.resolve("perovskites-tiny.csv");
    TinyPerovskites.write(fresh);
    assertEquals(Files.readString(fresh),
        Files.readString(pipeline.resolve("assets/test/perovskites-tiny.csv")),
        "assets/test/perovskites-tiny.csv differs from TinyPerovskites; regenerate it with "
            + "TinyPerovskites.main");
    assertEquals(39 + 1, CsvRows.read(fresh).size());
  }
}
