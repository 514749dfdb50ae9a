package org.invdes.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;

/** Test helper: Xavier leaves biases at 0; this gives them values so they take part too. */
final class RandomBiases {
  private RandomBiases() {
  }

  /** Sets every bias of the initialised block to N(0, 0.3²) values drawn with the seed. */
  static void fill(Block block, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (var p : block.getParameters()) {
      if (p.getValue().getType() == Parameter.Type.BIAS) {
        float[] v = p.getValue().getArray().toFloatArray();
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (0.3 * r.nextGaussian());
        }
        p.getValue().getArray().set(v);
      }
    }
  }
}
