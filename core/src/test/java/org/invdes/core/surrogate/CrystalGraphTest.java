package org.invdes.core.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** Neighbour lists of {@link CrystalGraph} against known lattices and brute force. */
class CrystalGraphTest {
  private static final double TOL = 1e-9;

  @Test
  void simpleCubicHasSixFacesThenTwelveEdgeNeighbours() {
    // one atom in a 3 Å cube: 6 images at a, 12 at a·√2, 8 at a·√3
    Structure s = Structure.of(Lattice.cubic(3.0), List.of(Site.of(Element.of("Po"), 0, 0, 0)));
    CrystalGraph g = CrystalGraph.of(s, 4.5, 12);
    assertEquals(1, g.size());
    assertEquals(12, g.neighbourCount(0));
    for (int k = 0; k < 6; k++) {
      assertEquals(3.0, g.distance(0, k), TOL);
      assertEquals(0, g.neighbour(0, k));
    }
    for (int k = 6; k < 12; k++) {
      assertEquals(3.0 * Math.sqrt(2), g.distance(0, k), TOL);
    }
    assertEquals(6, CrystalGraph.of(s, 3.5, 12).neighbourCount(0));
    assertEquals(26, CrystalGraph.of(s, 5.5, 40).neighbourCount(0));
  }

  @Test
  void cesiumChlorideHasEightUnlikeNeighboursFirst() {
    Structure s = Structure.of(Lattice.cubic(4.0), List.of(Site.of(Element.of("Cs"), 0, 0, 0),
        Site.of(Element.of("Cl"), 0.5, 0.5, 0.5)));
    CrystalGraph g = CrystalGraph.of(s, 6.0, 14);
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 8; k++) {
        assertEquals(2 * Math.sqrt(3), g.distance(i, k), TOL);
        assertEquals(1 - i, g.neighbour(i, k));
      }
      for (int k = 8; k < 14; k++) {
        assertEquals(4.0, g.distance(i, k), TOL);
        assertEquals(i, g.neighbour(i, k));
      }
    }
    assertThrows(IndexOutOfBoundsException.class, () -> g.distance(0, 14));
  }

  @Test
  void refusesDisorderedStructuresNamingTheSite() {
    Structure s = Structure.of(Lattice.cubic(4.0), List.of(Site.of(Element.of("Na"), 0, 0, 0),
        Site.of(Map.of(Element.of("Cl"), 0.5), new double[] {0.5, 0.5, 0.5}, "Cl1")));
    String p = CrystalGraph.problem(s);
    assertNotNull(p);
    assertTrue(p.contains("site 1"), p);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CrystalGraph.of(s, 6, 12));
    assertEquals(p, e.getMessage());
    assertNull(CrystalGraph.problem(Structure.of(Lattice.cubic(4.0),
        List.of(Site.of(Element.of("Na"), 0, 0, 0)))));
  }

  /** The M nearest distances equal those of a brute-force search over ±6 cells. */
  @Property(tries = 60)
  void agreesWithBruteForceOnObliqueCells(@ForAll @DoubleRange(min = 2.5, max = 7) double a,
      @ForAll @DoubleRange(min = 2.5, max = 7) double b,
      @ForAll @DoubleRange(min = 2.5, max = 7) double c,
      @ForAll @DoubleRange(min = 60, max = 120) double alpha,
      @ForAll @DoubleRange(min = 60, max = 120) double beta,
      @ForAll @DoubleRange(min = 60, max = 120) double gamma,
      @ForAll @IntRange(min = 1, max = 4) int atoms,
      @ForAll @DoubleRange(min = 0, max = 1) double seedFraction) {
    Lattice lattice;
    try {
      lattice = Lattice.fromParameters(a, b, c, alpha, beta, gamma);
    } catch (IllegalArgumentException impossibleAngles) {
      return;
    }
    if (lattice.volume() < 0.5 * a * b * c) {
      return; // very flat cells need more than ±6 cells of brute force
    }
    java.util.SplittableRandom r = new java.util.SplittableRandom(
        Double.doubleToLongBits(seedFraction));
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < atoms; i++) {
      sites.add(Site.of(Element.of("Si"), r.nextDouble(), r.nextDouble(), r.nextDouble()));
    }
    Structure s = Structure.of(lattice, sites);
    double cutoff = 6.0;
    CrystalGraph g = CrystalGraph.of(s, cutoff, 12);
    double[][] m = lattice.matrix();
    for (int i = 0; i < atoms; i++) {
      List<Double> all = new ArrayList<>();
      for (int j = 0; j < atoms; j++) {
        for (int x = -6; x <= 6; x++) {
          for (int y = -6; y <= 6; y++) {
            for (int z = -6; z <= 6; z++) {
              if (i == j && x == 0 && y == 0 && z == 0) {
                continue;
              }
              double[] f = {s.site(j).frac(0) - s.site(i).frac(0) + x,
                  s.site(j).frac(1) - s.site(i).frac(1) + y,
                  s.site(j).frac(2) - s.site(i).frac(2) + z};
              double d2 = 0;
              for (int k = 0; k < 3; k++) {
                double v = f[0] * m[0][k] + f[1] * m[1][k] + f[2] * m[2][k];
                d2 += v * v;
              }
              if (Math.sqrt(d2) <= cutoff) {
                all.add(Math.sqrt(d2));
              }
            }
          }
        }
      }
      Collections.sort(all);
      assertEquals(Math.min(12, all.size()), g.neighbourCount(i));
      for (int k = 0; k < g.neighbourCount(i); k++) {
        assertEquals(all.get(k), g.distance(i, k), 1e-9);
        // the neighbour's image sits at f_j + (a, b, c), at exactly that distance
        int j = g.neighbour(i, k);
        int[] o = g.image(i, k);
        double d2 = 0;
        for (int x = 0; x < 3; x++) {
          double v = 0;
          for (int y = 0; y < 3; y++) {
            v += (s.site(j).frac(y) + o[y] - s.site(i).frac(y)) * m[y][x];
          }
          d2 += v * v;
        }
        assertEquals(g.distance(i, k), Math.sqrt(d2), 1e-9);
      }
    }
  }
}
