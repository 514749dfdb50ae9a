package org.invdes.core.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the bases of one lattice whose vectors have (within tolerances) the lengths and angles of
 * another lattice's basis: pymatgen's {@code Lattice.find_all_mappings}, restricted to a given
 * supercell size.
 *
 * <h2>Algorithm</h2>
 * For the lattice X (rows of {@code mx}, Å) and target lengths L_a, L_b, L_c (Å) and angles α, β, γ
 * (degrees) of the lattice Y:
 * <ol>
 *   <li>R = max(L) (1 + ltol). Enumerate every nonzero lattice vector v = n · X with |v| ≤ R: the
 *       integer n_k range over |n_k| ≤ R |x*_k| (x*_k the crystallographic reciprocal vectors of X,
 *       1/Å), which bounds every vector of length ≤ R.
 *   <li>Candidates for each target k: the vectors with 1/(1 + ltol) &lt; |v| / L_k &lt; 1 + ltol.
 *   <li>Triples (u, v, w) of candidates for a, b, c whose pairwise angles are within angleTol
 *       (strictly) of γ (u, v), β (u, w) and α (v, w), compared through cosines (arccos is
 *       monotonic).
 *   <li>Keep a triple if the integer matrix S with rows n_u, n_v, n_w has |det S| equal to the
 *       requested supercell size (1: a basis of X itself; the sign is free, so a mirror-image basis
 *       is accepted, as pymatgen does).
 * </ol>
 */
final class LatticeMappings {

  private LatticeMappings() {
  }

  /**
   * @param mx the lattice X, 9 values row-major (rows a, b, c), Å
   * @param my the lattice Y (only its lengths and angles are used), 9 values row-major, Å
   * @param ltol fractional length tolerance (dimensionless)
   * @param angleTolDeg angle tolerance, degrees
   * @param supercellSize required |det S|, ≥ 1
   * @return the matrices S, each 9 integers row-major, so that S · X matches Y's parameters
   */
  static List<int[]> find(double[] mx, double[] my, double ltol, double angleTolDeg, int supercellSize) {
    double[] targetLen = {length(my, 0), length(my, 1), length(my, 2)};
    double cosAlpha = cosAngle(my, 1, 2);
    double cosBeta = cosAngle(my, 0, 2);
    double cosGamma = cosAngle(my, 0, 1);
    double[] alphaBounds = cosBounds(cosAlpha, angleTolDeg);
    double[] betaBounds = cosBounds(cosBeta, angleTolDeg);
    double[] gammaBounds = cosBounds(cosGamma, angleTolDeg);

    // Step 1: lattice vectors up to R.
    double r = Math.max(targetLen[0], Math.max(targetLen[1], targetLen[2])) * (1 + ltol);
    double volume = Math.abs(det(mx));
    int[] bound = new int[3];
    for (int k = 0; k < 3; k++) {
      int p = (k + 1) % 3;
      int q = (k + 2) % 3;
      double cx = mx[3 * p + 1] * mx[3 * q + 2] - mx[3 * p + 2] * mx[3 * q + 1];
      double cy = mx[3 * p + 2] * mx[3 * q] - mx[3 * p] * mx[3 * q + 2];
      double cz = mx[3 * p] * mx[3 * q + 1] - mx[3 * p + 1] * mx[3 * q];
      bound[k] = (int) Math.floor(r * Math.sqrt(cx * cx + cy * cy + cz * cz) / volume + 1e-9);
    }
    double r2 = r * r * (1 + 1e-12);
    double lo = 1 / (1 + ltol);
    double hi = 1 + ltol;
    Candidates[] cand = {new Candidates(), new Candidates(), new Candidates()};
    for (int n0 = -bound[0]; n0 <= bound[0]; n0++) {
      for (int n1 = -bound[1]; n1 <= bound[1]; n1++) {
        for (int n2 = -bound[2]; n2 <= bound[2]; n2++) {
          if (n0 == 0 && n1 == 0 && n2 == 0) {
            continue;
          }
          double vx = n0 * mx[0] + n1 * mx[3] + n2 * mx[6];
          double vy = n0 * mx[1] + n1 * mx[4] + n2 * mx[7];
          double vz = n0 * mx[2] + n1 * mx[5] + n2 * mx[8];
          double l2 = vx * vx + vy * vy + vz * vz;
          if (l2 > r2) {
            continue;
          }
          double len = Math.sqrt(l2);
          // Step 2
          for (int k = 0; k < 3; k++) {
            double ratio = len / targetLen[k];
            if (ratio < hi && ratio > lo) {
              cand[k].add(n0, n1, n2, vx, vy, vz, len);
            }
          }
        }
      }
    }
    Candidates ca = cand[0];
    Candidates cb = cand[1];
    Candidates cc = cand[2];
    List<int[]> out = new ArrayList<>();
    if (ca.size == 0 || cb.size == 0 || cc.size == 0) {
      return out;
    }
    // Step 3: pairwise angle tests.
    boolean[] alphaOk = pairTest(cb, cc, alphaBounds);
    boolean[] betaOk = pairTest(ca, cc, betaBounds);
    for (int i = 0; i < ca.size; i++) {
      for (int j = 0; j < cb.size; j++) {
        if (!within(cosBetween(ca, i, cb, j), gammaBounds)) {
          continue;
        }
        for (int k = 0; k < cc.size; k++) {
          if (!alphaOk[j * cc.size + k] || !betaOk[i * cc.size + k]) {
            continue;
          }
          // Step 4
          int[] s = {ca.n[3 * i], ca.n[3 * i + 1], ca.n[3 * i + 2], cb.n[3 * j], cb.n[3 * j + 1], cb.n[3 * j + 2],
              cc.n[3 * k], cc.n[3 * k + 1], cc.n[3 * k + 2]};
          int d = s[0] * (s[4] * s[8] - s[5] * s[7]) - s[1] * (s[3] * s[8] - s[5] * s[6])
              + s[2] * (s[3] * s[7] - s[4] * s[6]);
          if (Math.abs(d) == supercellSize) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  private static boolean[] pairTest(Candidates p, Candidates q, double[] bounds) {
    boolean[] ok = new boolean[p.size * q.size];
    for (int i = 0; i < p.size; i++) {
      for (int j = 0; j < q.size; j++) {
        ok[i * q.size + j] = within(cosBetween(p, i, q, j), bounds);
      }
    }
    return ok;
  }

  private static double cosBetween(Candidates p, int i, Candidates q, int j) {
    double dot = p.v[3 * i] * q.v[3 * j] + p.v[3 * i + 1] * q.v[3 * j + 1] + p.v[3 * i + 2] * q.v[3 * j + 2];
    return dot / (p.len[i] * q.len[j]);
  }

  /**
   * Cosine interval equivalent to |angle − target| &lt; tol with the angle in [0°, 180°]: (cos(target +
   * tol), cos(target − tol)), open; an end beyond 0° or 180° is unbounded.
   */
  private static double[] cosBounds(double cosTarget, double tolDeg) {
    double target = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cosTarget))));
    double low = target + tolDeg >= 180 ? Double.NEGATIVE_INFINITY : Math.cos(Math.toRadians(target + tolDeg));
    double high = target - tolDeg <= 0 ? Double.POSITIVE_INFINITY : Math.cos(Math.toRadians(target - tolDeg));
    return new double[] {low, high};
  }

  private static boolean within(double cos, double[] bounds) {
    double c = Math.max(-1, Math.min(1, cos));
    return c > bounds[0] && c < bounds[1];
  }

  static double length(double[] m, int row) {
    return Math.sqrt(m[3 * row] * m[3 * row] + m[3 * row + 1] * m[3 * row + 1] + m[3 * row + 2] * m[3 * row + 2]);
  }

  static double cosAngle(double[] m, int p, int q) {
    double dot = m[3 * p] * m[3 * q] + m[3 * p + 1] * m[3 * q + 1] + m[3 * p + 2] * m[3 * q + 2];
    return dot / (length(m, p) * length(m, q));
  }

  static double det(double[] m) {
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
        + m[2] * (m[3] * m[7] - m[4] * m[6]);
  }

  /** Growable parallel arrays of candidate vectors. */
  private static final class Candidates {
    int size;
    int[] n = new int[24];
    double[] v = new double[24];
    double[] len = new double[8];

    void add(int n0, int n1, int n2, double vx, double vy, double vz, double l) {
      if (size == len.length) {
        n = java.util.Arrays.copyOf(n, 6 * size);
        v = java.util.Arrays.copyOf(v, 6 * size);
        len = java.util.Arrays.copyOf(len, 2 * size);
      }
      n[3 * size] = n0;
      n[3 * size + 1] = n1;
      n[3 * size + 2] = n2;
      v[3 * size] = vx;
      v[3 * size + 1] = vy;
      v[3 * size + 2] = vz;
      len[size] = l;
      size++;
    }
  }
}
