package org.invdes.core.encoding;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The canonical order of the sites of one cell ({@link EncodingConfig#SITE_ORDER}).
 *
 * <p>Sites are sorted by:
 *
 * <ol>
 *   <li>atomic number, descending;
 *   <li>the coordinates snapped to a grid of {@value #GRID} steps per cell edge, compared x, then
 *       y, then z: q = round(w · {@value #GRID}) mod {@value #GRID} for the wrapped coordinate w
 *       in [0, 1);
 *   <li>the exact wrapped coordinates x, y, z;
 *   <li>occupancy, descending.
 * </ol>
 *
 * <p>Why the grid: a plain lexicographic sort on the coordinates reorders two sites of the same
 * element whenever noise swaps their x values, and symmetric crystals are full of such ties
 * (e.g. the three anions of a perovskite at (½, 0, ½), (½, ½, 0), (0, ½, ½)); it also sends a
 * site at x = −10⁻⁹ to the end of the list (x wraps to 0.999…) while its twin at +10⁻⁹ comes
 * first. Snapping first makes the order stable for every site within 1/(2·{@value #GRID}) of a
 * grid point: the grid holds every special Wyckoff coordinate (all multiples of 1/24, so 0, ½,
 * ⅓, ¼, ⅙, ⅛, 1/12, 1/24 …), so sites on special positions keep their order under noise up to
 * 0.002 fractional (0.002 × 45 Å ≈ 0.09 Å on the longest MP-20 edge), and the wrap-around is
 * handled because round(w · {@value #GRID}) = {@value #GRID} maps to 0. Sites at general
 * positions can still change order, but only when two sites of the same element share the grid
 * cells of the earlier coordinates and one of them is within noise of a cell boundary. Steps 3
 * and 4 only separate sites that the grid cannot tell apart; sites equal in all four keys are
 * identical, so their relative order does not change the encoding, which is therefore exactly
 * invariant under any permutation of the input sites.
 */
final class SiteOrder {
  /** Grid steps per cell edge (240 = 2⁴·3·5; every multiple of 1/24 is a grid point). */
  static final int GRID = 240;

  private SiteOrder() {
  }

  /** Grid cell of a wrapped coordinate w in [0, 1): round(w · GRID) mod GRID. */
  static int gridCell(double wrapped) {
    return (int) (Math.round(wrapped * GRID) % GRID);
  }

  /**
   * The canonical permutation.
   *
   * @param atomicNumbers Z of each site
   * @param wrapped wrapped fractional coordinates of each site, each in [0, 1)
   * @param occupancy occupancy of each site
   * @return {@code order} such that site {@code order[r]} goes to row r
   */
  static int[] order(int[] atomicNumbers, double[][] wrapped, double[] occupancy) {
    int n = atomicNumbers.length;
    int[][] cells = new int[n][3];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        cells[i][k] = gridCell(wrapped[i][k]);
      }
    }
    Comparator<Integer> byKey = (i, j) -> {
      int c = Integer.compare(atomicNumbers[j], atomicNumbers[i]);
      for (int k = 0; k < 3 && c == 0; k++) {
        c = Integer.compare(cells[i][k], cells[j][k]);
      }
      for (int k = 0; k < 3 && c == 0; k++) {
        c = Double.compare(wrapped[i][k], wrapped[j][k]);
      }
      if (c == 0) {
        c = Double.compare(occupancy[j], occupancy[i]);
      }
      return c;
    };
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, byKey);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = idx[i];
    }
    return out;
  }
}
