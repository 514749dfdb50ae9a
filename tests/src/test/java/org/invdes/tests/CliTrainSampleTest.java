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
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invdes train} and {@code invdes sample} end to end through the command line, on a
 * made-up dataset written by the test (cubic ABO₃ perovskites, A from {K, Ca, Sr, Ba}, B from
 * {Ti, Zr, Nb}, a = 3.8 Å + 0.05 Å·i + 0.04 Å·j with tiny jitter, made-up property y = a − 4).
 */
class CliTrainSampleTest {
  @TempDir static Path dir;
  static Path data;
  static Path model;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void trainOnce() throws Exception {
    data = dir.resolve("tiny.csv");
    List<Structure> rows = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(5);
    String[] a = {"K", "Ca", "Sr", "Ba"};
    String[] b = {"Ti", "Zr", "Nb"};
    for (int n = 0; n < 36; n++) {
      int i = r.nextInt(a.length);
      int j = r.nextInt(b.length);
      double len = 3.8 + 0.05 * i + 0.04 * j + 0.002 * r.nextDouble();
      rows.add(Structure.of(Lattice.cubic(len), List.of(Site.of(Element.of(a[i]), 0, 0, 0),
          Site.of(Element.of(b[j]), 0.5, 0.5, 0.5), Site.of(Element.of("O"), 0.5, 0.5, 0),
          Site.of(Element.of("O"), 0.5, 0, 0.5), Site.of(Element.of("O"), 0, 0.5, 0.5)),
          Map.of("id", "c" + n, "y", len - 4.0)));
    }
    DatasetCsv.write(data, rows);
    model = dir.resolve("model");
    Cli c = Cli.run("train", "--data", data.toString(), "--properties", "y", "--out",
        model.toString(), "--epochs", "4", "--latent", "8", "--hidden", "32", "--batch", "8",
        "--threads", "1", "--seed", "3", "--quiet");
    assertEquals(0, c.exitCode, c.err);
    JsonNode j = JSON.readTree(c.out);
    assertEquals(36, j.get("inputRows").asInt());
    assertEquals(36, j.get("trainRows").asInt() + j.get("validationRows").asInt());
    assertEquals(4, j.get("epochsRun").asInt());
    assertEquals(64, j.get("sha256").asText().length());
    assertTrue(Files.isRegularFile(model.resolve("manifest.json")));
  }

  private static List<Structure> readCsv(Path file) throws Exception {
    List<Structure> out = new ArrayList<>();
    for (ReadResult r : DatasetCsv.readTable(file, ReadOptions.strictMode()).rows()) {
      out.add(r.get());
    }
    return out;
  }

  @Test
  void unreadableTrainingRowsAreSkippedWithOneWarningForTheVaeAndTheSurrogate() throws Exception {
    // the tiny table plus two rows whose CIF is broken: training goes on without them
    Path broken = dir.resolve("broken.csv");
    String table = Files.readString(data);
    String header = table.substring(0, table.indexOf('\n'));
    assertTrue(header.startsWith("id,cif,y"), header);
    Files.writeString(broken, table + "bad1,\"data_bad1\n_cell_length_a 4\n\",0.1\n"
        + "bad2,\"data_bad2\n_cell_length_a oops\n\",0.2\n");
    Cli vae = Cli.run("train", "--data", broken.toString(), "--properties", "y", "--out",
        dir.resolve("m-broken").toString(), "--epochs", "1", "--latent", "8", "--hidden", "16",
        "--distance-weight", "4", "--min-distance", "0.8", "--threads", "1", "--seed", "3",
        "--quiet");
    assertEquals(0, vae.exitCode, vae.err);
    JsonNode hyper = JSON.readTree(java.nio.file.Files.readString(
        dir.resolve("m-broken").resolve("manifest.json"))).get("hyperParameters");
    assertEquals(4.0, hyper.get("distanceWeight").asDouble(), hyper.toString());
    assertEquals(0.8, hyper.get("minDistance").asDouble(), hyper.toString());
    assertEquals(1, vae.err.split("rows could not be read", -1).length - 1, vae.err);
    assertTrue(vae.err.contains("2 of 38 rows could not be read and are skipped (first: "),
        vae.err);
    JsonNode j = JSON.readTree(vae.out);
    assertEquals(38, j.get("inputRows").asInt());
    assertEquals(2, j.get("skippedRows").asInt());
    Cli surrogate = Cli.run("train-surrogate", "--data", broken.toString(), "--property", "y",
        "--out", dir.resolve("s-broken").toString(), "--epochs", "1", "--features", "8",
        "--layers", "1", "--threads", "1", "--seed", "3", "--quiet");
    assertEquals(0, surrogate.exitCode, surrogate.err);
    assertTrue(surrogate.err.contains("2 of 38 rows could not be read and are skipped"),
        surrogate.err);
  }

  @Test
  void sampleWritesACsvWithIdCifAndThePredictedProperty() throws Exception {
    Path out = dir.resolve("samples.csv");
    Cli c = Cli.run("sample", "--model", model.toString(), "--n", "25", "--seed", "1",
        "--out", out.toString(), "--quiet");
    assertEquals(0, c.exitCode, c.err);
    assertEquals(25, JSON.readTree(c.out).get("structures").asInt());
    List<String> lines = Files.readAllLines(out);
    assertEquals("id,cif,y", lines.get(0));
    List<Structure> samples = readCsv(out);
    assertEquals(25, samples.size());
    for (Structure s : samples) {
      assertTrue(s.doubleProperty("y").isPresent());
      assertTrue(s.stringProperty("id").orElseThrow().startsWith("sample-"));
    }
    // readCsv reads every cif cell in strict mode: each is a complete CIF on its own
    Path again = dir.resolve("again.csv");
    assertEquals(0, Cli.run("sample", "--model", model.toString(), "--n", "25", "--seed", "1",
        "--out", again.toString(), "--quiet").exitCode);
    assertEquals(Files.readString(out), Files.readString(again), "same seed, same file");
  }

  @Test
  void meanLatticeKeepsTheAtomsAndTakesTheDecodersMeanCell() throws Exception {
    Path drawn = dir.resolve("drawn-cells.csv");
    Path mean = dir.resolve("mean-cells.csv");
    assertEquals(0, Cli.run("sample", "--model", model.toString(), "--n", "10", "--seed", "8",
        "--out", drawn.toString(), "--quiet").exitCode);
    Cli c = Cli.run("sample", "--model", model.toString(), "--n", "10", "--seed", "8",
        "--mean-lattice", "--out", mean.toString(), "--quiet");
    assertEquals(0, c.exitCode, c.err);
    List<Structure> a = readCsv(drawn);
    List<Structure> b = readCsv(mean);
    assertEquals(10, b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).composition(), b.get(i).composition());
      assertTrue(!a.get(i).lattice().equals(b.get(i).lattice()), "sample " + i
          + " has the same cell with and without the lattice draw");
    }
  }

  @Test
  void shardsWithTheSameSeedAndDisjointFirstIndicesMergeIntoTheWholeRun() throws Exception {
    Path whole = dir.resolve("whole.csv");
    assertEquals(0, Cli.run("sample", "--model", model.toString(), "--n", "30", "--seed", "4",
        "--elements", "Sr,Ba,Ti,Zr,O", "--out", whole.toString(), "--quiet").exitCode);
    Path first = dir.resolve("shard-0.csv");
    Path second = dir.resolve("shard-1.csv");
    assertEquals(0, Cli.run("sample", "--model", model.toString(), "--n", "12", "--seed", "4",
        "--elements", "Sr,Ba,Ti,Zr,O", "--out", first.toString(), "--quiet").exitCode);
    Cli c = Cli.run("sample", "--model", model.toString(), "--n", "18", "--seed", "4",
        "--first-index", "12", "--elements", "Sr,Ba,Ti,Zr,O", "--out", second.toString(),
        "--quiet");
    assertEquals(0, c.exitCode, c.err);
    List<String> merged = new ArrayList<>(Files.readAllLines(first));
    merged.addAll(Files.readAllLines(second).subList(1, Files.readAllLines(second).size()));
    assertEquals(Files.readAllLines(whole), merged);
    List<Structure> rows = readCsv(second);
    assertEquals("sample-12", rows.get(0).stringProperty("id").orElseThrow());
    assertEquals("sample-29", rows.get(17).stringProperty("id").orElseThrow());
    Cli bad = Cli.run("sample", "--model", model.toString(), "--first-index", "-1", "--out",
        dir.resolve("bad.csv").toString());
    assertEquals(2, bad.exitCode);
    assertTrue(bad.err.contains("first index is -1"), bad.err);
  }

  @Test
  void validOnlyReturnsOnlyStructurallyValidSamplesAndCountsTheRejections() throws Exception {
    // a hot temperature makes the 4-epoch model decode some atoms on top of each other
    Path raw = dir.resolve("hot.csv");
    Cli r = Cli.run("sample", "--model", model.toString(), "--n", "150", "--seed", "2",
        "--temperature", "6", "--out", raw.toString(), "--quiet");
    assertEquals(0, r.exitCode, r.err);
    long invalid = readCsv(raw).stream()
        .filter(s -> !org.invdes.core.stability.Validity.structureValid(s)).count();
    assertTrue(invalid > 0, "no invalid raw sample, so the test shows nothing");
    Path valid = dir.resolve("hot-valid.csv");
    Cli v = Cli.run("sample", "--model", model.toString(), "--n", "150", "--seed", "2",
        "--temperature", "6", "--valid-only", "--out", valid.toString(), "--quiet");
    assertEquals(0, v.exitCode, v.err);
    JsonNode summary = JSON.readTree(v.out);
    assertTrue(summary.get("rejected").asInt() >= invalid, v.out);
    List<Structure> kept = readCsv(valid);
    assertEquals(150, kept.size());
    for (Structure s : kept) {
      assertTrue(org.invdes.core.stability.Validity.structureValid(s), s.toString());
    }
  }

  @Test
  void elementsAndTargetsAreHonouredAndOutOfRangeTargetsWarn() throws Exception {
    Path out = dir.resolve("constrained.csv");
    Cli c = Cli.run("sample", "--model", model.toString(), "--n", "15", "--target", "y=5",
        "--elements", "Sr,Ti,O", "--out", out.toString());
    assertEquals(0, c.exitCode, c.err);
    assertTrue(c.err.contains("outside the training range"), c.err);
    Set<Element> allowed = new TreeSet<>(List.of(Element.of("Sr"), Element.of("Ti"),
        Element.of("O")));
    for (Structure s : readCsv(out)) {
      assertTrue(allowed.containsAll(s.composition().elements()), s.composition().toString());
    }
  }

  @Test
  void optimizeFromSeedsLowersThePrediction() throws Exception {
    Path out = dir.resolve("opt.csv");
    Cli c = Cli.run("sample", "--model", model.toString(), "--optimize", "y:min", "--seeds",
        data.toString(), "--steps", "30", "--out", out.toString(), "--quiet");
    assertEquals(0, c.exitCode, c.err);
    List<Structure> opt = readCsv(out);
    assertFalse(opt.isEmpty());
    for (Structure s : opt) {
      assertTrue(s.stringProperty("id").orElseThrow().endsWith("-opt"));
      assertTrue(s.stringProperty("seed_id").isPresent());
    }
  }

  @Test
  void usageErrorsExitWithTwoAndFailuresWithOne() {
    Cli unknown = Cli.run("sample", "--model", model.toString(), "--target", "band_gap=1",
        "--out", dir.resolve("x.csv").toString());
    assertEquals(2, unknown.exitCode);
    assertTrue(unknown.err.contains("band_gap") && unknown.err.contains("[y]"), unknown.err);
    Cli column = Cli.run("train", "--data", data.toString(), "--properties", "gap", "--out",
        dir.resolve("m2").toString());
    assertEquals(2, column.exitCode);
    assertTrue(column.err.contains("'gap'") && column.err.contains("[y]"), column.err);
    Cli exists = Cli.run("train", "--data", data.toString(), "--properties", "y", "--out",
        model.toString());
    assertEquals(1, exists.exitCode);
    assertTrue(exists.err.contains("already exists"), exists.err);
    Cli noModel = Cli.run("sample", "--model", dir.resolve("nothing").toString(), "--out",
        dir.resolve("y.csv").toString());
    assertEquals(1, noModel.exitCode);
  }

  @Test
  void helpShowsAnExample() {
    for (String cmd : new String[] {"train", "sample"}) {
      Cli c = Cli.run(cmd, "--help");
      assertEquals(0, c.exitCode);
      assertTrue(c.out.contains("Example"), c.out);
    }
  }
}
