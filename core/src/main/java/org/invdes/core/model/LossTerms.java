package org.invdes.core.model;

import java.util.Locale;

/**
 * The terms of the CVAE loss, each the mean over the rows of a batch or data set of a per-row
 * sum, unweighted; {@code total} is the weighted sum that training minimises (with the KL weight
 * in force). Units: {@code elements} in nats per structure (cross-entropy summed over the N site
 * rows, "no atom" included); {@code coordinates} in squared fractional units per structure
 * (minimum-image differences d − round(d), summed over the 3 coordinates of the occupied rows);
 * {@code lattice} in squared normalised units (sum over the 6 components); {@code kl} in nats
 * (KL(q(z | x, c) ‖ p(z | c)) summed over the latent dimensions); {@code property} in squared
 * normalised units (summed over the known properties); {@code distance} in Å² per structure
 * (the distance penalty of {@link CvaeConfig#minDistance()}, training rows plus prior draws).
 *
 * @param total the weighted sum
 * @param elements element cross-entropy
 * @param coordinates periodic coordinate loss
 * @param lattice lattice MSE
 * @param kl Kullback-Leibler divergence
 * @param property property MSE of the property head
 * @param distance penalty of decoded atoms closer than the minimum distance
 */
public record LossTerms(double total, double elements, double coordinates, double lattice,
    double kl, double property, double distance) {

  /** A one-line summary, e.g. for progress messages. */
  public String summary() {
    return String.format(Locale.ROOT,
        "%.4f (elements %.4f, coordinates %.5f, lattice %.5f, KL %.3f, property %.4f,"
        + " distance %.5f)", total, elements, coordinates, lattice, kl, property, distance);
  }
}
