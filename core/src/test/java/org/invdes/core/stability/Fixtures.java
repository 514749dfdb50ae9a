package org.invdes.core.stability;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/** Hand-built structures with geometry known in closed form. */
final class Fixtures {
  private Fixtures() {
  }

  /** Rock-salt lattice constant of NaCl, Å (the handbook value 5.640 Å at room temperature). */
  static final double NACL_A = 5.64;

  /**
   * Rock-salt NaCl, conventional cubic cell of 8 atoms (Fm-3m): Na at (0,0,0) + face centres, Cl
   * shifted by (½,0,0). The shortest distance is Na–Cl = a/2 = 2.82 Å; Na–Na = a/√2 = 3.99 Å.
   */
  static Structure nacl() {
    return rockSalt(Element.of("Na"), Element.of("Cl"), NACL_A);
  }

  static Structure rockSalt(Element cation, Element anion, double a) {
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    List<Site> sites = new ArrayList<>();
    for (double[] f : fcc) {
      sites.add(Site.of(cation, f[0], f[1], f[2]));
    }
    for (double[] f : fcc) {
      sites.add(Site.of(anion, f[0] + 0.5, f[1], f[2]));
    }
    return Structure.of(Lattice.cubic(a), sites);
  }

  /**
   * Two atoms in a cubic cell of edge {@code a} Å, the second displaced along x by {@code
   * distance} Å from the first (distance &lt; a/2, so that this is the minimum-image distance).
   */
  static Structure pair(String first, String second, double distance, double a) {
    return Structure.of(Lattice.cubic(a), List.of(
        Site.of(Element.of(first), 0.1, 0.2, 0.3),
        Site.of(Element.of(second), 0.1 + distance / a, 0.2, 0.3)));
  }

  /** Cu3Au (L1₂): Au at the corner, Cu at the face centres of a cube of 3.75 Å. */
  static Structure cu3au() {
    Element cu = Element.of("Cu");
    return Structure.of(Lattice.cubic(3.75), List.of(
        Site.of(Element.of("Au"), 0, 0, 0), Site.of(cu, 0, 0.5, 0.5), Site.of(cu, 0.5, 0, 0.5),
        Site.of(cu, 0.5, 0.5, 0)));
  }

  /**
   * Diamond: carbon on the fcc sites and at +(¼,¼,¼), cubic a = 3.567 Å; the C–C bond is
   * a√3/4 = 1.5446 Å.
   */
  static Structure diamond() {
    Element c = Element.of("C");
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    List<Site> sites = new ArrayList<>();
    for (double[] f : fcc) {
      sites.add(Site.of(c, f[0], f[1], f[2]));
      sites.add(Site.of(c, f[0] + 0.25, f[1] + 0.25, f[2] + 0.25));
    }
    return Structure.of(Lattice.cubic(3.567), sites);
  }

  /** A composition-only stand-in: the elements of a formula on a simple cubic grid 3 Å apart. */
  static Structure spread(String... symbols) {
    int n = symbols.length;
    double a = 3.0 * n;
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sites.add(Site.of(Element.of(symbols[i]), (double) i / n, 0, 0));
    }
    return Structure.of(Lattice.orthorhombic(a, 3.0, 3.0), sites);
  }
}
