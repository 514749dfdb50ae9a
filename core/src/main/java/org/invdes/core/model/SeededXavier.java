package org.invdes.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Xavier (Glorot) uniform initialisation drawn from the JDK's {@link SplittableRandom} with a
 * seed, so initial weights do not depend on the engine's global random state: a weight of shape
 * [out, in] is uniform in ±√(6 / (in + out)). The draws happen in the fixed order in which the
 * block initialises its parameters.
 */
public final class SeededXavier implements Initializer {
  private final SplittableRandom random;

  /** @param seed the seed of the draws */
  public SeededXavier(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public synchronized NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    long fanOut = shape.dimension() > 0 ? shape.get(0) : 1;
    long fanIn = shape.dimension() > 1 ? shape.size() / fanOut : fanOut;
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
