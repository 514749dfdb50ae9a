package org.invdes.core.matching;

import java.util.Locale;

/**
 * The best superposition of two structures found by {@link StructureMatcher#match}: pymatgen's
 * {@code get_rms_dist} figures plus the site pairing.
 *
 * <p>Distances are normalised, i.e. divided by the average free length per atom (V / N)^(1/3), where V
 * (Å³) is the volume of the averaged cell both structures are placed on and N the number of sites
 * compared; so they are dimensionless and comparable to the matcher's {@code stol}.
 *
 * <p>Site indices refer to {@link #first()} and {@link #second()}, the reduced cells the matcher
 * compared (see {@link ReducedStructure#structure()}), not to the structures as given.
 */
public final class MatchResult {

  private final double rms;
  private final double maxDistance;
  private final int supercellSize;
  private final int[][] pairs;
  private final ReducedStructure first;
  private final ReducedStructure second;

  MatchResult(double rms, double maxDistance, int supercellSize, int[][] pairs, ReducedStructure first,
              ReducedStructure second) {
    this.rms = rms;
    this.maxDistance = maxDistance;
    this.supercellSize = supercellSize;
    this.pairs = pairs;
    this.first = first;
    this.second = second;
  }

  /** @return the root-mean-square displacement of the paired sites, normalised (dimensionless, ≥ 0) */
  public double rms() {
    return rms;
  }

  /** @return the largest displacement of a paired site, normalised (dimensionless, ≥ {@link #rms()}) */
  public double maxDistance() {
    return maxDistance;
  }

  /**
   * @return how many reduced cells of the smaller structure were stacked to compare it with the
   *     larger one (1 unless the matcher's {@code attemptSupercell} option found a supercell match)
   */
  public int supercellSize() {
    return supercellSize;
  }

  /**
   * The site pairing: one pair {i, j} per site of the larger reduced cell (of the
   * {@code supercellSize()} copies of the smaller one): site i of {@link #first()} sits on site j of
   * {@link #second()}. With supercellSize 1 it is a bijection.
   *
   * @return a new array of {i, j} pairs
   */
  public int[][] pairs() {
    int[][] copy = new int[pairs.length][];
    for (int k = 0; k < pairs.length; k++) {
      copy[k] = pairs[k].clone();
    }
    return copy;
  }

  /** @return the first structure as the matcher reduced it */
  public ReducedStructure first() {
    return first;
  }

  /** @return the second structure as the matcher reduced it */
  public ReducedStructure second() {
    return second;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "MatchResult[rms=%.6f, maxDistance=%.6f, supercell=%d, %d pairs]",
        rms, maxDistance, supercellSize, pairs.length);
  }
}
