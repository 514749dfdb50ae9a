package org.invdes.core.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** LinearAssignment: worked examples, the optimum against brute force, forbidden pairs, validation. */
class LinearAssignmentTest {

  /**
   * Costs [[4,1,3],[2,0,5],[3,2,2]]: of the 6 permutations the cheapest is 0→1, 1→0, 2→2 with cost
   * 1 + 2 + 2 = 5 (all six sums: 4+0+2=6, 4+5+2=11, 1+2+2=5, 1+5+3=9, 3+2+2=7, 3+0+3=6).
   */
  @Test
  void solvesASmallExampleByHand() {
    int[] a = LinearAssignment.solve(new double[][] {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}).orElseThrow();
    assertArrayEquals(new int[] {1, 0, 2}, a);
  }

  @Test
  void rectangularProblemsLeaveColumnsFree() {
    // two rows, three columns: row 0 is cheapest at column 2, row 1 at column 0
    int[] a = LinearAssignment.solve(new double[][] {{5, 4, 1}, {1, 3, 9}}).orElseThrow();
    assertArrayEquals(new int[] {2, 0}, a);
  }

  @Test
  void forbiddenPairsAreAvoidedOrReportedAsInfeasible() {
    double inf = Double.POSITIVE_INFINITY;
    // the cheap diagonal is forbidden in row 0, so the anti-diagonal is the only finite choice
    int[] a = LinearAssignment.solve(new double[][] {{inf, 7}, {3, 0}}).orElseThrow();
    assertArrayEquals(new int[] {1, 0}, a);
    // both rows can only use column 0
    assertEquals(Optional.empty(), LinearAssignment.solve(new double[][] {{1, inf}, {2, inf}}));
  }

  @Test
  void validationNamesTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearAssignment.solve(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
    assertEquals("cost matrix has 3 rows but 2 columns; needs at least as many columns as rows", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LinearAssignment.solve(new double[][] {{1, 2}, {Double.NaN, 4}}));
    assertEquals("cost [1][0] is NaN; must be finite or +Infinity", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LinearAssignment.solve(new double[][] {{1, 2}, {3}}));
    assertEquals("cost matrix row 1 has 1 entries; row 0 has 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LinearAssignment.solve(new double[0][]));
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /** The result is a valid assignment whose cost equals the minimum over all permutations. */
  @Property(tries = 300)
  void matchesBruteForce(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 7) int n,
                         @ForAll @IntRange(min = 0, max = 2) int extraColumns) {
    Random random = new Random(seed);
    int m = n + extraColumns;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        // integers in a small range make ties frequent; forbidden entries now and then
        c[i][j] = random.nextInt(8) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(10);
      }
    }
    double best = bruteForce(c, 0, new boolean[m]);
    Optional<int[]> result = LinearAssignment.solve(c);
    if (best == Double.POSITIVE_INFINITY) {
      assertTrue(result.isEmpty(), "no finite assignment exists, yet one was returned");
      return;
    }
    int[] a = result.orElseThrow();
    boolean[] used = new boolean[m];
    double cost = 0;
    for (int i = 0; i < n; i++) {
      assertTrue(!used[a[i]], "column " + a[i] + " used twice");
      used[a[i]] = true;
      cost += c[i][a[i]];
    }
    assertEquals(best, cost, 1e-9);
  }

  /** Continuous random costs (no ties): the solver reuses its work arrays across sizes correctly. */
  @Property(tries = 100)
  void reusedSolverStaysOptimal(@ForAll("seeds") long seed) {
    Random random = new Random(seed);
    LinearAssignment solver = new LinearAssignment();
    for (int round = 0; round < 5; round++) {
      int n = 1 + random.nextInt(7);
      double[] flat = new double[n * n];
      double[][] c = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[i][j] = random.nextDouble() * 100;
          flat[i * n + j] = c[i][j];
        }
      }
      int[] a = new int[n];
      assertTrue(solver.solve(flat, n, n, a));
      double cost = 0;
      for (int i = 0; i < n; i++) {
        cost += c[i][a[i]];
      }
      assertEquals(bruteForce(c, 0, new boolean[n]), cost, 1e-9);
    }
  }

  private static double bruteForce(double[][] c, int row, boolean[] used) {
    if (row == c.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < c[0].length; j++) {
      if (!used[j] && c[row][j] != Double.POSITIVE_INFINITY) {
        used[j] = true;
        best = Math.min(best, c[row][j] + bruteForce(c, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }
}
