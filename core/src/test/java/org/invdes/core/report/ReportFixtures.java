package org.invdes.core.report;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.CifWriter;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/** Small hand-made filter outputs for the report tests. */
final class ReportFixtures {
  private ReportFixtures() {}

  static final List<String> HEADER = List.of("id", "cif", "heat_ref", "shortest_distance",
      "covalent_ratio", "charge_balanced", "e_above_hull", "duplicate_of", "matches_reference",
      "reason");

  /** Cubic perovskite ABO3 with lattice constant a (Å): A at the corner, B at the centre. */
  static String perovskite(String a, String b, double lattice) {
    List<Site> sites = new ArrayList<>();
    sites.add(Site.of(Element.of(a), 0, 0, 0));
    sites.add(Site.of(Element.of(b), 0.5, 0.5, 0.5));
    sites.add(Site.of(Element.of("O"), 0.5, 0.5, 0));
    sites.add(Site.of(Element.of("O"), 0.5, 0, 0.5));
    sites.add(Site.of(Element.of("O"), 0, 0.5, 0.5));
    return CifWriter.write(Structure.of(Lattice.cubic(lattice), sites));
  }

  static List<String> row(String id, String cif, String heat, String ehull, String dup,
      String ref, String reason) {
    return List.of(id, cif, heat, "1.95", "0.9", "1", ehull, dup, ref, reason);
  }

  /** Three kept perovskites with heat_ref 0.9, 0.1 and 0.52 and E_hull 0.05, 0, 0.02. */
  static Table kept() {
    return Table.of("kept.csv", HEADER, List.of(
        row("srti", perovskite("Sr", "Ti", 3.905), "0.9", "0.05", "", "", ""),
        row("bati", perovskite("Ba", "Ti", 4.0), "0.1", "0", "", "", ""),
        row("cati", perovskite("Ca", "Ti", 3.84), "0.52", "0.02", "", "", "")));
  }

  /**
   * Six rejected rows: unreadable, geometric, composition (all invalid), a duplicate, a known
   * structure, and one above the hull.
   */
  static Table rejected() {
    String cif = perovskite("Sr", "Zr", 4.1);
    return Table.of("rejected.csv", HEADER, List.of(
        List.of("bad", "data_x", "0.3", "", "", "", "", "", "", "unreadable: no cell"),
        row("crushed", cif, "0.4", "", "", "", "geometric validity: atoms 1 and 2 are 0.2 Å"
            + " apart; covalent distances (>= 0.5 × sum of covalent radii): too close"),
        row("odd", cif, "0.5", "", "", "", "composition validity: no charge-neutral"
            + " assignment"),
        row("again", cif, "0.6", "0", "srti", "", "duplicate of srti"),
        row("known", cif, "0.7", "0", "", "mp-1", "not novel: matches reference mp-1"),
        row("high", cif, "0.8", "0.4", "", "", "energy above hull < 0.1 eV/atom (heat_ref):"
            + " 0.4 eV/atom above the hull")));
  }
}
