package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateListener;
import org.invdes.core.surrogate.SurrogateModel;
import org.invdes.core.surrogate.SurrogateTrainer;
import org.invdes.core.surrogate.TinySurrogate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training must not depend on when the JVM collects garbage: every trainer is run once as is and
 * once with a full collection between each forward and backward pass, followed by fresh native
 * allocations filled with junk (so memory freed by the collection is overwritten at once); the
 * saved weights must be identical byte for byte. Before {@link Scalars}, a scalar operand freed
 * by the collection fed garbage into the backward pass, and the weights diverged.
 */
class GarbageCollectionReproducibilityTest {
  @TempDir Path dir;
  private final List<ByteBuffer> junk = new ArrayList<>();

  @AfterEach
  void noProbe() {
    TrainingSupport.setAfterForwardProbe(null);
    junk.clear();
  }

  private void collectAndOverwrite() {
    System.gc();
    try {
      // direct buffers are freed by the Cleaner thread after the collection
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int i = 0; i < 32; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
      b.putFloat(0, 1e30f);
      junk.add(b);
    }
  }

  private byte[] weights(Path model, String prefix) throws IOException {
    byte[] bytes = Files.readAllBytes(model.resolve(prefix + "-0000.params"));
    assertTrue(bytes.length > 1000, model.toString());
    return bytes;
  }

  @Test
  void vaeTrainingIgnoresGarbageCollection() throws IOException {
    List<Structure> data = TinyPerovskites.generate(24, 3);
    CvaeConfig config = TinyPerovskites.tinyConfig().toBuilder().optMaxEpochs(2).build();
    Path plain = dir.resolve("plain");
    Path collected = dir.resolve("collected");
    CvaeTrainer.trainAndSave(data, List.of("y"), config, plain, ProgressMonitor.NONE,
        TrainingListener.NONE);
    TrainingSupport.setAfterForwardProbe(this::collectAndOverwrite);
    CvaeTrainer.trainAndSave(data, List.of("y"), config, collected, ProgressMonitor.NONE,
        TrainingListener.NONE);
    assertArrayEquals(weights(plain, CvaeModel.WEIGHTS_PREFIX),
        weights(collected, CvaeModel.WEIGHTS_PREFIX));
  }

  @Test
  void diffusionTrainingIgnoresGarbageCollection() throws IOException {
    List<Structure> data = new ArrayList<>(TinyPerovskites.generate(16, 5));
    data.add(Structure.of(Lattice.cubic(3.0), List.of(Site.of(Element.of("Ba"), 0, 0, 0),
        Site.of(Element.of("O"), 0.5, 0.5, 0.5)), Map.of("id", "rs", "y", 0.1)));
    DiffusionConfig config = DiffusionConfig.builder().optHiddenDim(16).optLayers(1)
        .optFrequencies(2).optTimeDim(8).optTimesteps(50).optSampleSteps(4).optMaxEpochs(2)
        .optBatchSize(8).optThreads(1).optSeed(5).build();
    Path plain = dir.resolve("plain");
    Path collected = dir.resolve("collected");
    DiffusionTrainer.trainAndSave(data, List.of("y"), config, plain, ProgressMonitor.NONE,
        w -> { }, e -> { });
    TrainingSupport.setAfterForwardProbe(this::collectAndOverwrite);
    DiffusionTrainer.trainAndSave(data, List.of("y"), config, collected, ProgressMonitor.NONE,
        w -> { }, e -> { });
    assertArrayEquals(weights(plain, DiffusionModel.WEIGHTS_PREFIX),
        weights(collected, DiffusionModel.WEIGHTS_PREFIX));
  }

  @Test
  void surrogateTrainingIgnoresGarbageCollection() throws IOException {
    List<Structure> data = TinySurrogate.perovskites(32, 2);
    // the squared error, halved as DJL does: a product with a constant
    var config = TinySurrogate.tiny().toBuilder().optMaxEpochs(2)
        .optLoss(org.invdes.core.surrogate.SurrogateConfig.Loss.MSE).build();
    Path plain = dir.resolve("plain");
    Path collected = dir.resolve("collected");
    try (SurrogateModel a = SurrogateTrainer.train(data, "y", config, ProgressMonitor.NONE,
        SurrogateListener.NONE)) {
      a.save(plain);
    }
    TrainingSupport.setAfterForwardProbe(this::collectAndOverwrite);
    try (SurrogateModel b = SurrogateTrainer.train(data, "y", config, ProgressMonitor.NONE,
        SurrogateListener.NONE)) {
      b.save(collected);
    }
    assertArrayEquals(weights(plain, SurrogateModel.WEIGHTS_PREFIX),
        weights(collected, SurrogateModel.WEIGHTS_PREFIX));
  }
}
