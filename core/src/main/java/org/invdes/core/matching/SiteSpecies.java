package org.invdes.core.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;

/**
 * The species content of a site in a canonical form (elements by atomic number with their
 * occupancies), compared as pymatgen's {@code ElementComparator} compares sites: the same elements
 * with the same amounts. Amounts are compared within {@value #OCCUPANCY_TOLERANCE} (pymatgen's
 * composition amount tolerance), so an ordered Fe site matches only an ordered Fe site and
 * {@code Fe:0.5 Ni:0.5} matches only {@code Fe:0.5 Ni:0.5}.
 */
final class SiteSpecies {

  /** Largest difference of two occupancies that still counts as equal (dimensionless). */
  static final double OCCUPANCY_TOLERANCE = 1e-8;

  private final int[] z;
  private final double[] occupancy;
  private final String label;

  private SiteSpecies(int[] z, double[] occupancy, String label) {
    this.z = z;
    this.occupancy = occupancy;
    this.label = label;
  }

  static SiteSpecies of(Site site) {
    Map<Element, Double> species = site.species();
    Element[] elements = species.keySet().toArray(new Element[0]);
    Arrays.sort(elements);
    int[] z = new int[elements.length];
    double[] occ = new double[elements.length];
    for (int i = 0; i < elements.length; i++) {
      z[i] = elements[i].number();
      occ[i] = species.get(elements[i]);
    }
    return new SiteSpecies(z, occ, pymatgenSpeciesString(species));
  }

  /**
   * The string pymatgen's {@code species_string} gives: the symbol of a fully occupied
   * single-element site, else {@code El:0.500, El2:0.250} with the elements in pymatgen's element
   * order (electronegativity, then symbol) and three decimals.
   */
  private static String pymatgenSpeciesString(Map<Element, Double> species) {
    if (species.size() == 1) {
      Map.Entry<Element, Double> only = species.entrySet().iterator().next();
      if (only.getValue() == 1.0) {
        return only.getKey().symbol();
      }
    }
    List<Element> sorted = new ArrayList<>(species.keySet());
    sorted.sort(Element.electronegativityOrder());
    StringBuilder sb = new StringBuilder();
    for (Element e : sorted) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.symbol()).append(':').append(String.format(Locale.ROOT, "%.3f", species.get(e)));
    }
    return sb.toString();
  }

  /** The label sites are grouped and sorted by in the primitive-cell search (pymatgen's). */
  String label() {
    return label;
  }

  /** Same elements, occupancies within {@value #OCCUPANCY_TOLERANCE}. */
  boolean sameAs(SiteSpecies other) {
    if (!Arrays.equals(z, other.z)) {
      return false;
    }
    for (int i = 0; i < occupancy.length; i++) {
      if (Math.abs(occupancy[i] - other.occupancy[i]) > OCCUPANCY_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return label;
  }
}
