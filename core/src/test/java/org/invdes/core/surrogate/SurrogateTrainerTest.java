package org.invdes.core.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training, saving and loading the surrogate on {@link TinySurrogate}'s made-up set, where the
 * target is an exact function of composition.
 */
class SurrogateTrainerTest {
  @TempDir static Path dir;
  static SurrogateModel model;
  static List<Structure> data;

  @BeforeAll
  static void trainOnce() {
    data = TinySurrogate.perovskites(96, 1);
    model = TinySurrogate.shared();
  }

  private static double spread(List<Structure> rows) {
    double mean = 0;
    for (Structure s : rows) {
      mean += s.doubleProperty("y").getAsDouble();
    }
    mean /= rows.size();
    double mad = 0;
    for (Structure s : rows) {
      mad += Math.abs(s.doubleProperty("y").getAsDouble() - mean);
    }
    return mad / rows.size();
  }

  @Test
  void learnsAnExactFunctionOfComposition() {
    List<Structure> fresh = TinySurrogate.perovskites(60, 99);
    double[] p = model.predictAll(fresh, ProgressMonitor.NONE);
    double mae = 0;
    for (int i = 0; i < p.length; i++) {
      mae += Math.abs(p[i] - fresh.get(i).doubleProperty("y").getAsDouble());
    }
    mae /= p.length;
    // predicting the mean gives the mean absolute deviation (≈ 0.4 eV/atom here)
    double baseline = spread(fresh);
    assertTrue(mae < 0.1 * baseline, "MAE " + mae + " vs mean absolute deviation " + baseline);
    SurrogateManifest m = model.manifest();
    assertEquals(96, m.inputRows());
    assertEquals(0, m.skippedRows());
    assertEquals(77 + 19, m.trainRows() + m.validationRows());
    assertEquals(19, m.validationRows());
    assertEquals(List.of("O", "K", "Ca", "Ti", "Sr", "Zr", "Nb", "Ba"),
        m.vocabulary().stream().map(Element::symbol).toList());
    assertTrue(m.metrics().validationMae() < 0.1 * baseline, m.metrics().toString());
    assertEquals(64, m.fingerprint().length());
  }

  @Test
  void batchedAndSinglePredictionsAgree() {
    List<Structure> some = data.subList(0, 10);
    double[] all = model.predictAll(some, ProgressMonitor.NONE);
    for (int i = 0; i < some.size(); i++) {
      assertEquals(all[i], model.predict(some.get(i)), 1e-5);
    }
  }

  @Test
  void sameSeedSameWeightsBitForBit() {
    SurrogateConfig c = TinySurrogate.tiny().toBuilder().optMaxEpochs(3).build();
    List<Structure> few = data.subList(0, 40);
    try (SurrogateModel a = SurrogateTrainer.train(few, "y", c, ProgressMonitor.NONE,
        SurrogateListener.NONE);
        SurrogateModel b = SurrogateTrainer.train(few, "y", c, ProgressMonitor.NONE,
            SurrogateListener.NONE);
        SurrogateModel other = SurrogateTrainer.train(few, "y", c.toBuilder().optSeed(12)
            .build(), ProgressMonitor.NONE, SurrogateListener.NONE)) {
      double[] pa = a.predictAll(data, ProgressMonitor.NONE);
      assertArrayEquals(pa, b.predictAll(data, ProgressMonitor.NONE));
      assertEquals(a.manifest().fingerprint(), b.manifest().fingerprint());
      assertFalse(java.util.Arrays.equals(pa, other.predictAll(data, ProgressMonitor.NONE)));
    }
  }

  @Test
  void saveThenLoadGivesIdenticalPredictions() throws Exception {
    Path out = dir.resolve("saved");
    model.save(out);
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    assertTrue(Files.isRegularFile(out.resolve("surrogate-0000.params")));
    try (SurrogateModel loaded = SurrogateModel.load(out)) {
      assertArrayEquals(model.predictAll(data, ProgressMonitor.NONE),
          loaded.predictAll(data, ProgressMonitor.NONE));
      assertEquals(model.manifest().toJson(), loaded.manifest().toJson());
    }
    assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> model.save(out));
  }

  @Test
  void manifestMismatchesAreRefusedWithClearMessages() throws Exception {
    Path out = dir.resolve("mismatch");
    model.save(out);
    Path file = out.resolve("manifest.json");
    String json = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
    IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
        () -> SurrogateModel.load(out));
    assertTrue(v.getMessage().contains("version 7") && v.getMessage().contains("version 1")
        && v.getMessage().contains(file.toString()), v.getMessage());
    Files.writeString(file, json.replace("\"modelType\" : \"surrogate\"",
        "\"modelType\" : \"cvae\""));
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> SurrogateModel.load(out));
    assertTrue(t.getMessage().contains("'cvae'") && t.getMessage().contains("surrogate"),
        t.getMessage());
    Files.writeString(file, json.replace("\"vocabulary\"", "\"vocabularies\""));
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> SurrogateModel.load(out));
    assertTrue(f.getMessage().contains("\"vocabulary\""), f.getMessage());
    assertThrows(NoSuchFileException.class, () -> SurrogateModel.load(dir.resolve("none")));
  }

  @Test
  void unknownElementsAndDisorderAreReasonsNotCrashes() {
    Structure nacl = Structure.of(Lattice.cubic(5.6), List.of(
        Site.of(Element.of("Na"), 0, 0, 0), Site.of(Element.of("Cl"), 0.5, 0.5, 0.5)));
    assertTrue(model.problem(nacl).orElseThrow().contains("Na"));
    double[] p = model.predictAll(List.of(nacl, data.get(0)), ProgressMonitor.NONE);
    assertTrue(Double.isNaN(p[0]));
    assertTrue(Double.isFinite(p[1]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.predict(nacl));
    assertTrue(e.getMessage().contains("not trained on"), e.getMessage());
  }

  @Test
  void skippedRowsGiveOneWarning() {
    List<Structure> rows = new ArrayList<>(data.subList(0, 20));
    rows.add(data.get(20).withProperties(Map.of("id", "noy")));
    rows.add(data.get(21).withProperty("y", "high"));
    List<String> warnings = new ArrayList<>();
    SurrogateListener l = new SurrogateListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    try (SurrogateModel m = SurrogateTrainer.train(rows, "y",
        TinySurrogate.tiny().toBuilder().optMaxEpochs(1).build(), ProgressMonitor.NONE, l)) {
      assertEquals(1, warnings.size());
      String w = warnings.get(0);
      assertTrue(w.startsWith("skipped 2 of 22 training rows"), w);
      assertTrue(w.contains("'noy'") && w.contains("'high'"), w);
      assertEquals(2, m.manifest().skippedRows());
    }
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> SurrogateTrainer.train(List.of(data.get(0).withProperties(Map.of())), "y",
            TinySurrogate.tiny(), ProgressMonitor.NONE, SurrogateListener.NONE));
    assertTrue(none.getMessage().contains("no training row"), none.getMessage());
  }

  @Test
  void cancellationLeavesNoModelDirectory() {
    Path out = dir.resolve("cancelled");
    ProgressMonitor cancelAfterFirstEpoch = new ProgressMonitor() {
      boolean epochDone;

      @Override
      public void progress(double fraction, String message) {
        epochDone |= message.startsWith("epoch");
      }

      @Override
      public boolean isCancelled() {
        return epochDone;
      }
    };
    assertThrows(CancelledException.class, () -> SurrogateTrainer.trainAndSave(data, "y",
        TinySurrogate.tiny(), out, cancelAfterFirstEpoch, SurrogateListener.NONE));
    assertFalse(Files.exists(out));
  }

  /** The forward pass takes continuous inputs: gradients reach distances and species weights. */
  @Test
  void gradientsFlowToDistancesAndSpeciesWeights() {
    List<CrystalGraph> graphs = List.of(model.graph(data.get(0)), model.graph(data.get(1)));
    Map<Element, Integer> classes = new HashMap<>(model.elementClasses());
    GraphBatch batch = GraphBatch.of(graphs, classes, classes.size(),
        model.manifest().config().cutoffAngstrom());
    try (NDManager m = NDManager.newBaseManager(Engine.getEngine("PyTorch").getEngineName())) {
      NDList in = batch.toNDList(m);
      NDArray species = in.get(0);
      NDArray distances = in.get(2);
      species.setRequiresGradient(true);
      distances.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray y = model.block().predict(model.parameterStore(), species, in.get(1),
            distances, in.get(3), in.get(4), false);
        gc.backward(y.sum());
      }
      float[] gd = distances.getGradient().toFloatArray();
      float[] gs = species.getGradient().toFloatArray();
      double nd = 0;
      double ns = 0;
      for (float v : gd) {
        assertTrue(Float.isFinite(v));
        nd += Math.abs(v);
      }
      for (float v : gs) {
        assertTrue(Float.isFinite(v));
        ns += Math.abs(v);
      }
      assertTrue(nd > 0 && ns > 0, nd + " " + ns);
    }
  }
}
