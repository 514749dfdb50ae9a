package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducibility, saving and loading, cancellation and the skip warning. */
class CvaeModelTest {
  @TempDir Path tmp;

  private static float[][] latentGrid(int rows, int dim) {
    float[][] z = new float[rows][dim];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < dim; j++) {
        z[i][j] = (float) Math.sin(1.3 * i + 0.7 * j);
      }
    }
    return z;
  }

  private static float[][] zeros(int rows, int cols) {
    return new float[rows][cols];
  }

  @Test
  void sameSeedTwiceGivesIdenticalWeightsAndDifferentSeedDoesNot() throws IOException {
    List<Structure> data = TinyPerovskites.generate(40, 3);
    CvaeConfig config = TinyPerovskites.tinyConfig().toBuilder().optMaxEpochs(3).build();
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    CvaeTrainer.trainAndSave(data, List.of("y"), config, a, ProgressMonitor.NONE,
        TrainingListener.NONE);
    CvaeTrainer.trainAndSave(data, List.of("y"), config, b, ProgressMonitor.NONE,
        TrainingListener.NONE);
    CvaeTrainer.trainAndSave(data, List.of("y"), config.toBuilder().optSeed(8).build(), c,
        ProgressMonitor.NONE, TrainingListener.NONE);
    String weights = CvaeModel.WEIGHTS_PREFIX + "-0000.params";
    assertArrayEquals(Files.readAllBytes(a.resolve(weights)),
        Files.readAllBytes(b.resolve(weights)));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(weights)),
        Files.readAllBytes(c.resolve(weights))));
    try (CvaeModel ma = CvaeModel.load(a); CvaeModel mb = CvaeModel.load(b)) {
      assertEquals(ma.manifest().fingerprint(), mb.manifest().fingerprint());
      assertEquals(64, ma.manifest().fingerprint().length());
      assertEquals(ma.manifest().metrics().validation(), mb.manifest().metrics().validation());
    }
  }

  @Test
  void saveThenLoadGivesTheSameOutputsAndManifest() throws IOException {
    List<Structure> data = TinyPerovskites.generate(40, 4);
    Path dir = tmp.resolve("model");
    float[][] z = latentGrid(5, 8);
    CvaeModel.Decoding before;
    float[][] propsBefore;
    ModelManifest saved;
    try (CvaeModel model = CvaeTrainer.train(data, List.of("y"), TinyPerovskites.tinyConfig(),
        ProgressMonitor.NONE, TrainingListener.NONE)) {
      before = model.decode(z, zeros(5, 1), zeros(5, 1), null);
      propsBefore = model.properties(z);
      model.save(dir);
      saved = model.manifest();
      assertThrows(FileAlreadyExistsException.class, () -> model.save(dir));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(CvaeModel.WEIGHTS_PREFIX + "-0000.params", ModelManifest.FILE_NAME),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (CvaeModel loaded = CvaeModel.load(dir)) {
      CvaeModel.Decoding after = loaded.decode(z, zeros(5, 1), zeros(5, 1), null);
      assertArrayEquals(before.lattice(), after.lattice());
      assertArrayEquals(before.logits(), after.logits());
      assertArrayEquals(before.coordinates(), after.coordinates());
      assertArrayEquals(propsBefore, loaded.properties(z));
      assertEquals(saved.toJson(), loaded.manifest().toJson());
      assertEquals(saved.encoding(), loaded.encoder().config());
      PropertyRange y = loaded.manifest().properties().get(0);
      // the property of TinyPerovskites is 2·(a − 4) with a in [3.7, 4.2] Å
      assertTrue(y.min() >= 2 * (3.7 - 4.0) - 1e-12 && y.max() <= 2 * (4.2 - 4.0) + 1e-12, y
          .toString());
      assertEquals(40, y.count());
    }
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("model"), files.map(p -> p.getFileName().toString()).toList(),
          "no temporary directory is left beside the model");
    }
    Path again = tmp.resolve("saved-again");
    try (CvaeModel loaded = CvaeModel.load(dir)) {
      loaded.save(again);
    }
    try (CvaeModel reloaded = CvaeModel.load(again)) {
      assertArrayEquals(before.logits(), reloaded.decode(z, zeros(5, 1), zeros(5, 1), null)
          .logits(), "a loaded model saves again unchanged");
      assertEquals(saved.toJson(), reloaded.manifest().toJson());
    }
  }

  @Test
  void cancelDuringTrainingStopsAndLeavesNothing() throws IOException {
    List<Structure> data = TinyPerovskites.generate(40, 5);
    Path out = tmp.resolve("models").resolve("cancelled");
    Files.createDirectories(out.getParent());
    int[] polls = {0};
    List<Double> fractions = new ArrayList<>();
    ProgressMonitor monitor = new ProgressMonitor() {
      @Override
      public void progress(double fraction, String message) {
        fractions.add(fraction);
      }

      @Override
      public boolean isCancelled() {
        // the trainer polls before every batch: cancel in the middle of the second epoch
        return ++polls[0] > 7;
      }
    };
    CvaeConfig config = TinyPerovskites.tinyConfig().toBuilder().optMaxEpochs(50).build();
    CancelledException e = assertThrows(CancelledException.class, () -> CvaeTrainer
        .trainAndSave(data, List.of("y"), config, out, monitor, TrainingListener.NONE));
    assertTrue(e.getMessage().contains("training"), e.getMessage());
    assertTrue(polls[0] < 20, "training went on after the cancel: " + polls[0] + " polls");
    assertFalse(Files.exists(out));
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertEquals(0, files.count(), "no temporary directory is left");
    }
    assertTrue(fractions.size() <= 2, fractions.toString());
  }

  @Test
  void versionMismatchNamesBothVersions() throws IOException {
    Path dir = tmp.resolve("m");
    CvaeTrainer.trainAndSave(TinyPerovskites.generate(24, 6), List.of("y"),
        TinyPerovskites.tinyConfig().toBuilder().optMaxEpochs(1).build(), dir,
        ProgressMonitor.NONE, TrainingListener.NONE);
    Path manifest = dir.resolve(ModelManifest.FILE_NAME);
    String json = Files.readString(manifest, StandardCharsets.UTF_8);
    String version = "\"formatVersion\" : " + ModelManifest.FORMAT_VERSION;
    assertTrue(json.contains(version), json);
    Files.writeString(manifest, json.replace(version, "\"formatVersion\" : 99"),
        StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CvaeModel.load(dir));
    assertTrue(e.getMessage().contains("model format version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("reads model format version "
        + ModelManifest.FORMAT_VERSION), e.getMessage());
    assertTrue(e.getMessage().contains(manifest.toString()), e.getMessage());
  }

  @Test
  void loadingANonModelDirectorySaysSo() {
    java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
        () -> CvaeModel.load(tmp));
    assertTrue(e.getMessage().contains(ModelManifest.FILE_NAME), e.getMessage());
  }

  @Test
  void unusableRowsAreSkippedWithOneWarning() {
    List<Structure> data = new ArrayList<>(TinyPerovskites.generate(30, 9));
    // a made-up 6-site cell over a fixed budget of 5, and two rows without the property
    List<Site> six = new ArrayList<>(data.get(0).sites());
    six.add(Site.of(Element.of("O"), 0.25, 0.25, 0.25));
    data.add(Structure.of(Lattice.cubic(5), six, Map.of("id", "big", "y", 0.1)));
    data.add(data.get(1).withProperties(Map.of("id", "noY1")));
    data.add(data.get(2).withProperties(Map.of("id", "noY2")));
    List<String> warnings = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    CvaeConfig config = TinyPerovskites.tinyConfig().toBuilder().optMaxEpochs(1).optMaxSites(5)
        .build();
    try (CvaeModel model = CvaeTrainer.train(data, List.of("y"), config, ProgressMonitor.NONE,
        listener)) {
      assertEquals(1, warnings.size(), warnings.toString());
      String w = warnings.get(0);
      assertTrue(w.startsWith("skipped 3 of 33 training rows"), w);
      assertTrue(w.contains("1 too many sites") && w.contains("'big'"), w);
      assertTrue(w.contains("2 missing property") && w.contains("'noY1'"), w);
      assertEquals(3, model.manifest().skippedRows());
      assertEquals(30, model.manifest().trainRows() + model.manifest().validationRows());
      assertNotNull(model.manifest().skipWarning());
    }
  }
}
