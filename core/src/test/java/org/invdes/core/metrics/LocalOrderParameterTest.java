package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalOrderParameter}: ideal motifs in closed form, Steinhardt's published values, and
 * invariants (rotation, permutation, scale).
 */
class LocalOrderParameterTest {
  private static final double[] ORIGIN = {0, 0, 0};

  private static double value(LocalOrderParameter.Type type, List<double[]> neighbours) {
    return LocalOrderParameter.standard(type).compute(ORIGIN, neighbours);
  }

  private static List<double[]> octahedron() {
    return List.of(new double[] {1, 0, 0}, new double[] {-1, 0, 0}, new double[] {0, 1, 0},
        new double[] {0, -1, 0}, new double[] {0, 0, 1}, new double[] {0, 0, -1});
  }

  private static List<double[]> cubeCorners() {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      out.add(new double[] {(i & 1) == 0 ? -1 : 1, (i & 2) == 0 ? -1 : 1, (i & 4) == 0 ? -1 : 1});
    }
    return out;
  }

  /** The 12 nearest neighbours of an fcc site: (±1, ±1, 0) and permutations. */
  private static List<double[]> cuboctahedron() {
    List<double[]> out = new ArrayList<>();
    for (int zero = 0; zero < 3; zero++) {
      for (int s = 0; s < 4; s++) {
        double[] v = new double[3];
        v[(zero + 1) % 3] = (s & 1) == 0 ? 1 : -1;
        v[(zero + 2) % 3] = (s & 2) == 0 ? 1 : -1;
        out.add(v);
      }
    }
    return out;
  }

  private static List<double[]> icosahedron() {
    double g = (1 + Math.sqrt(5)) / 2;
    List<double[]> out = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      double a = (s & 1) == 0 ? 1 : -1;
      double b = (s & 2) == 0 ? g : -g;
      out.add(new double[] {0, a, b});
      out.add(new double[] {a, b, 0});
      out.add(new double[] {b, 0, a});
    }
    return out;
  }

  @Test
  void steinhardtValuesOfIdealShells() {
    // octahedron, closed form from the addition theorem: q4 = sqrt(7/12), q6 = sqrt(1/8), q2 = 0
    assertEquals(Math.sqrt(7.0 / 12), value(LocalOrderParameter.Type.Q4, octahedron()), 1e-12);
    assertEquals(Math.sqrt(1.0 / 8), value(LocalOrderParameter.Type.Q6, octahedron()), 1e-12);
    assertEquals(0.0, value(LocalOrderParameter.Type.Q2, octahedron()), 1e-12);
    // published first-shell values (Steinhardt et al. 1983; Mickel et al., J. Chem. Phys. 138,
    // 044501 (2013)): fcc q4 0.19094, q6 0.57452; icosahedron q4 0, q6 0.66332; simple cube
    // corners (bcc first shell) q4 0.50918, q6 0.62854
    assertEquals(0.19094, value(LocalOrderParameter.Type.Q4, cuboctahedron()), 5e-6);
    assertEquals(0.57452, value(LocalOrderParameter.Type.Q6, cuboctahedron()), 5e-6);
    assertEquals(0.0, value(LocalOrderParameter.Type.Q4, icosahedron()), 1e-12);
    assertEquals(0.66332, value(LocalOrderParameter.Type.Q6, icosahedron()), 5e-6);
    assertEquals(0.50918, value(LocalOrderParameter.Type.Q4, cubeCorners()), 5e-6);
    assertEquals(0.62854, value(LocalOrderParameter.Type.Q6, cubeCorners()), 5e-6);
    // a single bond is perfectly "ordered"
    assertEquals(1.0, value(LocalOrderParameter.Type.Q6, List.of(new double[] {0, 0, 2})), 1e-15);
  }

  @Test
  void idealMotifsScoreOne() {
    // each term of these types is a Gaussian at its centre: every pair scores 1
    assertEquals(1.0, value(LocalOrderParameter.Type.OCT_MAX, octahedron()), 1e-12);
    assertEquals(1.0, value(LocalOrderParameter.Type.BCC, cubeCorners()), 1e-12);
    List<double[]> tetrahedron = List.of(new double[] {1, 1, 1}, new double[] {1, -1, -1},
        new double[] {-1, 1, -1}, new double[] {-1, -1, 1});
    assertEquals(1.0, value(LocalOrderParameter.Type.TET_MAX, tetrahedron), 1e-12);
    List<double[]> square = List.of(new double[] {1, 0, 0}, new double[] {0, 1, 0},
        new double[] {-1, 0, 0}, new double[] {0, -1, 0});
    assertEquals(1.0, value(LocalOrderParameter.Type.SQ_PLAN_MAX, square), 1e-12);
    double c = Math.cos(2 * Math.PI / 3);
    double s = Math.sin(2 * Math.PI / 3);
    List<double[]> triangle = List.of(new double[] {1, 0, 0}, new double[] {c, s, 0},
        new double[] {c, -s, 0});
    // TA = 0.66666666667 is 2/3 within 3.3e-12: the Gaussian is 1 to double precision
    assertEquals(1.0, value(LocalOrderParameter.Type.TRI_PLAN_MAX, triangle), 1e-12);
    List<double[]> linear = List.of(new double[] {0, 0, 1.5}, new double[] {0, 0, -2});
    assertEquals(1.0, value(LocalOrderParameter.Type.BENT, linear), 1e-12);
  }

  @Test
  void bentScoresTheAngleAgainstItsTarget() {
    // 90 degrees against the L-shaped target (0.5 of 180 degrees, inverse width 15.15): 1;
    // against linear (1, 8.667): exp(-0.5 (8.667 * 0.5)^2)
    List<double[]> right = List.of(new double[] {1, 0, 0}, new double[] {0, 2, 0});
    assertEquals(1.0, LocalOrderParameter.bent(0.5, 15.15).compute(ORIGIN, right), 1e-12);
    assertEquals(Math.exp(-0.5 * Math.pow(8.667 * 0.5, 2)),
        LocalOrderParameter.bent(1, 8.667).compute(ORIGIN, right), 1e-15);
  }

  @Test
  void singleBondAndUndefinedValues() {
    List<double[]> two = List.of(new double[] {1.0, 0, 0}, new double[] {0, 1.5, 0});
    assertEquals(1 - 1.0 / 1.5, value(LocalOrderParameter.Type.SGL_BD, two), 1e-15);
    assertEquals(1.0, value(LocalOrderParameter.Type.SGL_BD, List.of(new double[] {0, 0, 3})));
    // angles need two neighbours; bcc needs four
    assertTrue(Double.isNaN(value(LocalOrderParameter.Type.OCT_MAX,
        List.of(new double[] {0, 0, 1}))));
    assertTrue(Double.isNaN(value(LocalOrderParameter.Type.BCC, two)));
    assertTrue(Double.isNaN(value(LocalOrderParameter.Type.BENT,
        List.of(new double[] {0, 0, 1}))));
  }

  private static List<double[]> randomShell(SplittableRandom random, int n) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] v;
      double len;
      do {
        v = new double[] {random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1,
            random.nextDouble() * 2 - 1};
        len = VoronoiCell.norm(v);
      } while (len < 0.2 || len > 1);
      double r = 1.8 + random.nextDouble();
      out.add(new double[] {v[0] / len * r, v[1] / len * r, v[2] / len * r});
    }
    return out;
  }

  /** A rotation matrix from a random unit quaternion. */
  private static double[][] randomRotation(SplittableRandom random) {
    double[] q = new double[4];
    double len;
    do {
      for (int i = 0; i < 4; i++) {
        q[i] = random.nextDouble() * 2 - 1;
      }
      len = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    } while (len < 0.1 || len > 1);
    double w = q[0] / len;
    double x = q[1] / len;
    double y = q[2] / len;
    double z = q[3] / len;
    return new double[][] {
        {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
        {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
        {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)}};
  }

  private static List<double[]> transform(List<double[]> points, double[][] r, double scale,
      double[] shift) {
    List<double[]> out = new ArrayList<>();
    for (double[] p : points) {
      double[] q = new double[3];
      for (int i = 0; i < 3; i++) {
        q[i] = scale * (r[i][0] * p[0] + r[i][1] * p[1] + r[i][2] * p[2]) + shift[i];
      }
      out.add(q);
    }
    return out;
  }

  /**
   * Rotating, scaling and moving a neighbour shell does not change any order parameter; neither
   * does reordering the neighbours, except for bcc, which (as in pymatgen) sums only over pairs
   * j &lt; k of its list.
   */
  @Property(tries = 60)
  void invariantUnderRotationScaleShiftAndOrder(@ForAll @LongRange(min = 0, max = 1_000_000)
      long seed, @ForAll @IntRange(min = 2, max = 9) int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> shell = randomShell(random, n);
    double[] shift = {random.nextDouble() * 10, random.nextDouble() * 10, random.nextDouble()};
    List<double[]> moved = transform(shell, randomRotation(random), 1.7, shift);
    List<double[]> shuffled = new ArrayList<>(shell);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    for (LocalOrderParameter.Type type : LocalOrderParameter.Type.values()) {
      double a = value(type, shell);
      double b = LocalOrderParameter.standard(type).compute(shift, moved);
      if (Double.isNaN(a)) {
        assertTrue(Double.isNaN(b), type.toString());
        continue;
      }
      assertEquals(a, b, 1e-9, type + " under rotation, scale and shift");
      if (type != LocalOrderParameter.Type.BCC) {
        assertEquals(a, value(type, shuffled), 1e-9, type + " under reordering");
      }
      if (type != LocalOrderParameter.Type.BCC && type != LocalOrderParameter.Type.BENT) {
        assertTrue(a >= -1e-12 && a <= 1 + 1e-12, type + " = " + a + " outside [0, 1]");
      }
    }
  }

  /** Steinhardt's q_l by spherical harmonics equals the addition-theorem form Σ P_l(cos γ). */
  @Property(tries = 60)
  void steinhardtEqualsTheAdditionTheoremForm(@ForAll @LongRange(min = 0, max = 1_000_000)
      long seed, @ForAll @IntRange(min = 1, max = 14) int n) {
    List<double[]> shell = randomShell(new SplittableRandom(seed), n);
    int[] ls = {2, 4, 6};
    LocalOrderParameter.Type[] types = {LocalOrderParameter.Type.Q2, LocalOrderParameter.Type.Q4,
        LocalOrderParameter.Type.Q6};
    for (int t = 0; t < 3; t++) {
      double sum = 0;
      for (double[] a : shell) {
        for (double[] b : shell) {
          sum += legendre(ls[t], VoronoiCell.dot(a, b)
              / (VoronoiCell.norm(a) * VoronoiCell.norm(b)));
        }
      }
      assertEquals(Math.sqrt(Math.max(0, sum)) / n, value(types[t], shell), 1e-7);
    }
  }

  /** P_l(x) for l = 2, 4, 6 in closed form. */
  private static double legendre(int l, double x) {
    double x2 = x * x;
    switch (l) {
      case 2:
        return 0.5 * (3 * x2 - 1);
      case 4:
        return (35 * x2 * x2 - 30 * x2 + 3) / 8;
      default:
        return (231 * x2 * x2 * x2 - 315 * x2 * x2 + 105 * x2 - 5) / 16;
    }
  }

  @Test
  void legendreCoefficientsAreBonnets() {
    // P6 = (231 x^6 - 315 x^4 + 105 x^2 - 5) / 16
    double[] p6 = LocalOrderParameter.legendreCoefficients(6);
    double[] want = {-5 / 16.0, 0, 105 / 16.0, 0, -315 / 16.0, 0, 231 / 16.0};
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], p6[i], 1e-12);
    }
  }
}
