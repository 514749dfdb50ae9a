package org.invdes.core.surrogate;

import org.invdes.core.model.Scalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The surrogate's network, a CGCNN-style crystal-graph convolution (Xie and Grossman, PRL 120,
 * 145301 (2018)) on dense padded tensors. With B rows, N atoms, M neighbour slots, E element
 * classes, F atom features, G Gaussians and H the read-out width:
 *
 * <ol>
 *   <li>embedding: h = species · W ([B, N, E] → [B, N, F]), a learned table (row e is element
 *       e's vector), so soft species weights give a weighted mix of element vectors;
 *   <li>distance expansion: u = exp(−(d − μ_g)² / s²) for μ_g = 0, s, 2s, …, cut-off
 *       ([B, N, M] → [B, N, M, G]);
 *   <li>each of the message-passing layers: for atom i and its k-th neighbour j,
 *       z = W_self h_i + W_nbr h_j + W_edge u_ik + b ([B, N, M, 2F]; h_j gathered as adjacency ·
 *       W_nbr h), message = σ(z_filter) ⊙ softplus(z_core) times the edge mask, summed over the
 *       neighbours, layer-normalised, and h_i ← softplus(h_i + that sum);
 *   <li>read-out: the mean of h over real atoms (atom mask) → Linear(H) → softplus → Linear(1):
 *       the normalised property [B, 1].
 * </ol>
 *
 * Every input is a tensor ({@link GraphBatch}); nothing in the forward pass is discrete, so
 * gradients flow to the species weights and the distances. {@link #forward} takes NDList(species
 * [B, N, E], adjacency [B, N·M, N], distances [B, N, M] Å, edge mask [B, N, M], atom mask [B, N])
 * and returns NDList([B, 1]).
 */
public final class SurrogateBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int elementClasses;
  private final int atomFeatures;
  private final int gaussians;
  private final int headDim;
  private final float cutoff;
  private final float step;

  private final Block embedding;
  private final List<Block> self = new ArrayList<>();
  private final List<Block> neighbour = new ArrayList<>();
  private final List<Block> edge = new ArrayList<>();
  private final List<Block> norm = new ArrayList<>();
  private final Block hidden;
  private final Block out;

  private SurrogateBlock(int elementClasses, SurrogateConfig config) {
    super(VERSION);
    this.elementClasses = elementClasses;
    this.atomFeatures = config.atomFeatures();
    this.headDim = config.headDim();
    this.cutoff = (float) config.cutoffAngstrom();
    this.step = (float) config.gaussianStepAngstrom();
    this.gaussians = (int) Math.floor(config.cutoffAngstrom() / config.gaussianStepAngstrom()
        + 1e-9) + 1;
    this.embedding = addChildBlock("embedding",
        Linear.builder().setUnits(atomFeatures).optBias(false).build());
    for (int l = 0; l < config.convLayers(); l++) {
      self.add(addChildBlock("self" + l, Linear.builder().setUnits(2L * atomFeatures).build()));
      neighbour.add(addChildBlock("neighbour" + l,
          Linear.builder().setUnits(2L * atomFeatures).optBias(false).build()));
      edge.add(addChildBlock("edge" + l,
          Linear.builder().setUnits(2L * atomFeatures).optBias(false).build()));
      norm.add(addChildBlock("norm" + l, LayerNorm.builder().axis(2).build()));
    }
    this.hidden = addChildBlock("hidden", Linear.builder().setUnits(config.headDim()).build());
    this.out = addChildBlock("out", Linear.builder().setUnits(1).build());
  }

  /**
   * The network for a vocabulary of E element classes and the widths of a configuration.
   *
   * @param elementClasses E, at least 1
   * @param config cut-off, Gaussian step, F, layers and H
   */
  public static SurrogateBlock of(int elementClasses, SurrogateConfig config) {
    if (elementClasses < 1) {
      throw new IllegalArgumentException("the surrogate needs at least one element class, got "
          + elementClasses);
    }
    return new SurrogateBlock(elementClasses, config);
  }

  /** E. */
  public int elementClasses() {
    return elementClasses;
  }

  /** F. */
  public int atomFeatures() {
    return atomFeatures;
  }

  /** G: Gaussians per distance. */
  public int gaussians() {
    return gaussians;
  }

  /** The embedding block (its weight is [F, E]: column e is element e's vector). */
  Block embedding() {
    return embedding;
  }

  /**
   * The forward pass (steps in the class description).
   *
   * @return [B, 1] normalised predictions
   */
  public NDArray predict(ParameterStore ps, NDArray species, NDArray adjacency,
      NDArray distances, NDArray edgeMask, NDArray atomMask, boolean training) {
    long b = species.getShape().get(0);
    long n = species.getShape().get(1);
    long m = distances.getShape().get(2);
    int f = atomFeatures;
    NDManager mgr = species.getManager();
    NDArray h = embedding.forward(ps, new NDList(species), training).singletonOrThrow();
    NDArray mu = Scalars.mul(mgr.arange(0, gaussians).toType(DataType.FLOAT32, false), step);
    NDArray u = Scalars.div(distances.expandDims(3).sub(mu), step).square().neg().exp();
    NDArray mask = edgeMask.expandDims(3);
    for (int l = 0; l < self.size(); l++) {
      NDArray zs = self.get(l).forward(ps, new NDList(h), training).singletonOrThrow();
      NDArray zn = neighbour.get(l).forward(ps, new NDList(h), training).singletonOrThrow();
      NDArray ze = edge.get(l).forward(ps, new NDList(u), training).singletonOrThrow();
      NDArray gathered = adjacency.matMul(zn).reshape(b, n, m, 2L * f);
      NDArray z = ze.add(gathered).add(zs.expandDims(2));
      NDList parts = z.split(2, 3);
      NDArray msg = Activation.sigmoid(parts.get(0)).mul(Activation.softPlus(parts.get(1)))
          .mul(mask).sum(new int[] {2});
      NDArray normed = norm.get(l).forward(ps, new NDList(msg), training).singletonOrThrow();
      h = Activation.softPlus(h.add(normed));
    }
    NDArray am = atomMask.expandDims(2);
    NDArray pooled = h.mul(am).sum(new int[] {1})
        .div(Scalars.maximum(atomMask.sum(new int[] {1}, true), 1));
    NDArray hid = Activation.softPlus(hidden.forward(ps, new NDList(pooled), training)
        .singletonOrThrow());
    return out.forward(ps, new NDList(hid), training).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(predict(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3),
        inputs.get(4), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType,
      Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    long n = inputShapes[0].get(1);
    long m = inputShapes[2].get(2);
    embedding.initialize(manager, dataType, new Shape(b, n, elementClasses));
    for (int l = 0; l < self.size(); l++) {
      self.get(l).initialize(manager, dataType, new Shape(b, n, atomFeatures));
      neighbour.get(l).initialize(manager, dataType, new Shape(b, n, atomFeatures));
      edge.get(l).initialize(manager, dataType, new Shape(b, n, m, gaussians));
      norm.get(l).initialize(manager, dataType, new Shape(b, n, atomFeatures));
    }
    hidden.initialize(manager, dataType, new Shape(b, atomFeatures));
    out.initialize(manager, dataType, new Shape(b, headDim));
  }

  /** The input shapes of a batch of b rows of n atoms and m neighbour slots. */
  public Shape[] inputShapes(long b, long n, long m) {
    return new Shape[] {new Shape(b, n, elementClasses), new Shape(b, n * m, n),
        new Shape(b, n, m), new Shape(b, n, m), new Shape(b, n)};
  }

  @Override
  public String toString() {
    return "SurrogateBlock[E=" + elementClasses + ", F=" + atomFeatures + ", G=" + gaussians
        + ", layers=" + self.size() + ", cut-off=" + cutoff + " Å]";
  }
}
