/**
 * The field's evaluation metrics for generated crystals, as the CDVAE benchmark protocol defines
 * them (Xie et al., ICLR 2022; {@code reference/benchmarks.md}).
 *
 * <ul>
 *   <li>{@link org.invdes.core.metrics.GenerationMetrics}: validity, Wasserstein distances (EMD)
 *       of density, element count and a property, coverage (COV-R/COV-P, {@link
 *       org.invdes.core.metrics.Coverage}), uniqueness and novelty, for a generated set against a
 *       reference set and a training set; the figures in a {@link
 *       org.invdes.core.metrics.GenerationReport} (JSON).
 *   <li>{@link org.invdes.core.metrics.ReconstructionMetrics}: match rate and RMSE of
 *       reconstructions.
 *   <li>{@link org.invdes.core.metrics.SuccessRates}: SR5/SR10/SR15 of property optimisation.
 *   <li>{@link org.invdes.core.metrics.Distributions}: the 1-D Wasserstein distance.
 *   <li>Fingerprints: {@link org.invdes.core.metrics.MagpieFingerprint} (composition, matminer's
 *       Magpie statistics standardised as CDVAE does) and {@link
 *       org.invdes.core.metrics.CrystalNNFingerprint} (structure, matminer's CrystalNN "ops"
 *       fingerprint averaged over sites), built on {@link org.invdes.core.metrics.CrystalNN}
 *       (pymatgen's coordination-environment algorithm) and {@link
 *       org.invdes.core.metrics.LocalOrderParameter} (pymatgen's local order parameters).
 *   <li>{@link org.invdes.core.metrics.BenchmarkDataset}: the per-dataset constants (coverage
 *       thresholds, property percentiles).
 * </ul>
 *
 * <p>Units throughout: lengths in ångström (Å), densities in g/cm³, rates in percent unless a
 * name says fraction.
 */
package org.invdes.core.metrics;
