package org.invdes.core.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.NiggliReduction;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Cell reductions of a structure: the Niggli cell and the primitive cell, as the structure matcher
 * prepares its inputs (pymatgen's {@code get_reduced_structure()} and
 * {@code get_primitive_structure()} behave the same way).
 *
 * <p>Units: tolerances in Å; fractional coordinates are wrapped into [0, 1) in the results.
 */
public final class CellReduction {

  /** pymatgen's default primitive-cell tolerance, Å. */
  public static final double DEFAULT_PRIMITIVE_TOLERANCE_ANGSTROM = 0.25;

  private CellReduction() {
  }

  /**
   * The same crystal in its Niggli-reduced cell (default relative tolerance of
   * {@link NiggliReduction}, see {@link #niggliReduction(Lattice)}): lattice T · M, every site's
   * coordinates f · T⁻¹ wrapped into [0, 1), site order, species, labels and properties kept.
   *
   * @param structure the structure
   * @return the structure in the Niggli cell
   */
  public static Structure niggli(Structure structure) {
    NiggliReduction reduction = niggliReduction(structure.lattice());
    int[][] inv = reduction.inverseTransformation();
    List<Site> sites = new ArrayList<>(structure.size());
    for (Site s : structure.sites()) {
      double x = s.frac(0);
      double y = s.frac(1);
      double z = s.frac(2);
      double[] f = new double[3];
      for (int k = 0; k < 3; k++) {
        f[k] = Structure.wrap(x * inv[0][k] + y * inv[1][k] + z * inv[2][k]);
      }
      sites.add(s.withFrac(f));
    }
    return Structure.of(reduction.reduced(), sites, structure.properties());
  }

  /** Relative Niggli tolerances tried in turn when the default one does not converge. */
  private static final double[] FALLBACK_NIGGLI_TOLERANCES = {1e-6, 1e-7, 1e-8, 0};

  /**
   * The Niggli reduction of a lattice with {@link NiggliReduction}'s default relative tolerance
   * (pymatgen's 1e-5), or, if that does not converge, with the first of the smaller tolerances
   * 1e-6, 1e-7, 1e-8, 0 that does. The Křivý–Gruber steps with a tolerance can cycle for cells
   * that are within the tolerance of two Niggli conditions at once (seen for a near-hexagonal cell
   * with |a| − |b| ≈ 1e-6 Å and a·b ≈ −|a|²/2); pymatgen then silently keeps the cell after 100
   * iterations, {@link NiggliReduction} throws, and a smaller tolerance resolves the tie.
   *
   * @param lattice the lattice
   * @return its reduction
   * @throws IllegalStateException if no tolerance converges (the exception of the default one)
   */
  public static NiggliReduction niggliReduction(Lattice lattice) {
    try {
      return NiggliReduction.reduce(lattice);
    } catch (IllegalStateException cycling) {
      for (double tol : FALLBACK_NIGGLI_TOLERANCES) {
        try {
          return NiggliReduction.reduce(lattice, tol);
        } catch (IllegalStateException again) {
          cycling.addSuppressed(again);
        }
      }
      throw cycling;
    }
  }

  /**
   * The smallest cell that still describes the structure, found from the lattice translations that
   * map the structure onto itself within a tolerance (pymatgen's
   * {@code get_primitive_structure(tolerance)}). If no smaller cell exists the input is returned
   * unchanged; otherwise the result is Niggli-reduced, its sites are grouped by species (sorted by
   * pymatgen's species string) and each is the average of the sites it merges.
   *
   * <h4>Algorithm</h4>
   * With fractional tolerances t_k = tolerance / |a_k| (k = 1..3) of the current cell:
   * <ol>
   *   <li>Group the sites by species; G is the smallest group (the first of equal size in species
   *       order).
   *   <li>Candidate translations: v = f − f₀ for every site f of G, f₀ its first site.
   *   <li>Keep a candidate only if for every site f of every group some site g of the same group
   *       satisfies |(g − f − v) mod 1| &lt; 2 t_k in each component (the factor 2 because both
   *       positions are approximate). If every candidate left is a lattice vector within t_k, the
   *       cell is primitive: stop.
   *   <li>The number of cells it can shrink by divides n = gcd of the group sizes. For each divisor
   *       d &gt; 1 of n in increasing order, for each integer matrix m = [[a, b, c], [0, e, f],
   *       [0, 0, g]] with a·e·g = d, 0 ≤ b, c &lt; a and 0 ≤ f &lt; e (one matrix per sublattice of
   *       index d, the rows of m⁻¹ being the new basis vectors in old fractional coordinates):
   *       <ol type="a">
   *         <li>skip m unless each row of m⁻¹ lies within t_k (mod 1) of a kept candidate;
   *         <li>new lattice m⁻¹ · M, new fractional tolerances t′_k = tolerance / |a′_k|; in each
   *             group, sites whose new coordinates f · m agree mod 1 within t′_k and which were not
   *             already within 2 t_k of each other in the old cell form clusters;
   *         <li>accept m if every cluster has exactly d members and clusters are cliques; each
   *             cluster becomes one site at the running average of its members' positions (each
   *             folded next to the average so far), with the species and label of its first member.
   *       </ol>
   *   <li>Repeat on the smaller cell until no further reduction is found, then Niggli-reduce.
   * </ol>
   *
   * <p>The tolerance is applied per fractional component of the current cell, so for positions
   * that coincide only to about the tolerance the outcome can depend on the cell the structure is
   * given in (pymatgen's does too). Where the Niggli cell has two near-equal lengths (within the
   * Niggli tolerance) its vector order can differ from pymatgen's, and then so can the verdict for
   * such borderline pseudo-translations.
   *
   * @param structure the structure
   * @param toleranceAngstrom distance within which two positions are the same, Å, finite and &gt; 0
   *     (pymatgen's default is {@value #DEFAULT_PRIMITIVE_TOLERANCE_ANGSTROM})
   * @return the primitive structure, or the input if it is already primitive
   * @throws IllegalArgumentException if the tolerance is not finite and positive
   */
  public static Structure primitive(Structure structure, double toleranceAngstrom) {
    if (!Double.isFinite(toleranceAngstrom) || !(toleranceAngstrom > 0)) {
      throw new IllegalArgumentException(
          "primitive-cell tolerance is " + toleranceAngstrom + " Å; must be finite and > 0");
    }
    Structure current = structure;
    boolean reduced = false;
    while (true) {
      Structure smaller = reduceOnce(current, toleranceAngstrom);
      if (smaller == null) {
        break;
      }
      current = smaller;
      reduced = true;
    }
    return reduced ? niggli(current) : structure;
  }

  /** One pass of steps 1–4; null when no smaller cell is found. */
  private static Structure reduceOnce(Structure s, double tol) {
    int n = s.size();
    if (n < 2) {
      return null;
    }
    // Step 1: group by species label, groups sorted by label, original order inside each group.
    Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String label = SiteSpecies.of(s.site(i)).label();
      byLabel.computeIfAbsent(label, k -> {
        labels.add(k);
        return new ArrayList<>();
      }).add(i);
    }
    labels.sort(null);
    int groupCount = labels.size();
    int[][] members = new int[groupCount][];
    double[][][] coords = new double[groupCount][][];
    int gcd = 0;
    for (int g = 0; g < groupCount; g++) {
      List<Integer> idx = byLabel.get(labels.get(g));
      members[g] = idx.stream().mapToInt(Integer::intValue).toArray();
      coords[g] = new double[members[g].length][];
      for (int k = 0; k < members[g].length; k++) {
        coords[g][k] = s.site(members[g][k]).frac();
      }
      gcd = gcd(gcd, members[g].length);
    }
    if (gcd < 2) {
      return null;
    }
    double[] lengths = s.lattice().lengths();
    double[] superTol = {tol / lengths[0], tol / lengths[1], tol / lengths[2]};
    double[] superTol2 = {2 * superTol[0], 2 * superTol[1], 2 * superTol[2]};

    // Step 2: candidates from the smallest group.
    int smallest = 0;
    for (int g = 1; g < groupCount; g++) {
      if (members[g].length < members[smallest].length) {
        smallest = g;
      }
    }
    double[][] g0 = coords[smallest];
    List<double[]> candidates = new ArrayList<>();
    for (double[] f : g0) {
      candidates.add(new double[] {f[0] - g0[0][0], f[1] - g0[0][1], f[2] - g0[0][2]});
    }

    // Step 3: keep candidates that map every site onto a site of its group.
    Integer[] order = new Integer[groupCount];
    for (int g = 0; g < groupCount; g++) {
      order[g] = g;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(members[x].length, members[y].length));
    for (int g : order) {
      for (double[] f : coords[g]) {
        List<double[]> kept = new ArrayList<>(candidates.size());
        for (double[] v : candidates) {
          for (double[] other : coords[g]) {
            if (withinWrapped(other[0] - f[0] - v[0], other[1] - f[1] - v[1], other[2] - f[2] - v[2],
                superTol2)) {
              kept.add(v);
              break;
            }
          }
        }
        candidates = kept;
      }
    }
    boolean anyFractional = false;
    for (double[] v : candidates) {
      if (!withinWrapped(v[0], v[1], v[2], superTol)) {
        anyFractional = true;
        break;
      }
    }
    if (!anyFractional) {
      return null;
    }

    // Pairs that already nearly coincide in the old cell may not be merged.
    boolean[][][] separate = new boolean[groupCount][][];
    for (int g = 0; g < groupCount; g++) {
      int size = coords[g].length;
      separate[g] = new boolean[size][size];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) {
          double[] a = coords[g][i];
          double[] b = coords[g][j];
          separate[g][i][j] = i == j || !withinOrEqualWrapped(b[0] - a[0], b[1] - a[1], b[2] - a[2], superTol2);
        }
      }
    }

    // Step 4: sublattices of increasing index.
    double[][] m0 = s.lattice().matrix();
    for (int det = 2; det <= gcd; det++) {
      if (gcd % det != 0) {
        continue;
      }
      for (int a = 1; a <= det; a++) {
        if (det % a != 0) {
          continue;
        }
        for (int e = 1; e <= det / a; e++) {
          if ((det / a) % e != 0) {
            continue;
          }
          int gg = det / a / e;
          for (int b = 0; b < a; b++) {
            for (int c = 0; c < a; c++) {
              for (int f = 0; f < e; f++) {
                double[][] m = {{a, b, c}, {0, e, f}, {0, 0, gg}};
                double[][] inv = upperTriangularInverse(m);
                if (!rowsAreCandidates(inv, candidates, superTol)) {
                  continue;
                }
                Structure result = tryCell(s, m, inv, m0, det, tol, members, coords, separate);
                if (result != null) {
                  return result;
                }
              }
            }
          }
        }
      }
    }
    return null;
  }

  /** Step 4b–c for one matrix m; null if the clustering is inconsistent. */
  private static Structure tryCell(Structure s, double[][] m, double[][] inv, double[][] m0, int det,
                                   double tol, int[][] members, double[][][] coords, boolean[][][] separate) {
    double[][] newRows = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        newRows[i][k] = inv[i][0] * m0[0][k] + inv[i][1] * m0[1][k] + inv[i][2] * m0[2][k];
      }
    }
    double[] ftol = new double[3];
    for (int i = 0; i < 3; i++) {
      ftol[i] = tol / Math.sqrt(newRows[i][0] * newRows[i][0] + newRows[i][1] * newRows[i][1]
          + newRows[i][2] * newRows[i][2]);
    }
    List<Site> newSites = new ArrayList<>();
    for (int g = 0; g < members.length; g++) {
      int size = coords[g].length;
      double[][] nf = new double[size][3];
      for (int i = 0; i < size; i++) {
        double[] f = coords[g][i];
        for (int k = 0; k < 3; k++) {
          nf[i][k] = f[0] * m[0][k] + f[1] * m[1][k] + f[2] * m[2][k];
        }
      }
      boolean[][] cluster = new boolean[size][size];
      int[] columnCount = new int[size];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) {
          boolean close = withinWrapped(nf[i][0] - nf[j][0], nf[i][1] - nf[j][1], nf[i][2] - nf[j][2], ftol);
          cluster[i][j] = close && separate[g][i][j];
          if (cluster[i][j]) {
            columnCount[j]++;
          }
        }
      }
      for (int j = 0; j < size; j++) {
        if (columnCount[j] != det) {
          return null;
        }
      }
      for (int i = 0; i < size; i++) {
        for (int p = 0; p < size; p++) {
          if (!cluster[i][p]) {
            continue;
          }
          for (int q = 0; q < size; q++) {
            if (cluster[i][q] && !cluster[p][q]) {
              return null;
            }
          }
        }
      }
      boolean[] added = new boolean[size];
      for (int i = 0; i < size; i++) {
        if (added[i]) {
          continue;
        }
        double[] avg = null;
        int first = -1;
        int count = 0;
        for (int j = 0; j < size; j++) {
          if (!cluster[i][j]) {
            continue;
          }
          added[j] = true;
          double[] w = {floorMod(nf[j][0]), floorMod(nf[j][1]), floorMod(nf[j][2])};
          if (avg == null) {
            avg = w;
            first = j;
            count = 1;
          } else {
            count++;
            for (int k = 0; k < 3; k++) {
              double offset = w[k] - avg[k];
              avg[k] += (offset - Math.rint(offset)) / count;
            }
          }
        }
        Site template = s.site(members[g][first]);
        newSites.add(template.withFrac(avg));
      }
    }
    Lattice lattice;
    try {
      lattice = Lattice.fromMatrix(newRows);
    } catch (IllegalArgumentException degenerate) {
      return null;
    }
    return Structure.of(lattice, newSites, s.properties());
  }

  private static boolean rowsAreCandidates(double[][] inv, List<double[]> candidates, double[] tol) {
    for (double[] row : inv) {
      boolean found = false;
      for (double[] v : candidates) {
        if (withinWrapped(row[0] - v[0], row[1] - v[1], row[2] - v[2], tol)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** |x − round(x)| &lt; tol_k in every component. */
  static boolean withinWrapped(double x, double y, double z, double[] tol) {
    return Math.abs(x - Math.rint(x)) < tol[0] && Math.abs(y - Math.rint(y)) < tol[1]
        && Math.abs(z - Math.rint(z)) < tol[2];
  }

  /** |x − round(x)| ≤ tol_k in every component. */
  private static boolean withinOrEqualWrapped(double x, double y, double z, double[] tol) {
    return Math.abs(x - Math.rint(x)) <= tol[0] && Math.abs(y - Math.rint(y)) <= tol[1]
        && Math.abs(z - Math.rint(z)) <= tol[2];
  }

  private static double floorMod(double x) {
    return x - Math.floor(x);
  }

  private static double[][] upperTriangularInverse(double[][] m) {
    double a = m[0][0];
    double b = m[0][1];
    double c = m[0][2];
    double e = m[1][1];
    double f = m[1][2];
    double g = m[2][2];
    return new double[][] {
        {1 / a, -b / (a * e), (b * f - c * e) / (a * e * g)},
        {0, 1 / e, -f / (e * g)},
        {0, 0, 1 / g},
    };
  }

  private static int gcd(int x, int y) {
    while (y != 0) {
      int t = x % y;
      x = y;
      y = t;
    }
    return x;
  }
}
