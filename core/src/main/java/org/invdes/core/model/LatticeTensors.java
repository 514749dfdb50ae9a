package org.invdes.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Differentiable lattice geometry on batched tensors (rows are cells). */
public final class LatticeTensors {
  private LatticeTensors() {
  }

  /**
   * The metric tensor G = diag(len) · C · diag(len) of each row, where C has 1 on the diagonal,
   * cos γ at (a, b), cos β at (a, c) and cos α at (b, c): a fractional difference Δ has squared
   * length Δᵀ G Δ, Å².
   *
   * @param lengths [B, 3] a, b, c in Å
   * @param cosines [B, 3] cos α, cos β, cos γ
   * @return [B, 3, 3]
   */
  public static NDArray metric(NDArray lengths, NDArray cosines) {
    long b = lengths.getShape().get(0);
    NDArray one = lengths.getManager().ones(new Shape(b, 1));
    NDArray ca = cosines.get(":, 0:1");
    NDArray cb = cosines.get(":, 1:2");
    NDArray cg = cosines.get(":, 2:3");
    NDArray c = one.concat(cg, 1).concat(cb, 1).concat(cg, 1).concat(one, 1).concat(ca, 1)
        .concat(cb, 1).concat(ca, 1).concat(one, 1).reshape(b, 3, 3);
    return c.mul(lengths.reshape(b, 3, 1)).mul(lengths.reshape(b, 1, 3));
  }

  /**
   * Squared lengths Δᵀ G Δ of fractional differences.
   *
   * @param delta [B, K, 3] fractional differences
   * @param metric [B, 3, 3] from {@link #metric}
   * @return [B, K], Å²
   */
  public static NDArray squaredLengths(NDArray delta, NDArray metric) {
    return delta.matMul(metric).mul(delta).sum(new int[] {2});
  }
}
