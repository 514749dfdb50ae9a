package org.invdes.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Objects;
import org.invdes.core.encoding.EncodingLayout;

/**
 * The network of the conditional VAE, a DJL block. With B the batch size, D the structure part
 * of an encoded vector (lattice, site rows and Fourier features: {@link
 * EncodingLayout#propertiesOffset()} floats), N sites, E element classes (vocabulary + "no
 * atom"), P properties, L the latent dimension and H, H' the hidden widths:
 *
 * <ul>
 *   <li><b>encoder</b> q(z | x, c): [x, c⊙m, m] ([B, D + 2P]) → H → … → H → [μ, log σ²] (each
 *       [B, L]; log σ² clipped to [−10, 4]);
 *   <li><b>prior</b> p(z | c): [c⊙m, m] ([B, 2P]) → H' → [μₚ, log σₚ²] (each [B, L]; log σₚ²
 *       clipped to [−5, 2]), both multiplied by g = maxₚ m ([B, 1]), so a row without any
 *       condition has the standard normal prior N(0, I);
 *   <li><b>decoder</b> p(x | z, c): [z, c⊙m, m] ([B, L + 2P]) → H → … → H = h → element
 *       logits [B, N, E]; then, with e the one-hot elements ([B, N·E]: the true ones in
 *       training, the chosen ones when sampling), [h, e] → lattice [B, 6] (normalised as the
 *       encoding; one linear layer, so each site's element adds its own contribution, as ionic
 *       radii add up to a cell edge) and [h, e] → H → fractional coordinates [B, N, 3] (raw:
 *       they are wrapped into [0, 1) when decoded, and the loss compares them modulo 1);
 *   <li><b>property head</b> z ([B, L]) → H' → normalised properties [B, P].
 * </ul>
 *
 * Every hidden layer is Linear → LayerNorm → GELU.
 *
 * Here c holds the normalised property values (0 where unknown) and m the mask (1 where the
 * condition is given). Built with {@link #builder()}; {@link #forward} in training takes
 * NDList(x, c⊙m, m, ε) with ε [B, L] standard normal noise for z = μ + σ ⊙ ε and returns
 * NDList(μ, log σ², μₚ, log σₚ², lattice, element logits, coordinates, properties).
 */
public final class CvaeBlock extends AbstractBlock {
  /** 2: the lattice is decoded given the elements (1 decoded it from h alone). */
  private static final byte VERSION = 2;
  /** Bounds of the encoder's log σ² (dimensionless): σ in [e⁻⁵, e²]. */
  static final float POSTERIOR_LOG_VAR_MIN = -10f;
  static final float POSTERIOR_LOG_VAR_MAX = 4f;
  /**
   * Bounds of the prior's log σₚ²: σₚ in [e^−2.5, e]; the lower bound keeps 1/σₚ² in the KL
   * below e⁵ ≈ 150, which keeps training stable.
   */
  static final float PRIOR_LOG_VAR_MIN = -5f;
  static final float PRIOR_LOG_VAR_MAX = 2f;

  private final int structureSize;
  private final int maxSites;
  private final int elementClasses;
  private final int propertyCount;
  private final int latentDim;
  private final int hiddenDim;
  private final int headDim;

  private final Block encoder;
  private final Block prior;
  private final Block decoderTrunk;
  private final Block latticeHead;
  private final Block elementHead;
  private final Block coordinateHead;
  private final Block propertyHead;

  private CvaeBlock(Builder b) {
    super(VERSION);
    this.structureSize = b.structureSize;
    this.maxSites = b.maxSites;
    this.elementClasses = b.elementClasses;
    this.propertyCount = b.propertyCount;
    this.latentDim = b.latentDim;
    this.hiddenDim = b.hiddenDim;
    this.headDim = b.headDim;
    this.encoder = addChildBlock("encoder", mlp(b.hiddenDim, b.hiddenLayers, 2L * latentDim));
    this.prior = addChildBlock("prior", mlp(b.headDim, 1, 2L * latentDim));
    SequentialBlock trunk = new SequentialBlock();
    for (int i = 0; i < b.hiddenLayers; i++) {
      trunk.add(Linear.builder().setUnits(b.hiddenDim).build())
          .add(LayerNorm.builder().build()).add(Activation.geluBlock());
    }
    this.decoderTrunk = addChildBlock("decoder", trunk);
    this.latticeHead = addChildBlock("lattice", Linear.builder().setUnits(6).build());
    this.elementHead = addChildBlock("elements",
        Linear.builder().setUnits((long) maxSites * elementClasses).build());
    this.coordinateHead = addChildBlock("coordinates", mlp(b.hiddenDim, 1, 3L * maxSites));
    this.propertyHead = addChildBlock("property", mlp(b.headDim, 1, propertyCount));
  }

  private static Block mlp(int hidden, int layers, long out) {
    SequentialBlock s = new SequentialBlock();
    for (int i = 0; i < layers; i++) {
      s.add(Linear.builder().setUnits(hidden).build()).add(LayerNorm.builder().build())
          .add(Activation.geluBlock());
    }
    s.add(Linear.builder().setUnits(out).build());
    return s;
  }

  /** A builder; the layout and property count are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** D: floats of the structure part of the input (lattice, sites, Fourier). */
  public int structureSize() {
    return structureSize;
  }

  /** N: site rows decoded. */
  public int maxSites() {
    return maxSites;
  }

  /** E: element classes per site, including "no atom" (class 0). */
  public int elementClasses() {
    return elementClasses;
  }

  /** P: properties of the condition and of the property head. */
  public int propertyCount() {
    return propertyCount;
  }

  /** L: the latent dimension. */
  public int latentDim() {
    return latentDim;
  }

  // ------------------------------------------------------------------ parts

  /**
   * The approximate posterior.
   *
   * @param x [B, D] structure part of the encoded vectors
   * @param cm [B, P] normalised condition, 0 where masked
   * @param m [B, P] condition mask, 1 given, 0 hidden
   * @return NDList(μ [B, L], log σ² [B, L])
   */
  public NDList encode(ParameterStore ps, NDArray x, NDArray cm, NDArray m, boolean training) {
    NDArray h = encoder.forward(ps, new NDList(x.concat(cm, 1).concat(m, 1)), training)
        .singletonOrThrow();
    NDList parts = h.split(2, 1);
    return new NDList(parts.get(0), parts.get(1).clip(POSTERIOR_LOG_VAR_MIN, POSTERIOR_LOG_VAR_MAX));
  }

  /**
   * The conditional prior; N(0, I) for rows whose mask is all 0.
   *
   * @param cm [B, P]
   * @param m [B, P]
   * @return NDList(μₚ [B, L], log σₚ² [B, L])
   */
  public NDList prior(ParameterStore ps, NDArray cm, NDArray m, boolean training) {
    NDArray h = prior.forward(ps, new NDList(cm.concat(m, 1)), training).singletonOrThrow();
    NDArray gate = m.max(new int[] {1}, true);
    NDList parts = h.split(2, 1);
    return new NDList(parts.get(0).mul(gate),
        parts.get(1).clip(PRIOR_LOG_VAR_MIN, PRIOR_LOG_VAR_MAX).mul(gate));
  }

  /**
   * The decoder, elements first, then lattice and coordinates given the elements: the element
   * logits come from the trunk's hidden state h; the lattice from [h, the one-hot elements of
   * every row flattened] by one linear layer, and the coordinates from the same input through
   * one more hidden layer. So the cell follows the elements actually drawn (a heavier, larger
   * ion gets a larger cell, which keeps the density right) and the positions follow the
   * element chosen for each row (in the canonical order a row's position depends on which
   * element it holds) instead of averaging over the alternatives.
   *
   * @param z [B, L]
   * @param cm [B, P]
   * @param m [B, P]
   * @param elements [B, N, E] one-hot elements to place (teacher forcing in training), or null
   *     to take each row's argmax class (ties to the lower class) of the logits plus {@code
   *     classPenalty}
   * @param classPenalty [E] added to every row's logits before the argmax (0 for allowed
   *     classes, a large negative number for excluded ones), or null
   * @return NDList(lattice [B, 6], element logits [B, N, E], coordinates [B, N, 3], the one-hot
   *     elements used [B, N, E])
   */
  public NDList decode(ParameterStore ps, NDArray z, NDArray cm, NDArray m, NDArray elements,
      NDArray classPenalty, boolean training) {
    NDArray h = decoderTrunk.forward(ps, new NDList(z.concat(cm, 1).concat(m, 1)), training)
        .singletonOrThrow();
    long b = z.getShape().get(0);
    NDArray logits = elementHead.forward(ps, new NDList(h), training).singletonOrThrow()
        .reshape(b, maxSites, elementClasses);
    NDArray chosen = elements;
    if (chosen == null) {
      NDArray scores = classPenalty == null ? logits : logits.add(classPenalty);
      chosen = scores.argMax(2).oneHot(elementClasses).toType(logits.getDataType(), false);
    }
    NDArray given = h.concat(chosen.reshape(b, (long) maxSites * elementClasses), 1);
    NDArray lattice = latticeHead.forward(ps, new NDList(given), training).singletonOrThrow();
    NDArray coords = coordinateHead.forward(ps, new NDList(given), training)
        .singletonOrThrow().reshape(b, maxSites, 3);
    return new NDList(lattice, logits, coords, chosen);
  }

  /**
   * The property head.
   *
   * @param z [B, L]
   * @return [B, P] normalised property predictions
   */
  public NDArray properties(ParameterStore ps, NDArray z, boolean training) {
    return propertyHead.forward(ps, new NDList(z), training).singletonOrThrow();
  }

  // ------------------------------------------------------------------ block contract

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray cm = inputs.get(1);
    NDArray m = inputs.get(2);
    NDArray eps = inputs.get(3);
    NDList q = encode(ps, x, cm, m, training);
    NDArray z = q.get(0).add(Scalars.mul(q.get(1), 0.5).exp().mul(eps));
    NDList p = prior(ps, cm, m, training);
    int channels = elementClasses + 3;
    NDArray onehot = x.get(":, 6:" + (6 + maxSites * channels))
        .reshape(x.getShape().get(0), maxSites, channels).get(":, :, 0:" + elementClasses);
    NDList d = decode(ps, z, cm, m, onehot, null, training);
    NDArray props = properties(ps, z, training);
    return new NDList(q.get(0), q.get(1), p.get(0), p.get(1), d.get(0), d.get(1), d.get(2),
        props);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    Shape latent = new Shape(b, latentDim);
    return new Shape[] {latent, latent, latent, latent, new Shape(b, 6),
        new Shape(b, maxSites, elementClasses), new Shape(b, maxSites, 3),
        new Shape(b, propertyCount)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType,
      Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    encoder.initialize(manager, dataType, new Shape(b, structureSize + 2L * propertyCount));
    prior.initialize(manager, dataType, new Shape(b, 2L * propertyCount));
    decoderTrunk.initialize(manager, dataType, new Shape(b, latentDim + 2L * propertyCount));
    Shape hidden = new Shape(b, hiddenDim);
    Shape given = new Shape(b, hiddenDim + (long) maxSites * elementClasses);
    elementHead.initialize(manager, dataType, hidden);
    latticeHead.initialize(manager, dataType, given);
    coordinateHead.initialize(manager, dataType, given);
    propertyHead.initialize(manager, dataType, new Shape(b, latentDim));
  }

  /** The input shapes for a batch of b rows: x, c⊙m, m, ε. */
  public Shape[] inputShapes(long b) {
    return new Shape[] {new Shape(b, structureSize), new Shape(b, propertyCount),
        new Shape(b, propertyCount), new Shape(b, latentDim)};
  }

  @Override
  public String toString() {
    return "CvaeBlock[D=" + structureSize + ", N=" + maxSites + ", E=" + elementClasses + ", P="
        + propertyCount + ", L=" + latentDim + ", H=" + hiddenDim + ", H'=" + headDim + "]";
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

  /**
   * Builder of {@link CvaeBlock}: {@code set*} are required, {@code opt*} optional; {@link
   * #build()} checks that the required ones were given.
   */
  public static final class Builder {
    private int structureSize = -1;
    private int maxSites = -1;
    private int elementClasses = -1;
    private int propertyCount = -1;
    private int latentDim = 32;
    private int hiddenDim = 256;
    private int hiddenLayers = 2;
    private int headDim = 64;

    private Builder() {
    }

    /**
     * Sets D, N and E from an encoding layout (required). The layout must have no occupancy
     * channel: the decoder predicts ordered sites only.
     */
    public Builder setLayout(EncodingLayout layout) {
      Objects.requireNonNull(layout, "layout");
      if (layout.hasOccupancy()) {
        throw new IllegalArgumentException("the CVAE decodes ordered sites; the layout " + layout
            + " has an occupancy channel");
      }
      this.structureSize = layout.propertiesOffset();
      this.maxSites = layout.maxSites();
      this.elementClasses = layout.elementClasses();
      return this;
    }

    /** Sets P, the number of conditioning properties, at least 1 (required). */
    public Builder setPropertyCount(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a conditional VAE needs at least one property, got "
            + count);
      }
      this.propertyCount = count;
      return this;
    }

    /** Sets the widths from a configuration: latent, hidden, layers and head. */
    public Builder optArchitecture(CvaeConfig config) {
      this.latentDim = config.latentDim();
      this.hiddenDim = config.hiddenDim();
      this.hiddenLayers = config.hiddenLayers();
      this.headDim = config.headDim();
      return this;
    }

    /** Sets L (default 32). */
    public Builder optLatentDim(int dim) {
      if (dim < 1) {
        throw new IllegalArgumentException("latent dimension is " + dim + "; must be >= 1");
      }
      this.latentDim = dim;
      return this;
    }

    /** Sets H (default 256). */
    public Builder optHiddenDim(int units) {
      if (units < 1) {
        throw new IllegalArgumentException("hidden units are " + units + "; must be >= 1");
      }
      this.hiddenDim = units;
      return this;
    }

    /**
     * The block.
     *
     * @throws IllegalStateException naming the required setting that is missing
     */
    public CvaeBlock build() {
      if (structureSize < 0) {
        throw new IllegalStateException("setLayout(...) is required");
      }
      if (propertyCount < 0) {
        throw new IllegalStateException("setPropertyCount(...) is required");
      }
      return new CvaeBlock(this);
    }
  }
}
