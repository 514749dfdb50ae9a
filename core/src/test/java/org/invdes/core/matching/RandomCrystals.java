package org.invdes.core.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Seeded random crystals and the transformations the matcher must see through, for the property
 * tests. Every method takes its randomness from the given {@link Random}.
 *
 * <p>The crystals: cell lengths 4–7 Å, angles 70°–110° (shape factor ≥ 0.5), 6–8 sites of Li (one
 * site), Na and Cl (at least one each), any two sites at least {@link #MIN_SEPARATION} (V/N)^(1/3)
 * apart. The single Li site makes the site counts coprime, so such a cell is always primitive and
 * its primitive reduction is a no-op whatever the tolerance.
 */
final class RandomCrystals {

  /** Smallest distance between two sites, in units of (V/N)^(1/3). */
  static final double MIN_SEPARATION = 0.67;

  private RandomCrystals() {
  }

  static Structure crystal(Random r) {
    Lattice lattice;
    while (true) {
      double al = 70 + 40 * r.nextDouble();
      double be = 70 + 40 * r.nextDouble();
      double ga = 70 + 40 * r.nextDouble();
      if (shape(al, be, ga) >= 0.5) {
        lattice = Lattice.fromParameters(4 + 3 * r.nextDouble(), 4 + 3 * r.nextDouble(), 4 + 3 * r.nextDouble(),
            al, be, ga);
        break;
      }
    }
    int n = 6 + r.nextInt(3);
    double minDist = MIN_SEPARATION * Math.cbrt(lattice.volume() / n);
    List<Element> elements = new ArrayList<>();
    elements.add(Element.of("Li"));
    int na = 1 + r.nextInt(n - 2);
    for (int i = 1; i < n; i++) {
      elements.add(Element.of(i <= na ? "Na" : "Cl"));
    }
    while (true) {
      List<double[]> coords = new ArrayList<>();
      int attempts = 0;
      while (coords.size() < n && attempts < 2000) {
        attempts++;
        double[] f = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
        boolean ok = true;
        for (double[] g : coords) {
          if (lattice.distance(f, g) < minDist) {
            ok = false;
            break;
          }
        }
        if (ok) {
          coords.add(f);
        }
      }
      if (coords.size() == n) {
        return Structure.of(lattice, elements, coords);
      }
    }
  }

  static double shape(double al, double be, double ga) {
    double ca = Math.cos(Math.toRadians(al));
    double cb = Math.cos(Math.toRadians(be));
    double cg = Math.cos(Math.toRadians(ga));
    return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
  }

  /** The sites in a random order. */
  static Structure permuted(Structure s, Random r) {
    List<Site> sites = new ArrayList<>(s.sites());
    Collections.shuffle(sites, r);
    return s.withSites(sites);
  }

  /** Every site moved by the same random fractional vector. */
  static Structure shifted(Structure s, Random r) {
    double[] t = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
    List<Site> sites = new ArrayList<>();
    for (Site site : s.sites()) {
      sites.add(site.withFrac(site.frac(0) + t[0], site.frac(1) + t[1], site.frac(2) + t[2]));
    }
    return s.withSites(sites);
  }

  /** A random integer matrix of determinant +1: an even signed permutation and 2–5 shears by ±1. */
  static int[][] unimodular(Random r) {
    int[][] perms = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {1, 0, 2}, {0, 2, 1}, {2, 1, 0}};
    int p = r.nextInt(6);
    int[][] u = new int[3][3];
    for (int i = 0; i < 3; i++) {
      u[i][perms[p][i]] = (p >= 3 && i == 0) ? -1 : 1;
    }
    int shears = 2 + r.nextInt(4);
    for (int s = 0; s < shears; s++) {
      int i = r.nextInt(3);
      int j = (i + 1 + r.nextInt(2)) % 3;
      int k = r.nextBoolean() ? 1 : -1;
      for (int c = 0; c < 3; c++) {
        u[i][c] += k * u[j][c];
      }
    }
    return u;
  }

  /** The same crystal on the basis U · M: coordinates f · U⁻¹ (U unimodular, so U⁻¹ is integer). */
  static Structure recelled(Structure s, int[][] u) {
    double[][] m = s.lattice().matrix();
    double[][] nm = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        nm[i][k] = u[i][0] * m[0][k] + u[i][1] * m[1][k] + u[i][2] * m[2][k];
      }
    }
    double[][] inv = inverse(u);
    List<Site> sites = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] f = new double[3];
      for (int k = 0; k < 3; k++) {
        f[k] = site.frac(0) * inv[0][k] + site.frac(1) * inv[1][k] + site.frac(2) * inv[2][k];
      }
      sites.add(site.withFrac(f));
    }
    return Structure.of(Lattice.fromMatrix(nm), sites, s.properties());
  }

  /** The supercell with basis H · M: the det H copies of every site. */
  static Structure supercell(Structure s, int[][] h) {
    double[][] inv = inverse(h);
    double[][] m = s.lattice().matrix();
    double[][] nm = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        nm[i][k] = h[i][0] * m[0][k] + h[i][1] * m[1][k] + h[i][2] * m[2][k];
      }
    }
    int det = (int) Math.round(det(h));
    // lattice points n of the old lattice inside the new cell: n · H⁻¹ in [0, 1)
    List<double[]> points = new ArrayList<>();
    int bound = 0;
    for (int[] row : h) {
      for (int x : row) {
        bound += Math.abs(x);
      }
    }
    for (int a = -bound; a <= bound; a++) {
      for (int b = -bound; b <= bound; b++) {
        for (int c = -bound; c <= bound; c++) {
          double[] f = new double[3];
          boolean inside = true;
          for (int k = 0; k < 3; k++) {
            f[k] = a * inv[0][k] + b * inv[1][k] + c * inv[2][k];
            inside &= f[k] > -1e-9 && f[k] < 1 - 1e-9;
          }
          if (inside) {
            points.add(f);
          }
        }
      }
    }
    if (points.size() != det) {
      throw new IllegalStateException(points.size() + " lattice points in a supercell of index " + det);
    }
    List<Site> sites = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] base = new double[3];
      for (int k = 0; k < 3; k++) {
        base[k] = site.frac(0) * inv[0][k] + site.frac(1) * inv[1][k] + site.frac(2) * inv[2][k];
      }
      for (double[] p : points) {
        sites.add(site.withFrac(base[0] + p[0], base[1] + p[1], base[2] + p[2]));
      }
    }
    return Structure.of(Lattice.fromMatrix(nm), sites, s.properties());
  }

  /** Every site moved in a random direction by a random length in [0, maxAngstrom] Å. */
  static Structure perturbed(Structure s, double maxAngstrom, Random r) {
    List<Site> sites = new ArrayList<>();
    for (Site site : s.sites()) {
      sites.add(moved(s, site, randomDirection(r), maxAngstrom * r.nextDouble()));
    }
    return s.withSites(sites);
  }

  /** A site moved by a Cartesian displacement of the given direction (unit vector) and length, Å. */
  static Site moved(Structure s, Site site, double[] direction, double lengthAngstrom) {
    double[] cart = s.lattice().toCartesian(site.frac());
    for (int k = 0; k < 3; k++) {
      cart[k] += direction[k] * lengthAngstrom;
    }
    return site.withFrac(s.lattice().toFractional(cart));
  }

  static double[] randomDirection(Random r) {
    while (true) {
      double[] v = {2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1};
      double n2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
      if (n2 > 0.01 && n2 <= 1) {
        double n = Math.sqrt(n2);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
      }
    }
  }

  /** (V / N)^(1/3), Å. */
  static double freeLength(Structure s) {
    return Math.cbrt(s.volume() / s.size());
  }

  static double det(int[][] m) {
    return (double) m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - (double) m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + (double) m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  static double[][] inverse(int[][] m) {
    double d = det(m);
    double[][] inv = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int r1 = (j + 1) % 3;
        int r2 = (j + 2) % 3;
        int c1 = (i + 1) % 3;
        int c2 = (i + 2) % 3;
        inv[i][j] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / d;
      }
    }
    return inv;
  }
}
