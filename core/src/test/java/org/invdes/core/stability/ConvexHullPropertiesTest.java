package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.invdes.core.stability.ConvexHull.Entry;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;

/**
 * Invariants of the hull on random ternary systems (each built from a jqwik-chosen seed), and the
 * simplex against an independent brute force: a linear program with k equality rows has an
 * optimal solution using at most k columns, so the minimum over every set of k columns whose
 * k × k system has a non-negative solution is the hull energy.
 */
class ConvexHullPropertiesTest {

  private static final Element[] ELEMENTS = {Element.of("Li"), Element.of("Fe"), Element.of("O")};

  /** Up to 12 random entries with 1–4 atoms of each of 1–3 elements, −2 … +0.5 eV/atom. */
  private static List<Entry> randomEntries(long seed) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(12);
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Entry("e" + i, randomComposition(r), -2 + 2.5 * r.nextDouble()));
    }
    return out;
  }

  private static Composition randomComposition(Random r) {
    Map<Element, Integer> m = new LinkedHashMap<>();
    for (Element e : ELEMENTS) {
      if (r.nextInt(3) > 0) {
        m.put(e, 1 + r.nextInt(4));
      }
    }
    if (m.isEmpty()) {
      m.put(ELEMENTS[r.nextInt(3)], 1 + r.nextInt(3));
    }
    return Composition.of(m);
  }

  @Property(tries = 300)
  void hullEnergyEqualsTheBruteForceMinimum(@ForAll long seed) {
    List<Entry> entries = randomEntries(seed);
    ConvexHull hull = ConvexHull.of(entries);
    Random r = new Random(~seed);
    for (int q = 0; q < 5; q++) {
      Composition c = randomComposition(r);
      assertEquals(bruteForce(entries, c), hull.hullEnergy(c), 1e-9, c::toString);
    }
  }

  @Property(tries = 300)
  void noReferenceIsBelowTheHullAndHullMembersAreExactlyOnIt(@ForAll long seed) {
    List<Entry> entries = randomEntries(seed);
    ConvexHull hull = ConvexHull.of(entries);
    for (Entry e : entries) {
      double above = hull.eAboveHull(e.composition(), e.formationEnergyPerAtom());
      assertTrue(above >= 0, () -> e + " is " + above + " eV/atom above the hull");
      double expected = e.formationEnergyPerAtom() - bruteForce(entries, e.composition());
      if (expected <= 1e-13) { // on the hull up to rounding
        assertEquals(0.0, above, e::toString);
      } else {
        assertEquals(expected, above, 1e-9, e::toString);
      }
    }
  }

  @Property(tries = 300)
  void addingAnEntryNeverRaisesTheHull(@ForAll long seed) {
    List<Entry> entries = randomEntries(seed);
    ConvexHull hull = ConvexHull.of(entries);
    Random r = new Random(seed * 31 + 7);
    ConvexHull more = hull.with(List.of(
        new Entry("new", randomComposition(r), -2 + 2.5 * r.nextDouble())));
    for (int q = 0; q < 5; q++) {
      Composition c = randomComposition(r);
      assertTrue(more.hullEnergy(c) <= hull.hullEnergy(c) + 1e-12, c::toString);
    }
  }

  @Property(tries = 300)
  void energyAboveHullIsInvariantToCompositionScaling(@ForAll long seed,
      @ForAll @IntRange(min = 2, max = 9) int factor) {
    ConvexHull hull = ConvexHull.of(randomEntries(seed));
    Random r = new Random(seed + 1);
    Composition c = randomComposition(r);
    double e = -1 + r.nextDouble();
    double above = hull.eAboveHull(c, e);
    assertEquals(above, hull.eAboveHull(c.times(factor), e), 1e-12);
    assertEquals(above, hull.eAboveHull(c.times(1.0 / factor), e), 1e-12);
    assertEquals(above, hull.eAboveHull(c.times(factor * 0.37), e), 1e-12);
  }

  @Property(tries = 200)
  void theHullIsConvexAlongMixtures(@ForAll long seed) {
    ConvexHull hull = ConvexHull.of(randomEntries(seed));
    Random r = new Random(seed ^ 0x5DEECE66DL);
    Composition a = randomComposition(r);
    Composition b = randomComposition(r);
    double t = r.nextDouble();
    // mixing t of a's atoms with 1 − t of b's atoms
    Composition mix = a.times(t / a.numAtoms()).plus(b.times((1 - t) / b.numAtoms()));
    assertTrue(hull.hullEnergy(mix)
        <= t * hull.hullEnergy(a) + (1 - t) * hull.hullEnergy(b) + 1e-12);
  }

  /** The minimum over all sets of k columns with a non-negative solution (see the class comment). */
  static double bruteForce(List<Entry> entries, Composition c) {
    Element[] el = c.elements().toArray(new Element[0]);
    int k = el.length;
    List<double[]> cols = new ArrayList<>();
    List<Double> costs = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double[] unit = new double[k];
      unit[i] = 1;
      cols.add(unit);
      costs.add(0.0);
    }
    for (Entry e : entries) {
      if (!c.elements().containsAll(e.composition().elements())) {
        continue;
      }
      double[] col = new double[k];
      for (int i = 0; i < k; i++) {
        col[i] = e.composition().amount(el[i]) / e.composition().numAtoms();
      }
      cols.add(col);
      costs.add(e.formationEnergyPerAtom());
    }
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      b[i] = c.amount(el[i]) / c.numAtoms();
    }
    double best = Double.POSITIVE_INFINITY;
    int n = cols.size();
    int[] pick = new int[k];
    best = Math.min(best, choose(cols, costs, b, pick, 0, 0, n));
    return best;
  }

  private static double choose(List<double[]> cols, List<Double> costs, double[] b, int[] pick,
      int depth, int from, int n) {
    int k = b.length;
    if (depth == k) {
      double[] lambda = solve(cols, pick, b);
      if (lambda == null) {
        return Double.POSITIVE_INFINITY;
      }
      double v = 0;
      for (int i = 0; i < k; i++) {
        if (lambda[i] < -1e-12) {
          return Double.POSITIVE_INFINITY;
        }
        v += lambda[i] * costs.get(pick[i]);
      }
      return v;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = from; j < n; j++) {
      pick[depth] = j;
      best = Math.min(best, choose(cols, costs, b, pick, depth + 1, j + 1, n));
    }
    return best;
  }

  /** Gaussian elimination with partial pivoting; null when singular. */
  private static double[] solve(List<double[]> cols, int[] pick, double[] b) {
    int k = b.length;
    double[][] m = new double[k][k + 1];
    for (int row = 0; row < k; row++) {
      for (int j = 0; j < k; j++) {
        m[row][j] = cols.get(pick[j])[row];
      }
      m[row][k] = b[row];
    }
    for (int p = 0; p < k; p++) {
      int max = p;
      for (int row = p + 1; row < k; row++) {
        if (Math.abs(m[row][p]) > Math.abs(m[max][p])) {
          max = row;
        }
      }
      double[] t = m[p];
      m[p] = m[max];
      m[max] = t;
      if (Math.abs(m[p][p]) < 1e-12) {
        return null;
      }
      for (int row = 0; row < k; row++) {
        if (row != p) {
          double f = m[row][p] / m[p][p];
          for (int j = p; j <= k; j++) {
            m[row][j] -= f * m[p][j];
          }
        }
      }
    }
    double[] x = new double[k];
    for (int i = 0; i < k; i++) {
      x[i] = m[i][k] / m[i][i];
    }
    return x;
  }
}
