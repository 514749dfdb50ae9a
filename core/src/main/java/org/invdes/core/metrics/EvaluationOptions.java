package org.invdes.core.metrics;

import java.util.Objects;
import java.util.Optional;
import org.invdes.core.matching.StructureMatcher;

/**
 * How {@link GenerationMetrics} evaluates a generated set. Immutable; start from {@link
 * #defaults()} and change settings with the {@code with*} methods.
 *
 * <ul>
 *   <li>sample size: how many valid generated crystals the distribution distances use (CDVAE:
 *       1,000), drawn without replacement with the seed;
 *   <li>seed: the seed of that draw, so a run can be repeated exactly;
 *   <li>property: the name of a numeric structure property present on both sides whose
 *       distribution distance is wanted (none by default);
 *   <li>coverage thresholds: δs and δc for COV-R/COV-P (none by default: the coverage figures
 *       other than COV-R/COV-P are still computed);
 *   <li>matcher: the structure matcher of uniqueness and novelty (default: pymatgen's defaults,
 *       ltol 0.2, stol 0.3, angle_tol 5°);
 *   <li>threads: how many threads compute fingerprints and matches (default: one per processor).
 * </ul>
 */
public final class EvaluationOptions {
  /** CDVAE's number of valid samples for the distribution distances. */
  public static final int DEFAULT_SAMPLE_SIZE = 1000;
  /** The seed used unless another is given. */
  public static final long DEFAULT_SEED = 42L;

  private final int sampleSize;
  private final long seed;
  private final String property;
  private final CoverageThresholds thresholds;
  private final int threads;
  private final StructureMatcher matcher;

  private EvaluationOptions(int sampleSize, long seed, String property,
      CoverageThresholds thresholds, int threads, StructureMatcher matcher) {
    this.sampleSize = sampleSize;
    this.seed = seed;
    this.property = property;
    this.thresholds = thresholds;
    this.threads = threads;
    this.matcher = matcher;
  }

  /**
   * @return sample size {@value #DEFAULT_SAMPLE_SIZE}, seed {@value #DEFAULT_SEED}, no property,
   *     no coverage thresholds, one thread per available processor, {@link
   *     StructureMatcher#defaults()}
   */
  public static EvaluationOptions defaults() {
    return new EvaluationOptions(DEFAULT_SAMPLE_SIZE, DEFAULT_SEED, null, null,
        Runtime.getRuntime().availableProcessors(), StructureMatcher.defaults());
  }

  /**
   * @param n the number of valid generated crystals to draw for the distribution distances, ≥ 1
   * @return these options with that sample size
   */
  public EvaluationOptions withSampleSize(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("sample size is " + n + "; must be >= 1");
    }
    return new EvaluationOptions(n, seed, property, thresholds, threads, matcher);
  }

  /**
   * @param newSeed the seed of every random choice
   * @return these options with that seed
   */
  public EvaluationOptions withSeed(long newSeed) {
    return new EvaluationOptions(sampleSize, newSeed, property, thresholds, threads, matcher);
  }

  /**
   * @param name a numeric structure property, e.g. {@code heat_ref}; blank is refused
   * @return these options with that property
   */
  public EvaluationOptions withProperty(String name) {
    Objects.requireNonNull(name, "property");
    if (name.isBlank()) {
      throw new IllegalArgumentException("property name is blank");
    }
    return new EvaluationOptions(sampleSize, seed, name, thresholds, threads, matcher);
  }

  /**
   * @param t the coverage thresholds, e.g. {@link BenchmarkDataset#coverageThresholds()}
   * @return these options with those thresholds
   */
  public EvaluationOptions withThresholds(CoverageThresholds t) {
    return new EvaluationOptions(sampleSize, seed, property, Objects.requireNonNull(t, "t"),
        threads, matcher);
  }

  /**
   * @param n the number of worker threads, ≥ 1
   * @return these options with that many threads
   */
  public EvaluationOptions withThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads is " + n + "; must be >= 1");
    }
    return new EvaluationOptions(sampleSize, seed, property, thresholds, n, matcher);
  }

  /**
   * @param m the structure matcher for uniqueness and novelty
   * @return these options with that matcher
   */
  public EvaluationOptions withMatcher(StructureMatcher m) {
    return new EvaluationOptions(sampleSize, seed, property, thresholds, threads,
        Objects.requireNonNull(m, "m"));
  }

  /** @return the number of valid generated crystals drawn for the distribution distances */
  public int sampleSize() {
    return sampleSize;
  }

  /** @return the seed of every random choice */
  public long seed() {
    return seed;
  }

  /** @return the property whose distribution distance is wanted, if any */
  public Optional<String> property() {
    return Optional.ofNullable(property);
  }

  /** @return the coverage thresholds, if any */
  public Optional<CoverageThresholds> thresholds() {
    return Optional.ofNullable(thresholds);
  }

  /** @return the number of worker threads */
  public int threads() {
    return threads;
  }

  /** @return the structure matcher of uniqueness and novelty */
  public StructureMatcher matcher() {
    return matcher;
  }

  @Override
  public String toString() {
    return "EvaluationOptions[sampleSize=" + sampleSize + ", seed=" + seed + ", property="
        + property + ", thresholds=" + thresholds + ", threads=" + threads + ", matcher="
        + matcher + "]";
  }
}
