package org.invdes.core.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.CvaeTrainer;
import org.invdes.core.model.TinyPerovskites;
import org.invdes.core.model.TrainingListener;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;

/**
 * One tiny model for all sampling tests, trained once per test JVM on the made-up perovskites
 * of {@link TinyPerovskites} (48 rows, 8 epochs, about a second) and saved to a temporary
 * directory, which is deleted when the JVM exits.
 */
final class TinyModel {
  static final List<Structure> DATA = TinyPerovskites.generate(48, 11);
  private static CvaeModel model;
  private static Path dir;

  private TinyModel() {
  }

  static synchronized CvaeModel get() {
    if (model == null) {
      model = CvaeTrainer.train(DATA, List.of("y"), TinyPerovskites.tinyConfig(),
          ProgressMonitor.NONE, TrainingListener.NONE);
    }
    return model;
  }

  /** The saved directory of {@link #get()}. */
  static synchronized Path saved() {
    if (dir == null) {
      try {
        Path parent = Files.createTempDirectory("invdes-tiny-model");
        dir = parent.resolve("model");
        get().save(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try (var walk = Files.walk(parent)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          } catch (IOException e) {
            // best effort: a temporary directory
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
