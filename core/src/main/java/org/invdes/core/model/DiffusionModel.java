package org.invdes.core.model;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.invdes.core.encoding.Encoder;

/**
 * A trained periodic diffusion generator: the DJL model holding a {@link DiffusionBlock}, the
 * fitted {@link Encoder}, the {@link DiffusionSchedule} and the {@link DiffusionManifest}.
 * Obtained from {@link DiffusionTrainer#train} or {@link #load}; close it to free the native
 * memory. {@link #denoise} is synchronized: one network call runs at a time.
 *
 * <p>A saved model is a directory holding {@value #WEIGHTS_PREFIX}-0000.params and {@value
 * ModelManifest#FILE_NAME}.
 */
public final class DiffusionModel implements AutoCloseable {
  /** The DJL name prefix of the weight file. */
  public static final String WEIGHTS_PREFIX = "diffusion";

  private final Model model;
  private final DiffusionBlock block;
  private final DiffusionManifest manifest;
  private final Encoder encoder;
  private final DiffusionSchedule schedule;
  private final ParameterStore parameters;

  DiffusionModel(Model model, DiffusionBlock block, DiffusionManifest manifest) {
    this.model = model;
    this.block = block;
    this.manifest = manifest;
    this.encoder = Encoder.of(manifest.encoding());
    DiffusionConfig c = manifest.hyperParameters();
    this.schedule = c.schedule();
    this.parameters = new ParameterStore(model.getNDManager(), false);
  }

  /** The denoiser network (its parameters are the model's weights). */
  DiffusionBlock block() {
    return block;
  }

  /** The manifest. */
  public DiffusionManifest manifest() {
    return manifest;
  }

  /** The fitted encoder the model was trained with. */
  public Encoder encoder() {
    return encoder;
  }

  /** The noise schedules. */
  public DiffusionSchedule schedule() {
    return schedule;
  }

  /** N: site rows. */
  public int maxSites() {
    return block.maxSites();
  }

  /** A: atom types (vocabulary size; class a + 1 of the encoding). */
  public int types() {
    return block.types();
  }

  /** Whether the denoiser takes its previous type estimate as an input. */
  public boolean selfConditioned() {
    return block.selfCondition();
  }

  /** P: conditioning properties. */
  public int propertyCount() {
    return block.propertyCount();
  }

  /**
   * One call of the denoiser on B cells at diffusion times t (arrays flat, row-major, padded to
   * N = {@link #maxSites()} site rows; shapes as {@link DiffusionBlock}).
   *
   * <p>The rows are grouped by their width w, the last site row with a mask of 1 plus one (the
   * atom count when, as everywhere in this library, the atoms fill the first rows; at least 1),
   * and each group runs as one network pass with N = w instead of N = {@link #maxSites()}: the
   * outputs are those of one padded pass (padding takes no part in the block's function; float
   * rounding may differ in the last bits, as between batch sizes), at the pair work of the
   * actual atoms. Groups run in increasing w; the outputs are written back in row order, 0 on
   * padding rows.
   *
   * @param types a [B·N·A]
   * @param coords f [B·N·3]
   * @param lattice l [B·6]
   * @param times t [B], each in 1..T
   * @param condition c⊙m [B·P]
   * @param known m [B·P]
   * @param mask [B·N]
   * @return {ε̂_l [B·6], ŝ [B·N·3] (σ_t · score), ε̂_a [B·N·A]}
   */
  public float[][] denoise(float[] types, float[] coords, float[] lattice,
      int[] times, float[] condition, float[] known, float[] mask) {
    return denoise(types, null, coords, lattice, times, condition, known, mask);
  }

  /**
   * {@link #denoise(float[], float[], float[], int[], float[], float[], float[])} with the
   * previous estimate of the clean types for a self-conditioned denoiser ({@link
   * #selfConditioned()}).
   *
   * @param estimate p [B·N·A], or null for none (zeros); ignored when the denoiser is not
   *     self-conditioned
   */
  public synchronized float[][] denoise(float[] types, float[] estimate, float[] coords,
      float[] lattice, int[] times, float[] condition, float[] known, float[] mask) {
    int b = times.length;
    int n = block.maxSites();
    int a = block.types();
    int p = block.propertyCount();
    checkSizes(b, n, types, coords, lattice, condition, known, mask);
    float[] est = block.selfCondition() ? estimate != null ? estimate : new float[types.length]
        : null;
    if (est != null) {
      check("estimate", est, b * n * a);
    }
    int[] width = new int[b];
    int[] rowsOfWidth = new int[n + 1];
    for (int i = 0; i < b; i++) {
      int w = n;
      while (w > 1 && mask[i * n + w - 1] == 0) {
        w--;
      }
      width[i] = w;
      rowsOfWidth[w]++;
    }
    if (rowsOfWidth[n] == b) {
      return pass(n, types, est, coords, lattice, times, condition, known, mask);
    }
    float[][] out = {new float[b * 6], new float[b * n * 3], new float[b * n * a]};
    for (int w = 1; w <= n; w++) {
      int g = rowsOfWidth[w];
      if (g == 0) {
        continue;
      }
      int[] rows = new int[g];
      for (int i = 0, k = 0; i < b; i++) {
        if (width[i] == w) {
          rows[k++] = i;
        }
      }
      float[][] o = pass(w, gather(types, rows, n * a, w * a),
          est == null ? null : gather(est, rows, n * a, w * a), gather(coords, rows, n * 3, w * 3),
          gather(lattice, rows, 6, 6), gather(times, rows), gather(condition, rows, p, p),
          gather(known, rows, p, p), gather(mask, rows, n, w));
      for (int k = 0; k < g; k++) {
        System.arraycopy(o[0], k * 6, out[0], rows[k] * 6, 6);
        System.arraycopy(o[1], k * w * 3, out[1], rows[k] * n * 3, w * 3);
        System.arraycopy(o[2], k * w * a, out[2], rows[k] * n * a, w * a);
      }
    }
    return out;
  }

  /**
   * One network pass on B cells of {@code sites} site rows each (arrays flat, row-major, as
   * {@link #denoise} with N = sites), without grouping.
   *
   * @throws IllegalArgumentException if an array's length does not match B and the sites
   */
  synchronized float[][] pass(int sites, float[] types, float[] estimate, float[] coords,
      float[] lattice, int[] times, float[] condition, float[] known, float[] mask) {
    int b = times.length;
    int n = sites;
    int a = block.types();
    int p = block.propertyCount();
    checkSizes(b, n, types, coords, lattice, condition, known, mask);
    int dt = block.timeDim();
    float[] emb = new float[b * dt];
    for (int i = 0; i < b; i++) {
      System.arraycopy(DiffusionBlock.timeEmbedding(times[i], schedule.steps(), dt), 0, emb,
          i * dt, dt);
    }
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDList in = new NDList(
          sub.create(types, new Shape(b, n, a)), sub.create(coords, new Shape(b, n, 3)),
          sub.create(lattice, new Shape(b, 6)), sub.create(emb, new Shape(b, dt)),
          sub.create(condition, new Shape(b, p)), sub.create(known, new Shape(b, p)),
          sub.create(mask, new Shape(b, n)));
      if (block.selfCondition()) {
        in.add(sub.create(estimate != null ? estimate : new float[b * n * a],
            new Shape(b, n, a)));
      }
      NDList out = block.forward(parameters, in, false);
      return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray(),
          out.get(2).toFloatArray()};
    }
  }

  private void checkSizes(int b, int n, float[] types, float[] coords, float[] lattice,
      float[] condition, float[] known, float[] mask) {
    int a = block.types();
    int p = block.propertyCount();
    check("types", types, b * n * a);
    check("coords", coords, b * n * 3);
    check("lattice", lattice, b * 6);
    check("condition", condition, b * p);
    check("known", known, b * p);
    check("mask", mask, b * n);
  }

  /** The first {@code take} values of each listed row of {@code stride} values. */
  private static float[] gather(float[] values, int[] rows, int stride, int take) {
    float[] out = new float[rows.length * take];
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(values, rows[k] * stride, out, k * take, take);
    }
    return out;
  }

  private static int[] gather(int[] values, int[] rows) {
    int[] out = new int[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = values[rows[k]];
    }
    return out;
  }

  private static void check(String name, float[] values, int expected) {
    if (values.length != expected) {
      throw new IllegalArgumentException(name + " has " + values.length + " values; expected "
          + expected);
    }
  }

  /**
   * Saves the model as a new directory, atomically (temporary directory beside it, renamed).
   *
   * @throws FileAlreadyExistsException if it exists
   */
  public synchronized void save(Path dir) throws IOException {
    ModelFiles.save(dir, model, WEIGHTS_PREFIX, manifest.toJson());
  }

  /**
   * Loads a model directory written by {@link #save}.
   *
   * @throws NoSuchFileException if the directory or its manifest is missing
   * @throws IllegalArgumentException naming the manifest if it is of another format version or
   *     model type (e.g. a conditional VAE)
   * @throws IOException if the weights do not load into the network the manifest describes
   */
  public static DiffusionModel load(Path dir) throws IOException {
    DiffusionManifest manifest = ModelFiles.readManifest(dir, DiffusionManifest::fromJson);
    DiffusionBlock block = newBlock(manifest);
    return new DiffusionModel(ModelFiles.load(dir, block, WEIGHTS_PREFIX, CvaeModel.ENGINE),
        block, manifest);
  }

  static DiffusionBlock newBlock(DiffusionManifest manifest) {
    return DiffusionBlock.builder()
        .setSize(manifest.encoding().maxSites(), manifest.encoding().vocabulary().size())
        .setPropertyCount(manifest.properties().size())
        .optArchitecture(manifest.hyperParameters())
        .optVocabulary(manifest.encoding().vocabulary()).build();
  }

  /** Frees the native memory of the weights. */
  @Override
  public synchronized void close() {
    model.close();
  }

  @Override
  public String toString() {
    return "DiffusionModel[" + block + ", " + manifest + "]";
  }
}
