package org.invdes.core.model;

import org.invdes.core.io.AtomicFiles;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Pieces shared by the training loops and saved forms of the library's DJL models (the
 * conditional VAE here, the formation-energy surrogate in {@code org.invdes.core.surrogate}):
 * seeded shuffling, in-memory weight snapshots for early stopping, and atomic model directories.
 */
public final class TrainingSupport {
  private TrainingSupport() {
  }

  /** Writes the files of a model into a (temporary) directory. */
  @FunctionalInterface
  public interface DirectoryWriter {
    /**
     * @param dir an empty directory to fill
     * @throws IOException if writing fails
     */
    void write(Path dir) throws IOException;
  }

  private static volatile Runnable afterForward = () -> { };

  /**
   * Sets what runs in every training step between the loss and the backward pass (by
   * default nothing). A diagnostic hook: a test collects garbage there to prove that no tensor
   * the backward pass needs depends on the garbage collector (see {@link Scalars}).
   *
   * @param probe the action, or null for nothing
   */
  public static void setAfterForwardProbe(Runnable probe) {
    afterForward = probe == null ? () -> { } : probe;
  }

  /** Called by the training loops once the loss is computed, before the backward pass. */
  public static void forwardDone() {
    afterForward.run();
  }

  /** 0 … n − 1 in an order drawn from the random stream (Fisher-Yates). */
  public static int[] permutation(int n, SplittableRandom random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    shuffle(a, random);
    return a;
  }

  /** Fisher-Yates shuffle in place, drawing from the given stream. */
  public static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A copy of every parameter of the block, in the block's parameter order. */
  public static List<float[]> snapshot(Block block) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** Puts a {@link #snapshot} back; does nothing when it is null. */
  public static void restore(Block block, List<float[]> weights) {
    if (weights == null) {
      return;
    }
    int i = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      p.getValue().getArray().set(weights.get(i++));
    }
  }

  /**
   * Creates a model directory atomically: the writer fills a temporary directory beside the
   * target, which is then renamed; on failure nothing is left.
   *
   * @param dir the directory to create; must not exist
   * @param writer fills the directory
   * @throws FileAlreadyExistsException if {@code dir} exists
   */
  public static void writeDirectoryAtomically(Path dir, DirectoryWriter writer)
      throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      throw new FileAlreadyExistsException(abs.toString(), null,
          "a model directory cannot overwrite an existing path; remove it or choose another");
    }
    Path tmp = AtomicFiles.tempDirectoryBeside(abs);
    try {
      writer.write(tmp);
      AtomicFiles.commit(tmp, abs);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

}
