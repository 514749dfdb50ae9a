package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.sampling.DiffusionSampler;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invdes train --generator diffusion} and {@code invdes sample} on the diffusion model it
 * writes, end to end through the command line, on a made-up dataset of cubic perovskites (tiny
 * network, 2 epochs, T = 40, 3 sampling steps).
 */
class CliDiffusionTest {
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
    for (int n = 0; n < 24; n++) {
      int i = r.nextInt(a.length);
      int j = r.nextInt(b.length);
      double len = 3.8 + 0.05 * i + 0.04 * j;
      rows.add(Structure.of(Lattice.cubic(len), List.of(Site.of(Element.of(a[i]), 0, 0, 0),
          Site.of(Element.of(b[j]), 0.5, 0.5, 0.5), Site.of(Element.of("O"), 0.5, 0.5, 0),
          Site.of(Element.of("O"), 0.5, 0, 0.5), Site.of(Element.of("O"), 0, 0.5, 0.5)),
          Map.of("id", "c" + n, "y", len - 4.0)));
    }
    DatasetCsv.write(data, rows);
    model = dir.resolve("diffusion");
    Cli c = Cli.run("train", "--generator", "diffusion", "--data", data.toString(),
        "--properties", "y", "--out", model.toString(), "--epochs", "2", "--hidden", "16",
        "--layers", "1", "--timesteps", "40", "--sample-steps", "3", "--batch", "8",
        "--threads", "1", "--seed", "3", "--quiet");
    assertEquals(0, c.exitCode, c.err);
    JsonNode j = JSON.readTree(c.out);
    assertEquals("diffusion", j.get("generator").asText());
    assertEquals(24, j.get("trainRows").asInt() + j.get("validationRows").asInt());
    assertEquals(2, j.get("epochsRun").asInt());
    JsonNode manifest = JSON.readTree(Files.readString(model.resolve("manifest.json")));
    assertEquals("diffusion", manifest.get("modelType").asText());
    assertEquals(3, manifest.get("hyperParameters").get("sampleSteps").asInt());
  }

  private static List<String> cifs(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    for (ReadResult r : DatasetCsv.readTable(file, ReadOptions.strictMode()).rows()) {
      Structure s = r.get();
      out.add(s.properties().get("id") + " " + s.composition() + " " + s.lattice());
    }
    return out;
  }

  @Test
  void sampleDetectsTheDiffusionModelAndIsReproducible() throws Exception {
    Path x = dir.resolve("x.csv");
    Path y = dir.resolve("y.csv");
    Path z = dir.resolve("z.csv");
    for (Path p : List.of(x, y)) {
      Cli c = Cli.run("sample", "--model", model.toString(), "--n", "5", "--seed", "1",
          "--out", p.toString(), "--quiet");
      assertEquals(0, c.exitCode, c.err);
      assertEquals(5, JSON.readTree(c.out).get("structures").asInt());
    }
    Cli c = Cli.run("sample", "--model", model.toString(), "--n", "5", "--seed", "1",
        "--steps", "2", "--target", "y=0.1", "--guidance", "0.5", "--out", z.toString(),
        "--quiet");
    assertEquals(0, c.exitCode, c.err);
    assertEquals(cifs(x), cifs(y));
    assertEquals(5, cifs(x).size());
    assertNotEquals(cifs(x), cifs(z));
    assertEquals(Files.readString(x), Files.readString(y));
  }

  /**
   * The sampler options: reproducible, they change the samples, the minimum-distance step
   * leaves no two atoms closer than 0.5 Å, out-of-range values are refused naming the value.
   */
  @Test
  void samplerOptionsAreReproducibleAndChecked() throws Exception {
    Path plain = dir.resolve("plain.csv");
    Path apart = dir.resolve("apart.csv");
    Path again = dir.resolve("apart2.csv");
    List<String> common = List.of("sample", "--model", model.toString(), "--n", "6", "--seed",
        "3", "--quiet");
    Cli c = Cli.run(concat(common, "--repulsion", "0", "--greedy-types", "0",
        "--corrector-step", "0", "--out", plain.toString()));
    assertEquals(0, c.exitCode, c.err);
    for (Path p : List.of(apart, again)) {
      c = Cli.run(concat(common, "--repulsion", "1", "--repulsion-start", "0.5",
          "--repulsion-radius", "0.6", "--greedy-types", "0.2", "--out", p.toString()));
      assertEquals(0, c.exitCode, c.err);
    }
    assertEquals(Files.readString(apart), Files.readString(again));
    assertNotEquals(Files.readString(plain), Files.readString(apart));
    for (ReadResult r : DatasetCsv.readTable(apart, ReadOptions.strictMode()).rows()) {
      assertTrue(r.get().shortestDistance() >= 0.5, r.get().toString());
    }
    for (String[] bad : List.of(new String[] {"--repulsion", "1.5"},
        new String[] {"--repulsion-start", "0"}, new String[] {"--repulsion-radius", "-1"},
        new String[] {"--greedy-types", "2"}, new String[] {"--corrector-step", "-0.5"})) {
      c = Cli.run(concat(common, bad[0], bad[1], "--out", dir.resolve("bad.csv").toString()));
      assertEquals(2, c.exitCode, String.join(" ", bad));
      assertTrue(c.err.contains(bad[1]), c.err);
    }
    String help = Cli.run("sample", "--help").out.replaceAll("\\s+", " ");
    DiffusionSampler.Repulsion d = DiffusionSampler.Repulsion.DEFAULT;
    assertTrue(help.contains("0 = off (default " + d.strength() + ")"), help);
    assertTrue(help.contains("<= F * T (default " + d.startFraction() + ")"), help);
    assertTrue(help.contains("count as overlapping (default " + d.radiusScale() + ")"), help);
    assertTrue(help.contains("always drawn (default " + DiffusionSampler.DEFAULT_GREEDY_TYPES
        + ")"), help);
  }

  /**
   * {@code --init-from}: training goes on from the model's weights (with a vanishing learning
   * rate the first epoch's validation loss is the model's own, on the same validation rows and
   * noise), its hyper-parameters are inherited (the tiny width without --hidden), and a size
   * change, other properties or a VAE are refused naming the problem.
   */
  @Test
  void trainingGoesOnFromASavedModel() throws Exception {
    Path more = dir.resolve("more");
    Path history = dir.resolve("more-history.csv");
    Cli c = Cli.run("train", "--generator", "diffusion", "--init-from", model.toString(),
        "--data", data.toString(), "--properties", "y", "--out", more.toString(), "--epochs",
        "1", "--lr", "1e-9", "--threads", "1", "--seed", "3", "--quiet", "--history",
        history.toString());
    assertEquals(0, c.exitCode, c.err);
    JsonNode run = JSON.readTree(c.out);
    assertEquals(model.toString(), run.get("initFrom").asText());
    JsonNode before = JSON.readTree(Files.readString(model.resolve("manifest.json")));
    JsonNode after = JSON.readTree(Files.readString(more.resolve("manifest.json")));
    assertEquals(before.get("hyperParameters").get("hiddenDim"),
        after.get("hyperParameters").get("hiddenDim"));
    assertEquals(1, after.get("hyperParameters").get("maxEpochs").asInt());
    assertEquals(before.get("encoding"), after.get("encoding"));
    double had = before.at("/metrics/validation/total").asDouble();
    assertEquals(had, run.get("validationLoss").asDouble(), 1e-4 * had);
    // from random weights the first epoch is far worse
    Cli fresh = Cli.run("train", "--generator", "diffusion", "--data", data.toString(),
        "--properties", "y", "--out", dir.resolve("fresh").toString(), "--epochs", "1",
        "--lr", "1e-9", "--hidden", "16", "--layers", "1", "--timesteps", "40", "--batch", "8",
        "--threads", "1", "--seed", "3", "--quiet");
    assertEquals(0, fresh.exitCode, fresh.err);
    assertTrue(JSON.readTree(fresh.out).get("validationLoss").asDouble() > had * 1.01,
        fresh.out + " vs " + had);

    c = Cli.run("train", "--generator", "diffusion", "--init-from", model.toString(), "--data",
        data.toString(), "--properties", "y", "--out", dir.resolve("wide").toString(),
        "--hidden", "32", "--epochs", "1", "--quiet");
    assertEquals(1, c.exitCode);
    assertTrue(c.err.contains("--init-from " + model) && c.err.contains("hidden width 16"),
        c.err);
    assertFalse(Files.exists(dir.resolve("wide")));
    c = Cli.run("train", "--generator", "diffusion", "--init-from", model.toString(), "--data",
        data.toString(), "--properties", "y", "--out", dir.resolve("masked-from-ce").toString(),
        "--type-loss", "masked", "--epochs", "1", "--quiet");
    assertEquals(1, c.exitCode);
    assertTrue(c.err.contains("--init-from " + model + ": the starting model was trained with"
        + " type loss crossEntropy"), c.err);
    assertFalse(Files.exists(dir.resolve("masked-from-ce")));
    c = Cli.run("train", "--generator", "diffusion", "--init-from", model.toString(), "--data",
        data.toString(), "--properties", "y", "--out", dir.resolve("big").toString(),
        "--max-sites", "9", "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--max-sites 9: the model of --init-from holds 5 sites"), c.err);
    c = Cli.run("train", "--init-from", model.toString(), "--data", data.toString(),
        "--properties", "y", "--out", dir.resolve("vae").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--init-from applies to --generator diffusion only"), c.err);
    c = Cli.run("train", "--generator", "diffusion", "--init-from", dir.resolve("none")
        .toString(), "--data", data.toString(), "--properties", "y", "--out",
        dir.resolve("x").toString(), "--quiet");
    assertEquals(1, c.exitCode);
    assertTrue(c.err.contains("no model directory there"), c.err);
  }

  @Test
  void niggliCellsAreTrainedOnAndKeptWhenTrainingGoesOn() throws Exception {
    // rock salt, a = 5.4 .. 5.9 Å, in the skewed basis (v1, v1 + v2, v1 + v2 + v3) of the fcc
    // primitive vectors; its Niggli cell has a = b = c = a/√2 and three 60° angles
    Path skewed = dir.resolve("skewed.csv");
    List<Structure> rows = new ArrayList<>();
    double lnA = 0;
    for (int n = 0; n < 6; n++) {
      double h = (5.4 + 0.1 * n) / 2;
      Lattice l = Lattice.fromMatrix(new double[][] {{0, h, h}, {h, h, 2 * h},
          {2 * h, 2 * h, 2 * h}});
      double[] cl = l.toFractional(new double[] {h, h, h});
      rows.add(Structure.of(l, List.of(Site.of(Element.of("Na"), 0, 0, 0),
          Site.of(Element.of("Cl"), Structure.wrap(cl[0]), Structure.wrap(cl[1]),
              Structure.wrap(cl[2]))), Map.of("id", "rs" + n, "y", 0.1 * n)));
      lnA += Math.log(h * Math.sqrt(2)) / 6;
    }
    DatasetCsv.write(skewed, rows);
    List<String> tiny = List.of("train", "--generator", "diffusion", "--data",
        skewed.toString(), "--properties", "y", "--epochs", "1", "--hidden", "8", "--layers",
        "1", "--timesteps", "20", "--validation", "0", "--threads", "1", "--quiet");
    Path niggli = dir.resolve("niggli");
    Cli c = Cli.run(concat(tiny, "--niggli", "--out", niggli.toString()));
    assertEquals(0, c.exitCode, c.err);
    JsonNode encoding = JSON.readTree(Files.readString(niggli.resolve("manifest.json")))
        .get("encoding");
    assertEquals("NIGGLI", encoding.get("cellChoice").asText());
    for (int k = 0; k < 3; k++) {
      assertEquals(lnA, encoding.at("/lattice/mean/" + k).asDouble(), 1e-9);
      assertEquals(60, encoding.at("/lattice/mean/" + (k + 3)).asDouble(), 1e-6);
    }
    Path more = dir.resolve("niggli-more");
    c = Cli.run("train", "--generator", "diffusion", "--init-from", niggli.toString(), "--data",
        skewed.toString(), "--properties", "y", "--epochs", "1", "--threads", "1", "--quiet",
        "--out", more.toString());
    assertEquals(0, c.exitCode, c.err);
    assertEquals(encoding, JSON.readTree(Files.readString(more.resolve("manifest.json")))
        .get("encoding"));
    c = Cli.run("train", "--generator", "diffusion", "--init-from", model.toString(), "--data",
        data.toString(), "--properties", "y", "--epochs", "1", "--niggli", "--quiet", "--out",
        dir.resolve("as-given-niggli").toString());
    assertEquals(1, c.exitCode);
    assertTrue(c.err.contains("--init-from " + model + ": the starting model encodes as-given"
        + " cells; its training cannot go on with Niggli-reduced ones"), c.err);
    assertFalse(Files.exists(dir.resolve("as-given-niggli")));
  }

  @Test
  void theAtomCountInputAndElementFeaturesAreRecordedAndKeptWhenTrainingGoesOn() throws Exception {
    Path counting = trainTiny("counting", "--atom-count-input", "--element-features");
    assertTrue(hyperParameters(counting).get("atomCountInput").asBoolean());
    assertTrue(hyperParameters(counting).get("elementFeatures").asBoolean());
    assertSamplesFourReproducibly(counting, "c");
    assertTrue(hyperParameters(trainOn(counting, "counting-more")).get("atomCountInput")
        .asBoolean());
    Cli c = Cli.run("train", "--generator", "diffusion", "--init-from", model.toString(), "--data",
        data.toString(), "--properties", "y", "--epochs", "1", "--atom-count-input", "--quiet",
        "--out", dir.resolve("blind-counting").toString());
    assertEquals(1, c.exitCode);
    assertTrue(c.err.contains("--init-from " + model + ": the starting model's denoiser does"
        + " not see each cell's atom count"), c.err);
    assertFalse(Files.exists(dir.resolve("blind-counting")));
    c = Cli.run("train", "--atom-count-input", "--data", data.toString(), "--properties", "y",
        "--quiet", "--out", dir.resolve("vae-counting").toString());
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--atom-count-input applies to --generator diffusion only"), c.err);
  }

  @Test
  void checkpointsCanBeKeptByTheValidityOfTheirSamples() throws Exception {
    Path selected = dir.resolve("selected");
    Path history = dir.resolve("selected-history.csv");
    Cli c = Cli.run("train", "--generator", "diffusion", "--data", data.toString(),
        "--properties", "y", "--out", selected.toString(), "--epochs", "3", "--hidden", "16",
        "--layers", "1", "--timesteps", "40", "--threads", "1", "--seed", "3", "--quiet",
        "--select-by-validity", "6", "--select-every", "1", "--select-from", "2",
        "--select-steps", "3", "--select-guidance", "1", "--select-max-density-emd", "1000",
        "--history", history.toString());
    assertEquals(0, c.exitCode, c.err);
    JsonNode run = JSON.readTree(c.out);
    assertEquals("composition validity of 6 samples (3 steps, guidance 1.00000, conditions drawn"
        + " from the training rows, seed 3); minus 1 if their density EMD against 24 reference"
        + " densities exceeds 1000.00 g/cm³", run.get("selectedBy").asText());
    JsonNode scores = run.get("checkpointScores");
    assertEquals(List.of("2", "3"), iterate(scores.fieldNames()));
    double best = Math.max(scores.get("2").asDouble(), scores.get("3").asDouble());
    int kept = run.get("bestEpoch").asInt();
    assertEquals(best, scores.get(Integer.toString(kept)).asDouble(), c.out);
    JsonNode manifest = JSON.readTree(Files.readString(selected.resolve("manifest.json")));
    assertEquals(run.get("selectedBy"), manifest.at("/metrics/selection/criterion"));
    assertEquals(kept, manifest.at("/metrics/bestEpoch").asInt());

    List<String> lines = Files.readAllLines(history);
    List<String> header = List.of(lines.get(0).split(",", -1));
    int column = header.indexOf("checkpoint_score");
    assertTrue(column > 0, lines.get(0));
    assertEquals("", lines.get(1).split(",", -1)[column], "epoch 1 is not scored");
    assertEquals(scores.get("3").asDouble(),
        Double.parseDouble(lines.get(3).split(",", -1)[column]), 1e-12);
  }

  @Test
  void theFirstScoredEpochDefaultsToHalfOfTheEpochsTrainingWillRun() throws Exception {
    // going on from the 2-epoch model without --epochs runs its 2 epochs: scored from epoch 1
    Cli c = Cli.run("train", "--generator", "diffusion", "--init-from", model.toString(),
        "--data", data.toString(), "--properties", "y", "--threads", "1", "--quiet", "--out",
        dir.resolve("selected-more").toString(), "--select-by-validity", "3",
        "--select-steps", "3");
    assertEquals(0, c.exitCode, c.err);
    assertEquals(List.of("1", "2"), iterate(JSON.readTree(c.out).get("checkpointScores")
        .fieldNames()));
  }

  @Test
  void badCheckpointSelectionsAreRefusedBeforeTraining() {
    List<List<String>> cases = List.of(
        List.of("--select-every", "2"),
        List.of("--select-by-validity", "5", "--select-max-density-emd", "0"),
        List.of("--select-by-validity", "5", "--select-from", "9"),
        List.of("--select-by-validity", "5", "--select-steps", "41"),
        List.of("--select-by-validity", "0"));
    List<String> messages = List.of("--select-every applies to --select-by-validity only",
        "--select-by-validity: the density EMD bound is 0.0 g/cm³; it must be positive",
        "--select-by-validity: the first scored checkpoint, epoch 9, is after the last epoch, 2",
        "--select-by-validity: checkpoint sampling steps 41 exceed the diffusion times T = 40",
        "--select-by-validity: checkpoints are scored on 0 samples; at least 1 is needed");
    for (int i = 0; i < cases.size(); i++) {
      Path out = dir.resolve("refused" + i);
      List<String> args = new ArrayList<>(List.of("train", "--generator", "diffusion", "--data",
          data.toString(), "--properties", "y", "--out", out.toString(), "--epochs", "2",
          "--timesteps", "40", "--sample-steps", "3", "--quiet"));
      args.addAll(cases.get(i));
      Cli c = Cli.run(args.toArray(new String[0]));
      assertEquals(2, c.exitCode, c.err);
      assertTrue(c.err.contains(messages.get(i)), c.err);
      assertTrue(!Files.exists(out), "nothing written for " + cases.get(i));
    }
    Cli vae = Cli.run("train", "--data", data.toString(), "--properties", "y", "--out",
        dir.resolve("refused-vae").toString(), "--select-by-validity", "5", "--quiet");
    assertEquals(2, vae.exitCode, vae.err);
    assertTrue(vae.err.contains("--select-by-validity applies to --generator diffusion only"),
        vae.err);
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  /** Trains a tiny diffusion model (one epoch) with {@code options} into {@code name}. */
  private static Path trainTiny(String name, String... options) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("train", "--generator", "diffusion"));
    args.addAll(List.of(options));
    args.addAll(List.of("--data", data.toString(), "--properties", "y", "--out",
        out.toString(), "--epochs", "1", "--hidden", "16", "--layers", "1", "--timesteps", "40",
        "--sample-steps", "3", "--threads", "1", "--seed", "3", "--quiet"));
    Cli c = Cli.run(args.toArray(new String[0]));
    assertEquals(0, c.exitCode, c.err);
    return out;
  }

  /** Trains one more epoch from {@code start} (its options) into {@code name}. */
  private static Path trainOn(Path start, String name) throws Exception {
    Path out = dir.resolve(name);
    Cli c = Cli.run("train", "--generator", "diffusion", "--init-from", start.toString(),
        "--data", data.toString(), "--properties", "y", "--epochs", "1", "--threads", "1",
        "--quiet", "--out", out.toString());
    assertEquals(0, c.exitCode, c.err);
    return out;
  }

  private static JsonNode hyperParameters(Path model) throws Exception {
    return JSON.readTree(Files.readString(model.resolve("manifest.json"))).get("hyperParameters");
  }

  @Test
  void selfConditionedAndLateRevealingModelsTrainAndSampleAndKeepTheirSettings()
      throws Exception {
    Path self = trainTiny("self", "--self-condition", "--type-loss", "masked");
    assertTrue(hyperParameters(self).get("selfCondition").asBoolean());
    assertSamplesFourReproducibly(self, "s");
    Path late = trainTiny("late", "--type-loss", "masked", "--mask-exponent", "0.5");
    assertEquals(0.5, hyperParameters(late).get("maskExponent").asDouble());
    assertSamplesFourReproducibly(late, "l");
    assertTrue(hyperParameters(trainOn(self, "self-more")).get("selfCondition").asBoolean());
    Cli c = Cli.run("train", "--generator", "diffusion", "--self-condition", "--type-loss",
        "epsilon", "--data", data.toString(), "--properties", "y", "--quiet", "--out",
        dir.resolve("self-epsilon").toString());
    assertEquals(2, c.exitCode, c.err);
    assertTrue(c.err.contains("self-conditioning needs the crossEntropy or masked type loss;"
        + " the type loss is epsilon"), c.err);
    assertFalse(Files.exists(dir.resolve("self-epsilon")));
    c = Cli.run("train", "--self-condition", "--data", data.toString(), "--properties", "y",
        "--quiet", "--out", dir.resolve("vae-self").toString());
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--self-condition applies to --generator diffusion only"), c.err);
  }

  @Test
  void drawnConditionsSampleReproduciblyAndGiveWayToTargets() throws Exception {
    List<List<String>> runs = new ArrayList<>();
    for (String name : List.of("d1.csv", "d2.csv", "d0.csv")) {
      Path out = dir.resolve(name);
      List<String> args = new ArrayList<>(List.of("sample", "--model", model.toString(), "--n",
          "4", "--steps", "3", "--seed", "9", "--threads", "1", "--quiet", "--out",
          out.toString()));
      if (!name.equals("d0.csv")) {
        args.add("--draw-conditions");
      }
      Cli c = Cli.run(args.toArray(new String[0]));
      assertEquals(0, c.exitCode, c.err);
      runs.add(cifs(out));
    }
    assertEquals(4, runs.get(0).size());
    assertEquals(runs.get(0), runs.get(1));
    assertNotEquals(runs.get(0), runs.get(2));
    // the model's one property targeted: nothing is left to draw, so the samples are the
    // targeted ones (the row is drawn from a stream of its own)
    List<List<String>> targeted = new ArrayList<>();
    for (boolean draw : new boolean[] {true, false}) {
      Path out = dir.resolve("dt-" + draw + ".csv");
      List<String> args = new ArrayList<>(List.of("sample", "--model", model.toString(), "--n",
          "3", "--steps", "3", "--seed", "9", "--threads", "1", "--target", "y=0.1", "--quiet",
          "--out", out.toString()));
      if (draw) {
        args.add("--draw-conditions");
      }
      Cli c = Cli.run(args.toArray(new String[0]));
      assertEquals(0, c.exitCode, c.err);
      targeted.add(cifs(out));
    }
    assertEquals(targeted.get(1), targeted.get(0));
    assertNotEquals(runs.get(0).subList(0, 3), targeted.get(0));
    Cli c = Cli.run("sample", "--model", model.toString(), "--n", "2", "--optimize", "y:min",
        "--draw-conditions", "--quiet", "--out", dir.resolve("do.csv").toString());
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--draw-conditions applies to samples without --optimize"), c.err);
    assertFalse(Files.exists(dir.resolve("do.csv")));
  }

  /**
   * charge_balanced, not a column of the data, is derived from each structure: the perovskites
   * balance, four added NaCl2 cells cannot (Na+ against two Cl of one state), so the manifest
   * records both values; the model samples with the target 1 beside drawn conditions. Another
   * unknown name is refused with the columns and the derivable names.
   */
  @Test
  void chargeBalancedIsDerivedWhenTheDataHasNoSuchColumn() throws Exception {
    List<Structure> rows = new ArrayList<>();
    for (ReadResult r : DatasetCsv.readTable(data, ReadOptions.strictMode()).rows()) {
      rows.add(r.get());
    }
    for (int n = 0; n < 4; n++) {
      rows.add(Structure.of(Lattice.cubic(4.0 + 0.1 * n), List.of(
          Site.of(Element.of("Na"), 0, 0, 0), Site.of(Element.of("Cl"), 0.5, 0.5, 0.5),
          Site.of(Element.of("Cl"), 0, 0.5, 0.5)), Map.of("id", "x" + n, "y", 0.1 * n)));
    }
    Path mixed = dir.resolve("mixed.csv");
    DatasetCsv.write(mixed, rows);
    Path labelled = dir.resolve("labelled");
    Cli c = Cli.run("train", "--generator", "diffusion", "--data", mixed.toString(),
        "--properties", "y,charge_balanced", "--out", labelled.toString(), "--epochs", "1",
        "--hidden", "16", "--layers", "1", "--timesteps", "40", "--sample-steps", "3",
        "--batch", "8", "--threads", "1", "--seed", "3", "--quiet");
    assertEquals(0, c.exitCode, c.err);
    JsonNode property = JSON.readTree(Files.readString(labelled.resolve("manifest.json")))
        .get("properties").get(1);
    assertEquals("charge_balanced", property.get("name").asText());
    assertEquals(0.0, property.get("min").asDouble());
    assertEquals(1.0, property.get("max").asDouble());
    Path out = dir.resolve("balanced.csv");
    c = Cli.run("sample", "--model", labelled.toString(), "--n", "3", "--seed", "2",
        "--threads", "1", "--target", "charge_balanced=1", "--draw-conditions", "--quiet",
        "--out", out.toString());
    assertEquals(0, c.exitCode, c.err);
    assertEquals(3, cifs(out).size());

    c = Cli.run("train", "--generator", "diffusion", "--data", data.toString(),
        "--properties", "y,band_gap", "--out", dir.resolve("nogap").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("property 'band_gap' is not a column of " + data
        + "; its property columns are [y], and [charge_balanced] can be derived"), c.err);
  }

  /** Samples 4 structures from the model twice with seed 9 and checks both runs agree. */
  private static void assertSamplesFourReproducibly(Path model, String prefix) throws Exception {
    List<List<String>> runs = new ArrayList<>();
    for (String name : List.of(prefix + "1.csv", prefix + "2.csv")) {
      Path out = dir.resolve(name);
      Cli c = Cli.run("sample", "--model", model.toString(), "--n", "4", "--seed", "9",
          "--threads", "1", "--quiet", "--out", out.toString());
      assertEquals(0, c.exitCode, c.err);
      runs.add(cifs(out));
    }
    assertEquals(4, runs.get(0).size());
    assertEquals(runs.get(0), runs.get(1));
  }

  private static String[] concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(new String[0]);
  }

  @Test
  void vaeOnlyOptionsAreRefusedForADiffusionModelAndViceVersa() {
    Cli c = Cli.run("sample", "--model", model.toString(), "--n", "2", "--optimize", "y:min",
        "--out", dir.resolve("o.csv").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--optimize") && c.err.contains("diffusion")
        && c.err.contains("--surrogate"), c.err);
    c = Cli.run("sample", "--model", model.toString(), "--n", "2", "--attempts", "3",
        "--out", dir.resolve("o.csv").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--attempts") && c.err.contains("--optimize"), c.err);
    c = Cli.run("sample", "--model", model.toString(), "--n", "2", "--steps", "41",
        "--out", dir.resolve("o.csv").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("41"), c.err);
    assertFalse(Files.exists(dir.resolve("o.csv")));
    c = Cli.run("train", "--generator", "diffusion", "--latent", "8", "--data", data.toString(),
        "--properties", "y", "--out", dir.resolve("m2").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--latent"), c.err);
    c = Cli.run("train", "--generator", "diffusion", "--distance-weight", "3", "--data",
        data.toString(), "--properties", "y", "--out", dir.resolve("m2").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--distance-weight"), c.err);
    c = Cli.run("train", "--layers", "2", "--data", data.toString(), "--properties", "y",
        "--out", dir.resolve("m3").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--layers"), c.err);
    c = Cli.run("train", "--generator", "gan", "--data", data.toString(), "--properties", "y",
        "--out", dir.resolve("m4").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("gan"), c.err);
    c = Cli.run("train", "--type-loss", "epsilon", "--data", data.toString(), "--properties",
        "y", "--out", dir.resolve("m5").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--type-loss"), c.err);
    c = Cli.run("train", "--generator", "diffusion", "--type-loss", "mse", "--data",
        data.toString(), "--properties", "y", "--out", dir.resolve("m6").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("'mse'") && c.err.contains("crossEntropy"), c.err);
    c = Cli.run("train", "--atom-count-batches", "false", "--data", data.toString(),
        "--properties", "y", "--out", dir.resolve("m7").toString(), "--quiet");
    assertEquals(2, c.exitCode);
    assertTrue(c.err.contains("--atom-count-batches"), c.err);
  }

  @Test
  void aMaskedTypeModelSamplesReproduciblyButCannotBeEnergyGuided() throws Exception {
    Path masked = dir.resolve("masked");
    Cli c = Cli.run("train", "--generator", "diffusion", "--type-loss", "masked", "--data",
        data.toString(), "--properties", "y", "--out", masked.toString(), "--epochs", "1",
        "--hidden", "16", "--layers", "1", "--timesteps", "40", "--sample-steps", "3",
        "--threads", "1", "--seed", "3", "--quiet");
    assertEquals(0, c.exitCode, c.err);
    assertEquals("masked", JSON.readTree(Files.readString(masked.resolve("manifest.json")))
        .at("/hyperParameters/typeLoss").asText());
    assertSamplesFourReproducibly(masked, "m");
    Path surrogate = dir.resolve("masked-surrogate");
    c = Cli.run("train-surrogate", "--data", data.toString(), "--property", "y", "--out",
        surrogate.toString(), "--epochs", "1", "--features", "8", "--layers", "1", "--threads",
        "1", "--seed", "2", "--quiet");
    assertEquals(0, c.exitCode, c.err);
    c = Cli.run("sample", "--model", masked.toString(), "--optimize", "y:min", "--seeds",
        data.toString(), "--surrogate", surrogate.toString(), "--out",
        dir.resolve("masked-opt.csv").toString(), "--quiet");
    assertTrue(c.exitCode != 0);
    assertTrue(c.err.contains("trained with masked types"), c.err);
    assertFalse(Files.exists(dir.resolve("masked-opt.csv")));
  }

  @Test
  void optimizeWithASurrogateKeepsTheBestValidResultPerSeedReproducibly() throws Exception {
    Path surrogate = dir.resolve("surrogate");
    Cli t = Cli.run("train-surrogate", "--data", data.toString(), "--property", "y", "--out",
        surrogate.toString(), "--epochs", "2", "--features", "8", "--layers", "1", "--threads",
        "1", "--seed", "2", "--quiet");
    assertEquals(0, t.exitCode, t.err);
    Path first = dir.resolve("opt1.csv");
    Path second = dir.resolve("opt2.csv");
    for (Path out : List.of(first, second)) {
      Cli c = Cli.run("sample", "--model", model.toString(), "--optimize", "y:min", "--seeds",
          data.toString(), "--surrogate", surrogate.toString(), "--attempts", "2", "--steps",
          "3", "--energy-guidance", "0.5", "--seed", "7", "--threads", "1", "--quiet",
          "--out", out.toString());
      assertEquals(0, c.exitCode, c.err);
      JsonNode summary = JSON.readTree(c.out);
      assertEquals(48, summary.get("drawn").asInt());
    }
    assertEquals(Files.readString(first), Files.readString(second));
    var table = DatasetCsv.readTable(first, ReadOptions.strictMode());
    assertTrue(table.propertyColumns().containsAll(List.of("y", "start")),
        table.propertyColumns().toString());
    for (ReadResult r : table.rows()) {
      Structure s = r.get();
      assertTrue(String.valueOf(s.properties().get("start")).startsWith("c"),
          s.properties().toString());
      assertTrue(Double.isFinite(((Number) s.properties().get("y")).doubleValue()));
    }
    Cli bad = Cli.run("sample", "--model", model.toString(), "--optimize", "y:min", "--seeds",
        data.toString(), "--surrogate", surrogate.toString(), "--start-time", "1.5", "--out",
        dir.resolve("bad.csv").toString(), "--quiet");
    assertEquals(2, bad.exitCode);
    assertTrue(bad.err.contains("1.5"), bad.err);
  }

  /** The defaults the train command's help states for the diffusion generator are the real ones. */
  @Test
  void helpDefaultsForDiffusionMatchTheConfiguration() {
    DiffusionConfig d = DiffusionConfig.defaults();
    String help = Cli.run("train", "--help").out.replaceAll("\\s+", " ");
    assertTrue(help.contains("diffusion: " + d.maxEpochs() + ")"), help);
    assertTrue(help.contains("diffusion: " + d.hiddenDim() + ")"), help);
    assertTrue(help.contains("diffusion: " + d.batchSize() + ")"), help);
    assertTrue(help.contains("diffusion: " + d.learningRate() + ")"), help);
    assertTrue(help.contains("diffusion: " + d.patience() + ")"), help);
    assertTrue(help.contains("layers (default " + d.layers() + ")"), help);
    assertTrue(help.contains("times T (default " + d.timesteps() + ")"), help);
    assertTrue(help.contains("(default " + d.sampleSteps() + ")"), help);
    assertTrue(help.contains("strength for 'invdes sample' (default " + d.guidance() + ")"),
        help);
    assertTrue(help.contains("(default " + d.conditionDropout() + ")"), help);
    assertTrue(help.contains("MatterGen's D3PM) (default " + d.typeLoss().jsonName() + ")"), help);
    assertTrue(help.contains("raw weights (default " + d.emaDecay() + ")"), help);
    assertTrue(help.contains("largest cell (false) (default " + d.atomCountBatches() + ")"),
        help);
  }
}
