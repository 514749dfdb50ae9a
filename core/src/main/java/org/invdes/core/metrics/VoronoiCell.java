package org.invdes.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Voronoi cell of a point (the origin) among a finite set of other points, as a convex
 * polyhedron whose faces each belong to one of those points.
 *
 * <p>Algorithm of {@link #around}:
 * <ol>
 *   <li>Start from the cube [−L, L]³, L = {@code boxHalfWidth} Å, its six faces belonging to no
 *       point.
 *   <li>Take the points in the given order (nearest first is fastest). Point p bounds the cell by
 *       the half-space x·p ≤ |p|²/2 (the points nearer the origin than p). Skip p when |p|/2
 *       exceeds the distance of the farthest vertex by more than {@value #EPS_ANGSTROM} Å, or
 *       when no vertex lies more than {@value #EPS_ANGSTROM} Å beyond its plane: the plane
 *       misses the cell. Otherwise clip every face polygon by the half-space
 *       (Sutherland–Hodgman; a vertex within {@value #EPS_ANGSTROM} Å of the plane counts as on
 *       it and is kept), and collect the vertices on the plane: when at least three distinct ones
 *       span a positive area, ordered by angle around their centroid they form p's face.
 *   <li>Drop faces left with fewer than three vertices.
 *   <li>If a face of the cube survives, the cell is unbounded by the points (the origin is on
 *       their convex hull, or the cell reaches beyond L): return null.
 * </ol>
 * Faces that would have zero area (a plane that only touches an edge or a vertex) are not faces,
 * as in Qhull's Voronoi diagram. The vertex on an edge cut by a plane is computed from the
 * edge's inside end, so both faces that share the edge get the same point.
 */
final class VoronoiCell {
  /** Tolerance of "on the plane" and of vertex identity, Å. */
  static final double EPS_ANGSTROM = 1e-9;

  /** One face: the index of the point it belongs to and its vertices in order around it, Å. */
  record Face(int point, List<double[]> vertices) {

    /** @return the face's area, Å² (fan of triangles from the first vertex) */
    double area() {
      double[] a = vertices.get(0);
      double sx = 0;
      double sy = 0;
      double sz = 0;
      for (int i = 1; i + 1 < vertices.size(); i++) {
        double[] c = cross(sub(vertices.get(i), a), sub(vertices.get(i + 1), a));
        sx += c[0];
        sy += c[1];
        sz += c[2];
      }
      return 0.5 * Math.sqrt(sx * sx + sy * sy + sz * sz);
    }

    /**
     * @return the solid angle the face subtends at the origin, steradians: the sum over a fan of
     *     triangles (r₀, r_i, r_{i+1}) of Van Oosterom and Strackee's 2·atan2(|r₀·(r_i×r_{i+1})|,
     *     |r₀||r_i||r_{i+1}| + |r_{i+1}|(r₀·r_i) + |r_i|(r₀·r_{i+1}) + |r₀|(r_i·r_{i+1}))
     *     (IEEE Trans. Biomed. Eng. 30, 125 (1983))
     */
    double solidAngle() {
      double[] r0 = vertices.get(0);
      double n0 = norm(r0);
      double total = 0;
      for (int i = 1; i + 1 < vertices.size(); i++) {
        double[] ri = vertices.get(i);
        double[] rj = vertices.get(i + 1);
        double ni = norm(ri);
        double nj = norm(rj);
        double triple = Math.abs(dot(r0, cross(ri, rj)));
        double denominator = n0 * ni * nj + nj * dot(r0, ri) + ni * dot(r0, rj)
            + n0 * dot(ri, rj);
        total += 2 * Math.atan2(triple, denominator);
      }
      return total;
    }
  }

  private VoronoiCell() {
  }

  /**
   * The Voronoi cell of the origin.
   *
   * @param points the other points, Cartesian Å, none at the origin; best sorted by distance
   * @param boxHalfWidth L, Å: a cell reaching beyond the cube [−L, L]³ counts as unbounded
   * @return the faces that belong to points (index into {@code points}), or null when the cell
   *     is unbounded
   */
  static List<Face> around(List<double[]> points, double boxHalfWidth) {
    double l = boxHalfWidth;
    List<Face> faces = new ArrayList<>();
    double[][] corners = new double[8][];
    for (int c = 0; c < 8; c++) {
      corners[c] = new double[] {(c & 1) == 0 ? -l : l, (c & 2) == 0 ? -l : l,
          (c & 4) == 0 ? -l : l};
    }
    int[][] cubeFaces = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2},
        {1, 3, 7, 5}};
    for (int[] f : cubeFaces) {
      List<double[]> v = new ArrayList<>();
      for (int c : f) {
        v.add(corners[c].clone());
      }
      faces.add(new Face(-1, v));
    }
    double reach = l * Math.sqrt(3);
    for (int p = 0; p < points.size(); p++) {
      double[] q = points.get(p);
      double d = norm(q);
      if (d / 2 > reach + EPS_ANGSTROM) {
        continue;
      }
      double[] normal = {q[0] / d, q[1] / d, q[2] / d};
      double offset = d / 2;
      if (!cutsAny(faces, normal, offset)) {
        continue;
      }
      List<Face> next = new ArrayList<>(faces.size() + 1);
      List<double[]> onPlane = new ArrayList<>();
      boolean cut = false;
      for (Face face : faces) {
        List<double[]> v = face.vertices();
        int n = v.size();
        double[] s = new double[n];
        boolean anyOutside = false;
        for (int i = 0; i < n; i++) {
          s[i] = dot(v.get(i), normal) - offset;
          anyOutside |= s[i] > EPS_ANGSTROM;
        }
        if (!anyOutside) {
          for (int i = 0; i < n; i++) {
            if (s[i] >= -EPS_ANGSTROM) {
              onPlane.add(v.get(i));
            }
          }
          next.add(face);
          continue;
        }
        cut = true;
        List<double[]> kept = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
          int k = (i + 1) % n;
          double[] a = v.get(i);
          double[] b = v.get(k);
          if (s[i] <= EPS_ANGSTROM) {
            kept.add(a);
            if (s[i] >= -EPS_ANGSTROM) {
              onPlane.add(a);
            }
          }
          boolean aIn = s[i] < -EPS_ANGSTROM;
          boolean bIn = s[k] < -EPS_ANGSTROM;
          boolean aOut = s[i] > EPS_ANGSTROM;
          boolean bOut = s[k] > EPS_ANGSTROM;
          if ((aIn && bOut) || (aOut && bIn)) {
            double[] in = aIn ? a : b;
            double[] out = aIn ? b : a;
            double sIn = aIn ? s[i] : s[k];
            double sOut = aIn ? s[k] : s[i];
            double t = sIn / (sIn - sOut);
            double[] x = {in[0] + t * (out[0] - in[0]), in[1] + t * (out[1] - in[1]),
                in[2] + t * (out[2] - in[2])};
            kept.add(x);
            onPlane.add(x);
          }
        }
        List<double[]> cleaned = dedupeCyclic(kept);
        if (cleaned.size() >= 3) {
          next.add(new Face(face.point(), cleaned));
        }
      }
      if (!cut) {
        continue;
      }
      List<double[]> newFace = orderedPolygon(distinct(onPlane), normal);
      if (newFace != null) {
        next.add(new Face(p, newFace));
      }
      faces = next;
      reach = 0;
      for (Face f : faces) {
        for (double[] x : f.vertices()) {
          reach = Math.max(reach, norm(x));
        }
      }
    }
    List<Face> out = new ArrayList<>();
    for (Face f : faces) {
      if (f.point() < 0) {
        return null;
      }
      out.add(f);
    }
    return out;
  }

  /** Whether some vertex lies beyond the plane by more than the tolerance (so the plane cuts). */
  private static boolean cutsAny(List<Face> faces, double[] normal, double offset) {
    for (Face face : faces) {
      for (double[] v : face.vertices()) {
        if (dot(v, normal) - offset > EPS_ANGSTROM) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * @param faces the faces of a bounded cell
   * @return the distance of its farthest vertex from the origin, Å (0 for no faces)
   */
  static double farthestVertex(List<Face> faces) {
    double reach = 0;
    for (Face f : faces) {
      for (double[] x : f.vertices()) {
        reach = Math.max(reach, norm(x));
      }
    }
    return reach;
  }

  private static List<double[]> dedupeCyclic(List<double[]> v) {
    List<double[]> out = new ArrayList<>(v.size());
    for (double[] x : v) {
      if (out.isEmpty() || !same(out.get(out.size() - 1), x)) {
        out.add(x);
      }
    }
    while (out.size() > 1 && same(out.get(0), out.get(out.size() - 1))) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static List<double[]> distinct(List<double[]> points) {
    List<double[]> out = new ArrayList<>();
    for (double[] p : points) {
      boolean seen = false;
      for (double[] q : out) {
        if (same(p, q)) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        out.add(p);
      }
    }
    return out;
  }

  /** Points of a convex planar polygon in angular order, or null if they span no area. */
  private static List<double[]> orderedPolygon(List<double[]> points, double[] normal) {
    int n = points.size();
    if (n < 3) {
      return null;
    }
    double[] c = new double[3];
    for (double[] p : points) {
      c[0] += p[0] / n;
      c[1] += p[1] / n;
      c[2] += p[2] / n;
    }
    double[] e1 = null;
    double longest = 0;
    for (double[] p : points) {
      double[] r = sub(p, c);
      double len = norm(r);
      if (len > longest) {
        longest = len;
        e1 = r;
      }
    }
    if (longest <= EPS_ANGSTROM) {
      return null;
    }
    e1 = new double[] {e1[0] / longest, e1[1] / longest, e1[2] / longest};
    double[] e2 = cross(normal, e1);
    double[] angle = new double[n];
    Integer[] order = new Integer[n];
    double maxOffLine = 0;
    for (int i = 0; i < n; i++) {
      double[] r = sub(points.get(i), c);
      double x = dot(r, e1);
      double y = dot(r, e2);
      maxOffLine = Math.max(maxOffLine, Math.abs(y));
      angle[i] = Math.atan2(y, x);
      order[i] = i;
    }
    if (maxOffLine <= EPS_ANGSTROM) {
      return null; // collinear: an edge, not a face
    }
    Arrays.sort(order, (a, b) -> Double.compare(angle[a], angle[b]));
    List<double[]> out = new ArrayList<>(n);
    for (Integer i : order) {
      out.add(points.get(i));
    }
    return out;
  }

  private static boolean same(double[] a, double[] b) {
    return Math.abs(a[0] - b[0]) <= EPS_ANGSTROM && Math.abs(a[1] - b[1]) <= EPS_ANGSTROM
        && Math.abs(a[2] - b[2]) <= EPS_ANGSTROM;
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0]};
  }
}
