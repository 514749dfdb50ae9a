package org.invdes.core.matching;

import java.util.Arrays;
import java.util.Optional;

/**
 * Minimum-cost assignment (the linear sum assignment problem) by the Hungarian method in its
 * shortest-augmenting-path form with dual potentials, O(n² m) for n rows and m ≥ n columns.
 *
 * <p>Problem: given costs c[i][j] (finite, or {@code +∞} for a forbidden pair), choose for every row
 * i a distinct column σ(i) so that Σᵢ c[i][σ(i)] is minimal. The result is exact: the algorithm
 * keeps dual potentials u (rows) and v (columns) with c[i][j] − u[i] − v[j] ≥ 0 everywhere and = 0
 * on the assigned pairs, which proves optimality (rounding aside, relative ~1e-15 of the costs).
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Start with all potentials 0 and nothing assigned.
 *   <li>For each row r in turn, grow a Dijkstra-like tree from r over the reduced costs
 *       c[i][j] − u[i] − v[j]: repeatedly pick the unvisited column with the smallest tentative
 *       distance δ, visit it, and shift the potentials of the tree by δ so that its edge becomes
 *       tight. If δ is +∞ no augmenting path exists: no assignment of finite cost exists, stop.
 *   <li>When the visited column is free, flip the assignment along the tree path back to r (one
 *       more row assigned); continue with the next row.
 * </ol>
 *
 * <p>Instances hold work arrays sized for a capacity and are not thread-safe; the static
 * {@link #solve(double[][])} allocates its own.
 */
public final class LinearAssignment {

  private int capacityRows;
  private int capacityCols;
  private double[] u;
  private double[] v;
  private double[] minDist;
  private int[] colRow;
  private int[] way;
  private boolean[] used;

  /** A solver with work arrays for problems up to 16 × 16; they grow when needed. */
  LinearAssignment() {
    ensureCapacity(16, 16);
  }

  /**
   * Solves an assignment problem.
   *
   * @param costs n × m cost matrix with 1 ≤ n ≤ m (rows may not outnumber columns); entries must be
   *     finite or {@code +∞} (forbidden pair); not modified
   * @return for each row the column assigned to it, or empty if every assignment of all rows uses a
   *     forbidden pair
   * @throws IllegalArgumentException if the matrix is empty, ragged, has more rows than columns, or
   *     holds NaN or −∞ (the message names the entry)
   */
  public static Optional<int[]> solve(double[][] costs) {
    if (costs == null || costs.length == 0) {
      throw new IllegalArgumentException("cost matrix is empty");
    }
    int n = costs.length;
    int m = costs[0] == null ? 0 : costs[0].length;
    if (m < n) {
      throw new IllegalArgumentException(
          "cost matrix has " + n + " rows but " + m + " columns; needs at least as many columns as rows");
    }
    double[] flat = new double[n * m];
    for (int i = 0; i < n; i++) {
      if (costs[i] == null || costs[i].length != m) {
        throw new IllegalArgumentException("cost matrix row " + i + " has "
            + (costs[i] == null ? "no" : String.valueOf(costs[i].length)) + " entries; row 0 has " + m);
      }
      for (int j = 0; j < m; j++) {
        double c = costs[i][j];
        if (Double.isNaN(c) || c == Double.NEGATIVE_INFINITY) {
          throw new IllegalArgumentException(
              "cost [" + i + "][" + j + "] is " + c + "; must be finite or +Infinity");
        }
        flat[i * m + j] = c;
      }
    }
    int[] result = new int[n];
    LinearAssignment solver = new LinearAssignment();
    return solver.solve(flat, n, m, result) ? Optional.of(result) : Optional.empty();
  }

  /**
   * Solves without validation or allocation (after the work arrays have grown to size).
   *
   * @param costs row-major n × m costs, finite or +∞; not modified
   * @param n rows, ≥ 1
   * @param m columns, ≥ n
   * @param rowToCol receives the column of each row (length ≥ n)
   * @return false if no assignment of finite cost exists (rowToCol is then undefined)
   */
  boolean solve(double[] costs, int n, int m, int[] rowToCol) {
    ensureCapacity(n, m);
    // Indices: rows 1..n, columns 1..m; column 0 is the virtual root of each search tree.
    Arrays.fill(u, 0, n + 1, 0.0);
    Arrays.fill(v, 0, m + 1, 0.0);
    Arrays.fill(colRow, 0, m + 1, 0);
    for (int r = 1; r <= n; r++) {
      // Step 2: grow the tree from row r.
      colRow[0] = r;
      int col0 = 0;
      Arrays.fill(minDist, 0, m + 1, Double.POSITIVE_INFINITY);
      Arrays.fill(used, 0, m + 1, false);
      do {
        used[col0] = true;
        int row0 = colRow[col0];
        double delta = Double.POSITIVE_INFINITY;
        int col1 = -1;
        int base = (row0 - 1) * m - 1;
        double ur = u[row0];
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double reduced = costs[base + j] - ur - v[j];
            if (reduced < minDist[j]) {
              minDist[j] = reduced;
              way[j] = col0;
            }
            if (minDist[j] < delta) {
              delta = minDist[j];
              col1 = j;
            }
          }
        }
        if (col1 < 0) {
          // every remaining reduced cost is +∞: row r cannot be assigned
          return false;
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[colRow[j]] += delta;
            v[j] -= delta;
          } else {
            minDist[j] -= delta;
          }
        }
        col0 = col1;
      } while (colRow[col0] != 0);
      // Step 3: augment along the path.
      do {
        int col1 = way[col0];
        colRow[col0] = colRow[col1];
        col0 = col1;
      } while (col0 != 0);
    }
    for (int j = 1; j <= m; j++) {
      if (colRow[j] != 0) {
        rowToCol[colRow[j] - 1] = j - 1;
      }
    }
    return true;
  }

  private void ensureCapacity(int n, int m) {
    if (n <= capacityRows && m <= capacityCols) {
      return;
    }
    capacityRows = Math.max(n, capacityRows);
    capacityCols = Math.max(m, capacityCols);
    u = new double[capacityRows + 1];
    v = new double[capacityCols + 1];
    minDist = new double[capacityCols + 1];
    colRow = new int[capacityCols + 1];
    way = new int[capacityCols + 1];
    used = new boolean[capacityCols + 1];
  }
}
