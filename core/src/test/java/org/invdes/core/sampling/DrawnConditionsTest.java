package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.DiffusionTrainer;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples without targets whose condition is drawn from the training rows ({@link
 * DiffusionSampler#withDrawnConditions}): the manifest records the training rows' normalised
 * conditions, each sample is guided toward one of them (seen through a recording denoiser),
 * reproducibly, targets replace the drawn values of their properties, and a model saved without
 * them is refused.
 */
class DrawnConditionsTest {
  @TempDir static Path tmp;
  static Path dir;
  static DiffusionModel model;

  @BeforeAll
  static void train() throws IOException {
    dir = tmp.resolve("model");
    DiffusionTrainer.trainAndSave(DiffusionSamplerTest.tinyData(), List.of("y"),
        DiffusionSamplerTest.tiny(), dir, ProgressMonitor.NONE, w -> { }, e -> { });
    model = DiffusionModel.load(dir);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void theManifestHoldsTheNormalisedConditionOfEveryTrainingRow() {
    float[][] rows = model.manifest().trainingConditions();
    assertEquals(model.manifest().trainRows(), rows.length);
    Set<Float> data = new TreeSet<>();
    for (Structure s : DiffusionSamplerTest.tinyData()) {
      data.add(model.encoder().normaliseProperty("y", s.doubleProperty("y").getAsDouble()));
    }
    for (float[] row : rows) {
      assertEquals(1, row.length);
      assertTrue(data.contains(row[0]), row[0] + " is no training row's y");
    }
  }

  /** The condition and known mask of each denoiser call's conditional half. */
  static List<float[][]> recordConditions(DiffusionSampler sampler, long seed) {
    return recordConditions(model, sampler.drawsConditions(), 3,
        SamplingRequest.builder().setCount(12).optSeed(seed).build());
  }

  /** The condition and known mask of each call when {@code m} samples the request. */
  static List<float[][]> recordConditions(DiffusionModel m, boolean draw, int steps,
      SamplingRequest request) {
    List<float[][]> calls = new ArrayList<>();
    DiffusionSampler.of(m, (types, coords, lattice, times, cond, known, mask) -> {
      calls.add(new float[][] {cond.clone(), known.clone()});
      return m.denoise(types, coords, lattice, times, cond, known, mask);
    }).withSteps(steps).withDrawnConditions(draw).sample(request, ProgressMonitor.NONE);
    return calls;
  }

  @Test
  void eachSampleIsGuidedTowardATrainingRowsConditionReproducibly() {
    float[][] rows = model.manifest().trainingConditions();
    Set<Float> recorded = new TreeSet<>();
    for (float[] row : rows) {
      recorded.add(row[0]);
    }
    List<float[][]> calls = recordConditions(DiffusionSampler.of(model).withDrawnConditions(true),
        5);
    Set<Float> drawn = new TreeSet<>();
    for (float[][] call : calls) {
      float[] cond = call[0];
      float[] known = call[1];
      assertEquals(24, cond.length, "guided: a conditional and an unconditional half");
      for (int i = 0; i < 12; i++) {
        assertEquals(1f, known[i]);
        assertTrue(recorded.contains(cond[i]), cond[i] + " is not a recorded condition");
        drawn.add(cond[i]);
        assertEquals(0f, known[12 + i]);
      }
    }
    assertTrue(drawn.size() > 3, "12 samples drew only " + drawn);
    List<float[][]> again = recordConditions(DiffusionSampler.of(model)
        .withDrawnConditions(true), 5);
    assertEquals(calls.size(), again.size());
    for (int k = 0; k < calls.size(); k++) {
      assertArrayEquals(calls.get(k)[0], again.get(k)[0]);
    }
    for (float[][] call : recordConditions(DiffusionSampler.of(model), 5)) {
      assertEquals(12, call[1].length, "unconditional: one pass");
      for (float k : call[1]) {
        assertEquals(0f, k);
      }
    }
  }

  @Test
  void aModelSavedWithoutTrainingConditionsIsRefused() throws IOException {
    Path old = tmp.resolve("old");
    Files.createDirectories(old);
    for (Path f : Files.list(dir).toList()) {
      Files.copy(f, old.resolve(f.getFileName()));
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(old.resolve("manifest.json").toFile());
    manifest.remove("trainingConditions");
    Files.writeString(old.resolve("manifest.json"), json.writeValueAsString(manifest));
    try (DiffusionModel m = DiffusionModel.load(old)) {
      assertEquals(0, m.manifest().trainingConditions().length);
      SamplingRequest request = SamplingRequest.builder().setCount(2).optSeed(1).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DiffusionSampler.of(m).withSteps(2).withDrawnConditions(true).sample(request,
              ProgressMonitor.NONE));
      assertTrue(e.getMessage().contains("does not record its training rows' conditions"),
          e.getMessage());
      assertEquals(2, DiffusionSampler.of(m).withSteps(2).sample(request, ProgressMonitor.NONE)
          .structures().size());
    }
  }

  @Test
  void theManifestRoundTripsTheConditions() {
    DiffusionManifest m = model.manifest();
    DiffusionManifest back = DiffusionManifest.fromJson(m.toJson(), "test");
    float[][] a = m.trainingConditions();
    float[][] b = back.trainingConditions();
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i]);
    }
  }

  /**
   * A two-property model sampled with a target on one property and drawn conditions: every
   * conditional call holds the target for that property and a training row's value of the
   * other; without drawing, the other property is unknown.
   */
  @Test
  void aTargetHoldsAndTheOtherPropertiesAreDrawn() throws IOException {
    List<Structure> data = new ArrayList<>();
    for (Structure s : DiffusionSamplerTest.tinyData()) {
      data.add(s.withProperty("z", (double) s.sites().size()));
    }
    Path two = tmp.resolve("two");
    DiffusionTrainer.trainAndSave(data, List.of("y", "z"), DiffusionSamplerTest.tiny(), two,
        ProgressMonitor.NONE, w -> { }, e -> { });
    try (DiffusionModel m = DiffusionModel.load(two)) {
      float y = m.encoder().normaliseProperty("y", 0.3);
      Set<Float> zs = new TreeSet<>();
      for (float[] row : m.manifest().trainingConditions()) {
        zs.add(row[1]);
      }
      assertTrue(zs.size() > 1, "the rows' z: " + zs);
      for (boolean draw : new boolean[] {true, false}) {
        List<float[][]> calls = recordConditions(m, draw, 2, SamplingRequest.builder()
            .setCount(6).optSeed(4).optTarget("y", 0.3).build());
        assertTrue(!calls.isEmpty());
        Set<Float> drawn = new TreeSet<>();
        for (float[][] call : calls) {
          for (int i = 0; i < 6; i++) {
            assertEquals(y, call[0][2 * i], "the target of y");
            assertEquals(1f, call[1][2 * i]);
            assertEquals(draw ? 1f : 0f, call[1][2 * i + 1], "z known only when drawn");
            if (draw) {
              assertTrue(zs.contains(call[0][2 * i + 1]), call[0][2 * i + 1] + " is no row's z");
              drawn.add(call[0][2 * i + 1]);
            }
          }
        }
        assertTrue(!draw || drawn.size() > 1, "6 samples drew only " + drawn);
      }
    }
  }
}
