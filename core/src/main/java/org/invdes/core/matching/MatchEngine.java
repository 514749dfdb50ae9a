package org.invdes.core.matching;

import java.util.List;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.MinimumImage;
import org.invdes.core.structure.NiggliReduction;

/**
 * The pairwise matching work of {@link StructureMatcher}, with reusable work arrays. One engine per
 * thread; not thread-safe. The steps are described on {@link StructureMatcher}.
 */
final class MatchEngine {

  /** RMS below which the rms search stops at once (dimensionless), as pymatgen. */
  private static final double EXACT_RMS = 1e-5;
  /**
   * Relative slack of the successive-minima prefilter: a Niggli cell's lengths equal the
   * successive minima only up to the reduction's tolerance (relative ~1e-5), so a pair is rejected
   * only when the bound is exceeded by more than this.
   */
  private static final double PREFILTER_SLACK = 1e-3;

  private final double ltol;
  private final double stol;
  private final double angleTol;
  private final boolean scale;
  private final boolean attemptSupercell;
  boolean usePrefilter = true;
  /** Test hook: use the fallback minimum-image search even where {@link MinimumImage} works. */
  boolean forceImageFallback = false;

  private final LinearAssignment lap = new LinearAssignment();
  private int capacity;
  private double[] s1;
  private double[] s2;
  private int[] sp1;
  private int[] sp2;
  private int[] assign;
  private int[] rowToCol;
  private double[] cost;
  private double[] vec;
  private static final double[] ORIGIN = new double[3];
  private final double[] out = new double[3];

  MatchEngine(double ltol, double stol, double angleTol, boolean scale, boolean attemptSupercell) {
    this.ltol = ltol;
    this.stol = stol;
    this.angleTol = angleTol;
    this.scale = scale;
    this.attemptSupercell = attemptSupercell;
    grow(32);
  }

  /** The best superposition found, in the roles of the strict match (S1 holds the larger set). */
  static final class Outcome {
    double rms;
    double max;
    int fu;
    int[][] pairs;
  }

  /**
   * Matches b onto a.
   *
   * @param rmsMode false: stop at the first superposition whose largest normalised displacement is
   *     below stol (pymatgen's {@code fit}); true: the superposition of least RMS, kept if below stol
   *     ({@code get_rms_dist})
   * @return the outcome with pairs as {index in a, index in b}, or null for no match
   */
  Outcome match(ReducedStructure a, ReducedStructure b, boolean rmsMode) {
    if (!a.compositionKey.equals(b.compositionKey)) {
      return null;
    }
    int fu;
    boolean s1Supercell;
    if (attemptSupercell) {
      double ratio = (double) b.size / a.size;
      if (ratio < 2.0 / 3.0) {
        fu = (int) Math.rint(1 / ratio);
        s1Supercell = false;
      } else {
        fu = (int) Math.rint(ratio);
        s1Supercell = true;
      }
    } else {
      fu = 1;
      s1Supercell = true;
    }
    double mult = s1Supercell ? fu : 1.0 / fu;
    double ratio = scale ? Math.pow(b.volume / (a.volume * mult), 1.0 / 6.0) : 1.0;
    if (usePrefilter && fu == 1 && a.size == b.size && !latticesCanMap(a, b, ratio)) {
      return null;
    }
    double[] ma = scaled(a.matrix, ratio);
    double[] mb = scaled(b.matrix, 1 / ratio);
    if (a.size * mult >= b.size) {
      return strict(a, ma, b, mb, fu, s1Supercell, false, rmsMode);
    }
    return strict(b, mb, a, ma, fu, !s1Supercell, true, rmsMode);
  }

  /**
   * Necessary condition for a basis of a (scaled by ratio) to match b's Niggli cell (scaled by
   * 1/ratio) within ltol: three independent vectors of a with lengths below (1 + ltol) times b's
   * sorted cell lengths exist only if a's successive minima (its sorted Niggli lengths) are below
   * them too.
   */
  private boolean latticesCanMap(ReducedStructure a, ReducedStructure b, double ratio) {
    double r2 = ratio * ratio;
    for (int k = 0; k < 3; k++) {
      if (a.sortedLengths[k] * r2 > (1 + ltol) * b.sortedLengths[k] * (1 + PREFILTER_SLACK)) {
        return false;
      }
    }
    return true;
  }

  private static double[] scaled(double[] m, double f) {
    double[] r = new double[9];
    for (int i = 0; i < 9; i++) {
      r[i] = m[i] * f;
    }
    return r;
  }

  private void grow(int n) {
    if (n <= capacity) {
      return;
    }
    capacity = Math.max(n, 2 * capacity);
    s1 = new double[3 * capacity];
    s2 = new double[3 * capacity];
    sp1 = new int[capacity];
    sp2 = new int[capacity];
    assign = new int[capacity];
    rowToCol = new int[capacity];
    vec = new double[3 * capacity];
    cost = new double[capacity * capacity];
  }

  /**
   * Matches the sites of S2 onto those of S1 (S1 holds at least as many sites once the supercell is
   * built). With s1Supercell the fu-fold supercells are built from S1's lattice, otherwise from S2's.
   */
  private Outcome strict(ReducedStructure r1, double[] m1, ReducedStructure r2, double[] m2, int fu,
                         boolean s1Supercell, boolean swapped, boolean rmsMode) {
    int n = s1Supercell ? r1.size * fu : r1.size;
    if (n != (s1Supercell ? r2.size : r2.size * fu)) {
      return null;
    }
    // Species of S2 in S1's numbering; the counts must allow a one-to-one pairing.
    int[] partner = new int[r2.species.length];
    boolean[] taken = new boolean[r1.species.length];
    for (int t = 0; t < r2.species.length; t++) {
      partner[t] = -1;
      for (int s = 0; s < r1.species.length; s++) {
        if (!taken[s] && r1.species[s].sameAs(r2.species[t])) {
          partner[t] = s;
          taken[s] = true;
          break;
        }
      }
      if (partner[t] < 0) {
        return null;
      }
      int c1 = s1Supercell ? r1.speciesCount[partner[t]] * fu : r1.speciesCount[partner[t]];
      int c2 = s1Supercell ? r2.speciesCount[t] : r2.speciesCount[t] * fu;
      if (c1 != c2) {
        return null;
      }
    }
    grow(n);
    int species = r1.species.length;
    int[][] list1 = new int[species][];
    int[][] list2 = new int[species][];
    int[] fill1 = new int[species];
    int[] fill2 = new int[species];
    for (int s = 0; s < species; s++) {
      int c = s1Supercell ? r1.speciesCount[s] * fu : r1.speciesCount[s];
      list1[s] = new int[c];
      list2[s] = new int[c];
    }
    for (int j = 0; j < n; j++) {
      int s = r1.siteSpecies[s1Supercell ? j / fu : j];
      sp1[j] = s;
      list1[s][fill1[s]++] = j;
    }
    for (int i = 0; i < n; i++) {
      int s = partner[r2.siteSpecies[s1Supercell ? i : i / fu]];
      sp2[i] = s;
      list2[s][fill2[s]++] = i;
    }
    // Origin shifts: superpose the first S2 site of the rarest species (first copy) on each S1 site
    // of that species (first copy when S1 is the supercell; the copies are equivalent).
    int anchorSite = 0;
    for (int i = 1; i < r2.size; i++) {
      if (r2.speciesCount[r2.siteSpecies[i]] < r2.speciesCount[r2.siteSpecies[anchorSite]]) {
        anchorSite = i;
      }
    }
    int anchor = s1Supercell ? anchorSite : anchorSite * fu;
    int[] anchorTargets = list1[sp2[anchor]];
    if (s1Supercell && fu > 1) {
      int[] firstCopies = new int[anchorTargets.length / fu];
      for (int k = 0; k < firstCopies.length; k++) {
        firstCopies[k] = anchorTargets[k * fu];
      }
      anchorTargets = firstCopies;
    }
    ReducedStructure x = s1Supercell ? r1 : r2;
    double[] mx = s1Supercell ? m1 : m2;
    double[] my = s1Supercell ? m2 : m1;
    double[] fixed = s1Supercell ? s2 : s1;
    System.arraycopy((s1Supercell ? r2 : r1).frac, 0, fixed, 0, 3 * n);
    double[] built = s1Supercell ? s1 : s2;

    double[] yLen = {LatticeMappings.length(my, 0), LatticeMappings.length(my, 1), LatticeMappings.length(my, 2)};
    double[] yAng = {angleDeg(my, 1, 2), angleDeg(my, 0, 2), angleDeg(my, 0, 1)};
    List<int[]> mappings = LatticeMappings.find(mx, my, ltol, angleTol, fu);

    Outcome best = null;
    double bestValue = Double.POSITIVE_INFINITY;
    double[] sinv = new double[9];
    double[] fracTol = new double[3];
    for (int[] sm : mappings) {
      // Step: the other structure's sites in the new (super)cell, wrapped into [0, 1).
      inverse(sm, sinv);
      double[] points = fu == 1 ? new double[3] : latticePoints(sm, sinv, fu);
      if (points == null) {
        continue;
      }
      for (int k = 0; k < x.size; k++) {
        double fx = x.frac[3 * k];
        double fy = x.frac[3 * k + 1];
        double fz = x.frac[3 * k + 2];
        double bx = fx * sinv[0] + fy * sinv[3] + fz * sinv[6];
        double by = fx * sinv[1] + fy * sinv[4] + fz * sinv[7];
        double bz = fx * sinv[2] + fy * sinv[5] + fz * sinv[8];
        for (int p = 0; p < fu; p++) {
          int e = 3 * (k * fu + p);
          built[e] = wrap(bx + points[3 * p]);
          built[e + 1] = wrap(by + points[3 * p + 1]);
          built[e + 2] = wrap(bz + points[3 * p + 2]);
        }
      }
      // Step: the averaged lattice both site sets are placed on.
      double[] l = multiply(sm, mx);
      Lattice avg;
      try {
        avg = Lattice.fromParameters(
            (LatticeMappings.length(l, 0) + yLen[0]) / 2, (LatticeMappings.length(l, 1) + yLen[1]) / 2,
            (LatticeMappings.length(l, 2) + yLen[2]) / 2, (angleDeg(l, 1, 2) + yAng[0]) / 2,
            (angleDeg(l, 0, 2) + yAng[1]) / 2, (angleDeg(l, 0, 1) + yAng[2]) / 2);
      } catch (IllegalArgumentException degenerate) {
        continue;
      }
      double normalization = Math.cbrt(n / avg.volume());
      double tolAngstrom = stol / normalization;
      double[] recip = avg.reciprocalCrystallographic().lengths();
      for (int k = 0; k < 3; k++) {
        fracTol[k] = 2 * tolAngstrom * recip[k];
      }
      Candidate candidate = null;
      for (int target : anchorTargets) {
        double tx = s1[3 * target] - s2[3 * anchor];
        double ty = s1[3 * target + 1] - s2[3 * anchor + 1];
        double tz = s1[3 * target + 2] - s2[3 * anchor + 2];
        if (!everySiteNear(n, tx, ty, tz, list1, fracTol)) {
          continue;
        }
        if (candidate == null) {
          candidate = new Candidate(avg, tolAngstrom, forceImageFallback);
        }
        if (!assignAndMeasure(candidate, n, tx, ty, tz, list1, list2, normalization)) {
          continue;
        }
        double value = rmsMode ? candidate.rms : candidate.max;
        if (value < bestValue) {
          bestValue = value;
          best = outcome(candidate, n, fu, s1Supercell, swapped);
          if ((!rmsMode || value < EXACT_RMS) && value < stol) {
            return best;
          }
        }
      }
    }
    return best != null && bestValue < stol ? best : null;
  }

  /**
   * Per-mapping data needed once a shift passes the fractional prefilter: minimum images in the
   * average lattice and its reduced basis. Minimum images come from {@link MinimumImage}; if the
   * lattice's default Niggli reduction does not converge (see {@link
   * CellReduction#niggliReduction}), from an exhaustive search over the images n ∈ [−2, 2]³ around
   * the point wrapped into the cell of the reduced basis found with a smaller tolerance.
   */
  private static final class Candidate {
    final MinimumImage image;
    /** Reduced basis rows, row-major, Å (used only without {@link #image}). */
    final double[] reducedRows = new double[9];
    /** T⁻¹: fractional coordinates of the average lattice to those of its reduced basis. */
    final double[] tinv = new double[9];
    final double[] reducedTol = new double[3];
    double rms;
    double max;

    Candidate(Lattice avg, double tolAngstrom, boolean forceFallback) {
      MinimumImage mi;
      NiggliReduction reduction;
      try {
        if (forceFallback) {
          throw new IllegalStateException("fallback requested");
        }
        mi = avg.minimumImage();
        reduction = NiggliReduction.reduce(avg);
      } catch (IllegalStateException cycling) {
        mi = null;
        reduction = CellReduction.niggliReduction(avg);
      }
      image = mi;
      int[][] inv = reduction.inverseTransformation();
      double[][] rows = reduction.reduced().matrix();
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
          tinv[3 * i + k] = inv[i][k];
          reducedRows[3 * i + k] = rows[i][k];
        }
      }
      double[] recip = reduction.reduced().reciprocalCrystallographic().lengths();
      for (int k = 0; k < 3; k++) {
        reducedTol[k] = 2 * tolAngstrom * recip[k];
      }
    }

    /** Squared minimum-image length of the fractional difference d (average lattice), Å². */
    double distanceSquared(double dx, double dy, double dz, double[] out) {
      if (image != null) {
        if (out == null) {
          return image.distanceSquared(0, 0, 0, dx, dy, dz);
        }
        out[0] = dx;
        out[1] = dy;
        out[2] = dz;
        return image.vectorInto(ORIGIN, out, out);
      }
      double u0 = dx * tinv[0] + dy * tinv[3] + dz * tinv[6];
      double u1 = dx * tinv[1] + dy * tinv[4] + dz * tinv[7];
      double u2 = dx * tinv[2] + dy * tinv[5] + dz * tinv[8];
      u0 -= Math.rint(u0);
      u1 -= Math.rint(u1);
      u2 -= Math.rint(u2);
      double best = Double.POSITIVE_INFINITY;
      double bx = 0;
      double by = 0;
      double bz = 0;
      double[] r = reducedRows;
      for (int n0 = -2; n0 <= 2; n0++) {
        for (int n1 = -2; n1 <= 2; n1++) {
          for (int n2 = -2; n2 <= 2; n2++) {
            double x0 = u0 + n0;
            double x1 = u1 + n1;
            double x2 = u2 + n2;
            double vx = x0 * r[0] + x1 * r[3] + x2 * r[6];
            double vy = x0 * r[1] + x1 * r[4] + x2 * r[7];
            double vz = x0 * r[2] + x1 * r[5] + x2 * r[8];
            double l2 = vx * vx + vy * vy + vz * vz;
            if (l2 < best) {
              best = l2;
              bx = vx;
              by = vy;
              bz = vz;
            }
          }
        }
      }
      if (out != null) {
        out[0] = bx;
        out[1] = by;
        out[2] = bz;
      }
      return best;
    }
  }

  /**
   * Prefilter of a shift: every shifted S2 site has an S1 site of its species within fracTol in
   * each fractional component (mod 1).
   */
  private boolean everySiteNear(int n, double tx, double ty, double tz, int[][] list1, double[] fracTol) {
    double tolX = fracTol[0];
    double tolY = fracTol[1];
    double tolZ = fracTol[2];
    for (int i = 0; i < n; i++) {
      double px = s2[3 * i] + tx;
      double py = s2[3 * i + 1] + ty;
      double pz = s2[3 * i + 2] + tz;
      boolean found = false;
      for (int j : list1[sp2[i]]) {
        double dx = s1[3 * j] - px;
        if (Math.abs(dx - Math.rint(dx)) >= tolX) {
          continue;
        }
        double dy = s1[3 * j + 1] - py;
        if (Math.abs(dy - Math.rint(dy)) >= tolY) {
          continue;
        }
        double dz = s1[3 * j + 2] - pz;
        if (Math.abs(dz - Math.rint(dz)) < tolZ) {
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

  /**
   * Optimal pairing per species on squared minimum-image distances (pairs further apart than twice
   * the site tolerance in a reduced-basis component are forbidden), then the mean displacement is
   * removed and the normalised distances measured. Fills candidate.rms/max and {@link #assign}.
   *
   * @return false if some species cannot be paired without a forbidden pair
   */
  private boolean assignAndMeasure(Candidate c, int n, double tx, double ty, double tz, int[][] list1,
                                   int[][] list2, double normalization) {
    double[] ti = c.tinv;
    double[] rt = c.reducedTol;
    for (int s = 0; s < list1.length; s++) {
      int[] rows = list2[s];
      int[] cols = list1[s];
      int ns = rows.length;
      if (ns == 0) {
        continue;
      }
      for (int r = 0; r < ns; r++) {
        int i = rows[r];
        double px = s2[3 * i] + tx;
        double py = s2[3 * i + 1] + ty;
        double pz = s2[3 * i + 2] + tz;
        int base = r * ns;
        for (int q = 0; q < ns; q++) {
          int j = cols[q];
          double dx = s1[3 * j] - px;
          double dy = s1[3 * j + 1] - py;
          double dz = s1[3 * j + 2] - pz;
          double u0 = dx * ti[0] + dy * ti[3] + dz * ti[6];
          double u1 = dx * ti[1] + dy * ti[4] + dz * ti[7];
          double u2 = dx * ti[2] + dy * ti[5] + dz * ti[8];
          if (Math.abs(u0 - Math.rint(u0)) > rt[0] || Math.abs(u1 - Math.rint(u1)) > rt[1]
              || Math.abs(u2 - Math.rint(u2)) > rt[2]) {
            cost[base + q] = Double.POSITIVE_INFINITY;
          } else {
            cost[base + q] = c.distanceSquared(dx, dy, dz, null);
          }
        }
      }
      if (!lap.solve(cost, ns, ns, rowToCol)) {
        return false;
      }
      for (int r = 0; r < ns; r++) {
        assign[rows[r]] = cols[rowToCol[r]];
      }
    }
    double mx = 0;
    double my = 0;
    double mz = 0;
    for (int i = 0; i < n; i++) {
      int j = assign[i];
      c.distanceSquared(s1[3 * j] - (s2[3 * i] + tx), s1[3 * j + 1] - (s2[3 * i + 1] + ty),
          s1[3 * j + 2] - (s2[3 * i + 2] + tz), out);
      vec[3 * i] = out[0];
      vec[3 * i + 1] = out[1];
      vec[3 * i + 2] = out[2];
      mx += out[0];
      my += out[1];
      mz += out[2];
    }
    mx /= n;
    my /= n;
    mz /= n;
    double sum = 0;
    double max = 0;
    for (int i = 0; i < n; i++) {
      double ex = vec[3 * i] - mx;
      double ey = vec[3 * i + 1] - my;
      double ez = vec[3 * i + 2] - mz;
      double d2 = ex * ex + ey * ey + ez * ez;
      sum += d2;
      max = Math.max(max, d2);
    }
    c.rms = Math.sqrt(sum / n) * normalization;
    c.max = Math.sqrt(max) * normalization;
    return true;
  }

  private Outcome outcome(Candidate c, int n, int fu, boolean s1Supercell, boolean swapped) {
    Outcome o = new Outcome();
    o.rms = c.rms;
    o.max = c.max;
    o.fu = fu;
    o.pairs = new int[n][];
    for (int i = 0; i < n; i++) {
      int site1 = s1Supercell ? assign[i] / fu : assign[i];
      int site2 = s1Supercell ? i : i / fu;
      o.pairs[i] = swapped ? new int[] {site2, site1} : new int[] {site1, site2};
    }
    return o;
  }

  /**
   * The fu points of the original lattice inside the supercell S, in supercell fractional
   * coordinates in [0, 1); null if the count is not fu (numerically degenerate S).
   */
  private static double[] latticePoints(int[] s, double[] sinv, int fu) {
    int[] min = new int[3];
    int[] max = new int[3];
    for (int k = 0; k < 3; k++) {
      min[k] = Integer.MAX_VALUE;
      max[k] = Integer.MIN_VALUE;
    }
    for (int corner = 0; corner < 8; corner++) {
      int c0 = (corner >> 2) & 1;
      int c1 = (corner >> 1) & 1;
      int c2 = corner & 1;
      for (int k = 0; k < 3; k++) {
        int v = c0 * s[k] + c1 * s[3 + k] + c2 * s[6 + k];
        min[k] = Math.min(min[k], v);
        max[k] = Math.max(max[k], v);
      }
    }
    double[] points = new double[3 * fu];
    int count = 0;
    for (int a = min[0]; a <= max[0]; a++) {
      for (int b = min[1]; b <= max[1]; b++) {
        for (int c = min[2]; c <= max[2]; c++) {
          double f0 = a * sinv[0] + b * sinv[3] + c * sinv[6];
          double f1 = a * sinv[1] + b * sinv[4] + c * sinv[7];
          double f2 = a * sinv[2] + b * sinv[5] + c * sinv[8];
          if (f0 >= -1e-10 && f0 < 1 - 1e-10 && f1 >= -1e-10 && f1 < 1 - 1e-10 && f2 >= -1e-10
              && f2 < 1 - 1e-10) {
            if (count == fu) {
              return null;
            }
            points[3 * count] = f0;
            points[3 * count + 1] = f1;
            points[3 * count + 2] = f2;
            count++;
          }
        }
      }
    }
    return count == fu ? points : null;
  }

  private static void inverse(int[] s, double[] out) {
    double det = s[0] * ((double) s[4] * s[8] - (double) s[5] * s[7])
        - s[1] * ((double) s[3] * s[8] - (double) s[5] * s[6])
        + s[2] * ((double) s[3] * s[7] - (double) s[4] * s[6]);
    out[0] = (s[4] * s[8] - s[5] * s[7]) / det;
    out[1] = (s[2] * s[7] - s[1] * s[8]) / det;
    out[2] = (s[1] * s[5] - s[2] * s[4]) / det;
    out[3] = (s[5] * s[6] - s[3] * s[8]) / det;
    out[4] = (s[0] * s[8] - s[2] * s[6]) / det;
    out[5] = (s[2] * s[3] - s[0] * s[5]) / det;
    out[6] = (s[3] * s[7] - s[4] * s[6]) / det;
    out[7] = (s[1] * s[6] - s[0] * s[7]) / det;
    out[8] = (s[0] * s[4] - s[1] * s[3]) / det;
  }

  private static double[] multiply(int[] s, double[] m) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        r[3 * i + k] = s[3 * i] * m[k] + s[3 * i + 1] * m[3 + k] + s[3 * i + 2] * m[6 + k];
      }
    }
    return r;
  }

  private static double angleDeg(double[] m, int p, int q) {
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, LatticeMappings.cosAngle(m, p, q)))));
  }

  private static double wrap(double x) {
    return x - Math.floor(x);
  }
}
