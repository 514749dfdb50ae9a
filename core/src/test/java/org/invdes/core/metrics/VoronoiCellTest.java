package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.invdes.core.structure.Lattice;
import org.junit.jupiter.api.Test;

/** {@link VoronoiCell}: Wigner–Seitz cells in closed form, and invariants of random crystals. */
class VoronoiCellTest {

  /** Every lattice point n·M with |n_i| ≤ reach, except the origin, nearest first. */
  static List<double[]> latticePoints(double[][] m, int reach) {
    List<double[]> out = new ArrayList<>();
    for (int a = -reach; a <= reach; a++) {
      for (int b = -reach; b <= reach; b++) {
        for (int c = -reach; c <= reach; c++) {
          if (a == 0 && b == 0 && c == 0) {
            continue;
          }
          out.add(new double[] {a * m[0][0] + b * m[1][0] + c * m[2][0],
              a * m[0][1] + b * m[1][1] + c * m[2][1], a * m[0][2] + b * m[1][2] + c * m[2][2]});
        }
      }
    }
    out.sort(Comparator.comparingDouble(VoronoiCell::norm));
    return out;
  }

  private static double cellVolume(List<VoronoiCell.Face> faces, List<double[]> points) {
    double v = 0;
    for (VoronoiCell.Face f : faces) {
      v += f.area() * VoronoiCell.norm(points.get(f.point())) / 2 / 3;
    }
    return v;
  }

  private static double totalSolidAngle(List<VoronoiCell.Face> faces) {
    return faces.stream().mapToDouble(VoronoiCell.Face::solidAngle).sum();
  }

  @Test
  void simpleCubicCellIsTheCube() {
    double a = 3.0;
    List<double[]> pts = latticePoints(Lattice.cubic(a).matrix(), 2);
    List<VoronoiCell.Face> faces = VoronoiCell.around(pts, 100);
    assertNotNull(faces);
    // 6 square faces; the 12 edge and 8 corner neighbours only touch the cube: no faces
    assertEquals(6, faces.size());
    for (VoronoiCell.Face f : faces) {
      assertEquals(a * a, f.area(), 1e-12);
      assertEquals(4 * Math.PI / 6, f.solidAngle(), 1e-12);
      assertEquals(a, VoronoiCell.norm(pts.get(f.point())), 1e-12);
    }
  }

  @Test
  void bodyCentredCubicCellIsTheTruncatedOctahedron() {
    // bcc primitive vectors of the cube of edge a; the cell: 8 hexagons (neighbours at a√3/2) and
    // 6 squares (at a), all edges a√2/4: square area a²/8, hexagon area (3√3/2)(a²/8)
    double a = 4.0;
    double[][] m = {{-a / 2, a / 2, a / 2}, {a / 2, -a / 2, a / 2}, {a / 2, a / 2, -a / 2}};
    List<double[]> pts = latticePoints(m, 3);
    List<VoronoiCell.Face> faces = VoronoiCell.around(pts, 100);
    assertEquals(14, faces.size());
    int squares = 0;
    int hexagons = 0;
    for (VoronoiCell.Face f : faces) {
      double d = VoronoiCell.norm(pts.get(f.point()));
      if (Math.abs(d - a) < 1e-9) {
        squares++;
        assertEquals(4, f.vertices().size());
        assertEquals(a * a / 8, f.area(), 1e-12);
      } else {
        hexagons++;
        assertEquals(a * Math.sqrt(3) / 2, d, 1e-12);
        assertEquals(6, f.vertices().size());
        assertEquals(3 * Math.sqrt(3) / 2 * a * a / 8, f.area(), 1e-12);
      }
    }
    assertEquals(6, squares);
    assertEquals(8, hexagons);
    assertEquals(4 * Math.PI, totalSolidAngle(faces), 1e-12);
    assertEquals(a * a * a / 2, cellVolume(faces, pts), 1e-12);
  }

  @Test
  void faceCentredCubicCellIsTheRhombicDodecahedron() {
    double a = 3.6;
    double[][] m = {{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}};
    List<double[]> pts = latticePoints(m, 3);
    List<VoronoiCell.Face> faces = VoronoiCell.around(pts, 100);
    // 12 rhombi facing the nearest neighbours at a/√2; the 6 second neighbours only touch corners
    assertEquals(12, faces.size());
    for (VoronoiCell.Face f : faces) {
      assertEquals(4, f.vertices().size());
      assertEquals(4 * Math.PI / 12, f.solidAngle(), 1e-12);
    }
    assertEquals(a * a * a / 4, cellVolume(faces, pts), 1e-12);
  }

  @Test
  void aPointOnTheHullOfItsNeighboursHasAnUnboundedCell() {
    // all other points in the half-space z > 0
    List<double[]> pts = List.of(new double[] {1, 0, 1}, new double[] {-1, 0, 1},
        new double[] {0, 1, 1}, new double[] {0, -1, 1}, new double[] {0, 0, 2});
    assertNull(VoronoiCell.around(pts, 100));
    assertNull(VoronoiCell.around(List.of(), 100));
  }

  /**
   * A random crystal with a few sites: the Voronoi cells of its sites (with every image within
   * 12 Å, far more than the cells reach) tile the unit cell, so their volumes add up to the cell
   * volume, and each cell's faces subtend 4π.
   */
  @Property(tries = 40)
  void cellsOfAllSitesTileTheUnitCell(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 5) int sites) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    double volumePerSite = 10 + 10 * random.nextDouble();
    Lattice lattice = Lattice.fromParameters(1 + random.nextDouble(), 1 + random.nextDouble(),
        1 + random.nextDouble(), 70 + 40 * random.nextDouble(), 70 + 40 * random.nextDouble(),
        70 + 40 * random.nextDouble()).scaledToVolume(volumePerSite * sites);
    double[][] frac = new double[sites][3];
    for (double[] f : frac) {
      for (int k = 0; k < 3; k++) {
        f[k] = random.nextDouble();
      }
    }
    double total = 0;
    for (int s = 0; s < sites; s++) {
      List<double[]> pts = new ArrayList<>();
      double[] centre = lattice.toCartesian(frac[s]);
      for (int t = 0; t < sites; t++) {
        double[] delta = {frac[t][0] - frac[s][0], frac[t][1] - frac[s][1],
            frac[t][2] - frac[s][2]};
        for (double[] image : latticePointsWithOrigin(lattice.matrix(), 8)) {
          double[] p = lattice.toCartesian(delta);
          double[] q = {p[0] + image[0], p[1] + image[1], p[2] + image[2]};
          double d = VoronoiCell.norm(q);
          if (d > 1e-6 && d <= 12) {
            pts.add(q);
          }
        }
      }
      pts.sort(Comparator.comparingDouble(VoronoiCell::norm));
      List<VoronoiCell.Face> faces = VoronoiCell.around(pts, 1000);
      assertNotNull(faces, "bounded cell around " + java.util.Arrays.toString(centre));
      assertEquals(4 * Math.PI, totalSolidAngle(faces), 1e-9);
      total += cellVolume(faces, pts);
    }
    assertEquals(lattice.volume(), total, 1e-8 * lattice.volume());
  }

  private static List<double[]> latticePointsWithOrigin(double[][] m, int reach) {
    List<double[]> out = latticePoints(m, reach);
    out.add(new double[] {0, 0, 0});
    return out;
  }

  @Test
  void facesAreConvexPolygonsInOrder() {
    double[][] m = Lattice.fromParameters(3.1, 4.2, 5.3, 81, 97, 112).matrix();
    List<double[]> pts = latticePoints(m, 3);
    for (VoronoiCell.Face f : VoronoiCell.around(pts, 100)) {
      List<double[]> v = f.vertices();
      double[] normal = pts.get(f.point());
      double sign = 0;
      for (int i = 0; i < v.size(); i++) {
        double[] e1 = VoronoiCell.sub(v.get((i + 1) % v.size()), v.get(i));
        double[] e2 = VoronoiCell.sub(v.get((i + 2) % v.size()), v.get((i + 1) % v.size()));
        double turn = VoronoiCell.dot(VoronoiCell.cross(e1, e2), normal);
        assertTrue(sign == 0 || Math.signum(turn) == sign, "turns one way round the face");
        sign = Math.signum(turn);
        // every vertex lies on the bisector plane of the face's point
        assertEquals(VoronoiCell.dot(normal, normal) / 2, VoronoiCell.dot(v.get(i), normal),
            1e-9);
      }
    }
  }
}
