package org.invdes.core.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.invdes.core.structure.MinimumImage;
import org.invdes.core.structure.Structure;

/**
 * Structure validity as the CDVAE benchmark defines it ({@code structure_validity} in CDVAE's
 * {@code scripts/eval_utils.py}): the shortest distance between two different sites is at least
 * 0.5 Å and the cell volume is at least 0.1 Å³.
 *
 * <p>Algorithm:
 * <ol>
 *   <li>For every pair of sites i &lt; j take the minimum-image distance (Å) over all lattice
 *       translations (exact for any cell, see {@link MinimumImage}); a site's distance to its own
 *       periodic images is not counted, as in CDVAE, which pads the diagonal of the distance
 *       matrix. Every site counts as an atom whatever its occupancy.
 *   <li>The score is the shortest such distance, Å; {@code +∞} for a cell of one site.
 *   <li>The structure passes when score ≥ minDistance (default 0.5 Å) and the cell volume ≥
 *       minVolume (default 0.1 Å³); CDVAE rejects {@code min < 0.5} and {@code volume < 0.1}, so
 *       values exactly at a threshold pass.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class GeometricValidity implements StabilityCheck {

  /** The benchmark's shortest allowed distance between two sites: 0.5 Å. */
  public static final double DEFAULT_MIN_DISTANCE_ANGSTROM = 0.5;
  /** The benchmark's smallest allowed cell volume: 0.1 Å³. */
  public static final double DEFAULT_MIN_VOLUME_A3 = 0.1;

  private static final GeometricValidity STANDARD =
      new GeometricValidity(DEFAULT_MIN_DISTANCE_ANGSTROM, DEFAULT_MIN_VOLUME_A3);

  private final double minDistanceAngstrom;
  private final double minVolumeA3;
  private final String name;

  private GeometricValidity(double minDistanceAngstrom, double minVolumeA3) {
    this.minDistanceAngstrom = minDistanceAngstrom;
    this.minVolumeA3 = minVolumeA3;
    boolean standard = minDistanceAngstrom == DEFAULT_MIN_DISTANCE_ANGSTROM
        && minVolumeA3 == DEFAULT_MIN_VOLUME_A3;
    this.name = standard ? "geometric validity"
        : "geometric validity (distance >= " + Sites.g(minDistanceAngstrom) + " Å, volume >= "
            + Sites.g(minVolumeA3) + " Å³)";
  }

  /** @return the benchmark rule: distances ≥ 0.5 Å, volume ≥ 0.1 Å³ */
  public static GeometricValidity standard() {
    return STANDARD;
  }

  /**
   * The rule with other thresholds.
   *
   * @param minDistanceAngstrom shortest allowed distance between two sites, Å; finite, ≥ 0
   * @param minVolumeA3 smallest allowed cell volume, Å³; finite, ≥ 0
   * @return the check
   * @throws IllegalArgumentException naming the offending value
   */
  public static GeometricValidity of(double minDistanceAngstrom, double minVolumeA3) {
    if (!(minDistanceAngstrom >= 0) || Double.isInfinite(minDistanceAngstrom)) {
      throw new IllegalArgumentException(
          "minimum distance must be finite and >= 0 Å, got " + minDistanceAngstrom);
    }
    if (!(minVolumeA3 >= 0) || Double.isInfinite(minVolumeA3)) {
      throw new IllegalArgumentException(
          "minimum volume must be finite and >= 0 Å³, got " + minVolumeA3);
    }
    return new GeometricValidity(minDistanceAngstrom, minVolumeA3);
  }

  /** @return the shortest allowed distance between two sites, Å */
  public double minDistanceAngstrom() {
    return minDistanceAngstrom;
  }

  /** @return the smallest allowed cell volume, Å³ */
  public double minVolumeA3() {
    return minVolumeA3;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Checks distances and volume.
   *
   * @return a result whose score is the shortest distance between two different sites, Å
   *     ({@code +∞} for one site); the reason names the closest pair and its distance, and the
   *     volume, when they fail
   */
  @Override
  public CheckResult check(Structure structure) {
    Objects.requireNonNull(structure, "structure");
    ClosestPair closest = ClosestPair.of(structure);
    double volume = structure.volume();
    List<String> problems = new ArrayList<>(2);
    if (!(closest.distanceAngstrom >= minDistanceAngstrom)) {
      problems.add(Sites.describe(structure, closest.i) + " and "
          + Sites.describe(structure, closest.j) + " are " + Sites.f3(closest.distanceAngstrom)
          + " Å apart, closer than " + Sites.g(minDistanceAngstrom) + " Å");
    }
    if (!(volume >= minVolumeA3)) {
      problems.add("the cell volume " + Sites.f3(volume) + " Å³ is below "
          + Sites.g(minVolumeA3) + " Å³");
    }
    if (problems.isEmpty()) {
      return CheckResult.pass(name, closest.distanceAngstrom);
    }
    return CheckResult.fail(name, closest.distanceAngstrom, String.join("; ", problems));
  }

  /** The closest pair of different sites under the minimum-image convention. */
  static final class ClosestPair {
    final int i;
    final int j;
    final double distanceAngstrom;

    private ClosestPair(int i, int j, double distanceAngstrom) {
      this.i = i;
      this.j = j;
      this.distanceAngstrom = distanceAngstrom;
    }

    /** Steps 1 and 2 of the class description; (-1, -1, +∞) for a single site. */
    static ClosestPair of(Structure structure) {
      int n = structure.size();
      double[][] f = new double[n][];
      for (int k = 0; k < n; k++) {
        f[k] = structure.site(k).frac();
      }
      MinimumImage images = structure.lattice().minimumImage();
      double best = Double.POSITIVE_INFINITY;
      int bi = -1;
      int bj = -1;
      for (int a = 0; a < n; a++) {
        double[] fa = f[a];
        for (int b = a + 1; b < n; b++) {
          double[] fb = f[b];
          double d2 = images.distanceSquared(fa[0], fa[1], fa[2], fb[0], fb[1], fb[2]);
          if (d2 < best) {
            best = d2;
            bi = a;
            bj = b;
          }
        }
      }
      return new ClosestPair(bi, bj, Math.sqrt(best));
    }
  }
}
