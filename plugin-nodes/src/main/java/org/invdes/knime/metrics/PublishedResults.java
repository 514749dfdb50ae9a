package org.invdes.knime.metrics;

import java.util.Map;
import java.util.Optional;

/**
 * The generation figures CDVAE published for the three benchmark datasets (10,000 samples
 * each), to show beside a user's own. Source: Xie, Fu, Ganea, Barzilay, Jaakkola, "Crystal
 * Diffusion Variational Autoencoder for Periodic Material Generation", ICLR 2022, generation
 * table (as quoted in the project's {@code reference/benchmarks.md}); a dash there (a figure that
 * does not apply, e.g. composition validity of pure carbon) is absent here.
 */
final class PublishedResults {
  private PublishedResults() {}

  private static final Map<String, Map<String, Double>> CDVAE = Map.of(
      "perov_5", Map.of("struct_valid_pct", 100.0, "comp_valid_pct", 98.59,
          "cov_recall_pct", 99.45, "cov_precision_pct", 98.46, "wdist_density", 0.1258,
          "wdist_num_elems", 0.0628),
      "carbon_24", Map.of("struct_valid_pct", 100.0, "cov_recall_pct", 99.80,
          "cov_precision_pct", 83.08, "wdist_density", 0.1407),
      "mp_20", Map.of("struct_valid_pct", 100.0, "comp_valid_pct", 86.70,
          "cov_recall_pct", 99.15, "cov_precision_pct", 99.49, "wdist_density", 0.6875,
          "wdist_num_elems", 1.432));

  /** @return CDVAE's published value of the metric on the dataset, if there is one */
  static Optional<Double> cdvae(String dataset, String metric) {
    return Optional.ofNullable(CDVAE.getOrDefault(dataset, Map.of()).get(metric));
  }
}
