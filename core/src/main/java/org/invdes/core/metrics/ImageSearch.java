package org.invdes.core.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;

/**
 * The periodic images of a structure's sites within a radius of a point, listed as {@link
 * CrystalNN} needs them: nearest first, ties in the order (site index, then the three lattice
 * translation integers of the structure's own cell, lexicographically).
 *
 * <p>Algorithm:
 * <ol>
 *   <li>Once per structure: reduce the lattice basis (rows b_i of the matrix, Å) by repeated
 *       pairwise size reduction b_i ← b_i − round(b_i·b_j / b_j·b_j) b_j, each applied only while
 *       it shortens b_i (at most {@value #MAX_REDUCTION_STEPS} steps), keeping the integer
 *       unimodular matrix U with reduced rows B′ = U·M. A skewed cell (a generated sliver of
 *       0.1 Å³ with 4.5 Å edges) becomes a nearly orthogonal one, so step 2 enumerates few more
 *       translations than the sphere holds.
 *   <li>For a query (centre c, radius r): for each site s with fractional coordinates f (of the
 *       structure's cell), the translations n′ (integers, reduced basis) with |n′_k − g_k| ≤
 *       (r + {@value #MARGIN_ANGSTROM}) |b′*_k| + {@value #FRACTIONAL_SLACK}, where g are the
 *       reduced-basis fractional coordinates of c − f·M and b′*_k the reduced reciprocal rows
 *       (1/Å), and for each (n′_0, n′_1) only the n′_2 on the chord of the sphere along b′_2
 *       (widened by {@value #FRACTIONAL_SLACK} of the larger of 1, its centre and r/|b′_2|): a
 *       superset of the images within r.
 *   <li>Map each back to the structure's own cell, n = n′·U, and compute the image exactly as
 *       {@code (f + n)·M} (Å) and its distance to c; keep it when {@value #COINCIDENT_ANGSTROM} ≤
 *       d ≤ r + {@value #MARGIN_ANGSTROM} Å.
 *   <li>Sort by (d, s, n) as above.
 * </ol>
 * Positions and distances are bit for bit those of enumerating the structure's own cell, so the
 * result does not depend on the reduction. Immutable and thread-safe.
 */
final class ImageSearch {
  /** Distances within this of the centre are the centre itself, Å. */
  static final double COINCIDENT_ANGSTROM = CrystalNN.COINCIDENT_ANGSTROM;
  /** Margin on the search radius, Å. */
  static final double MARGIN_ANGSTROM = 1e-8;
  /** Extra fractional slack on the enumeration bounds (covers rounding of the reduced basis). */
  private static final double FRACTIONAL_SLACK = 1e-6;
  /** Relative slack (of r²) before a column of translations counts as missing the sphere. */
  private static final double CHORD_SLACK_SQUARED = 1e-6;
  /** Bound on the basis reduction's steps (it converges in a few for any real cell). */
  private static final int MAX_REDUCTION_STEPS = 10_000;

  /**
   * A periodic image near the centre.
   *
   * @param siteIndex the index of its site
   * @param image its lattice translation in the structure's own cell (integers)
   * @param element its element (the site's major element)
   * @param cartesian its Cartesian position, Å
   * @param distance its distance from the centre, Å
   */
  record Image(int siteIndex, int[] image, Element element, double[] cartesian, double distance) {
  }

  private static final Comparator<Image> ORDER = (x, y) -> {
    int c = Double.compare(x.distance, y.distance);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(x.siteIndex, y.siteIndex);
    for (int k = 0; c == 0 && k < 3; k++) {
      c = Integer.compare(x.image[k], y.image[k]);
    }
    return c;
  };

  private final double[][] m;
  private final long[][] u;
  private final double[][] reduced;
  private final double axisSquared;
  private final double[][] reducedInverse;
  private final double[] reciprocalLength;
  private final double[][] frac;
  private final double[][] siteCartesian;
  private final Element[] elements;
  private final double density;

  private ImageSearch(Structure structure) {
    m = structure.lattice().matrix();
    u = new long[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    reduce(m, u);
    reduced = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        reduced[i][k] = u[i][0] * m[0][k] + u[i][1] * m[1][k] + u[i][2] * m[2][k];
      }
    }
    axisSquared = VoronoiCell.dot(reduced[2], reduced[2]);
    reducedInverse = inverse(reduced);
    reciprocalLength = new double[3];
    for (int k = 0; k < 3; k++) {
      // column k of the inverse is the reciprocal vector b'*_k
      reciprocalLength[k] = Math.sqrt(reducedInverse[0][k] * reducedInverse[0][k]
          + reducedInverse[1][k] * reducedInverse[1][k]
          + reducedInverse[2][k] * reducedInverse[2][k]);
    }
    int n = structure.size();
    density = n / structure.lattice().volume();
    frac = new double[n][];
    siteCartesian = new double[n][];
    elements = new Element[n];
    for (int s = 0; s < n; s++) {
      frac[s] = structure.site(s).frac();
      double[] f = frac[s];
      siteCartesian[s] = new double[] {f[0] * m[0][0] + f[1] * m[1][0] + f[2] * m[2][0],
          f[0] * m[0][1] + f[1] * m[1][1] + f[2] * m[2][1],
          f[0] * m[0][2] + f[1] * m[1][2] + f[2] * m[2][2]};
      elements[s] = structure.site(s).majorElement();
    }
  }

  /**
   * Prepares the search for a structure.
   *
   * @param structure the structure (its sites' major elements label the images)
   * @return the search
   */
  static ImageSearch of(Structure structure) {
    return new ImageSearch(Objects.requireNonNull(structure, "structure"));
  }

  /**
   * Every periodic image within a radius of a point.
   *
   * @param centre the point, Cartesian Å
   * @param radius r, Å
   * @return the images with {@value #COINCIDENT_ANGSTROM} ≤ d ≤ r + {@value #MARGIN_ANGSTROM} Å,
   *     by distance, ties by site index and translation
   */
  List<Image> within(double[] centre, double radius) {
    double reach = radius + MARGIN_ANGSTROM;
    List<Image> out = new ArrayList<>();
    int[] lo = new int[3];
    int[] hi = new int[3];
    double[] g = new double[3];
    for (int s = 0; s < frac.length; s++) {
      double[] f = frac[s];
      double[] base = siteCartesian[s];
      for (int k = 0; k < 3; k++) {
        g[k] = (centre[0] - base[0]) * reducedInverse[0][k]
            + (centre[1] - base[1]) * reducedInverse[1][k]
            + (centre[2] - base[2]) * reducedInverse[2][k];
        double span = reach * reciprocalLength[k] + FRACTIONAL_SLACK * (1 + Math.abs(g[k]));
        lo[k] = (int) Math.floor(g[k] - span);
        hi[k] = (int) Math.ceil(g[k] + span);
      }
      for (int i = lo[0]; i <= hi[0]; i++) {
        for (int j = lo[1]; j <= hi[1]; j++) {
          // the chord of the sphere along b'_2 through this (i, j) column, slightly widened
          double px = (i - g[0]) * reduced[0][0] + (j - g[1]) * reduced[1][0];
          double py = (i - g[0]) * reduced[0][1] + (j - g[1]) * reduced[1][1];
          double pz = (i - g[0]) * reduced[0][2] + (j - g[1]) * reduced[1][2];
          double along = px * reduced[2][0] + py * reduced[2][1] + pz * reduced[2][2];
          double across = px * px + py * py + pz * pz - along * along / axisSquared;
          double half = reach * reach - across;
          if (half < -CHORD_SLACK_SQUARED * reach * reach) {
            continue; // the column misses the sphere
          }
          half = Math.sqrt(Math.max(0, half)) / Math.sqrt(axisSquared);
          double mid = g[2] - along / axisSquared;
          double slack = FRACTIONAL_SLACK * (1 + Math.abs(mid) + reach / Math.sqrt(axisSquared));
          int from = Math.max(lo[2], (int) Math.floor(mid - half - slack));
          int to = Math.min(hi[2], (int) Math.ceil(mid + half + slack));
          for (int l = from; l <= to; l++) {
            int a = Math.toIntExact(i * u[0][0] + j * u[1][0] + l * u[2][0]);
            int b = Math.toIntExact(i * u[0][1] + j * u[1][1] + l * u[2][1]);
            int c = Math.toIntExact(i * u[0][2] + j * u[1][2] + l * u[2][2]);
            double fx = f[0] + a;
            double fy = f[1] + b;
            double fz = f[2] + c;
            double[] p = {fx * m[0][0] + fy * m[1][0] + fz * m[2][0],
                fx * m[0][1] + fy * m[1][1] + fz * m[2][1],
                fx * m[0][2] + fy * m[1][2] + fz * m[2][2]};
            double d = VoronoiCell.norm(VoronoiCell.sub(p, centre));
            if (d <= reach && d >= COINCIDENT_ANGSTROM) {
              out.add(new Image(s, new int[] {a, b, c}, elements[s], p, d));
            }
          }
        }
      }
    }
    out.sort(ORDER);
    return out;
  }

  /**
   * @param radius r, Å
   * @return the average number of images within r of a point: N · (4/3) π r³ / V
   */
  double expectedCount(double radius) {
    return density * 4.0 / 3.0 * Math.PI * radius * radius * radius;
  }

  /** @return sites per Å³ */
  double density() {
    return density;
  }

  /** Pairwise size reduction of the rows of m, recording the integer row operations in u. */
  private static void reduce(double[][] m, long[][] u) {
    double[][] b = {m[0].clone(), m[1].clone(), m[2].clone()};
    boolean changed = true;
    for (int step = 0; changed && step < MAX_REDUCTION_STEPS; step++) {
      changed = false;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          if (i == j) {
            continue;
          }
          double bj = VoronoiCell.dot(b[j], b[j]);
          long q = Math.round(VoronoiCell.dot(b[i], b[j]) / bj);
          if (q == 0) {
            continue;
          }
          double[] t = {b[i][0] - q * b[j][0], b[i][1] - q * b[j][1], b[i][2] - q * b[j][2]};
          if (VoronoiCell.dot(t, t) < VoronoiCell.dot(b[i], b[i]) * (1 - 1e-12)) {
            b[i] = t;
            for (int k = 0; k < 3; k++) {
              u[i][k] -= q * u[j][k];
            }
            changed = true;
          }
        }
      }
    }
  }

  private static double[][] inverse(double[][] a) {
    double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1];
    double c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2];
    double c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
    double det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
    return new double[][] {
        {c00 / det, (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det,
            (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det},
        {c01 / det, (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det,
            (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det},
        {c02 / det, (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det,
            (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det}};
  }
}
