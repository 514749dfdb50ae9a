package org.invdes.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Structures built by hand from published cell contents, for tests that need a structure
 * without reading one.
 */
public final class KnownStructures {
  private KnownStructures() {}

  /** Rock salt NaCl, conventional cell, a = 5.6402 Å: Na at fcc positions, Cl shifted by a/2. */
  public static Structure naCl() {
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    List<Site> sites = new ArrayList<>();
    for (double[] p : fcc) {
      sites.add(Site.of(Element.of("Na"), p));
    }
    for (double[] p : fcc) {
      sites.add(Site.of(Element.of("Cl"), (p[0] + 0.5) % 1, (p[1] + 0.5) % 1, (p[2] + 0.5) % 1));
    }
    return Structure.of(Lattice.cubic(5.6402), sites);
  }

  /** Cubic perovskite SrTiO3, a = 3.905 Å: Ti 1a, Sr 1b, O 3d. */
  public static Structure srTiO3() {
    return Structure.of(Lattice.cubic(3.905), List.of(
        Site.of(Element.of("Sr"), 0.5, 0.5, 0.5),
        Site.of(Element.of("Ti"), 0, 0, 0),
        Site.of(Element.of("O"), 0.5, 0, 0),
        Site.of(Element.of("O"), 0, 0.5, 0),
        Site.of(Element.of("O"), 0, 0, 0.5)));
  }

  /** A triclinic cell with three sites, one disordered-free; for round trips of skewed cells. */
  public static Structure triclinic() {
    return Structure.of(Lattice.fromParameters(4.1, 5.3, 6.7, 78.5, 101.2, 95.7), List.of(
        Site.of(Element.of("Ca"), 0.1, 0.2, 0.3),
        Site.of(Element.of("Si"), 0.61, 0.47, 0.88),
        Site.of(Element.of("O"), 0.9, 0.05, 0.45)),
        Map.of("heat_ref", -1.25, "id", "tri-1"));
  }

  /** Disordered fcc Cu0.5Au0.5, a = 3.870 Å: one mixed site per fcc position. */
  public static Structure cuAuDisordered() {
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    List<Site> sites = new ArrayList<>();
    for (double[] p : fcc) {
      sites.add(Site.of(Map.of(Element.of("Cu"), 0.5, Element.of("Au"), 0.5), p, null));
    }
    return Structure.of(Lattice.cubic(3.870), sites);
  }
}
