package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.stability.ConvexHull;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invdes train-surrogate} then {@code invdes filter --surrogate} end to end on real
 * Perov-5 crystals (../shared): a tiny training on 300 rows, then filtering 60 other rows with
 * their heat_ref removed, as candidates from {@code sample} come.
 */
class CliSurrogateTest {
  @TempDir Path tmp;

  @Test
  void trainsASurrogateAndFiltersCandidatesWithoutEnergiesWithIt() throws Exception {
    Path perov = Shared.shared("datasets/perov_5/val.csv");
    List<Structure> all = new ArrayList<>();
    for (ReadResult r : DatasetCsv.readTable(perov, ReadOptions.relaxed()).rows()) {
      if (r.ok() && all.size() < 360) {
        all.add(r.structure());
      }
    }
    Path train = tmp.resolve("train.csv");
    DatasetCsv.write(train, all.subList(0, 300));
    List<Structure> bare = new ArrayList<>();
    for (Structure s : all.subList(300, 360)) {
      bare.add(s.withProperties(Map.of("id", s.stringProperty("id").orElseThrow())));
    }
    Path candidates = tmp.resolve("candidates.csv");
    DatasetCsv.write(candidates, bare);

    Path model = tmp.resolve("surrogate");
    Cli t = Cli.run("train-surrogate", "--data", train.toString(), "--property", "heat_ref",
        "--out", model.toString(), "--epochs", "4", "--features", "16", "--layers", "2",
        "--threads", "1", "--seed", "5", "--quiet");
    assertEquals(0, t.exitCode, t.err);
    JsonNode j = new ObjectMapper().readTree(t.out);
    assertEquals("heat_ref", j.get("property").asText());
    assertEquals(300, j.get("trainRows").asInt() + j.get("validationRows").asInt());
    assertEquals(4, j.get("epochsRun").asInt());
    assertTrue(j.get("validationMae").asDouble() > 0);
    JsonNode manifest = new ObjectMapper().readTree(
        Files.readString(model.resolve("manifest.json"), StandardCharsets.UTF_8));
    assertEquals("surrogate", manifest.get("modelType").asText());
    assertEquals(j.get("sha256").asText(), manifest.get("trainingData").get("sha256").asText());

    Path kept = tmp.resolve("kept.csv");
    Path rejected = tmp.resolve("rejected.csv");
    Cli f = Cli.run("filter", "--in", candidates.toString(), "--reference", train.toString(),
        "--surrogate", model.toString(), "--out", kept.toString(), "--rejected",
        rejected.toString(), "--threads", "2");
    assertEquals(0, f.exitCode, f.err);
    List<List<String>> k = CsvRows.read(kept);
    List<List<String>> r = CsvRows.read(rejected);
    List<String> header = k.get(0);
    assertEquals(header, r.get(0));
    int pred = header.indexOf("predicted_heat_ref");
    int ehull = header.indexOf("e_above_hull");
    int reason = header.indexOf("reason");
    assertTrue(pred > 0 && ehull > pred, header.toString());
    assertEquals(60, k.size() - 1 + r.size() - 1);
    // the hull of the reference rows, rebuilt here: each candidate's e_above_hull is its
    // predicted energy minus the hull at its composition
    List<ConvexHull.Entry> entries = new ArrayList<>();
    for (Structure s : all.subList(0, 300)) {
      entries.add(new ConvexHull.Entry(s.stringProperty("id").orElseThrow(), s.composition(),
          s.doubleProperty("heat_ref").getAsDouble()));
    }
    ConvexHull hull = ConvexHull.of(entries);
    List<List<String>> rows = new ArrayList<>(k.subList(1, k.size()));
    rows.addAll(r.subList(1, r.size()));
    for (List<String> row : rows) {
      double p = Double.parseDouble(row.get(pred));
      assertTrue(Double.isFinite(p), row.toString());
      Structure s = DatasetCsv.readTable(candidates, ReadOptions.relaxed()).rows().stream()
          .filter(x -> x.id().equals(row.get(0))).findFirst().orElseThrow().structure();
      Composition c = s.composition();
      assertEquals(hull.eAboveHull(c, p), Double.parseDouble(row.get(ehull)),
          1e-4 + 1e-5 * Math.abs(p), row.toString());
      assertFalse(row.get(reason).contains("has no property"), row.get(reason));
    }

    // the same candidates carrying a flattering energy of their own: by default that value is
    // used, with --surrogate-decides the prediction is, as for the bare candidates above
    List<Structure> flattering = new ArrayList<>();
    for (Structure s : bare) {
      flattering.add(s.withProperty("heat_ref", -100.0));
    }
    Path claimed = tmp.resolve("claimed.csv");
    DatasetCsv.write(claimed, flattering);
    Path decided = tmp.resolve("decided.csv");
    Cli d = Cli.run("filter", "--in", claimed.toString(), "--reference", train.toString(),
        "--surrogate", model.toString(), "--surrogate-decides", "--keep-duplicates",
        "--keep-known", "--out", decided.toString(), "--rejected",
        tmp.resolve("decided-rej.csv").toString(), "--threads", "2");
    assertEquals(0, d.exitCode, d.err);
    java.util.Map<String, String> byId = new java.util.HashMap<>();
    for (List<String> row : rows) {
      byId.put(row.get(0), row.get(ehull));
    }
    List<List<String>> dk = CsvRows.read(decided);
    List<List<String>> dr = CsvRows.read(tmp.resolve("decided-rej.csv"));
    int dEhull = dk.get(0).indexOf("e_above_hull");
    List<List<String>> all2 = new ArrayList<>(dk.subList(1, dk.size()));
    all2.addAll(dr.subList(1, dr.size()));
    assertEquals(60, all2.size());
    for (List<String> row : all2) {
      assertEquals(Double.parseDouble(byId.get(row.get(0))), Double.parseDouble(row.get(dEhull)),
          1e-9, row.get(0));
    }
    Cli own = Cli.run("filter", "--in", claimed.toString(), "--reference", train.toString(),
        "--surrogate", model.toString(), "--keep-duplicates", "--keep-known", "--out",
        tmp.resolve("own.csv").toString(), "--rejected", tmp.resolve("own-rej.csv").toString(),
        "--threads", "2");
    assertEquals(0, own.exitCode, own.err);
    List<List<String>> ownRows = new ArrayList<>(CsvRows.read(tmp.resolve("own.csv")));
    int oEhull = ownRows.get(0).indexOf("e_above_hull");
    ownRows.addAll(CsvRows.read(tmp.resolve("own-rej.csv")).subList(1, CsvRows.read(tmp.resolve("own-rej.csv"))
        .size()));
    for (List<String> row : ownRows.subList(1, ownRows.size())) {
      assertTrue(Double.parseDouble(row.get(oEhull)) < -50, "own -100 eV/atom used: " + row);
    }
    assertEquals(2, Cli.run("filter", "--in", claimed.toString(), "--surrogate-decides",
        "--out", tmp.resolve("x.csv").toString()).exitCode);
  }

  @Test
  void refusesAGeneratorDirectoryAsSurrogateWithAClearMessage() throws Exception {
    Path fake = tmp.resolve("not-a-surrogate");
    Files.createDirectories(fake);
    Files.writeString(fake.resolve("manifest.json"), "{\"format\": \"invdes-model\","
        + " \"formatVersion\": 1, \"modelType\": \"cvae\"}");
    Path in = tmp.resolve("in.csv");
    Files.writeString(in, "id,cif\n");
    Cli f = Cli.run("filter", "--in", in.toString(), "--surrogate", fake.toString(), "--out",
        tmp.resolve("out.csv").toString());
    assertEquals(2, f.exitCode, f.err);
    assertTrue(f.err.contains("'cvae'") && f.err.contains("train-surrogate"), f.err);
    Cli missing = Cli.run("train-surrogate", "--data", in.toString(), "--property", "heat",
        "--out", tmp.resolve("m").toString());
    assertEquals(2, missing.exitCode, missing.err);
    assertTrue(missing.err.contains("'heat' is not a column"), missing.err);
    assertFalse(Files.exists(tmp.resolve("m")));
  }
}
