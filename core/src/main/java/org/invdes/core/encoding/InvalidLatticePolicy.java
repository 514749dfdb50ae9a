package org.invdes.core.encoding;

/**
 * What decoding does with lattice parameters that make no cell (an angle outside (0°, 180°),
 * three angles that cannot close a cell, a non-representable length), as a generative model may
 * produce. Values decoded from a real structure's encoding never need either.
 */
public enum InvalidLatticePolicy {
  /**
   * Move the parameters to a valid cell, as documented on {@link Encoder#decode(float[])}: lengths
   * and angles clamped into their ranges, then the angles pulled toward 90° just far enough for
   * the cell to close.
   */
  REPAIR,
  /** Throw an {@link IllegalArgumentException} naming the decoded parameters. */
  REJECT
}
