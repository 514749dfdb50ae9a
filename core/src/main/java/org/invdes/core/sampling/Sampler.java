package org.invdes.core.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.invdes.core.encoding.Encoded;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.encoding.EncodingLayout;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.model.MultivariateNormal;
import org.invdes.core.model.PropertyRange;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.Validity;
import org.invdes.core.structure.Structure;

/**
 * Generates structures with a trained {@link CvaeModel}: unconditional and conditional
 * sampling, latent optimisation, reconstruction and property prediction. Stateless apart from
 * the model; calls on one model run one network call at a time (the model serialises them),
 * while the conversion of decoder outputs into structures runs on the request's threads.
 *
 * <p><b>Decoding a latent point</b> z with condition (c, m):
 *
 * <ol>
 *   <li>The decoder gives lattice components and element logits [N, E]; the property head
 *       gives ŷ(z).
 *   <li>Element logits of classes the {@link ElementConstraint} excludes are masked ("no atom"
 *       always stays); each site row takes the argmax class (ties to the lower class) or, when
 *       the request samples elements, a class drawn from the softmax of the allowed logits; the
 *       decoder predicts the raw coordinates [N, 3] for those elements.
 *   <li>If every row is "no atom", the row and allowed element class with the largest logit
 *       above its own "no atom" logit is switched on (at the coordinates predicted for that
 *       row), so every point decodes to a structure of at least one atom.
 *   <li>The vector (lattice, one-hot rows, coordinates, ŷ as normalised properties) is decoded
 *       with {@link Encoder#decode(float[])}: lengths exp-transformed, angles denormalised, an
 *       impossible cell repaired as that method documents, coordinates wrapped into [0, 1).
 *       The structure carries ŷ, denormalised, under the property names.
 * </ol>
 */
public final class Sampler {
  /**
   * Rows per network call outside sampling (optimisation, reconstruction, prediction): every
   * call gets exactly this many rows, padded with zeros, because the engine's float rounding
   * of a row depends on how many rows share the call (not on the row's position).
   */
  private static final int BLOCK = 256;
  private final CvaeModel model;
  private final Encoder encoder;
  private final EncodingConfig config;
  private final EncodingLayout layout;
  private final List<String> properties;
  private final MultivariateNormal latticeNoise;

  private Sampler(CvaeModel model) {
    this.latticeNoise = model.manifest().latticeNoise();
    this.model = model;
    this.encoder = model.encoder();
    this.config = encoder.config();
    this.layout = config.layout();
    this.properties = model.manifest().propertyNames();
  }

  /** A sampler over a trained model (which stays owned by the caller). */
  public static Sampler of(CvaeModel model) {
    return new Sampler(Objects.requireNonNull(model, "model"));
  }

  // ------------------------------------------------------------------ sampling

  /**
   * Samples structures.
   *
   * <ol>
   *   <li>Targets: each must be a model property; one outside its training range gives a warning
   *       naming the range. c = the normalised targets, m = 1 on them (0 elsewhere).
   *   <li>Latent distribution N(μ, S): without targets the model's latent prior ({@link
   *       ModelManifest#latentPrior()}: the Gaussian fitted to the training rows' posteriors);
   *       with targets the conditional prior N(μₚ(c), diag σₚ²(c)).
   *   <li>Requested structure k has the global index i = firstIndex + k. Its attempt j = 0, 1, …
   *       draws z = μ + temperature · S^½ ε, ε ~ N(0, I), and then (when elements are sampled)
   *       the Gumbel noise of every site and class, and then (when the request samples the
   *       lattice) the six standard normal values of the decoder's lattice noise ({@link
   *       ModelManifest#latticeNoise()}, added to the decoded lattice components), from a {@link
   *       SplittableRandom} seeded with a hash of (seed, i, j) alone.
   *   <li>Decode the attempts of many indices per network call (class description). An attempt
   *       is rejected when a chemical system misses an element, or when a tolerance is set and
   *       ŷ of a targeted property is further than it from its target, or, when the request
   *       asks for valid structures only, when it is not structurally valid ({@link
   *       Validity#structureValid}). Structure k is its first
   *       accepted attempt; an index without one within the draws per sample is left out
   *       (one warning).
   *   <li>Ids are {@code sample-i}, i the global index, in index order.
   * </ol>
   *
   * Sample i therefore depends only on the model, the seed, i and the other settings, never on
   * the count or the first index: runs with the same seed over disjoint index ranges
   * (shards) concatenate to the run over their union. The same model, request and seed give
   * the same structures whatever the number of threads. (In principle the network's float
   * rounding may depend on how many rows share a call; the shard test finds none.)
   *
   * @throws IllegalArgumentException naming an unknown property or elements the model cannot
   *     generate
   * @throws org.invdes.core.progress.CancelledException if the monitor cancels
   */
  public SampleResult sample(SamplingRequest request, ProgressMonitor monitor) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(monitor, "monitor");
    List<String> warnings = new ArrayList<>();
    int p = properties.size();
    int latent = model.latentDim();
    float[] c = new float[p];
    float[] m = new float[p];
    double[] targetNorm = new double[p];
    Arrays.fill(targetNorm, Double.NaN);
    for (Map.Entry<String, Double> t : request.targets().entrySet()) {
      int j = propertyIndex(t.getKey());
      c[j] = encoder.normaliseProperty(t.getKey(), t.getValue());
      m[j] = 1f;
      targetNorm[j] = t.getValue();
      rangeWarning(t.getKey(), t.getValue()).ifPresent(warnings::add);
    }
    boolean[] mask = request.elements().classMask(config);
    List<org.invdes.core.structure.Element> outside =
        request.elements().isNone() ? List.of() : request.elements().outsideVocabulary(config);
    if (!outside.isEmpty()) {
      warnings.add("elements " + outside + " are not in the model's vocabulary and will not"
          + " appear");
    }
    MultivariateNormal latentDistribution = model.manifest().latentPrior();
    if (!request.targets().isEmpty()) {
      float[][][] prior = model.prior(new float[][] {c}, new float[][] {m});
      double[] mu = new double[latent];
      double[][] variance = new double[latent][latent];
      for (int l = 0; l < latent; l++) {
        mu[l] = prior[0][0][l];
        variance[l][l] = Math.exp(prior[1][0][l]);
      }
      latentDistribution = MultivariateNormal.of(mu, variance);
    }
    int count = request.count();
    int maxDraws = request.maxDrawsPerSample();
    int sites = model.maxSites();
    int classes = model.elementClasses();
    Structure[] found = new Structure[count];
    int[] attempts = new int[count];
    int[] pending = IntStream.range(0, count).toArray();
    int pendingCount = count;
    int resolved = 0;
    int drawn = 0;
    int rejected = 0;
    ForkJoinPool pool = new ForkJoinPool(request.threads());
    try {
      while (pendingCount > 0) {
        monitor.checkCancelled("sampling");
        // Rows of this round: the next pending indices in order, each with as many of its next
        // attempts as fill the round (a sample is its first accepted attempt, so trying later
        // attempts early changes nothing but the work done).
        int rows = request.batchSize();
        int take = Math.min(pendingCount, rows);
        int per = Math.max(1, rows / take);
        int[] rowIndex = new int[rows];
        int[] rowAttempt = new int[rows];
        int[][] levels = new int[per][take];
        int[] levelSize = new int[per];
        int b = 0;
        for (int q = 0; q < take; q++) {
          int k = pending[q];
          for (int a = 0; a < per && attempts[k] + a < maxDraws; a++) {
            rowIndex[b] = k;
            rowAttempt[b] = attempts[k] + a;
            levels[a][levelSize[a]++] = b;
            b++;
          }
        }
        float[][] z = new float[b][latent];
        float[] noise = request.sampleElements() ? new float[b * sites * classes] : null;
        float[] shift = request.sampleLattice() ? new float[b * 6] : null;
        for (int r = 0; r < b; r++) {
          SplittableRandom random = new SplittableRandom(
              attemptSeed(request.seed(), request.firstIndex() + rowIndex[r], rowAttempt[r]));
          latentDistribution.addDraw(z[r], 0, request.temperature(), random);
          if (noise != null) {
            for (int k = r * sites * classes; k < (r + 1) * sites * classes; k++) {
              // Gumbel(0, 1): −ln(−ln U), U uniform in (0, 1)
              noise[k] = (float) -Math.log(-Math.log(1.0 - random.nextDouble()));
            }
          }
          if (shift != null) {
            latticeNoise.addDraw(shift, r * 6, 1, random);
          }
        }
        float[][] cm = new float[b][];
        float[][] mm = new float[b][];
        Arrays.fill(cm, c);
        Arrays.fill(mm, m);
        CvaeModel.Decoding d = decodeBlocked(rows, z, cm, mm, mask, noise);
        if (shift != null) {
          for (int k = 0; k < shift.length; k++) {
            d.lattice()[k] += shift[k];
          }
        }
        float[][] yhat = propertiesBlocked(rows, z);
        // level a holds each index's a-th attempt of the round; a row is turned into a
        // structure only if the index's earlier attempts were all rejected
        for (int a = 0; a < per; a++) {
          int[] todo = new int[levelSize[a]];
          int t = 0;
          for (int x = 0; x < levelSize[a]; x++) {
            int r = levels[a][x];
            if (found[rowIndex[r]] == null) {
              todo[t++] = r;
            }
          }
          if (t == 0) {
            break;
          }
          todo = Arrays.copyOf(todo, t);
          Structure[] decoded = decodeRows(pool, d, yhat, mask, todo);
          for (int x = 0; x < t; x++) {
            int r = todo[x];
            int k = rowIndex[r];
            attempts[k] = rowAttempt[r] + 1;
            drawn++;
            if (accept(decoded[x], yhat[r], targetNorm, request)) {
              found[k] = decoded[x].withProperty("id", "sample-" + (request.firstIndex() + k));
              resolved++;
            } else {
              rejected++;
              if (attempts[k] >= maxDraws) {
                resolved++;
              }
            }
          }
        }
        int left = 0;
        for (int q = 0; q < pendingCount; q++) {
          int k = pending[q];
          if (found[k] == null && attempts[k] < maxDraws) {
            pending[left++] = k;
          }
        }
        pendingCount = left;
        monitor.progress((double) resolved / count, "resolved " + resolved + " of " + count
            + " structures (" + drawn + " drawn)");
      }
    } finally {
      pool.shutdown();
    }
    List<Structure> out = new ArrayList<>(count);
    for (Structure s : found) {
      if (s != null) {
        out.add(s);
      }
    }
    if (out.size() < count) {
      warnings.add("only " + out.size() + " of " + count + " structures met the"
          + " constraints (" + request.elements() + (Double.isNaN(request.tolerance()) ? ""
              : ", tolerance " + request.tolerance()) + (request.validOnly() ? ", valid only"
              : "") + ") within " + maxDraws
          + " draws each; the others are missing from the output");
    }
    return new SampleResult(out, warnings, drawn, rejected);
  }

  /**
   * The seed of attempt j of global sample index i: SplitMix64's finaliser applied in a chain
   * over (seed, i, j), so every (seed, i, j) has its own well-mixed stream.
   */
  static long attemptSeed(long seed, long index, int attempt) {
    long h = mix64(seed ^ 0x6A09E667F3BCC909L);
    h = mix64(h + index * 0x9E3779B97F4A7C15L);
    return mix64(h + (attempt + 1L) * 0xBB67AE8584CAA73BL);
  }

  private static long mix64(long v) {
    long x = (v ^ (v >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }

  private boolean accept(Structure s, float[] yhat, double[] targets,
      SamplingRequest request) {
    if (!request.elements().admits(s)) {
      return false;
    }
    if (request.validOnly() && !Validity.structureValid(s)) {
      return false;
    }
    if (!Double.isNaN(request.tolerance())) {
      for (int j = 0; j < targets.length; j++) {
        if (!Double.isNaN(targets[j]) && Math.abs(encoder.denormaliseProperty(
            properties.get(j), yhat[j]) - targets[j]) > request.tolerance()) {
          return false;
        }
      }
    }
    return true;
  }

  /** A warning if the value is outside the property's training range. */
  private Optional<String> rangeWarning(String property, double value) {
    for (PropertyRange r : model.manifest().properties()) {
      if (r.name().equals(property) && !r.contains(value)) {
        return Optional.of(String.format(Locale.ROOT, "target %s = %s is outside the training"
            + " range [%s, %s] of %s; the model extrapolates", property, value, r.min(),
            r.max(), property));
      }
    }
    return Optional.empty();
  }

  private int propertyIndex(String name) {
    int j = properties.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("property '" + name + "' is not one the model was"
          + " trained on " + properties);
    }
    return j;
  }

  // ------------------------------------------------------------------ latent optimisation

  /**
   * Latent optimisation from seed structures (CDVAE's property optimisation protocol).
   *
   * <ol>
   *   <li>Encode each seed (a seed that cannot be encoded is skipped with one warning) and start
   *       at its posterior mean with the condition hidden: z₀ = μ(x, m = 0).
   *   <li>Objective f(z) in normalised property units: ŷ(z) to minimise, −ŷ(z) to maximise,
   *       (ŷ(z) − t)² for a target t; plus λ/2 · |z|² (the prior weight).
   *   <li>Take the requested number of Adam steps (β₁ 0.9, β₂ 0.999, ε 10⁻⁸) on every seed's z
   *       at once, the gradient of ŷ coming from the network.
   *   <li>At evenly spaced checkpoints (the last step included) decode z unconditionally (m = 0)
   *       with the element constraint. Keep per seed the checkpoint with the best f among those
   *       that are structurally valid ({@link Validity#structureValid}) and admitted by the
   *       constraint; a seed without any is reported in the rejected count.
   *   <li>Each result has id {@code <seed id>-opt} (or {@code seed-<i>-opt}), property {@code
   *       seed_id}, the predictions ŷ under the property names, and {@code opt_step}.
   * </ol>
   *
   * @throws IllegalArgumentException naming an unknown property
   */
  public SampleResult optimize(OptimizationRequest request, ProgressMonitor monitor) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(monitor, "monitor");
    int j = propertyIndex(request.objective().property());
    List<String> warnings = new ArrayList<>();
    PropertyObjective objective = request.objective();
    double targetNorm = objective.goal() == PropertyObjective.Goal.TARGET
        ? encoder.normaliseProperty(objective.property(), objective.target()) : Double.NaN;
    if (objective.goal() == PropertyObjective.Goal.TARGET) {
      rangeWarning(objective.property(), objective.target()).ifPresent(warnings::add);
    }
    boolean[] mask = request.elements().classMask(config);
    List<Structure> seeds = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < request.seeds().size(); i++) {
      Structure s = request.seeds().get(i);
      Optional<String> why = encoder.problem(s);
      if (why.isPresent()) {
        problems.add(why.get());
        continue;
      }
      seeds.add(s);
      ids.add(s.stringProperty("id").orElse("seed-" + (i + 1)));
    }
    if (!problems.isEmpty()) {
      warnings.add("skipped " + problems.size() + " of " + request.seeds().size()
          + " seeds that cannot be encoded (e.g. " + problems.get(0) + ")");
    }
    if (seeds.isEmpty()) {
      return new SampleResult(List.of(), warnings, 0, 0);
    }
    int n = seeds.size();
    int p = properties.size();
    int latent = model.latentDim();
    float[][] zeros = new float[n][p];
    float[][] z = posteriorMeanBlocked(structureParts(seeds), zeros, zeros);
    double[][] mom1 = new double[n][latent];
    double[][] mom2 = new double[n][latent];
    Structure[] best = new Structure[n];
    double[] bestScore = new double[n];
    Arrays.fill(bestScore, Double.POSITIVE_INFINITY);
    int every = Math.max(1, request.steps() / request.checkpoints());
    ForkJoinPool pool = new ForkJoinPool(request.threads());
    int drawn = 0;
    try {
      for (int step = 1; step <= request.steps(); step++) {
        monitor.checkCancelled("latent optimisation");
        float[][] yhat = propertiesBlocked(BLOCK, z);
        float[][] w = new float[n][p];
        for (int r = 0; r < n; r++) {
          w[r][j] = switch (objective.goal()) {
            case MINIMIZE -> 1f;
            case MAXIMIZE -> -1f;
            case TARGET -> (float) (2 * (yhat[r][j] - targetNorm));
          };
        }
        float[][] g = gradientBlocked(z, w);
        double b1 = 0.9;
        double b2 = 0.999;
        for (int r = 0; r < n; r++) {
          for (int l = 0; l < latent; l++) {
            double grad = g[r][l] + request.priorWeight() * z[r][l];
            mom1[r][l] = b1 * mom1[r][l] + (1 - b1) * grad;
            mom2[r][l] = b2 * mom2[r][l] + (1 - b2) * grad * grad;
            double mHat = mom1[r][l] / (1 - Math.pow(b1, step));
            double vHat = mom2[r][l] / (1 - Math.pow(b2, step));
            z[r][l] -= (float) (request.stepSize() * mHat / (Math.sqrt(vHat) + 1e-8));
          }
        }
        if (step % every == 0 || step == request.steps()) {
          float[][] y = propertiesBlocked(BLOCK, z);
          CvaeModel.Decoding d = decodeBlocked(BLOCK, z, zeros, zeros, mask, null);
          Structure[] decoded = decodeAll(pool, d, y, mask);
          drawn += n;
          for (int r = 0; r < n; r++) {
            double f = score(objective, y[r][j], targetNorm)
                + request.priorWeight() / 2 * squaredNorm(z[r]);
            Structure s = decoded[r];
            if (f < bestScore[r] && Validity.structureValid(s) && request.elements().admits(s)) {
              bestScore[r] = f;
              best[r] = s.withProperty("id", ids.get(r) + "-opt")
                  .withProperty("seed_id", ids.get(r)).withProperty("opt_step", (long) step);
            }
          }
        }
        monitor.progress((double) step / request.steps(), "optimisation step " + step + " of "
            + request.steps() + " for " + n + " seeds");
      }
    } finally {
      pool.shutdown();
    }
    List<Structure> out = new ArrayList<>();
    int rejected = 0;
    for (Structure s : best) {
      if (s == null) {
        rejected++;
      } else {
        out.add(s);
      }
    }
    if (rejected > 0) {
      warnings.add(rejected + " of " + n + " seeds reached no valid structure at any checkpoint");
    }
    return new SampleResult(out, warnings, drawn, rejected);
  }

  private static double score(PropertyObjective o, double yhat, double targetNorm) {
    return switch (o.goal()) {
      case MINIMIZE -> yhat;
      case MAXIMIZE -> -yhat;
      case TARGET -> (yhat - targetNorm) * (yhat - targetNorm);
    };
  }

  private static double squaredNorm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return s;
  }

  // ------------------------------------------------------------------ reconstruction, prediction

  /**
   * Reconstructs structures through the model: encode, take the posterior mean μ, decode it.
   *
   * @param structures structures the model's encoder accepts
   * @param useProperties true to pass each structure's known property values as the condition
   *     (to encoder and decoder); false to hide them (m = 0)
   * @return one decoded structure per input, in order, carrying ŷ(μ) and the input's id
   * @throws IllegalArgumentException naming the first structure that cannot be encoded
   */
  public List<Structure> reconstruct(List<Structure> structures, boolean useProperties) {
    int n = structures.size();
    int p = properties.size();
    float[][] cm = new float[n][p];
    float[][] m = new float[n][p];
    float[][] x = structureParts(structures);
    if (useProperties) {
      for (int i = 0; i < n; i++) {
        float[] props = encoder.encode(structures.get(i)).properties();
        for (int j = 0; j < p; j++) {
          if (!Float.isNaN(props[j])) {
            cm[i][j] = props[j];
            m[i][j] = 1f;
          }
        }
      }
    }
    float[][] mu = posteriorMeanBlocked(x, cm, m);
    boolean[] all = ElementConstraint.none().classMask(config);
    CvaeModel.Decoding d = decodeBlocked(BLOCK, mu, cm, m, all, null);
    float[][] yhat = propertiesBlocked(BLOCK, mu);
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    try {
      Structure[] decoded = decodeAll(pool, d, yhat, all);
      List<Structure> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Optional<String> id = structures.get(i).stringProperty("id");
        out.add(id.isPresent() ? decoded[i].withProperty("id", id.get()) : decoded[i]);
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The property head's predictions for structures: ŷ(μ(x, m = 0)), in property units.
   *
   * @return [structures][properties], properties in the model's order
   * @throws IllegalArgumentException naming the first structure that cannot be encoded
   */
  public double[][] predict(List<Structure> structures) {
    int n = structures.size();
    int p = properties.size();
    float[][] zeros = new float[n][p];
    float[][] mu = posteriorMeanBlocked(structureParts(structures), zeros, zeros);
    float[][] y = propertiesBlocked(BLOCK, mu);
    double[][] out = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        out[i][j] = encoder.denormaliseProperty(properties.get(j), y[i][j]);
      }
    }
    return out;
  }

  /** The structure parts x (lattice, sites, Fourier) of the encoded structures. */
  private float[][] structureParts(List<Structure> structures) {
    float[][] x = new float[structures.size()][];
    int d = layout.propertiesOffset();
    for (int i = 0; i < x.length; i++) {
      Encoded e;
      try {
        e = encoder.encode(structures.get(i));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("structure #" + i + ": " + ex.getMessage(), ex);
      }
      x[i] = Arrays.copyOf(e.features(), d);
    }
    return x;
  }

  // ------------------------------------------------------------------ fixed-size network calls

  /** Rows [from, from + block) of a, rows past its end being zeros of the given width. */
  private static float[][] slice(float[][] a, int from, int block, int width) {
    float[][] out = new float[block][];
    for (int r = 0; r < block; r++) {
      out[r] = from + r < a.length ? a[from + r] : new float[width];
    }
    return out;
  }

  /** Copies the rows of part into out from row {@code from}, as far as out reaches. */
  private static void put(float[][] part, float[][] out, int from) {
    for (int r = 0; r < part.length && from + r < out.length; r++) {
      out[from + r] = part[r];
    }
  }

  private float[][] propertiesBlocked(int block, float[][] z) {
    float[][] out = new float[z.length][];
    for (int f = 0; f < z.length; f += block) {
      put(model.properties(slice(z, f, block, model.latentDim())), out, f);
    }
    return out;
  }

  private float[][] gradientBlocked(float[][] z, float[][] w) {
    float[][] out = new float[z.length][];
    for (int f = 0; f < z.length; f += BLOCK) {
      put(model.propertyGradient(slice(z, f, BLOCK, model.latentDim()),
          slice(w, f, BLOCK, model.propertyCount())), out, f);
    }
    return out;
  }

  private float[][] posteriorMeanBlocked(float[][] x, float[][] cm, float[][] m) {
    float[][] out = new float[x.length][];
    int p = model.propertyCount();
    for (int f = 0; f < x.length; f += BLOCK) {
      put(model.posterior(slice(x, f, BLOCK, model.structureSize()), slice(cm, f, BLOCK, p),
          slice(m, f, BLOCK, p))[0], out, f);
    }
    return out;
  }

  /**
   * {@link CvaeModel#decode} of the rows of z in calls of exactly {@code block} rows; the
   * result holds z.length rows.
   */
  private CvaeModel.Decoding decodeBlocked(int block, float[][] z, float[][] cm, float[][] m,
      boolean[] mask, float[] noise) {
    int n = z.length;
    int sites = model.maxSites();
    int classes = model.elementClasses();
    int p = model.propertyCount();
    float[] lattice = new float[n * 6];
    float[] logits = new float[n * sites * classes];
    float[] coordinates = new float[n * sites * 3];
    int[] chosen = new int[n * sites];
    for (int f = 0; f < n; f += block) {
      int k = Math.min(block, n - f);
      float[] blockNoise = null;
      if (noise != null) {
        blockNoise = new float[block * sites * classes];
        System.arraycopy(noise, f * sites * classes, blockNoise, 0, k * sites * classes);
      }
      CvaeModel.Decoding d = model.decode(slice(z, f, block, model.latentDim()),
          slice(cm, f, block, p), slice(m, f, block, p), mask, blockNoise);
      System.arraycopy(d.lattice(), 0, lattice, f * 6, k * 6);
      System.arraycopy(d.logits(), 0, logits, f * sites * classes, k * sites * classes);
      System.arraycopy(d.coordinates(), 0, coordinates, f * sites * 3, k * sites * 3);
      System.arraycopy(d.chosen(), 0, chosen, f * sites, k * sites);
    }
    return new CvaeModel.Decoding(n, sites, classes, lattice, logits, coordinates, chosen);
  }

  // ------------------------------------------------------------------ decoding

  private Structure[] decodeAll(ForkJoinPool pool, CvaeModel.Decoding d, float[][] yhat,
      boolean[] mask) {
    return decodeRows(pool, d, yhat, mask, IntStream.range(0, d.rows()).toArray());
  }

  /** The structures of the given rows of d, in the order of {@code rows}. */
  private Structure[] decodeRows(ForkJoinPool pool, CvaeModel.Decoding d, float[][] yhat,
      boolean[] mask, int[] rows) {
    Structure[] out = new Structure[rows.length];
    try {
      pool.submit(() -> IntStream.range(0, rows.length).parallel()
          .forEach(x -> out[x] = decodeRow(d, rows[x], yhat[rows[x]], mask))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("decoding was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    }
    return out;
  }

  /** Steps 2–4 of the class description for row i. */
  private Structure decodeRow(CvaeModel.Decoding d, int i, float[] yhat, boolean[] mask) {
    int sites = d.sites();
    int classes = d.classes();
    float[] f = new float[layout.length()];
    System.arraycopy(d.lattice(), i * 6, f, layout.latticeOffset(), 6);
    int[] chosen = java.util.Arrays.copyOfRange(d.chosen(), i * sites, (i + 1) * sites);
    boolean any = false;
    for (int c : chosen) {
      any |= c != 0;
    }
    if (!any) {
      int bestSite = 0;
      int bestClass = -1;
      float bestGap = Float.NEGATIVE_INFINITY;
      for (int s = 0; s < sites; s++) {
        int base = (i * sites + s) * classes;
        for (int k = 1; k < classes; k++) {
          float gap = d.logits()[base + k] - d.logits()[base];
          if (mask[k] && gap > bestGap) {
            bestGap = gap;
            bestSite = s;
            bestClass = k;
          }
        }
      }
      chosen[bestSite] = bestClass;
    }
    for (int s = 0; s < sites; s++) {
      int row = layout.siteOffset(s);
      f[row + layout.elementChannel() + chosen[s]] = 1f;
      for (int k = 0; k < 3; k++) {
        f[row + layout.coordinateChannel() + k] = d.coordinates()[(i * sites + s) * 3 + k];
      }
    }
    System.arraycopy(yhat, 0, f, layout.propertiesOffset(), yhat.length);
    return encoder.decode(f);
  }

  /** The property names of the model, in condition order. */
  public List<String> properties() {
    return properties;
  }

  @Override
  public String toString() {
    return "Sampler[" + model + "]";
  }
}
