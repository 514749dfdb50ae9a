package org.invdes.core.encoding;

import java.util.Objects;

/**
 * Where each quantity sits in an encoded feature vector. Immutable; obtained from {@link
 * EncodingConfig#layout()}.
 *
 * <p>With N = {@link #maxSites()}, E = {@link #elementClasses()} (the vocabulary size plus the
 * "no atom" class 0), C = {@link #siteChannels()}, K = the number of Fourier reflections and
 * P = {@link #propertyCount()}, the vector of {@link #length()} = 6 + N·C + 2K + P floats is the
 * concatenation of:
 *
 * <ol>
 *   <li><b>lattice</b>, 6 floats at {@link #latticeOffset()} = 0: the normalised (ln a, ln b,
 *       ln c, α, β, γ) (see {@link EncodingConfig});
 *   <li><b>sites</b>, N rows of C floats at {@link #sitesOffset()} = 6, row i at {@link
 *       #siteOffset(int) siteOffset(i)}; within a row: the one-hot element class (E floats from
 *       {@link #elementChannel()} = 0; class 0 is "no atom"), the fractional coordinates x, y, z
 *       in [0, 1) (3 floats from {@link #coordinateChannel()} = E), and, if enabled, the
 *       occupancy (1 float at {@link #occupancyChannel()} = E + 3). Occupied rows come first in
 *       canonical order; padding rows are exactly (1, 0, …, 0) — class 0, zero coordinates,
 *       zero occupancy;
 *   <li><b>Fourier</b>, 2K floats at {@link #fourierOffset()}: Re F̂ and Im F̂ of each
 *       reflection in turn;
 *   <li><b>properties</b>, P floats at {@link #propertiesOffset()}: the normalised property
 *       values, NaN where a structure lacks the value.
 * </ol>
 *
 * <p>Tensor views: a batch of B vectors is a [B, length] matrix; its columns {@code [sitesOffset,
 * sitesOffset + N·C)} reshape to [B, N, C] (row-major, sites outer, channels inner) with no
 * reordering, as {@link Encoder#siteTensor(float[][])} does.
 */
public final class EncodingLayout {
  /** Number of lattice floats: (ln a, ln b, ln c, α, β, γ) normalised. */
  public static final int LATTICE_SIZE = 6;

  private final int maxSites;
  private final int elementClasses;
  private final boolean occupancy;
  private final int reflections;
  private final int propertyCount;

  EncodingLayout(int maxSites, int elementClasses, boolean occupancy, int reflections,
      int propertyCount) {
    this.maxSites = maxSites;
    this.elementClasses = elementClasses;
    this.occupancy = occupancy;
    this.reflections = reflections;
    this.propertyCount = propertyCount;
  }

  /** N: the number of site rows. */
  public int maxSites() {
    return maxSites;
  }

  /** E: the width of the one-hot element block, vocabulary size + 1 ("no atom" is class 0). */
  public int elementClasses() {
    return elementClasses;
  }

  /** True when site rows carry an occupancy channel. */
  public boolean hasOccupancy() {
    return occupancy;
  }

  /** C: floats per site row, E + 3 (+ 1 with the occupancy channel). */
  public int siteChannels() {
    return elementClasses + 3 + (occupancy ? 1 : 0);
  }

  /** Index of the first one-hot channel within a site row: 0. */
  public int elementChannel() {
    return 0;
  }

  /** Index of the x channel within a site row (y and z follow): E. */
  public int coordinateChannel() {
    return elementClasses;
  }

  /** Index of the occupancy channel within a site row, E + 3; −1 without that channel. */
  public int occupancyChannel() {
    return occupancy ? elementClasses + 3 : -1;
  }

  /** Offset of the lattice block: 0. */
  public int latticeOffset() {
    return 0;
  }

  /** Offset of the site block: 6. */
  public int sitesOffset() {
    return LATTICE_SIZE;
  }

  /**
   * Offset of site row i.
   *
   * @param site i in 0..N−1
   */
  public int siteOffset(int site) {
    if (site < 0 || site >= maxSites) {
      throw new IllegalArgumentException("site row " + site + " is outside 0.." + (maxSites - 1));
    }
    return LATTICE_SIZE + site * siteChannels();
  }

  /** Number of floats of the site block: N · C. */
  public int sitesSize() {
    return maxSites * siteChannels();
  }

  /** Offset of the Fourier block. */
  public int fourierOffset() {
    return LATTICE_SIZE + sitesSize();
  }

  /** Number of Fourier floats: 2 per reflection (0 when the features are off). */
  public int fourierSize() {
    return 2 * reflections;
  }

  /** Offset of the property block. */
  public int propertiesOffset() {
    return fourierOffset() + fourierSize();
  }

  /** P: the number of property floats. */
  public int propertyCount() {
    return propertyCount;
  }

  /** The total number of floats of one encoded structure. */
  public int length() {
    return propertiesOffset() + propertyCount;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EncodingLayout)) {
      return false;
    }
    EncodingLayout l = (EncodingLayout) o;
    return maxSites == l.maxSites && elementClasses == l.elementClasses
        && occupancy == l.occupancy && reflections == l.reflections
        && propertyCount == l.propertyCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxSites, elementClasses, occupancy, reflections, propertyCount);
  }

  @Override
  public String toString() {
    return "EncodingLayout[length=" + length() + ": lattice 6, sites " + maxSites + "x"
        + siteChannels() + " (" + elementClasses + " element classes, xyz"
        + (occupancy ? ", occupancy" : "") + "), fourier " + fourierSize() + ", properties "
        + propertyCount + "]";
  }
}
