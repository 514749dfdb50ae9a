package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Structures for the encoding tests: hand-written crystals and seeded random ones, plus the
 * test-side comparison of a decoded structure with its original (written independently of the
 * encoder's canonical order: sites are matched one to one by species and periodic distance).
 */
final class TestCrystals {
  /** The element pool of the random structures: light to heavy, metals and anions. */
  static final List<Element> POOL = List.of(Element.of("H"), Element.of("Li"), Element.of("C"),
      Element.of("N"), Element.of("O"), Element.of("F"), Element.of("Na"), Element.of("Mg"),
      Element.of("Si"), Element.of("S"), Element.of("Cl"), Element.of("Ti"), Element.of("Fe"),
      Element.of("Cu"), Element.of("Se"), Element.of("Sr"), Element.of("Ag"), Element.of("Ba"),
      Element.of("W"), Element.of("Pb"), Element.of("U"));

  private TestCrystals() {
  }

  /** Rock salt NaCl, conventional cell a = 5.64 Å: Na on fcc sites, Cl shifted by (½, ½, ½). */
  static Structure rockSalt() {
    List<Site> sites = new ArrayList<>();
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    for (double[] f : fcc) {
      sites.add(Site.of(Element.of("Na"), f));
    }
    for (double[] f : fcc) {
      sites.add(Site.of(Element.of("Cl"), (f[0] + 0.5) % 1, (f[1] + 0.5) % 1, (f[2] + 0.5) % 1));
    }
    return Structure.of(Lattice.cubic(5.64), sites, Map.of("id", "NaCl-rocksalt"));
  }

  /** Cubic perovskite SrTiO3, a = 3.905 Å: Sr (0,0,0), Ti (½,½,½), O at the face centres. */
  static Structure perovskite() {
    return Structure.of(Lattice.cubic(3.905), List.of(
        Site.of(Element.of("Sr"), 0, 0, 0),
        Site.of(Element.of("Ti"), 0.5, 0.5, 0.5),
        Site.of(Element.of("O"), 0.5, 0.5, 0),
        Site.of(Element.of("O"), 0.5, 0, 0.5),
        Site.of(Element.of("O"), 0, 0.5, 0.5)), Map.of("id", "SrTiO3"));
  }

  /** Cell-shape factor (V/abc)² of three angles in degrees. */
  static double shape(double al, double be, double ga) {
    double ca = Math.cos(Math.toRadians(al));
    double cb = Math.cos(Math.toRadians(be));
    double cg = Math.cos(Math.toRadians(ga));
    return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
  }

  /**
   * A random triclinic lattice: lengths uniform in [2, 30] Å, angles uniform in [20°, 160°],
   * redrawn until the shape factor is at least 10⁻³ (as flat as real MP-20 cells get, 1.5·10⁻⁴,
   * is covered by the dataset test).
   */
  static Lattice randomLattice(Random r) {
    while (true) {
      double al = 20 + 140 * r.nextDouble();
      double be = 20 + 140 * r.nextDouble();
      double ga = 20 + 140 * r.nextDouble();
      if (shape(al, be, ga) >= 1e-3) {
        return Lattice.fromParameters(2 + 28 * r.nextDouble(), 2 + 28 * r.nextDouble(),
            2 + 28 * r.nextDouble(), al, be, ga);
      }
    }
  }

  /**
   * A random ordered structure: 1..maxSites sites, elements from {@code elements}, coordinates
   * uniform in [−2, 2) (so wrapping is exercised), a property {@code e} uniform in [−3, 1] and
   * an id.
   */
  static Structure randomStructure(Random r, List<Element> elements, int maxSites) {
    int n = 1 + r.nextInt(maxSites);
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sites.add(Site.of(elements.get(r.nextInt(elements.size())), -2 + 4 * r.nextDouble(),
          -2 + 4 * r.nextDouble(), -2 + 4 * r.nextDouble()));
    }
    return Structure.of(randomLattice(r), sites,
        Map.of("id", "random-" + r.nextInt(1_000_000), "e", -3 + 4 * r.nextDouble()));
  }

  /** {@code count} random structures from one seed. */
  static List<Structure> randomStructures(long seed, int count, List<Element> elements,
      int maxSites) {
    Random r = new Random(seed);
    List<Structure> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(randomStructure(r, elements, maxSites));
    }
    return out;
  }

  /** The same structure with its sites in a random order. */
  static Structure shuffled(Structure s, Random r) {
    List<Site> sites = new ArrayList<>(s.sites());
    java.util.Collections.shuffle(sites, r);
    return s.withSites(sites);
  }

  /**
   * Asserts that {@code decoded} is {@code original} up to site order: lattice lengths and
   * angles within {@code relTol} relative, same site count, and a one-to-one matching of sites
   * with equal species (occupancies within 10⁻⁶) and every fractional coordinate within {@code
   * fracTol} modulo 1.
   */
  static void assertSameUpToOrder(Structure original, Lattice expectedLattice,
      List<double[]> expectedFrac, Structure decoded, double relTol, double fracTol) {
    String who = original.stringProperty("id").orElse(original.toString());
    double[] p = params(expectedLattice);
    double[] q = params(decoded.lattice());
    for (int k = 0; k < 6; k++) {
      assertTrue(Math.abs(p[k] - q[k]) <= relTol * Math.abs(p[k]),
          () -> who + ": lattice " + expectedLattice + " decoded as " + decoded.lattice());
    }
    assertEquals(original.size(), decoded.size(), who + ": site count");
    assertEquals(original.composition(), decoded.composition(), who + ": composition");
    boolean[] used = new boolean[decoded.size()];
    for (int i = 0; i < original.size(); i++) {
      Site a = original.site(i);
      boolean found = false;
      for (int j = 0; j < decoded.size() && !found; j++) {
        if (used[j] || !sameSpecies(a, decoded.site(j))) {
          continue;
        }
        if (periodicClose(expectedFrac.get(i), decoded.site(j).frac(), fracTol)) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) {
        fail(who + ": no decoded site matches " + a.speciesString() + " at "
            + java.util.Arrays.toString(expectedFrac.get(i)) + " in " + decoded.sites());
      }
    }
  }

  /** {@link #assertSameUpToOrder} against the original's own lattice and coordinates. */
  static void assertSameUpToOrder(Structure original, Structure decoded, double relTol,
      double fracTol) {
    List<double[]> frac = new ArrayList<>();
    for (Site s : original.sites()) {
      frac.add(s.frac());
    }
    assertSameUpToOrder(original, original.lattice(), frac, decoded, relTol, fracTol);
  }

  static double[] params(Lattice l) {
    return new double[] {l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma()};
  }

  static boolean sameSpecies(Site a, Site b) {
    if (!a.species().keySet().equals(b.species().keySet())) {
      return false;
    }
    for (Map.Entry<Element, Double> e : a.species().entrySet()) {
      if (Math.abs(e.getValue() - b.species().get(e.getKey())) > 1e-6) {
        return false;
      }
    }
    return true;
  }

  static boolean periodicClose(double[] f, double[] g, double tol) {
    for (int k = 0; k < 3; k++) {
      double d = f[k] - g[k];
      d -= Math.rint(d);
      if (Math.abs(d) > tol) {
        return false;
      }
    }
    return true;
  }
}
