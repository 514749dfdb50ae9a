package org.invdes.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pieces shared by the training loops and saved forms of the library's DJL models (the
 * conditional VAE here, the formation-energy surrogate in {@code org.invdes.core.surrogate}):
 * seeded shuffling and in-memory weight snapshots for early stopping ({@link ModelFiles} saves
 * and loads the model directories).
 */
public final class TrainingSupport {
  private TrainingSupport() {
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
}
