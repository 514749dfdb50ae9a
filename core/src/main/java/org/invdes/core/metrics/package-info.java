/**
 * The field's evaluation metrics for generated crystals, as the CDVAE benchmark protocol defines
 * them (Xie et al., ICLR 2022; {@code reference/benchmarks.md}).
 *
 * <ul>
 *   <li>{@link org.invdes.core.metrics.Distributions}: the 1-D Wasserstein distance (EMD) between
 *       two samples.
 * </ul>
 *
 * <p>Units throughout: lengths in ångström (Å), densities in g/cm³, percentages in percent.
 */
package org.invdes.core.metrics;
