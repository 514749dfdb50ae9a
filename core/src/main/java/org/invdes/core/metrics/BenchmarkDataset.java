package org.invdes.core.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The three datasets of the CDVAE benchmark with the constants its evaluation uses for each: the
 * coverage cut-offs and the property-optimisation percentiles.
 *
 * <p>Source: CDVAE (Xie et al., ICLR 2022), repository txie-93/cdvae, {@code
 * scripts/compute_metrics.py} ({@code COV_Cutoffs} and {@code Percentiles}, MIT licence); the
 * coverage cut-offs and the Perov-5 percentiles are also quoted in {@code reference/benchmarks.md}.
 * The percentiles are the 5th, 10th and 15th percentiles of the dataset's optimisation property
 * ({@link #property()}), in its unit.
 */
public enum BenchmarkDataset {
  /** Perov-5: ABX₃ perovskites; property {@code heat_ref}, eV/atom. */
  PEROV_5("perov_5", 0.2, 4.0, "heat_ref", new double[] {0.43924842, 0.61202443, 0.7364607}),
  /** Carbon-24: pure carbon; property {@code energy_per_atom}, eV/atom. */
  CARBON_24("carbon_24", 0.2, 4.0, "energy_per_atom",
      new double[] {-154.527093, -154.45865733, -154.44206825}),
  /** MP-20: Materials Project crystals; property {@code formation_energy_per_atom}, eV/atom. */
  MP_20("mp_20", 0.4, 10.0, "formation_energy_per_atom",
      new double[] {-3.17562208, -2.82196882, -2.52814761});

  private final String id;
  private final double structureCutoff;
  private final double compositionCutoff;
  private final String property;
  private final double[] percentiles;

  BenchmarkDataset(String id, double structureCutoff, double compositionCutoff, String property,
      double[] percentiles) {
    this.id = id;
    this.structureCutoff = structureCutoff;
    this.compositionCutoff = compositionCutoff;
    this.property = property;
    this.percentiles = percentiles;
  }

  /** @return the dataset's name as the command line and the data folders spell it, e.g. {@code perov_5} */
  public String id() {
    return id;
  }

  /**
   * @return δs, the coverage cut-off on the Euclidean distance between CrystalNN structure
   *     fingerprints (dimensionless)
   */
  public double structureCutoff() {
    return structureCutoff;
  }

  /**
   * @return δc, the coverage cut-off on the Euclidean distance between standardised Magpie
   *     composition fingerprints (dimensionless)
   */
  public double compositionCutoff() {
    return compositionCutoff;
  }

  /** @return the coverage thresholds (δs, δc) of this dataset */
  public CoverageThresholds coverageThresholds() {
    return CoverageThresholds.of(structureCutoff, compositionCutoff);
  }

  /** @return the dataset column the benchmark optimises (lower is better) */
  public String property() {
    return property;
  }

  /**
   * @return the 5th, 10th and 15th percentiles of {@link #property()} over the dataset, in its
   *     unit (eV/atom); a fresh copy
   */
  public double[] percentiles() {
    return percentiles.clone();
  }

  /**
   * The dataset of a name.
   *
   * @param name {@code perov_5}, {@code carbon_24} or {@code mp_20}; case and the separator
   *     ({@code _}, {@code -} or none) do not matter
   * @return the dataset, or empty for another name
   */
  public static Optional<BenchmarkDataset> lookup(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return Arrays.stream(values()).filter(d -> d.id.replace("_", "").equals(key)).findFirst();
  }
}
