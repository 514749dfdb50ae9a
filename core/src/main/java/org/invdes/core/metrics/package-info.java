/**
 * Metrics of generated structures against reference sets, as the CDVAE benchmark protocol
 * defines them (see the project's benchmark reference). So far: the Wasserstein-1 distance
 * between two empirical distributions, used for the density EMD.
 */
package org.invdes.core.metrics;
