package org.invdes.core.model;

import java.util.Locale;

/**
 * Mean loss terms of the diffusion generator over some rows, each already multiplied by its
 * weight, at random diffusion times: lattice ε-MSE (per lattice component), coordinate score
 * matching σ_t² · |ŝ/σ_t − ∇ ln p|² (per coordinate of an atom) and type ε-MSE (per type channel
 * of an atom).
 *
 * @param total the weighted sum
 * @param lattice the lattice term
 * @param coordinates the coordinate term
 * @param types the type term
 */
public record DiffusionLossTerms(double total, double lattice, double coordinates, double types) {
  /** "total (lattice / coordinates / types)" with 4 decimals. */
  public String summary() {
    return String.format(Locale.ROOT, "%.4f (lattice %.4f, coordinates %.4f, types %.4f)", total,
        lattice, coordinates, types);
  }
}
