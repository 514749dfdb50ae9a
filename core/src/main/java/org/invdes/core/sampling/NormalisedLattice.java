package org.invdes.core.sampling;

import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.structure.Lattice;

/**
 * The diffusion sampler's lattice state, six normalised values z per row, as lattice
 * parameters: u = z · scale + mean with u = (ln a, ln b, ln c, α, β, γ) of the encoding.
 * Immutable.
 */
final class NormalisedLattice {
  private final double[] mean;
  private final double[] scale;

  /** @param encoding the generator's encoding (its lattice normalisation) */
  NormalisedLattice(EncodingConfig encoding) {
    this.mean = encoding.latticeMean().clone();
    this.scale = encoding.latticeScale().clone();
  }

  /** The scale of component d (z → u). */
  double scale(int d) {
    return scale[d];
  }

  /** a, b, c (Å) and α, β, γ (°) of row i of {@code lat} ([rows · 6]). */
  double[] parameters(float[] lat, int i) {
    double[] p = new double[6];
    for (int d = 0; d < 6; d++) {
      double u = lat[i * 6 + d] * scale[d] + mean[d];
      p[d] = d < 3 ? Math.exp(u) : u;
    }
    return p;
  }

  /** The lattice of row i, or null if its parameters describe none. */
  Lattice lattice(float[] lat, int i) {
    double[] p = parameters(lat, i);
    try {
      return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
    } catch (IllegalArgumentException noLattice) {
      return null;
    }
  }
}
