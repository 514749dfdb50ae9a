package org.invdes.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a constant that is safe under autograd.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (likewise {@code div}, {@code maximum}, {@code minimum},
 * {@code pow}) wraps the number in a scalar tensor whose memory is a direct {@code ByteBuffer},
 * and closes that tensor as soon as the product is computed. PyTorch's autograd graph still
 * holds the scalar for the backward pass (the gradient of {@code x·k} needs {@code k}); once the
 * garbage collector frees the buffer, the backward pass reads whatever was written there since.
 * Training then depends on when the JVM happened to collect garbage, and is no longer
 * reproducible from its seed. Here the scalar is attached to the operand's manager instead, so it
 * lives as long as the operand (in training: the batch), and the graph never sees freed memory.
 *
 * <p>Use these wherever the operand may require a gradient: blocks' forward passes and losses.
 */
public final class Scalars {

  private Scalars() {}

  /** A float32 scalar tensor with value {@code v}, attached to {@code like}'s manager. */
  public static NDArray of(NDArray like, double v) {
    return like.getManager().create((float) v);
  }

  /** {@code x · v}. */
  public static NDArray mul(NDArray x, double v) {
    return x.mul(of(x, v));
  }

  /** {@code x / v}. */
  public static NDArray div(NDArray x, double v) {
    return x.div(of(x, v));
  }

  /** The element-wise {@code max(x, v)}. */
  public static NDArray maximum(NDArray x, double v) {
    return x.maximum(of(x, v));
  }
}
