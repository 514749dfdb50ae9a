package org.invdes.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.invdes.core.matching.StructureMatcher;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.Validity;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * The generation metrics of the CDVAE benchmark ({@code reference/benchmarks.md}; CDVAE's {@code
 * scripts/compute_metrics.py}, class {@code GenEval}) for a generated set against a reference
 * (test) set.
 *
 * <p>Algorithm of {@link #evaluate}:
 * <ol>
 *   <li>For every readable generated crystal: structure validity and composition validity
 *       ({@link Validity}). Unreadable rows count as invalid on both; the rates divide by all
 *       generated rows.
 *   <li>Fingerprints ({@link CrystalFingerprint}) of every readable generated crystal and every
 *       reference crystal.
 *   <li>Valid crystals are those valid on both counts that have a structure fingerprint (CDVAE
 *       counts a crystal whose fingerprint fails as invalid).
 *   <li>Draw min(sample size, number valid) valid crystals without replacement with the seed
 *       (partial Fisher–Yates over {@link SplittableRandom}), as CDVAE draws its 1,000.
 *   <li>Wasserstein distances ({@link Distributions#wasserstein1}) between the draw and the whole
 *       reference set of: density (g/cm³), the number of distinct elements, and the named property
 *       when asked for (crystals without a numeric value of it are left out on either side).
 *   <li>Coverage ({@link Coverage}): COV-R and COV-P with the thresholds when given, and the mean
 *       nearest fingerprint distances.
 *   <li>Uniqueness: the valid crystals are grouped by the structure matcher ({@link
 *       StructureMatcher#groupStructures}, pymatgen's {@code group_structures}); uniqueness = number
 *       of groups / number of valid crystals.
 *   <li>Novelty, when a training set is given: the fraction of valid crystals that match no
 *       training crystal ({@link StructureMatcher#anyMatch}).
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class GenerationMetrics {
  private GenerationMetrics() {
  }

  /**
   * Evaluates a generated set.
   *
   * @param generated the generated crystals that could be read
   * @param unreadable how many more generated rows could not be read (counted invalid), ≥ 0
   * @param reference the reference (test) crystals, at least one
   * @param training the training crystals (for novelty), possibly empty
   * @param options sample size, seed, property, thresholds, threads
   * @param monitor progress and cancellation
   * @return every figure
   * @throws IllegalArgumentException if the reference set is empty or unreadable is negative
   * @throws org.invdes.core.progress.CancelledException if the monitor cancels
   */
  public static GenerationReport evaluate(List<Structure> generated, int unreadable,
      List<Structure> reference, List<Structure> training, EvaluationOptions options,
      ProgressMonitor monitor) {
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(monitor, "monitor");
    if (unreadable < 0) {
      throw new IllegalArgumentException("unreadable is " + unreadable + "; must be >= 0");
    }
    if (reference.isEmpty()) {
      throw new IllegalArgumentException("the reference set is empty");
    }
    int total = generated.size() + unreadable;
    List<boolean[]> verdicts = Parallel.map(generated.size(), i -> new boolean[] {
        Validity.structureValid(generated.get(i)), Validity.compositionValid(generated.get(i))},
        options.threads(), monitor, 0.0, 0.1, "validity");
    List<CrystalFingerprint> generatedPrints = Parallel.map(generated.size(),
        i -> CrystalFingerprint.of(generated.get(i)).orElse(null), options.threads(), monitor,
        0.1, 0.5, "fingerprints of generated crystals");
    List<CrystalFingerprint> referencePrints = Parallel.map(reference.size(),
        i -> CrystalFingerprint.of(reference.get(i)).orElse(null), options.threads(), monitor,
        0.5, 0.8, "fingerprints of reference crystals");
    int structValid = 0;
    int compValid = 0;
    List<Structure> valid = new ArrayList<>();
    for (int i = 0; i < generated.size(); i++) {
      boolean[] v = verdicts.get(i);
      structValid += v[0] ? 1 : 0;
      compValid += v[1] ? 1 : 0;
      if (v[0] && v[1] && generatedPrints.get(i) != null) {
        valid.add(generated.get(i));
      }
    }
    GenerationReport.ValidityRates validity = new GenerationReport.ValidityRates(
        percent(structValid, total), percent(compValid, total), percent(valid.size(), total));
    monitor.checkCancelled("generation metrics");
    List<Structure> sample = draw(valid, options.sampleSize(), options.seed());
    GenerationReport.DistributionDistances distances = distances(sample, reference, options);
    Coverage.Report coverage = Coverage.compute(Coverage.present(generatedPrints), total,
        Coverage.present(referencePrints), options.thresholds().orElse(null), options.threads(),
        new SubMonitor(monitor, 0.8, 0.9));
    GenerationReport.Diversity diversity = diversity(valid, training, options, monitor);
    monitor.progress(1.0, "generation metrics done");
    return new GenerationReport(
        new GenerationReport.Counts(total, unreadable, reference.size(), training.size()),
        validity, distances, coverage, diversity);
  }

  private static GenerationReport.Diversity diversity(List<Structure> valid,
      List<Structure> training, EvaluationOptions options, ProgressMonitor monitor) {
    StructureMatcher matcher = options.matcher();
    String description = String.format(java.util.Locale.ROOT, "ltol %s, stol %s, angle_tol %s",
        matcher.ltol(), matcher.stol(), matcher.angleTol());
    if (valid.isEmpty()) {
      return new GenerationReport.Diversity(description, 0, null, null);
    }
    monitor.progress(0.9, "grouping " + valid.size() + " valid crystals");
    StructureMatcher parallel = withThreads(matcher, options.threads());
    int groups = inPool(options.threads(), () -> parallel.groupStructures(valid)).size();
    Double unique = percent(groups, valid.size());
    Double novel = null;
    if (!training.isEmpty()) {
      monitor.checkCancelled("generation metrics");
      StructureMatcher.Index index = inPool(options.threads(), () -> parallel.index(training));
      List<Boolean> known = Parallel.map(valid.size(), i -> matcher.anyMatch(valid.get(i), index),
          options.threads(), monitor, 0.95, 1.0, "novelty");
      int fresh = 0;
      for (boolean k : known) {
        fresh += k ? 0 : 1;
      }
      novel = percent(fresh, valid.size());
    }
    return new GenerationReport.Diversity(description, valid.size(), unique, novel);
  }

  /** The same matcher, parallel when more than one thread is allowed. */
  private static StructureMatcher withThreads(StructureMatcher m, int threads) {
    return StructureMatcher.builder().ltol(m.ltol()).stol(m.stol()).angleTol(m.angleTol())
        .primitiveCell(m.primitiveCell()).scale(m.scale()).attemptSupercell(m.attemptSupercell())
        .primitiveTolerance(m.primitiveTolerance()).parallel(threads > 1).build();
  }

  /** Runs work in a fork-join pool of the given size, so parallel streams use that many threads. */
  private static <T> T inPool(int threads, java.util.concurrent.Callable<T> work) {
    if (threads <= 1) {
      try {
        return work.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
    try {
      return pool.submit(work).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.invdes.core.progress.CancelledException("structure matching was interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /**
   * CDVAE's {@code Crystal.valid}: structure valid, composition valid ({@link Validity}) and a
   * structure fingerprint can be computed ({@link CrystalNNFingerprint#of}).
   *
   * @param crystal a crystal
   * @return whether CDVAE's evaluation counts it as valid
   */
  public static boolean valid(Structure crystal) {
    return Validity.valid(crystal) && CrystalNNFingerprint.of(crystal).isPresent();
  }

  /**
   * A seeded draw without replacement: the first {@code min(n, size)} entries of a partial
   * Fisher–Yates shuffle of the list's indices with {@code new SplittableRandom(seed)}.
   *
   * @param items the population
   * @param n how many to draw, ≥ 0
   * @param seed the seed
   * @param <T> the item type
   * @return the drawn items, in draw order; all items (shuffled) when n ≥ size
   */
  public static <T> List<T> draw(List<T> items, int n, long seed) {
    Objects.requireNonNull(items, "items");
    if (n < 0) {
      throw new IllegalArgumentException("cannot draw " + n + " items");
    }
    int size = items.size();
    int k = Math.min(n, size);
    int[] index = new int[size];
    for (int i = 0; i < size; i++) {
      index[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<T> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(size - i);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
      out.add(items.get(index[i]));
    }
    return out;
  }

  /**
   * @param structure a crystal
   * @return the number of distinct elements on its sites (occupancies ignored), as pymatgen's
   *     {@code len(set(structure.species))} for an ordered crystal
   */
  public static int distinctElements(Structure structure) {
    java.util.Set<Element> elements = new java.util.HashSet<>();
    for (Site s : structure.sites()) {
      elements.addAll(s.species().keySet());
    }
    return elements.size();
  }

  private static GenerationReport.DistributionDistances distances(List<Structure> sample,
      List<Structure> reference, EvaluationOptions options) {
    Double density = null;
    Double numElements = null;
    if (!sample.isEmpty()) {
      density = Distributions.wasserstein1(values(sample, Structure::density),
          values(reference, Structure::density));
      numElements = Distributions.wasserstein1(values(sample, s -> distinctElements(s)),
          values(reference, s -> distinctElements(s)));
    }
    String property = options.property().orElse(null);
    Integer propertySamples = null;
    Integer propertyReference = null;
    Double propertyDistance = null;
    if (property != null) {
      double[] p = propertyValues(sample, property);
      double[] q = propertyValues(reference, property);
      propertySamples = p.length;
      propertyReference = q.length;
      if (p.length > 0 && q.length > 0) {
        propertyDistance = Distributions.wasserstein1(p, q);
      }
    }
    return new GenerationReport.DistributionDistances(sample.size(), options.seed(), density,
        numElements, property, propertySamples, propertyReference, propertyDistance);
  }

  private static double[] values(List<Structure> structures,
      java.util.function.ToDoubleFunction<Structure> f) {
    double[] out = new double[structures.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(structures.get(i));
    }
    return out;
  }

  private static double[] propertyValues(List<Structure> structures, String property) {
    List<Double> list = new ArrayList<>();
    for (Structure s : structures) {
      OptionalDouble v = s.doubleProperty(property);
      if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
        list.add(v.getAsDouble());
      }
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  static Double percent(int count, int total) {
    return total == 0 ? null : 100.0 * count / total;
  }
}
