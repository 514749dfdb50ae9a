package org.invdes.core.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.encoding.EncodingLayout;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.DiffusionSchedule;
import org.invdes.core.model.PropertyRange;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateModel;

import java.util.SplittableRandom;

/**
 * Generates structures with a trained {@link DiffusionModel} by predictor–corrector sampling of
 * the reverse diffusion (DiffCSP's sampler) with a minimum-distance step. Immutable; {@link #of},
 * then {@link #withSteps}, {@link #withGuidance} and {@link #withCorrectorStep} to override the
 * model's defaults, {@link #withRepulsion} and {@link #withGreedyTypes} to override the sampler's.
 *
 * <p><b>One sample</b> with index i:
 *
 * <ol>
 *   <li>Its random stream is {@code SplittableRandom(mix(seed, i, attempt))}: sample i depends
 *       only on the seed and i (and the redraw attempt), not on the batch it is computed in, nor
 *       on the number or order of samples requested before it (the {@code firstIndex} contract
 *       of sharded sampling: {@link #sample(SamplingRequest, long, ProgressMonitor)}). Float
 *       rounding of the batched network can still differ in the last bits between batch sizes.
 *   <li>Atom count n drawn from the training cells' distribution ({@code atomCounts} of the
 *       manifest); with a chemical system, from the cells with at least as many atoms as the
 *       system has elements.
 *   <li>Start: lattice z ~ N(0, I₆), types a ~ N(0, I) for the n atoms, coordinates uniform in
 *       [0, 1)³.
 *   <li>For the S sampling times τ_S = T > … > τ_1 ({@link DiffusionSchedule#stepTimes}), from t =
 *       τ_i to s = τ_{i−1} (τ_0 = 0): <b>corrector</b> (coordinates only): Langevin step f ← f +
 *       γ ∇ln p + √(2γ) ξ, γ = ε · (σ_t/σ_min)², ε the corrector step (the model's {@code
 *       correctorStep} unless overridden; 0 skips the corrector), with the score ŝ/σ_t from the
 *       denoiser;
 *       <b>predictor</b>: a second denoiser call, then f ← f + (σ_t² − σ_s²) ∇ln p +
 *       √(σ_s²(σ_t² − σ_s²)/σ_t²) ξ (wrapped into [0, 1)), and for the lattice and the types
 *       the DDPM step to time s from x̂₀ = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t ({@link
 *       DiffusionSchedule#posterior}); the lattice x̂₀ is clipped to ±5 normalised units. The
 *       types' x̂₀, with the cross-entropy type loss ({@link DiffusionConfig.TypeLoss}): an
 *       element drawn from the softmax of the denoiser's logits over the allowed elements, as a
 *       one-hot (so the step draws from the mixture Σ_k p(k | a_t) q(a_s | a_t, x₀ = k), the
 *       exact reverse kernel for an exact classifier, and a_s stays a noised one-hot as in
 *       training), or at times t ≤ F · T with greedy types F the most probable allowed element
 *       (the uniform number is drawn either way, so the rest of the stream is unchanged);
 *       with the ε type loss, the ε-estimate clipped to [0, 1] with the channels of
 *       excluded elements set to 0. The last step (s = 0) lands on x̂₀ itself. With the
 *       masked type process ({@link DiffusionConfig.TypeLoss#MASKED}) the types start hidden
 *       (all channels 0, no Gaussian draw) and each hidden atom is revealed between t and s
 *       with probability (t − s)/t (1 − m(s)/m(t) with a mask exponent, {@link
 *       DiffusionSchedule#revealProbability}) as an element drawn from the softmax of its
 *       logits over the allowed elements (the most probable at t ≤ F · T with greedy types);
 *       revealed types stay ({@link #reveal}).
 *   <li><b>Minimum distance</b> ({@link Repulsion}, strength λ, start F_r, radius scale κ): at
 *       times t ≤ F_r · T every reverse step ends with one steepest-descent step on the overlap
 *       energy E = Σ_{pairs, images} max(0, r₀ − d)² (Å², d in the current lattice, r₀ = κ
 *       (r_i + r_j) from the covalent radii of the elements of the step's type estimates x̂₀:
 *       the noisy type channels themselves name a random element until late in the process),
 *       preconditioned by the inverse lattice metric so that each atom of an overlapping pair
 *       moves λ/2 · (r₀ − d) Å away from the other; after the last step (s = 0) the step is
 *       repeated on the cells that still overlap, at most {@value #FINAL_SWEEPS} times. Exactly
 *       coinciding atoms separate along a direction drawn from the sample's stream. The
 *       denoiser was trained on crystals, where atoms never overlap, yet its score can drive
 *       two atoms onto one site (mostly a cation onto an anion site); the step keeps the
 *       reverse process on overlap-free states, where the next denoiser call can settle the
 *       moved atoms.
 *   <li>With targets: the denoiser runs with the condition and without it, and every output is
 *       guided as (1 + w) · conditional − w · unconditional (classifier-free guidance, strength
 *       w). With drawn conditions ({@link #withDrawnConditions}) a sample is guided so toward
 *       the condition of a training row chosen from its seed, with the request's targets in
 *       place of the row's values of those properties.
 *   <li>A self-conditioned model ({@link DiffusionConfig#selfCondition()}) gets with every
 *       denoiser call the softmax of the type logits of its previous call (each guidance branch
 *       its own), zeros on the first call, on padding and, with masked types, on shown atoms.
 *   <li>The structure: each atom's element is the argmax over the allowed types; lattice and
 *       coordinates decoded by {@link Encoder#decode(float[])} (impossible cells repaired as
 *       documented there). A sample that misses an element of a chemical system is redrawn
 *       (next attempt) up to the request's draw budget per sample.
 *   <li>Ids {@code sample-<i + 1>}.
 * </ol>
 *
 * The request's temperature, tolerance and element sampling mode are VAE notions: a
 * temperature other than 1 or a tolerance is refused.
 */
public final class DiffusionSampler implements Generator {
  /** Bound of the lattice x̂₀ (normalised units). */
  static final float LATTICE_CLIP = 5f;
  /**
   * The default greedy-types fraction ({@link #withGreedyTypes}), the best measured on Perov-5
   * (2,000 samples with the default minimum-distance step: composition validity 97.65 % at 0,
   * 98.20 % at 0.3, 98.25 % at 0.5; the number-of-elements EMD 0.047, 0.049 and 0.056 over all
   * samples: drawing later keeps the five-element cells).
   */
  public static final double DEFAULT_GREEDY_TYPES = 0.3;
  /** Mixed with a sample's seed to choose its drawn condition, apart from its other draws. */
  static final long CONDITION_STREAM = 0x436F6E64L;
  /** Most minimum-distance sweeps after the last reverse step. */
  static final int FINAL_SWEEPS = 20;

  /**
   * One call of the denoiser, with the arguments and result of {@link DiffusionModel#denoise};
   * a seam so tests can sample with an exactly known score.
   */
  interface Denoiser {
    float[][] denoise(float[] types, float[] coords, float[] lattice, int[] times,
        float[] condition, float[] known, float[] mask);

    /**
     * The call with the previous type estimate of a self-conditioned denoiser ({@link
     * DiffusionModel#selfConditioned()}); this default ignores it.
     */
    default float[][] denoise(float[] types, float[] estimate, float[] coords, float[] lattice,
        int[] times, float[] condition, float[] known, float[] mask) {
      return denoise(types, coords, lattice, times, condition, known, mask);
    }
  }

  private final DiffusionModel model;
  private final Denoiser denoiser;
  private final int steps;
  private final double guidance;
  private final double correctorStep;
  private final Repulsion repulsion;
  private final double greedyTypes;
  private final boolean drawConditions;

  private DiffusionSampler(DiffusionModel model, Denoiser denoiser, int steps, double guidance,
      double correctorStep, Repulsion repulsion, double greedyTypes, boolean drawConditions) {
    this.greedyTypes = greedyTypes;
    this.drawConditions = drawConditions;
    this.model = model;
    this.denoiser = denoiser;
    this.steps = steps;
    this.guidance = guidance;
    this.correctorStep = correctorStep;
    this.repulsion = repulsion;
  }

  /**
   * The minimum-distance step that ends every reverse step at times t ≤ startFraction · T
   * (class description, step 5): overlapping atoms move apart by λ/2 · (r₀ − d) each, r₀ = κ
   * (r_i + r_j) from covalent radii.
   *
   * @param strength λ in [0, 1]; 0 switches the step off, 1 moves an isolated overlapping pair
   *     exactly to r₀
   * @param startFraction the step acts at times t ≤ startFraction · T, in (0, 1]
   * @param radiusScale κ in (0, 2]
   */
  public record Repulsion(double strength, double startFraction, double radiusScale) {
    /** No minimum-distance step. */
    public static final Repulsion NONE = new Repulsion(0, 1, 1);
    /**
     * The default λ = 1 from 0.5 · T with κ = 0.7, the best measured on Perov-5
     * (tests/bench/diffusion-perov5.sh): from 0.5 · T (σ ≈ 0.05, 0.2 Å in a 4 Å cell) most
     * separated atoms still reach an empty site (40 of 53 collided cells of 2,000), from 0.1 · T
     * almost none (1 of 53: they stop beside the occupied site); κ = 0.7 is below the
     * closest pair of 99.6 % of the Perov-5 training cells (closest distance over radius sum:
     * median 0.92, 1 % quantile 0.73, minimum 0.67).
     */
    public static final Repulsion DEFAULT = new Repulsion(1, 0.5, 0.7);

    /** Checks the settings. */
    public Repulsion {
      if (!(strength >= 0 && strength <= 1)) {
        throw new IllegalArgumentException("repulsion strength is " + strength
            + "; must be in [0, 1]");
      }
      if (!(startFraction > 0 && startFraction <= 1)) {
        throw new IllegalArgumentException("repulsion start is " + startFraction
            + "; must be in (0, 1] (a fraction of the diffusion times)");
      }
      if (!(radiusScale > 0 && radiusScale <= 2)) {
        throw new IllegalArgumentException("repulsion radius scale is " + radiusScale
            + "; must be in (0, 2]");
      }
    }

    /** These settings with strength λ. */
    public Repulsion withStrength(double lambda) {
      return new Repulsion(lambda, startFraction, radiusScale);
    }

    /** These settings from time startFraction · T on. */
    public Repulsion withStartFraction(double fraction) {
      return new Repulsion(strength, fraction, radiusScale);
    }

    /** These settings with radius scale κ. */
    public Repulsion withRadiusScale(double kappa) {
      return new Repulsion(strength, startFraction, kappa);
    }
  }

  /** A sampler with the model's default steps and guidance (the model stays the caller's). */
  public static DiffusionSampler of(DiffusionModel model) {
    Objects.requireNonNull(model, "model");
    return of(model, new Denoiser() {
      @Override
      public float[][] denoise(float[] types, float[] coords, float[] lattice, int[] times,
          float[] condition, float[] known, float[] mask) {
        return model.denoise(types, coords, lattice, times, condition, known, mask);
      }

      @Override
      public float[][] denoise(float[] types, float[] estimate, float[] coords,
          float[] lattice, int[] times, float[] condition, float[] known, float[] mask) {
        return model.denoise(types, estimate, coords, lattice, times, condition, known, mask);
      }
    });
  }

  /** A sampler of the model's schedule and encoding whose denoiser calls go to {@code d}. */
  static DiffusionSampler of(DiffusionModel model, Denoiser d) {
    return new DiffusionSampler(model, d, model.manifest().hyperParameters().sampleSteps(),
        model.manifest().hyperParameters().guidance(),
        model.manifest().hyperParameters().correctorStep(), Repulsion.DEFAULT,
        DEFAULT_GREEDY_TYPES, false);
  }

  /**
   * This sampler with S predictor–corrector steps.
   *
   * @throws IllegalArgumentException unless 1 ≤ S ≤ T
   */
  public DiffusionSampler withSteps(int sampleSteps) {
    model.schedule().stepTimes(sampleSteps);
    return new DiffusionSampler(model, denoiser, sampleSteps, guidance, correctorStep,
        repulsion, greedyTypes, drawConditions);
  }

  /**
   * This sampler with guidance strength w (0 = conditional without guidance).
   *
   * @throws IllegalArgumentException unless 0 ≤ w ≤ 20
   */
  public DiffusionSampler withGuidance(double w) {
    if (!(w >= 0 && w <= 20)) {
      throw new IllegalArgumentException("guidance strength is " + w + "; must be in [0, 20]");
    }
    return new DiffusionSampler(model, denoiser, steps, w, correctorStep, repulsion,
        greedyTypes, drawConditions);
  }

  /**
   * This sampler with corrector step size ε (class description, step 4; 0 = predictor only).
   *
   * @throws IllegalArgumentException unless 0 ≤ ε ≤ 0.01
   */
  public DiffusionSampler withCorrectorStep(double epsilon) {
    if (!(epsilon >= 0 && epsilon <= 0.01)) {
      throw new IllegalArgumentException("corrector step is " + epsilon
          + "; must be in [0, 0.01]");
    }
    return new DiffusionSampler(model, denoiser, steps, guidance, epsilon, repulsion,
        greedyTypes, drawConditions);
  }

  /** This sampler with the given minimum-distance step ({@link Repulsion#NONE} for none). */
  public DiffusionSampler withRepulsion(Repulsion r) {
    Objects.requireNonNull(r, "repulsion");
    return new DiffusionSampler(model, denoiser, steps, guidance, correctorStep, r,
        greedyTypes, drawConditions);
  }

  /** S. */
  public int steps() {
    return steps;
  }

  /** w. */
  public double guidance() {
    return guidance;
  }

  /** The corrector step size ε. */
  public double correctorStep() {
    return correctorStep;
  }

  /** The minimum-distance step. */
  public Repulsion repulsion() {
    return repulsion;
  }

  /** The fraction F of the diffusion times from which on the types' x̂₀ is the argmax. */
  public double greedyTypes() {
    return greedyTypes;
  }

  /**
   * This sampler with greedy types from F · T on: at times t ≤ F · T the cross-entropy type
   * estimate x̂₀ is the most probable allowed element instead of a draw (class description, step
   * 4); 0 = always drawn. No effect with the ε type loss.
   *
   * @throws IllegalArgumentException unless 0 ≤ F ≤ 1
   */
  public DiffusionSampler withGreedyTypes(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("greedy-types fraction is " + fraction
          + "; must be in [0, 1]");
    }
    return new DiffusionSampler(model, denoiser, steps, guidance, correctorStep, repulsion,
        fraction, drawConditions);
  }

  /** Whether samples without targets draw their condition from the training rows. */
  public boolean drawsConditions() {
    return drawConditions;
  }

  /**
   * This sampler drawing each sample's condition from the model's training rows ({@link
   * org.invdes.core.model.DiffusionManifest#trainingConditions()}; a row chosen uniformly from
   * the sample's seed) and guiding toward it with the sampler's strength, instead of running the
   * denoiser's unconditional mode. Both sample the data's distribution in principle; the
   * unconditional mode is trained only on the rows whose condition was dropped (the condition
   * dropout, 10 % by default), so the conditional one is usually the better trained (MP-20,
   * 1,000 samples: composition validity 74.3 % unconditional, 82.5 % with drawn conditions and
   * guidance 2). The request's targets replace the drawn row's values of their properties, so
   * with a target the other properties follow the training rows instead of being unset.
   * Models saved before 0.3.0 do not record the rows and are refused when sampled so.
   */
  public DiffusionSampler withDrawnConditions(boolean draw) {
    return new DiffusionSampler(model, denoiser, steps, guidance, correctorStep, repulsion,
        greedyTypes, draw);
  }

  /** Samples the request's indices, from {@link SamplingRequest#firstIndex()} on. */
  @Override
  public SampleResult sample(SamplingRequest request, ProgressMonitor monitor) {
    return sample(request, request.firstIndex(), monitor);
  }

  /**
   * Samples the structures with indices firstIndex … firstIndex + count − 1 (class description);
   * concatenating shards [0, k) and [k, n) gives the samples of one request of n.
   *
   * @throws IllegalArgumentException for an unknown property, elements the model cannot
   *     generate, a temperature other than 1 or a tolerance
   */
  public SampleResult sample(SamplingRequest request, long firstIndex, ProgressMonitor monitor) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(monitor, "monitor");
    if (request.validOnly()) {
      throw new IllegalArgumentException("the diffusion generator writes its raw samples; it has"
          + " no valid-only redrawing");
    }
    if (request.temperature() != 1) {
      throw new IllegalArgumentException("the diffusion generator has no temperature (got "
          + request.temperature() + "); use --guidance or --steps instead");
    }
    if (!Double.isNaN(request.tolerance())) {
      throw new IllegalArgumentException("the diffusion generator has no property head, so it"
          + " cannot filter by a tolerance (" + request.tolerance() + ")");
    }
    if (firstIndex < 0) {
      throw new IllegalArgumentException("first index is " + firstIndex + "; must be >= 0");
    }
    List<String> warnings = new ArrayList<>();
    List<String> names = model.manifest().propertyNames();
    int p = names.size();
    float[] c = new float[p];
    float[] m = new float[p];
    for (Map.Entry<String, Double> t : request.targets().entrySet()) {
      int j = names.indexOf(t.getKey());
      if (j < 0) {
        throw new IllegalArgumentException("property '" + t.getKey() + "' is not one the model"
            + " was trained on " + names);
      }
      c[j] = model.encoder().normaliseProperty(t.getKey(), t.getValue());
      m[j] = 1f;
      for (PropertyRange r : model.manifest().properties()) {
        if (r.name().equals(t.getKey()) && !r.contains(t.getValue())) {
          warnings.add(String.format(Locale.ROOT, "target %s = %s is outside the training range"
              + " [%s, %s] of %s; the model extrapolates", t.getKey(), t.getValue(), r.min(),
              r.max(), t.getKey()));
        }
      }
    }
    boolean[] allowed = allowedTypes(request.elements(), warnings);
    int minAtoms = request.elements().isChemicalSystem() ? request.elements().elements().size()
        : 1;
    double[] countCdf = countCdf(minAtoms);
    float[][] drawFrom = null;
    if (drawConditions) {
      drawFrom = model.manifest().trainingConditions();
      if (drawFrom.length == 0) {
        throw new IllegalArgumentException("the model does not record its training rows'"
            + " conditions (saved before invdes 0.3.0), so none can be drawn; sample it"
            + " unconditionally or retrain it");
      }
    }
    boolean guided = (!request.targets().isEmpty() || drawFrom != null) && guidance > 0;
    int count = request.count();
    Structure[] out = new Structure[count];
    int[] attempts = new int[count];
    int drawn = 0;
    int rejected = 0;
    int batchSize = Math.min(request.batchSize(), 512);
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pending.add(i);
    }
    int finished = 0;
    while (!pending.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      for (int from = 0; from < pending.size(); from += batchSize) {
        monitor.checkCancelled("sampling");
        List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + batchSize));
        long[] seeds = new long[chunk.size()];
        for (int k = 0; k < seeds.length; k++) {
          int i = chunk.get(k);
          seeds[k] = mix(mix(request.seed(), firstIndex + i), attempts[i]);
        }
        float[] cm = new float[seeds.length * p];
        float[] km = new float[seeds.length * p];
        for (int k = 0; k < seeds.length; k++) {
          float[] row = drawFrom == null ? null
              : drawFrom[(int) Math.floorMod(mix(seeds[k], CONDITION_STREAM), drawFrom.length)];
          for (int j = 0; j < p; j++) {
            // a target holds; an untargeted property takes the drawn row's value
            boolean targeted = m[j] > 0;
            boolean known = targeted || row != null && !Float.isNaN(row[j]);
            km[k * p + j] = known ? 1f : 0f;
            cm[k * p + j] = !known ? 0f : targeted ? c[j] : row[j];
          }
        }
        Structure[] made = run(seeds, cm, km, guided, allowed, countCdf, null, null);
        for (int k = 0; k < made.length; k++) {
          int i = chunk.get(k);
          drawn++;
          if (made[k] != null && request.elements().admits(made[k])) {
            out[i] = made[k].withProperty("id", "sample-" + (firstIndex + i + 1));
            finished++;
          } else {
            rejected++;
            attempts[i]++;
            if (attempts[i] < request.maxDrawsPerSample()) {
              next.add(i);
            }
          }
        }
        monitor.progress((double) finished / count, "generated " + finished + " of " + count
            + " structures (" + drawn + " drawn, " + steps + " steps)");
      }
      pending = next;
    }
    List<Structure> result = new ArrayList<>();
    for (Structure s : out) {
      if (s != null) {
        result.add(s);
      }
    }
    if (result.size() < count) {
      warnings.add("only " + result.size() + " of " + count + " structures met the constraint ("
          + request.elements() + ") within " + request.maxDrawsPerSample()
          + " draws per sample");
    }
    return new SampleResult(result, warnings, drawn, rejected);
  }

  /** Allowed type channels [A]. */
  private boolean[] allowedTypes(ElementConstraint constraint, List<String> warnings) {
    EncodingConfig config = model.encoder().config();
    boolean[] classes = constraint.classMask(config);
    if (!constraint.isNone()) {
      List<Element> outside = constraint.outsideVocabulary(config);
      if (!outside.isEmpty()) {
        warnings.add("elements " + outside + " are not in the model's vocabulary and will not"
            + " appear");
      }
    }
    return Arrays.copyOfRange(classes, 1, classes.length);
  }

  /** Cumulative distribution of the atom count over n ≥ minAtoms. */
  private double[] countCdf(int minAtoms) {
    int[] counts = model.manifest().atomCounts();
    double[] cdf = new double[counts.length];
    double total = 0;
    for (int k = Math.max(1, minAtoms); k < counts.length; k++) {
      total += counts[k];
    }
    if (total == 0) {
      throw new IllegalArgumentException("no training cell has at least " + minAtoms
          + " atoms (the chemical system's element count); the largest has "
          + (counts.length - 1) + " sites");
    }
    double acc = 0;
    for (int k = 0; k < counts.length; k++) {
      if (k >= Math.max(1, minAtoms)) {
        acc += counts[k];
      }
      cdf[k] = acc / total;
    }
    return cdf;
  }

  /** SplitMix64-style mixing of a seed with an index. */
  static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Runs the reverse diffusion for one batch; null where decoding failed. Without a start the
   * rows begin from the prior at time T; with one, from the start structures noised to its time.
   * With an energy guide every step ends with the guidance step.
   */
  private Structure[] run(long[] seeds, float[] cm, float[] km, boolean guided,
      boolean[] allowed, double[] countCdf, Start start, Energy energy) {
    int b = seeds.length;
    int n = model.maxSites();
    int a = model.types();
    DiffusionSchedule sch = model.schedule();
    double step = correctorStep;
    MinimumDistance apart = repulsion.strength() > 0
        ? new MinimumDistance(model.encoder().config()) : null;
    double apartFrom = repulsion.startFraction() * sch.steps();
    double greedyFrom = greedyTypes * sch.steps();
    int[] kind = new int[b * n];
    DiffusionConfig.TypeLoss typeLoss = model.manifest().hyperParameters().typeLoss();
    boolean crossEntropy = typeLoss != DiffusionConfig.TypeLoss.EPSILON;
    boolean maskedTypes = typeLoss == DiffusionConfig.TypeLoss.MASKED;
    SplittableRandom[] rng = new SplittableRandom[b];
    int[] atoms = new int[b];
    float[] mask = new float[b * n];
    float[] lat = new float[b * 6];
    float[] typ = new float[b * n * a];
    float[] frac = new float[b * n * 3];
    float[] estimate = model.selfConditioned() ? new float[(guided ? 2 : 1) * b * n * a] : null;
    for (int i = 0; start == null && i < b; i++) {
      rng[i] = new SplittableRandom(seeds[i]);
      double u = rng[i].nextDouble();
      int k = 0;
      while (countCdf[k] <= u && k < countCdf.length - 1) {
        k++;
      }
      atoms[i] = k;
      for (int s = 0; s < k; s++) {
        mask[i * n + s] = 1f;
      }
      for (int j = 0; j < 6; j++) {
        lat[i * 6 + j] = (float) rng[i].nextGaussian();
      }
      for (int s = 0; s < k; s++) {
        for (int j = 0; !maskedTypes && j < a; j++) {
          typ[(i * n + s) * a + j] = (float) rng[i].nextGaussian();
        }
        for (int d = 0; d < 3; d++) {
          frac[(i * n + s) * 3 + d] = (float) rng[i].nextDouble();
        }
      }
    }
    int[] tau = sch.stepTimes(steps);
    int first = tau.length - 1;
    if (start != null) {
      first = start.noise(rng, seeds, atoms, mask, lat, typ, frac, tau, sch, n, a);
    }
    for (int idx = first; idx >= 0; idx--) {
      int t = tau[idx];
      int s = idx == 0 ? 0 : tau[idx - 1];
      double sigmaT = sch.sigma(t);
      double sigmaS = sch.sigma(s);
      if (step > 0) {
        float[][] o = guidedDenoise(typ, frac, lat, t, cm, km, mask, b, guided, estimate);
        double gamma = step * (sigmaT / sch.sigmaMin()) * (sigmaT / sch.sigmaMin());
        double noise = Math.sqrt(2 * gamma);
        for (int i = 0; i < b; i++) {
          for (int j = 0; j < atoms[i] * 3; j++) {
            int q = i * n * 3 + j;
            frac[q] = (float) Structure.wrap(frac[q] + gamma * o[1][q] / sigmaT
                + noise * rng[i].nextGaussian());
          }
        }
      }
      float[][] o = guidedDenoise(typ, frac, lat, t, cm, km, mask, b, guided, estimate);
      double delta = sigmaT * sigmaT - sigmaS * sigmaS;
      double fNoise = Math.sqrt(sigmaS * sigmaS * delta / (sigmaT * sigmaT));
      double ab = sch.alphaBar(t);
      double[] post = sch.posterior(t, s);
      double sv = Math.sqrt(post[2]);
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < atoms[i] * 3; j++) {
          int q = i * n * 3 + j;
          frac[q] = (float) Structure.wrap(frac[q] + delta * o[1][q] / sigmaT
              + fNoise * rng[i].nextGaussian());
        }
        for (int j = 0; j < 6; j++) {
          int q = i * 6 + j;
          double x0 = (lat[q] - Math.sqrt(1 - ab) * o[0][q]) / Math.sqrt(ab);
          x0 = Math.max(-LATTICE_CLIP, Math.min(LATTICE_CLIP, x0));
          lat[q] = (float) (post[0] * x0 + post[1] * lat[q] + sv * rng[i].nextGaussian());
        }
        for (int site = 0; site < atoms[i] && maskedTypes; site++) {
          kind[i * n + site] = reveal(typ, o[2], (i * n + site) * a, a, allowed,
              sch.revealProbability(t, s), t <= greedyFrom, rng[i]);
        }
        for (int site = 0; site < atoms[i] && !maskedTypes; site++) {
          int base = (i * n + site) * a;
          double[] x0 = typeEstimate(typ, o[2], base, a, ab, allowed, crossEntropy);
          if (crossEntropy) {
            double u = rng[i].nextDouble();
            int k = t <= greedyFrom ? argmax(x0) : draw(x0, u);
            Arrays.fill(x0, 0);
            x0[k] = 1;
          }
          kind[i * n + site] = argmax(x0);
          for (int j = 0; j < a; j++) {
            int q = base + j;
            typ[q] = (float) (post[0] * x0[j] + post[1] * typ[q] + sv * rng[i].nextGaussian());
          }
        }
      }
      if (energy != null) {
        energy.step(b, n, atoms, lat, typ, frac, allowed, 1 - sch.alphaBar(s),
            sch.sigma(s) * sch.sigma(s));
      }
      if (apart != null && t <= apartFrom) {
        if (s > 0) {
          apart.step(b, n, atoms, lat, kind, frac, repulsion.strength(),
              repulsion.radiusScale(), rng, null);
        } else {
          apart.project(b, n, atoms, lat, kind, frac, repulsion.strength(),
              repulsion.radiusScale(), rng, FINAL_SWEEPS);
        }
      }
    }
    return decode(b, atoms, lat, typ, frac, allowed);
  }

  /**
   * x̂₀ of one atom's type channels [base, base + A): with the cross-entropy type loss, the
   * softmax of the output logits over the allowed channels (a probability vector, 0 on the
   * others); with the ε type loss, (a_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t clipped to [0, 1], 0 on the channels
   * not allowed.
   */
  static double[] typeEstimate(float[] typ, float[] out, int base, int a, double alphaBar,
      boolean[] allowed, boolean crossEntropy) {
    double[] x0 = new double[a];
    if (crossEntropy) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < a; j++) {
        if (allowed[j]) {
          max = Math.max(max, out[base + j]);
        }
      }
      double sum = 0;
      for (int j = 0; j < a; j++) {
        if (allowed[j]) {
          x0[j] = Math.exp(out[base + j] - max);
          sum += x0[j];
        }
      }
      for (int j = 0; j < a; j++) {
        x0[j] /= sum;
      }
      return x0;
    }
    for (int j = 0; j < a; j++) {
      x0[j] = allowed[j] ? Math.max(0, Math.min(1,
          (typ[base + j] - Math.sqrt(1 - alphaBar) * out[base + j]) / Math.sqrt(alphaBar))) : 0;
    }
    return x0;
  }

  /**
   * One reverse step of the masked type process for the atom whose channels start at {@code
   * base}: a hidden atom (all channels 0) is revealed with {@code probability} (the schedule's
   * {@link DiffusionSchedule#revealProbability} from t to s: (t − s)/t when linear, 1 at s = 0)
   * as the element drawn from the softmax of its logits over the allowed elements, or its most
   * probable one when {@code greedy}; a revealed atom keeps its element. Two uniform numbers
   * are drawn for every hidden atom, revealed or not.
   *
   * @return the atom's element class if revealed, else its most probable one (for the
   *     minimum-distance step's radii)
   */
  static int reveal(float[] typ, float[] out, int base, int a, boolean[] allowed,
      double probability, boolean greedy, SplittableRandom rng) {
    int shown = -1;
    for (int j = 0; j < a; j++) {
      if (typ[base + j] > 0.5f) {
        shown = j;
      }
    }
    if (shown >= 0) {
      return shown;
    }
    double[] p = typeEstimate(typ, out, base, a, 1, allowed, true);
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    int k = greedy ? argmax(p) : draw(p, u);
    if (v < probability) {
      typ[base + k] = 1f;
      return k;
    }
    return argmax(p);
  }

  /** The first index of the largest entry. */
  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * The index k with P(k − 1) ≤ u < P(k) for the cumulative sums P of p (a probability vector);
   * the last index with p > 0 when rounding leaves u above the total.
   */
  static int draw(double[] p, double u) {
    double acc = 0;
    int last = -1;
    for (int k = 0; k < p.length; k++) {
      if (p[k] > 0) {
        acc += p[k];
        last = k;
        if (u < acc) {
          return k;
        }
      }
    }
    return last;
  }

  /**
   * The denoiser's outputs, guided when {@code guided}. A self-conditioned denoiser gets {@code
   * estimate} (the conditional rows, then with guidance the unconditional ones), first cleared
   * on the atoms whose types are shown, and each branch's estimate is then replaced by the
   * softmax of its new type logits ({@link #selfEstimate}).
   */
  private float[][] guidedDenoise(float[] typ, float[] frac, float[] lat, int t, float[] cm,
      float[] km, float[] mask, int b, boolean guided, float[] estimate) {
    int[] times = new int[guided ? 2 * b : b];
    Arrays.fill(times, t);
    boolean masked = model.manifest().hyperParameters().typeLoss()
        == DiffusionConfig.TypeLoss.MASKED;
    float[] types = guided ? concat(typ, typ) : typ;
    float[] rows = guided ? concat(mask, mask) : mask;
    if (estimate != null) {
      selfEstimate(estimate, null, types, rows, model.types(), masked);
    }
    float[][] o = guided
        ? denoiser.denoise(types, estimate, concat(frac, frac), concat(lat, lat), times,
            concat(cm, new float[cm.length]), concat(km, new float[km.length]), rows)
        : denoiser.denoise(types, estimate, frac, lat, times, cm, km, rows);
    if (estimate != null) {
      selfEstimate(estimate, o[2], types, rows, model.types(), masked);
    }
    if (!guided) {
      return o;
    }
    float w = (float) guidance;
    float[][] out = new float[3][];
    for (int k = 0; k < 3; k++) {
      int half = o[k].length / 2;
      out[k] = new float[half];
      for (int j = 0; j < half; j++) {
        out[k][j] = (1 + w) * o[k][j] - w * o[k][half + j];
      }
    }
    return out;
  }

  /**
   * Writes the self-conditioning estimate of every site row (A channels each): 0 on padding
   * rows and, with the masked type process, on atoms whose types are shown (a channel above
   * 0.5); elsewhere the softmax of {@code logits} over all A channels ({@link #typeEstimate}),
   * or, when logits is null, the estimate left as it is.
   */
  static void selfEstimate(float[] estimate, float[] logits, float[] types, float[] mask, int a,
      boolean masked) {
    boolean[] all = new boolean[a];
    Arrays.fill(all, true);
    for (int row = 0; row < mask.length; row++) {
      int base = row * a;
      boolean shown = false;
      for (int j = 0; masked && j < a; j++) {
        shown |= types[base + j] > 0.5f;
      }
      if (mask[row] == 0 || shown) {
        Arrays.fill(estimate, base, base + a, 0f);
      } else if (logits != null) {
        double[] p = typeEstimate(types, logits, base, a, 1, all, true);
        for (int j = 0; j < a; j++) {
          estimate[base + j] = (float) p[j];
        }
      }
    }
  }

  private static float[] concat(float[] x, float[] y) {
    float[] out = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  private Structure[] decode(int b, int[] atoms, float[] lat, float[] typ, float[] frac,
      boolean[] allowed) {
    Encoder encoder = model.encoder();
    EncodingLayout layout = encoder.layout();
    int n = model.maxSites();
    int a = model.types();
    Structure[] out = new Structure[b];
    for (int i = 0; i < b; i++) {
      float[] v = new float[layout.length()];
      Arrays.fill(v, layout.propertiesOffset(), layout.length(), Float.NaN);
      System.arraycopy(lat, i * 6, v, layout.latticeOffset(), 6);
      for (int s = 0; s < atoms[i]; s++) {
        int best = -1;
        for (int j = 0; j < a; j++) {
          if (allowed[j] && (best < 0 || typ[(i * n + s) * a + j] > typ[(i * n + s) * a + best])) {
            best = j;
          }
        }
        int row = layout.siteOffset(s);
        v[row + layout.elementChannel() + best + 1] = 1f;
        for (int d = 0; d < 3; d++) {
          v[row + layout.coordinateChannel() + d] = frac[(i * n + s) * 3 + d];
        }
      }
      try {
        out[i] = encoder.decode(v);
      } catch (IllegalArgumentException e) {
        out[i] = null;
      }
    }
    return out;
  }

  /**
   * Energy guidance settings for {@link #optimize}.
   *
   * @param surrogate judges and guides (its property need not be one the generator knows)
   * @param objective lower, higher or toward a value of the surrogate's property
   * @param strength w ≥ 0: each reverse step ends with x ← x − w · v_s · ∂L/∂x, v_s the
   *     process variance at the step's end (1 − ᾱ_s for lattice and types, σ_s² for the
   *     coordinates), L the predicted value (min), its negative (max) or its squared distance to
   *     the target
   * @param startFraction the starts are noised to this fraction of the T diffusion times (0, 1]
   * @param attempts reverse runs per start (distinct seeds), at least 1
   */
  public record EnergyGuidance(SurrogateModel surrogate, PropertyObjective objective,
      double strength, double startFraction, int attempts) {
    /** Checks the settings. */
    public EnergyGuidance {
      Objects.requireNonNull(surrogate, "surrogate");
      Objects.requireNonNull(objective, "objective");
      if (!objective.property().equals(surrogate.property())) {
        throw new IllegalArgumentException("the objective's property '" + objective.property()
            + "' is not the surrogate's '" + surrogate.property() + "'");
      }
      if (!(strength >= 0 && strength <= 1e4)) {
        throw new IllegalArgumentException("energy guidance strength is " + strength
            + "; must be in [0, 10000]");
      }
      if (!(startFraction > 0 && startFraction <= 1)) {
        throw new IllegalArgumentException("start fraction is " + startFraction
            + "; must be in (0, 1]");
      }
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts is " + attempts + "; must be >= 1");
      }
    }
  }

  /**
   * Property optimisation from start structures by energy guidance (DiffCSP's protocol with a
   * time-independent surrogate): each start is encoded, noised to {@code startFraction · T}
   * with {@code attempts} distinct seeds, and denoised with the guidance step after every
   * reverse step; when the generator was trained on the objective's property, the reverse runs
   * are also conditioned (classifier-free guidance at this sampler's strength) on the training
   * range's minimum (min), maximum (max) or the target. Of each start's results, the valid one
   * (CDVAE's validity: structure and composition, {@link
   * org.invdes.core.stability.Validity#valid}) the surrogate rates best is kept ({@link
   * #best}: a result whose atoms keep at least half their covalent-radius sum apart, as the
   * stability filter demands, is preferred to a closer-packed one the surrogate rates better),
   * with the surrogate's prediction
   * under the property's name and {@code start} naming the start's id; a start without a valid
   * result (or that cannot be encoded) is left out with a warning. Rows of one start share a
   * batch, so the result does not depend on how starts are batched.
   *
   * @param starts start structures (each with an {@code id}, or numbered)
   * @param seed seed of every random step
   * @throws org.invdes.core.progress.CancelledException if cancelled (polled per start)
   */
  public SampleResult optimize(List<Structure> starts, EnergyGuidance guidance, long seed,
      ProgressMonitor monitor) {
    Objects.requireNonNull(starts, "starts");
    Objects.requireNonNull(guidance, "guidance");
    Objects.requireNonNull(monitor, "monitor");
    if (model.manifest().hyperParameters().typeLoss() == DiffusionConfig.TypeLoss.MASKED) {
      throw new IllegalArgumentException("energy-guided optimisation needs Gaussian type"
          + " diffusion (type loss crossEntropy or epsilon); this model was trained with masked"
          + " types, which the surrogate's gradient cannot steer");
    }
    List<String> warnings = new ArrayList<>();
    PropertyObjective objective = guidance.objective();
    List<String> names = model.manifest().propertyNames();
    int p = names.size();
    float[] c = new float[p];
    float[] m = new float[p];
    int j = names.indexOf(objective.property());
    if (j >= 0) {
      PropertyRange range = model.manifest().properties().get(j);
      double value = switch (objective.goal()) {
        case MINIMIZE -> range.min();
        case MAXIMIZE -> range.max();
        case TARGET -> objective.target();
      };
      c[j] = model.encoder().normaliseProperty(objective.property(), value);
      m[j] = 1f;
    }
    boolean guided = j >= 0 && this.guidance > 0;
    boolean[] allowed = allowedTypes(ElementConstraint.none(), warnings);
    Energy energy = new Energy(new EnergyGuide(guidance.surrogate(), model.encoder().config()),
        objective, guidance.strength());
    int t0 = Math.max(1, (int) Math.round(guidance.startFraction() * model.schedule().steps()));
    List<Structure> kept = new ArrayList<>();
    int drawn = 0;
    for (int k = 0; k < starts.size(); k++) {
      monitor.checkCancelled("optimisation");
      Structure s = starts.get(k);
      String id = s.properties().containsKey("id") ? String.valueOf(s.properties().get("id"))
          : "start-" + (k + 1);
      org.invdes.core.encoding.Encoded e;
      try {
        e = model.encoder().encode(s);
      } catch (IllegalArgumentException ex) {
        warnings.add("start " + id + " cannot be encoded and was skipped: " + ex.getMessage());
        continue;
      }
      int b = guidance.attempts();
      long[] seeds = new long[b];
      for (int r = 0; r < b; r++) {
        seeds[r] = mix(mix(seed, k), r);
      }
      float[] cm = new float[b * p];
      float[] km = new float[b * p];
      for (int r = 0; r < b; r++) {
        System.arraycopy(c, 0, cm, r * p, p);
        System.arraycopy(m, 0, km, r * p, p);
      }
      Structure[] made = run(seeds, cm, km, guided, allowed, null, new Start(e, t0), energy);
      drawn += b;
      List<Structure> valid = new ArrayList<>();
      for (Structure x : made) {
        if (x != null && org.invdes.core.stability.Validity.valid(x)
            && guidance.surrogate().problem(x).isEmpty()) {
          valid.add(x);
        }
      }
      if (valid.isEmpty()) {
        warnings.add("start " + id + ": none of " + b + " attempts gave a valid structure");
      } else {
        double[] y = guidance.surrogate().predictAll(valid, ProgressMonitor.NONE);
        int best = best(valid, y, objective, PLAUSIBLE);
        kept.add(valid.get(best).withProperty("id", "optimized-" + (k + 1))
            .withProperty("start", id).withProperty(objective.property(), y[best]));
      }
      monitor.progress((double) (k + 1) / starts.size(), "optimised " + (k + 1) + " of "
          + starts.size() + " starts");
    }
    return new SampleResult(kept, warnings, drawn, drawn - kept.size());
  }

  /** Atoms at least half their covalent-radius sum apart: the stability filter's default. */
  private static final java.util.function.Predicate<Structure> PLAUSIBLE =
      x -> org.invdes.core.stability.CovalentDistanceCheck.standard().check(x).passed();

  /**
   * The index of the result to keep: among the {@code plausible} results the one with the least
   * objective loss of its predicted value {@code y}, or among all when none is plausible (the
   * first of equal losses). Energy guidance can squeeze atoms together where the surrogate,
   * which never saw such contacts, rates them well; preferring plausible results keeps such
   * artefacts out unless nothing else was made.
   */
  static int best(List<Structure> results, double[] y, PropertyObjective objective,
      java.util.function.Predicate<Structure> plausible) {
    int best = -1;
    boolean bestPlausible = false;
    for (int r = 0; r < y.length; r++) {
      boolean ok = plausible.test(results.get(r));
      if (best < 0 || (ok && !bestPlausible)
          || (ok == bestPlausible && objective.loss(y[r]) < objective.loss(y[best]))) {
        best = r;
        bestPlausible = ok;
      }
    }
    return best;
  }

  /** Start structures noised to time t0 (energy-guided optimisation). */
  private static final class Start {
    private final org.invdes.core.encoding.Encoded encoded;
    private final int t0;

    Start(org.invdes.core.encoding.Encoded encoded, int t0) {
      this.encoded = encoded;
      this.t0 = t0;
    }

    /**
     * Fills every row with the start noised to the last step time ≤ t0; returns that step's
     * index in tau.
     */
    int noise(SplittableRandom[] rng, long[] seeds, int[] atoms, float[] mask, float[] lat,
        float[] typ, float[] frac, int[] tau, DiffusionSchedule sch, int n, int a) {
      int first = 0;
      while (first + 1 < tau.length && tau[first + 1] <= t0) {
        first++;
      }
      int t = tau[first];
      double ab = sch.alphaBar(t);
      double sigma = sch.sigma(t);
      float[] z = encoded.lattice();
      int[] cls = encoded.elementIndices();
      float[][] f = encoded.fracCoords();
      int k = encoded.siteCount();
      for (int i = 0; i < seeds.length; i++) {
        rng[i] = new SplittableRandom(seeds[i]);
        atoms[i] = k;
        for (int d = 0; d < 6; d++) {
          lat[i * 6 + d] = (float) (Math.sqrt(ab) * z[d]
              + Math.sqrt(1 - ab) * rng[i].nextGaussian());
        }
        for (int s = 0; s < k; s++) {
          mask[i * n + s] = 1f;
          for (int j = 0; j < a; j++) {
            double x0 = j == cls[s] - 1 ? 1 : 0;
            typ[(i * n + s) * a + j] = (float) (Math.sqrt(ab) * x0
                + Math.sqrt(1 - ab) * rng[i].nextGaussian());
          }
          for (int d = 0; d < 3; d++) {
            frac[(i * n + s) * 3 + d] = (float) Structure.wrap(f[s][d]
                + sigma * rng[i].nextGaussian());
          }
        }
      }
      return first;
    }
  }

  /** The guidance step of every reverse step (see {@link EnergyGuidance#strength()}). */
  private static final class Energy {
    private final EnergyGuide guide;
    private final PropertyObjective objective;
    private final double strength;

    Energy(EnergyGuide guide, PropertyObjective objective, double strength) {
      this.guide = guide;
      this.objective = objective;
      this.strength = strength;
    }

    void step(int b, int n, int[] atoms, float[] lat, float[] typ, float[] frac,
        boolean[] allowed, double variance, double sigma2) {
      if (strength == 0 || !(variance > 0 || sigma2 > 0)) {
        return;
      }
      EnergyGuide.Result r = guide.of(b, n, atoms, lat, typ, frac, allowed);
      int a = typ.length / (b * n);
      for (int i = 0; i < b; i++) {
        double v = r.values()[i];
        if (Double.isNaN(v)) {
          continue;
        }
        double dl = switch (objective.goal()) {
          case MINIMIZE -> 1;
          case MAXIMIZE -> -1;
          case TARGET -> 2 * (v - objective.target());
        };
        double w = strength * dl;
        for (int d = 0; d < 6; d++) {
          lat[i * 6 + d] -= (float) (w * variance * r.lattice()[i * 6 + d]);
        }
        for (int q = i * n * a; q < (i * n + atoms[i]) * a; q++) {
          typ[q] -= (float) (w * variance * r.types()[q]);
        }
        for (int q = i * n * 3; q < (i * n + atoms[i]) * 3; q++) {
          frac[q] = (float) Structure.wrap(frac[q] - w * sigma2 * r.frac()[q]);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "DiffusionSampler[" + steps + " steps, guidance " + guidance + ", corrector "
        + correctorStep + ", " + repulsion + ", greedy types from " + greedyTypes + " T, "
        + (drawConditions ? "conditions drawn from the training rows, " : "") + model + "]";
  }
}
