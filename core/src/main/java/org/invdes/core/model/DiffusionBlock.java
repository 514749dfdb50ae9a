package org.invdes.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The denoiser of the periodic diffusion generator, a CSPNet-style message-passing network (after
 * Jiao et al., DiffCSP, NeurIPS 2023) over the fully connected graph of the atoms of one cell,
 * built on dense padded tensors with masks. With B cells, N site rows (padded), A atom types (the
 * vocabulary, without "no atom"), P properties, C = D_t + 2P, H hidden units and K frequencies:
 *
 * <p>Inputs {@code NDList(a, f, l, τ, c⊙m, m, mask)}: noisy types a [B, N, A]; noisy fractional
 * coordinates f [B, N, 3]; the noisy lattice l [B, 6]; the sinusoidal time embedding τ [B, D_t]
 * ({@link #timeEmbedding}); the normalised condition c⊙m [B, P] and its mask m [B, P]; the atom
 * mask [B, N] (1 for an atom, 0 for padding).
 *
 * <p>Network, with the cell features z = [τ, c⊙m, m], or [τ, c⊙m, m, ν] when the block is told
 * the atom count ({@link DiffusionConfig#atomCountInput()}; ν [B, N_max] is the one-hot of the
 * cell's number of atoms Σ mask among 1..N_max, {@link #countOneHot}):
 *
 * <p>Self-conditioned ({@link DiffusionConfig#selfCondition()}), the block takes an eighth input,
 * the previous estimate of the clean types p [B, N, A] (zeros for none), and the type rows enter
 * as [a_i, p_i] (with element features [a_i, a_i D, p_i]).
 *
 * <p>With element features ({@link DiffusionConfig#elementFeatures()}; D [A, d] the fixed
 * descriptors of the vocabulary's elements, {@link ElementDescriptors}) the type rows enter as
 * [a_i, a_i D] instead of a_i, and the type output gains the term (U h_i) Dᵀ (U a Linear H → d
 * without bias), so that elements with similar descriptors share what is learnt of them.
 *
 * <ol>
 *   <li>h⁰_i = W [a_i, z] ([B, N, H]).
 *   <li>For each of the layers: edge features e_ij = φ_e([h_i, h_j, l, ψ(f_j − f_i)]) ([B, N, N,
 *       H], φ_e two Linear → GELU layers) with the Fourier features ψ(d) = (sin 2πkd, cos 2πkd)
 *       for k = 1..K and each of the 3 axes (6K values); messages averaged over the other atoms
 *       j ≠ i of the cell (masked mean); h_i ← (h_i + φ_n([h_i, mean_j e_ij])) · mask_i.
 *   <li>Outputs {@code NDList(ε̂_l [B, 6], ŝ [B, N, 3], ε̂_a [B, N, A])}: ε̂_l = φ_l([mean_i h_i,
 *       l, z]); the coordinate output ŝ_i = W_f h_i (σ_t times the wrapped-normal score,
 *       see {@link DiffusionTrainer}); ε̂_a,i = W_a h_i; per-atom outputs are 0 on padding rows.
 * </ol>
 *
 * <p><b>Cost.</b> The first Linear of φ_e is evaluated by blocks of its weight W = [W_i | W_j |
 * W_l | W_ψ]: W [h_i, h_j, l, ψ_ij] + b = W_i h_i + W_j h_j + (W_l l + b) + W_ψ ψ_ij, with the
 * atom terms computed once per atom, the lattice term once per cell, and only W_ψ ψ_ij per pair
 * (6K inputs instead of 2H + 6 + 6K); the sum is formed by broadcasting, so neither the
 * concatenation nor repeated copies of h are materialised. The parameters are those of the
 * plain Linear on the concatenation, so the function and the saved weights are unchanged. N may
 * be any number of site rows (the weights do not depend on it): a caller whose cells all have at
 * most n atoms may pass N = n instead of {@link #maxSites()} and get the same outputs on the atom
 * rows, at about (n/N)² of the pair work ({@link DiffusionModel#denoise} groups rows this way).
 *
 * <p><b>Invariances</b>, by construction. The lattice enters only as the 6 normalised lattice
 * parameters (ln a, ln b, ln c, α, β, γ) of the encoding, which a rotation (or reflection) of the
 * Cartesian frame leaves unchanged; this parametrisation is used instead of the lattice matrix
 * because it needs no canonical orientation and is the one the encoder already normalises (the
 * Gram matrix LLᵀ carries the same information). Coordinates enter only as differences f_j − f_i
 * through periodic functions, so the outputs are invariant under a translation of all atoms and
 * under an integer shift of any one; messages are averaged, so a permutation of the atoms permutes
 * the per-atom outputs and leaves ε̂_l unchanged.
 */
public final class DiffusionBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int maxSites;
  private final int types;
  private final int propertyCount;
  private final int hiddenDim;
  private final int layers;
  private final int frequencies;
  private final int timeDim;
  private final boolean countInput;
  private final boolean selfCondition;
  /** The descriptor matrix D [A, d], row-major; null without element features. */
  private final float[] descriptors;
  private final Block descriptorHead;

  private final Block embed;
  private final List<Block> edges = new ArrayList<>();
  private final List<Block> nodes = new ArrayList<>();
  private final Block typeHead;
  private final Block coordinateHead;
  private final Block latticeHead;

  private DiffusionBlock(Builder b) {
    super(VERSION);
    this.maxSites = b.maxSites;
    this.types = b.types;
    this.propertyCount = b.propertyCount;
    this.hiddenDim = b.hiddenDim;
    this.layers = b.layers;
    this.frequencies = b.frequencies;
    this.timeDim = b.timeDim;
    this.countInput = b.countInput;
    this.selfCondition = b.selfCondition;
    if (b.elementFeatures && b.vocabulary == null) {
      throw new IllegalStateException("element features need optVocabulary(...)");
    }
    if (b.elementFeatures && b.vocabulary.size() != b.types) {
      throw new IllegalArgumentException("the vocabulary has " + b.vocabulary.size()
          + " elements; the block has " + b.types + " atom types");
    }
    this.descriptors = b.elementFeatures ? flatten(ElementDescriptors.of(b.vocabulary)) : null;
    this.embed = addChildBlock("embed", Linear.builder().setUnits(hiddenDim).build());
    for (int i = 0; i < layers; i++) {
      edges.add(addChildBlock("edge" + i, new SequentialBlock()
          .add(Linear.builder().setUnits(hiddenDim).build()).add(Activation.geluBlock())
          .add(Linear.builder().setUnits(hiddenDim).build()).add(Activation.geluBlock())));
      nodes.add(addChildBlock("node" + i, new SequentialBlock()
          .add(Linear.builder().setUnits(hiddenDim).build()).add(Activation.geluBlock())
          .add(Linear.builder().setUnits(hiddenDim).build())));
    }
    this.typeHead = addChildBlock("types", Linear.builder().setUnits(types).build());
    this.descriptorHead = descriptors == null ? null : addChildBlock("typeFeatures",
        Linear.builder().setUnits(ElementDescriptors.COUNT).optBias(false).build());
    this.coordinateHead = addChildBlock("coordinates", Linear.builder().setUnits(3).build());
    this.latticeHead = addChildBlock("lattice", new SequentialBlock()
        .add(Linear.builder().setUnits(hiddenDim).build()).add(Activation.geluBlock())
        .add(Linear.builder().setUnits(6).build()));
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** N: site rows. */
  public int maxSites() {
    return maxSites;
  }

  /** A: atom types (element classes without "no atom"). */
  public int types() {
    return types;
  }

  /** P: conditioning properties. */
  public int propertyCount() {
    return propertyCount;
  }

  /** D_t: width of the time embedding. */
  public int timeDim() {
    return timeDim;
  }

  private static float[] flatten(float[][] rows) {
    int d = ElementDescriptors.COUNT;
    float[] flat = new float[rows.length * d];
    for (int e = 0; e < rows.length; e++) {
      System.arraycopy(rows[e], 0, flat, e * d, d);
    }
    return flat;
  }

  /** Whether the block takes the previous type estimate as an eighth input. */
  public boolean selfCondition() {
    return selfCondition;
  }

  /** Whether the cell features include the one-hot of the atom count. */
  public boolean countInput() {
    return countInput;
  }

  /**
   * ν: the one-hot [B, width] of each cell's number of atoms Σ_i mask_i among 1..width (all zeros
   * for a count outside that range), from the atom mask [B, N].
   */
  public static NDArray countOneHot(NDArray mask, int width) {
    NDArray count = mask.sum(new int[] {1}, true);
    return mask.getManager().arange(1f, width + 1f, 1f).expandDims(0).eq(count)
        .toType(DataType.FLOAT32, false);
  }

  /**
   * The sinusoidal embedding of time t of T (Vaswani et al.): for k = 0..D/2 − 1, ω_k =
   * 10000^(−k/(D/2)), x = 1000 · t / T; entries sin(ω_k x) then cos(ω_k x).
   *
   * @param dim D, even
   */
  public static float[] timeEmbedding(int t, int steps, int dim) {
    float[] out = new float[dim];
    int half = dim / 2;
    double x = 1000.0 * t / steps;
    for (int k = 0; k < half; k++) {
      double w = Math.exp(-Math.log(10000) * k / half);
      out[k] = (float) Math.sin(w * x);
      out[half + k] = (float) Math.cos(w * x);
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
      PairList<String, Object> params) {
    NDArray a = in.get(0);
    NDArray f = in.get(1);
    NDArray l = in.get(2);
    NDArray mask = in.get(6);
    NDList cellFeatures = new NDList(in.get(3), in.get(4), in.get(5));
    if (countInput) {
      cellFeatures.add(countOneHot(mask, maxSites));
    }
    NDArray cond = NDArrays.concat(cellFeatures, 1);
    long n = a.getShape().get(1);
    NDManager manager = a.getManager();

    NDArray condN = cond.expandDims(1).repeat(1, n);
    NDArray descriptorMatrix = null;
    NDArray typeRows = a;
    if (descriptors != null) {
      descriptorMatrix = manager.create(descriptors, new Shape(types, ElementDescriptors.COUNT));
      typeRows = a.concat(a.matMul(descriptorMatrix), 2);
    }
    if (selfCondition) {
      typeRows = typeRows.concat(in.get(7), 2);
    }
    NDArray h = embed.forward(ps, new NDList(typeRows.concat(condN, 2)), training)
        .singletonOrThrow();
    // d[b, i, j] = f_j − f_i
    NDArray d = f.expandDims(1).sub(f.expandDims(2));
    NDArray k = Scalars.mul(manager.arange(1f, frequencies + 1f, 1f), 2 * Math.PI);
    NDArray phase = d.expandDims(-1).mul(k);
    Shape edgeShape = new Shape(d.getShape().get(0), n, n, 3L * frequencies);
    NDArray fourier = phase.sin().reshape(edgeShape).concat(phase.cos().reshape(edgeShape), 3);
    NDArray pair = mask.expandDims(2).mul(mask.expandDims(1))
        .mul(manager.eye((int) n).neg().add(1f));
    NDArray degree = Scalars.maximum(pair.sum(new int[] {2}, true), 1);
    NDArray pairMask = pair.expandDims(-1);
    NDArray atomMask = mask.expandDims(-1);
    long[] cuts = {hiddenDim, 2L * hiddenDim, 2L * hiddenDim + 6};
    for (int i = 0; i < layers; i++) {
      PairList<String, Block> steps = edges.get(i).getChildren();
      Block first = steps.get(0).getValue();
      NDList w = ps.getValue(first.getParameters().get("weight"), a.getDevice(), training)
          .split(cuts, 1);
      NDArray bias = ps.getValue(first.getParameters().get("bias"), a.getDevice(), training);
      // the first Linear of φ_e on [h_i, h_j, l, ψ_ij], by blocks of its weight: per atom,
      // per cell and (only ψ) per pair, broadcast-added to [B, N, N, H]
      NDArray fromI = Linear.linear(h, w.get(0)).singletonOrThrow().expandDims(2);
      NDArray fromJ = Linear.linear(h, w.get(1)).singletonOrThrow().expandDims(1);
      NDArray fromL = Linear.linear(l, w.get(2), bias).singletonOrThrow().expandDims(1)
          .expandDims(1);
      NDArray e = Linear.linear(fourier, w.get(3)).singletonOrThrow().add(fromI).add(fromJ)
          .add(fromL);
      for (int s = 1; s < steps.size(); s++) {
        e = steps.get(s).getValue().forward(ps, new NDList(e), training).singletonOrThrow();
      }
      NDArray agg = e.mul(pairMask).sum(new int[] {2}).div(degree);
      h = h.add(nodes.get(i).forward(ps, new NDList(h.concat(agg, 2)), training)
          .singletonOrThrow()).mul(atomMask);
    }
    NDArray typeOut = typeHead.forward(ps, new NDList(h), training).singletonOrThrow();
    if (descriptorMatrix != null) {
      typeOut = typeOut.add(descriptorHead.forward(ps, new NDList(h), training)
          .singletonOrThrow().matMul(descriptorMatrix.transpose()));
    }
    typeOut = typeOut.mul(atomMask);
    NDArray coordOut = coordinateHead.forward(ps, new NDList(h), training).singletonOrThrow()
        .mul(atomMask);
    NDArray count = Scalars.maximum(mask.sum(new int[] {1}, true), 1);
    NDArray pooled = h.sum(new int[] {1}).div(count);
    NDArray latOut = latticeHead.forward(ps,
        new NDList(NDArrays.concat(new NDList(pooled, l, cond), 1)), training).singletonOrThrow();
    return new NDList(latOut, coordOut, typeOut);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    long n = inputShapes[0].get(1);
    return new Shape[] {new Shape(b, 6), new Shape(b, n, 3), new Shape(b, n, types)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType,
      Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    long n = inputShapes[0].get(1);
    long c = timeDim + 2L * propertyCount + (countInput ? maxSites : 0);
    long typeWidth = types + (descriptors == null ? 0 : ElementDescriptors.COUNT)
        + (selfCondition ? types : 0);
    embed.initialize(manager, dataType, new Shape(b, n, typeWidth + c));
    for (int i = 0; i < layers; i++) {
      edges.get(i).initialize(manager, dataType,
          new Shape(b, n, n, 2L * hiddenDim + 6 + 6L * frequencies));
      nodes.get(i).initialize(manager, dataType, new Shape(b, n, 2L * hiddenDim));
    }
    Shape hidden = new Shape(b, n, hiddenDim);
    typeHead.initialize(manager, dataType, hidden);
    if (descriptorHead != null) {
      descriptorHead.initialize(manager, dataType, hidden);
    }
    coordinateHead.initialize(manager, dataType, hidden);
    latticeHead.initialize(manager, dataType, new Shape(b, hiddenDim + 6 + c));
  }

  /**
   * Reads the input shapes saved with the weights, then names the inputs as initialisation
   * does: DJL leaves a loaded block's input names empty, and saving it again then fails with
   * "key value size mismatch".
   */
  @Override
  protected void readInputShapes(DataInputStream is) throws IOException {
    super.readInputShapes(is);
    beforeInitialize(inputShapes);
  }

  /** The input shapes for b cells: a, f, l, τ, c⊙m, m, mask (and p when self-conditioned). */
  public Shape[] inputShapes(long b) {
    Shape[] shapes = {new Shape(b, maxSites, types), new Shape(b, maxSites, 3), new Shape(b, 6),
        new Shape(b, timeDim), new Shape(b, propertyCount), new Shape(b, propertyCount),
        new Shape(b, maxSites), new Shape(b, maxSites, types)};
    return selfCondition ? shapes : Arrays.copyOf(shapes, 7);
  }

  @Override
  public String toString() {
    return "DiffusionBlock[N=" + maxSites + ", A=" + types + ", P=" + propertyCount + ", H="
        + hiddenDim + ", layers=" + layers + ", K=" + frequencies + ", Dt=" + timeDim
        + (countInput ? ", atom count" : "") + (descriptors != null ? ", element features" : "")
        + (selfCondition ? ", self-conditioned" : "") + "]";
  }

  /**
   * Builder of {@link DiffusionBlock}: {@code set*} are required, {@code opt*} optional; {@link
   * #build()} checks that the required ones were given.
   */
  public static final class Builder {
    private int maxSites = -1;
    private int types = -1;
    private int propertyCount = -1;
    private int hiddenDim = 128;
    private int layers = 3;
    private int frequencies = 8;
    private int timeDim = 32;
    private boolean countInput;
    private boolean elementFeatures;
    private boolean selfCondition;
    private List<org.invdes.core.structure.Element> vocabulary;

    private Builder() {
    }

    /** Sets N, the site rows, and A, the atom types (required). */
    public Builder setSize(int sites, int atomTypes) {
      if (sites < 1 || atomTypes < 1) {
        throw new IllegalArgumentException("sites " + sites + " and atom types " + atomTypes
            + " must both be >= 1");
      }
      this.maxSites = sites;
      this.types = atomTypes;
      return this;
    }

    /** Sets P, 0 or more (required). */
    public Builder setPropertyCount(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("property count is " + count + "; must be >= 0");
      }
      this.propertyCount = count;
      return this;
    }

    /**
     * The elements of the A atom types, in type order (needed with element features, see
     * {@link DiffusionConfig#elementFeatures()}).
     */
    public Builder optVocabulary(List<org.invdes.core.structure.Element> elements) {
      this.vocabulary = List.copyOf(elements);
      return this;
    }

    /**
     * Sets H, the layers, K, D_t, the atom-count input, the element features and the
     * self-conditioning from a configuration.
     */
    public Builder optArchitecture(DiffusionConfig config) {
      this.hiddenDim = config.hiddenDim();
      this.layers = config.layers();
      this.frequencies = config.frequencies();
      this.timeDim = config.timeDim();
      this.countInput = config.atomCountInput();
      this.elementFeatures = config.elementFeatures();
      this.selfCondition = config.selfCondition();
      return this;
    }

    /**
     * The block.
     *
     * @throws IllegalStateException naming the required setting that is missing
     */
    public DiffusionBlock build() {
      if (maxSites < 0) {
        throw new IllegalStateException("setSize(...) is required");
      }
      if (propertyCount < 0) {
        throw new IllegalStateException("setPropertyCount(...) is required");
      }
      return new DiffusionBlock(this);
    }
  }
}
