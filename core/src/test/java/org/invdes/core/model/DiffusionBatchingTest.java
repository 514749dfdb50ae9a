package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work without padding: the training batches of one atom count ({@link
 * DiffusionTrainer#batches}) and the denoiser call that runs rows grouped by atom count ({@link
 * DiffusionModel#denoise}) against one padded network pass.
 */
class DiffusionBatchingTest {
  static DiffusionModel model;

  static DiffusionConfig tiny(boolean byAtomCount) {
    return DiffusionConfig.builder().optHiddenDim(16).optLayers(2).optFrequencies(2)
        .optTimeDim(8).optTimesteps(30).optSampleSteps(4).optMaxEpochs(2).optBatchSize(8)
        .optAtomCountBatches(byAtomCount).optThreads(1).optSeed(13).build();
  }

  /** Five-atom perovskites, two-atom rock salts and one-atom cubic cells. */
  static List<Structure> data() {
    List<Structure> out = new ArrayList<>(TinyPerovskites.generate(16, 2));
    for (int i = 0; i < 6; i++) {
      out.add(Structure.of(Lattice.cubic(3.0 + 0.1 * i), List.of(
          Site.of(Element.of("Ba"), 0, 0, 0), Site.of(Element.of("O"), 0.5, 0.5, 0.5)),
          Map.of("id", "rs" + i, "y", 0.1 * i)));
      out.add(Structure.of(Lattice.cubic(2.5 + 0.1 * i), List.of(
          Site.of(Element.of("Ba"), 0, 0, 0)), Map.of("id", "sc" + i, "y", -0.1 * i)));
    }
    return out;
  }

  @BeforeAll
  static void train() {
    model = DiffusionTrainer.train(data(), List.of("y"), tiny(true), ProgressMonitor.NONE,
        w -> { }, e -> { });
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  static int[] counts() {
    SplittableRandom r = new SplittableRandom(4);
    int[] atoms = new int[200];
    for (int i = 0; i < atoms.length; i++) {
      atoms[i] = 1 + 2 * r.nextInt(4);
    }
    return atoms;
  }

  @Test
  void atomCountBatchesHoldEveryRowOnceWithOneCountEach() {
    int[] atoms = counts();
    int[] order = TrainingSupport.permutation(atoms.length, new SplittableRandom(1));
    List<int[]> batches = DiffusionTrainer.batches(order, atoms, 16, true,
        new SplittableRandom(2));
    boolean[] seen = new boolean[atoms.length];
    boolean ascending = true;
    int previousCount = 0;
    for (int[] b : batches) {
      assertTrue(b.length >= 1 && b.length <= 16, "batch of " + b.length);
      for (int r : b) {
        assertFalse(seen[r], "row " + r + " twice");
        seen[r] = true;
        assertEquals(atoms[b[0]], atoms[r], "one atom count per batch");
      }
      ascending &= atoms[b[0]] >= previousCount;
      previousCount = atoms[b[0]];
    }
    for (int r = 0; r < atoms.length; r++) {
      assertTrue(seen[r], "row " + r + " missing");
    }
    assertFalse(ascending, "the batches are shuffled, not in atom-count order");
    // within a count, the shuffled order is kept
    List<int[]> unshuffled = DiffusionTrainer.batches(order, atoms, 16, true, null);
    List<Integer> flat = new ArrayList<>();
    unshuffled.forEach(b -> Arrays.stream(b).forEach(flat::add));
    for (int k = 1; k < 8; k += 2) {
      final int count = k;
      int[] expected = Arrays.stream(order).filter(r -> atoms[r] == count).toArray();
      int[] got = flat.stream().mapToInt(Integer::intValue).filter(r -> atoms[r] == count)
          .toArray();
      assertArrayEquals(expected, got);
    }
    // the same stream gives the same batches
    List<int[]> again = DiffusionTrainer.batches(order, atoms, 16, true, new SplittableRandom(2));
    assertEquals(batches.size(), again.size());
    for (int i = 0; i < batches.size(); i++) {
      assertArrayEquals(batches.get(i), again.get(i));
    }
  }

  @Test
  void withOneAtomCountTheBatchesAreTheMixedOnesAndDrawNothing() {
    int[] atoms = new int[50];
    Arrays.fill(atoms, 5);
    int[] order = TrainingSupport.permutation(atoms.length, new SplittableRandom(6));
    SplittableRandom random = new SplittableRandom(7);
    List<int[]> byCount = DiffusionTrainer.batches(order, atoms, 16, true, random);
    List<int[]> mixed = DiffusionTrainer.batches(order, atoms, 16, false, null);
    assertEquals(mixed.size(), byCount.size());
    for (int i = 0; i < mixed.size(); i++) {
      assertArrayEquals(mixed.get(i), byCount.get(i));
    }
    assertEquals(new SplittableRandom(7).nextLong(), random.nextLong(), "no draw was made");
  }

  @Test
  void theSettingIsRecordedAndOlderManifestsReadAsMixed() {
    assertTrue(DiffusionConfig.defaults().atomCountBatches());
    assertTrue(model.manifest().hyperParameters().atomCountBatches());
    ObjectNode json = tiny(false).toJsonNode();
    assertFalse(DiffusionConfig.fromJsonNode(json).atomCountBatches());
    json.remove("atomCountBatches");
    assertFalse(DiffusionConfig.fromJsonNode(json).atomCountBatches());
    assertEquals(tiny(true), DiffusionConfig.fromJsonNode(tiny(true).toJsonNode()));
  }

  @Test
  void mixedAndAtomCountBatchesTrainDifferentlyButBothReproducibly() {
    try (DiffusionModel mixed = DiffusionTrainer.train(data(), List.of("y"), tiny(false),
        ProgressMonitor.NONE, w -> { }, e -> { });
        DiffusionModel again = DiffusionTrainer.train(data(), List.of("y"), tiny(true),
            ProgressMonitor.NONE, w -> { }, e -> { })) {
      assertEquals(model.manifest().trainLoss(), again.manifest().trainLoss());
      assertNotEquals(model.manifest().trainLoss(), mixed.manifest().trainLoss());
    }
  }

  /**
   * Saves {@code model} under {@code dir}, loads it back and checks that the loaded model
   * denoises the rows of {@link #rows} exactly as the original does.
   */
  static void assertSavedModelDenoisesAlike(DiffusionModel model, java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path saved = dir.resolve("m");
    model.save(saved);
    float[][] x = rows(model.maxSites(), model.types(), 1);
    int[] times = {5, 5, 20, 2, 9};
    java.nio.file.Path again = dir.resolve("m-again");
    try (DiffusionModel back = DiffusionModel.load(saved)) {
      assertEquals(model.manifest().hyperParameters(), back.manifest().hyperParameters());
      float[][] before = model.denoise(x[0], x[1], x[2], times, x[3], x[4], x[5]);
      float[][] after = back.denoise(x[0], x[1], x[2], times, x[3], x[4], x[5]);
      for (int o = 0; o < 3; o++) {
        assertArrayEquals(before[o], after[o], "output " + o);
      }
      back.save(again);
    }
    try (DiffusionModel twice = DiffusionModel.load(again)) {
      assertArrayEquals(model.denoise(x[0], x[1], x[2], times, x[3], x[4], x[5])[2],
          twice.denoise(x[0], x[1], x[2], times, x[3], x[4], x[5])[2], "saved again");
    }
  }

  /** Rows of 5, 1, 2, 5 and 2 atoms at mixed times, as the sampler fills them. */
  static float[][] rows(int n, int a, int p) {
    int[] atoms = {5, 1, 2, 5, 2};
    int b = atoms.length;
    SplittableRandom r = new SplittableRandom(8);
    float[] types = new float[b * n * a];
    float[] coords = new float[b * n * 3];
    float[] lattice = new float[b * 6];
    float[] cond = new float[b * p];
    float[] known = new float[b * p];
    float[] mask = new float[b * n];
    for (int i = 0; i < b; i++) {
      for (int s = 0; s < atoms[i]; s++) {
        mask[i * n + s] = 1f;
        for (int j = 0; j < a; j++) {
          types[(i * n + s) * a + j] = (float) r.nextGaussian();
        }
        for (int d = 0; d < 3; d++) {
          coords[(i * n + s) * 3 + d] = (float) r.nextDouble();
        }
      }
      for (int j = 0; j < 6; j++) {
        lattice[i * 6 + j] = (float) r.nextGaussian();
      }
      cond[i * p] = i % 2 == 0 ? 0.5f : 0f;
      known[i * p] = i % 2 == 0 ? 1f : 0f;
    }
    return new float[][] {types, coords, lattice, cond, known, mask};
  }

  @Test
  void groupedDenoisingGivesTheOutputsOfOnePaddedPass() {
    int n = model.maxSites();
    int a = model.types();
    assertEquals(5, n);
    float[][] x = rows(n, a, 1);
    int[] times = {3, 29, 11, 17, 1};
    float[][] grouped = model.denoise(x[0], x[1], x[2], times, x[3], x[4], x[5]);
    float[][] padded = model.pass(n, x[0], null, x[1], x[2], times, x[3], x[4], x[5]);
    for (int o = 0; o < 3; o++) {
      assertEquals(padded[o].length, grouped[o].length);
      double scale = 0;
      for (int i = 0; i < padded[o].length; i++) {
        assertEquals(padded[o][i], grouped[o][i], 1e-5, "output " + o + " entry " + i);
        scale = Math.max(scale, Math.abs(padded[o][i]));
      }
      assertTrue(scale > 1e-3, "output " + o + " is all zero");
    }
    for (int s = 2; s < n; s++) {
      for (int d = 0; d < 3; d++) {
        assertEquals(0f, grouped[1][(2 * n + s) * 3 + d], 0f, "padding rows get 0");
      }
    }
  }
}
