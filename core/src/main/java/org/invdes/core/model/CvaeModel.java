package org.invdes.core.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.invdes.core.encoding.Encoder;

/**
 * A trained conditional VAE: the DJL model holding a {@link CvaeBlock}, the fitted {@link
 * Encoder} and the {@link ModelManifest}. Obtained from {@link CvaeTrainer#train} or {@link
 * #load}; close it to free the native memory. The inference methods are synchronized: one call
 * runs at a time (each uses all PyTorch threads).
 *
 * <p>A saved model is a directory holding {@value #WEIGHTS_PREFIX}-0000.params (DJL's parameter
 * format) and {@value ModelManifest#FILE_NAME}. No Java serialisation is involved.
 *
 * <p>Arrays cross the API as row-major Java arrays: B rows, L latent dimensions, P properties,
 * N sites, E element classes.
 */
public final class CvaeModel implements AutoCloseable {
  /** The DJL name prefix of the weight file. */
  public static final String WEIGHTS_PREFIX = "cvae";
  /** Logit penalty of an excluded element class: far below any logit, and finite. */
  private static final float EXCLUDED = -1e9f;
  /** The PyTorch engine name. */
  static final String ENGINE = "PyTorch";

  private final Model model;
  private final CvaeBlock block;
  private final Encoder encoder;
  private final ModelManifest manifest;
  private final ParameterStore parameters;

  CvaeModel(Model model, CvaeBlock block, ModelManifest manifest) {
    this.model = model;
    this.block = block;
    this.manifest = manifest;
    this.encoder = Encoder.of(manifest.encoding());
    this.parameters = new ParameterStore(model.getNDManager(), false);
  }

  /** The manifest (encoding, properties, ranges, hyper-parameters, metrics). */
  public ModelManifest manifest() {
    return manifest;
  }

  /** The fitted encoder the model was trained with. */
  public Encoder encoder() {
    return encoder;
  }

  /** L: the latent dimension. */
  public int latentDim() {
    return block.latentDim();
  }

  /** P: the number of conditioning properties. */
  public int propertyCount() {
    return block.propertyCount();
  }

  /** N: the site rows decoded. */
  public int maxSites() {
    return block.maxSites();
  }

  /** E: element classes per site ("no atom" is 0). */
  public int elementClasses() {
    return block.elementClasses();
  }

  /** D: the structure part of an encoded vector the encoder network reads. */
  public int structureSize() {
    return block.structureSize();
  }

  // ------------------------------------------------------------------ inference

  /**
   * The approximate posterior q(z | x, c).
   *
   * @param x [B][D] structure parts of encoded vectors
   * @param cm [B][P] normalised conditions, 0 where masked
   * @param m [B][P] masks, 1 given, 0 hidden
   * @return {μ, log σ²}, each [B][L]
   */
  public synchronized float[][][] posterior(float[][] x, float[][] cm, float[][] m) {
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDList q = block.encode(parameters, create(sub, x, block.structureSize()),
          create(sub, cm, block.propertyCount()), create(sub, m, block.propertyCount()), false);
      return new float[][][] {rows(q.get(0)), rows(q.get(1))};
    }
  }

  /**
   * The conditional prior p(z | c); N(0, I) (zeros) for rows whose mask is all 0.
   *
   * @return {μₚ, log σₚ²}, each [B][L]
   */
  public synchronized float[][][] prior(float[][] cm, float[][] m) {
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDList p = block.prior(parameters, create(sub, cm, block.propertyCount()),
          create(sub, m, block.propertyCount()), false);
      return new float[][][] {rows(p.get(0)), rows(p.get(1))};
    }
  }

  /**
   * Raw decoder outputs for latent points and conditions: each row's element is the argmax
   * class among the allowed ones (ties to the lower class) of its logits, plus the given noise
   * if any (Gumbel noise turns the argmax into a draw from the softmax: the Gumbel-max trick),
   * and the coordinates are predicted for those elements.
   *
   * @param z [B][L]
   * @param cm [B][P]
   * @param m [B][P]
   * @param allowed [E] the classes each row may take ("no atom" is class 0), or null for all
   * @param noise [B·N·E] added to the logits before the argmax, or null
   */
  public synchronized Decoding decode(float[][] z, float[][] cm, float[][] m, boolean[] allowed,
      float[] noise) {
    int n = block.maxSites();
    int e = block.elementClasses();
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray penalty = null;
      if (allowed != null) {
        if (allowed.length != e) {
          throw new IllegalArgumentException("class mask has " + allowed.length
              + " entries; the model has " + e + " element classes");
        }
        float[] p = new float[e];
        for (int k = 0; k < p.length; k++) {
          p[k] = allowed[k] ? 0f : EXCLUDED;
        }
        penalty = sub.create(p);
      }
      if (noise != null) {
        if (noise.length != z.length * n * e) {
          throw new IllegalArgumentException("noise has " + noise.length + " values; expected "
              + z.length * n * e);
        }
        NDArray g = sub.create(noise, new Shape(z.length, n, e));
        penalty = penalty == null ? g : g.add(penalty);
      }
      NDList d = block.decode(parameters, create(sub, z, block.latentDim()),
          create(sub, cm, block.propertyCount()), create(sub, m, block.propertyCount()), null,
          penalty, false);
      long[] idx = d.get(3).argMax(2).toLongArray();
      int[] classes = new int[idx.length];
      for (int i = 0; i < idx.length; i++) {
        classes[i] = (int) idx[i];
      }
      return new Decoding(z.length, n, e, d.get(0).toFloatArray(), d.get(1).toFloatArray(),
          d.get(2).toFloatArray(), classes);
    }
  }

  /** {@link #decode(float[][], float[][], float[][], boolean[], float[])} without noise. */
  public Decoding decode(float[][] z, float[][] cm, float[][] m, boolean[] allowed) {
    return decode(z, cm, m, allowed, null);
  }

  /**
   * The property head: normalised property predictions ŷ(z).
   *
   * @param z [B][L]
   * @return [B][P]
   */
  public synchronized float[][] properties(float[][] z) {
    try (NDManager sub = model.getNDManager().newSubManager()) {
      return rows(block.properties(parameters, create(sub, z, block.latentDim()), false));
    }
  }

  /**
   * The gradient with respect to z of Σ_b Σ_p w_bp · ŷ_bp(z); rows do not interact, so row b of
   * the result is ∇_z of row b's weighted sum.
   *
   * @param z [B][L]
   * @param weights [B][P]
   * @return [B][L]
   */
  public synchronized float[][] propertyGradient(float[][] z, float[][] weights) {
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray zz = create(sub, z, block.latentDim());
      NDArray w = create(sub, weights, block.propertyCount());
      zz.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine(ENGINE).newGradientCollector()) {
        NDArray y = block.properties(parameters, zz, false);
        gc.backward(y.mul(w).sum());
      }
      return rows(zz.getGradient());
    }
  }

  /**
   * The raw outputs of the decoder for B rows, flat row-major.
   *
   * @param rows B
   * @param sites N
   * @param classes E
   * @param lattice [B·6] normalised lattice components
   * @param logits [B·N·E] element logits
   * @param coordinates [B·N·3] raw fractional coordinates (wrap into [0, 1)) for the chosen
   *     elements
   * @param chosen [B·N] the element class chosen for each row (0 = "no atom")
   */
  public record Decoding(int rows, int sites, int classes, float[] lattice, float[] logits,
      float[] coordinates, int[] chosen) {
  }

  private static NDArray create(NDManager m, float[][] rows, int width) {
    float[] flat = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length
            + " values; expected " + width);
      }
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return m.create(flat, new Shape(rows.length, width));
  }

  private static float[][] rows(NDArray a) {
    int b = Math.toIntExact(a.getShape().get(0));
    int w = Math.toIntExact(a.getShape().get(1));
    float[] flat = a.toFloatArray();
    float[][] out = new float[b][w];
    for (int i = 0; i < b; i++) {
      System.arraycopy(flat, i * w, out[i], 0, w);
    }
    return out;
  }

  // ------------------------------------------------------------------ saving and loading

  /**
   * Saves the model as a new directory, atomically: everything is written into a temporary
   * directory beside the target, which is then renamed; on failure nothing is left.
   *
   * @param dir the model directory to create; must not exist
   * @throws FileAlreadyExistsException if it exists
   */
  public synchronized void save(Path dir) throws IOException {
    ModelFiles.save(dir, model, WEIGHTS_PREFIX, manifest.toJson());
  }

  /**
   * Loads a model directory written by {@link #save}.
   *
   * @throws NoSuchFileException if the directory or its manifest is missing
   * @throws IllegalArgumentException naming the manifest if its format version differs from
   *     this library's (both versions named) or it is not a CVAE manifest
   * @throws IOException if the weights cannot be read or do not fit the manifest
   */
  public static CvaeModel load(Path dir) throws IOException {
    ModelManifest manifest = ModelFiles.readManifest(dir, ModelManifest::fromJson);
    CvaeBlock block = CvaeBlock.builder().setLayout(manifest.encoding().layout())
        .setPropertyCount(manifest.properties().size())
        .optArchitecture(manifest.hyperParameters()).build();
    return new CvaeModel(ModelFiles.load(dir, block, WEIGHTS_PREFIX, ENGINE), block, manifest);
  }

  /** Frees the native memory of the weights. */
  @Override
  public synchronized void close() {
    model.close();
  }

  @Override
  public String toString() {
    return "CvaeModel[" + block + ", " + manifest + "]";
  }
}
