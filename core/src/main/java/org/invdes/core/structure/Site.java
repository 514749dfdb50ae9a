package org.invdes.core.structure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One crystallographic site: the species on it with their occupancies, and its fractional
 * coordinates relative to the lattice vectors.
 *
 * <p>An ordered site holds one element with occupancy 1. A disordered site holds one or more
 * elements whose occupancies sum to at most 1 (a vacancy makes up the rest). Immutable; {@link
 * #equals} is exact, {@link #approxEquals} is tolerant.
 */
public final class Site {
  private final Map<Element, Double> species;
  private final double[] frac;
  private final String label;

  private Site(Map<Element, Double> species, double[] frac, String label) {
    this.species = species;
    this.frac = frac;
    this.label = label;
  }

  /**
   * A site fully occupied by one element.
   *
   * @param element the element on the site
   * @param frac fractional coordinates (3 values)
   */
  public static Site of(Element element, double... frac) {
    return of(Map.of(Objects.requireNonNull(element, "element"), 1.0), frac, null);
  }

  /**
   * A site with any species and occupancies.
   *
   * @param species element → occupancy (0 &lt; occupancy ≤ 1, total ≤ 1 + 1e-6); iteration order
   *     is kept
   * @param frac fractional coordinates (3 finite values)
   * @param label the site label as the source named it (e.g. {@code Ti1}), or null
   * @throws IllegalArgumentException naming the offending value
   */
  public static Site of(Map<Element, ? extends Number> species, double[] frac, String label) {
    Objects.requireNonNull(species, "species");
    Objects.requireNonNull(frac, "frac");
    if (species.isEmpty()) {
      throw new IllegalArgumentException("site " + describe(label, frac) + " has no species");
    }
    if (frac.length != 3) {
      throw new IllegalArgumentException(
          "site " + describe(label, frac) + " has " + frac.length + " coordinates, expected 3");
    }
    for (double x : frac) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(
            "site " + describe(label, frac) + " has a non-finite coordinate " + x);
      }
    }
    Map<Element, Double> copy = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<Element, ? extends Number> e : species.entrySet()) {
      Element el = Objects.requireNonNull(e.getKey(), "element");
      double occ = e.getValue().doubleValue();
      if (!(occ > 0) || occ > 1 + 1e-6) {
        throw new IllegalArgumentException(
            "site " + describe(label, frac) + ": occupancy of " + el + " is " + occ
                + ", expected 0 < occupancy <= 1");
      }
      copy.merge(el, occ, Double::sum);
      total += occ;
    }
    if (total > 1 + 1e-3) {
      throw new IllegalArgumentException(
          "site " + describe(label, frac) + ": occupancies sum to " + total + ", more than 1");
    }
    return new Site(Collections.unmodifiableMap(copy), frac.clone(), label);
  }

  private static String describe(String label, double[] frac) {
    return label != null ? "'" + label + "'" : Arrays.toString(frac);
  }

  /** Element → occupancy, in the order given; unmodifiable. */
  public Map<Element, Double> species() {
    return species;
  }

  /** Fractional coordinates (a copy). */
  public double[] frac() {
    return frac.clone();
  }

  /** Fractional coordinate {@code i} (0, 1 or 2) without copying. */
  public double frac(int i) {
    return frac[i];
  }

  /** The label the source gave this site, or null. */
  public String label() {
    return label;
  }

  /** True when one element fully occupies the site. */
  public boolean isOrdered() {
    if (species.size() != 1) {
      return false;
    }
    return Math.abs(species.values().iterator().next() - 1.0) < 1e-8;
  }

  /** The element with the largest occupancy (the only one on an ordered site). */
  public Element majorElement() {
    Element best = null;
    double occ = -1;
    for (Map.Entry<Element, Double> e : species.entrySet()) {
      if (e.getValue() > occ) {
        best = e.getKey();
        occ = e.getValue();
      }
    }
    return best;
  }

  /** Sum of occupancies (1 on an ordered site, less with vacancies). */
  public double totalOccupancy() {
    double t = 0;
    for (double v : species.values()) {
      t += v;
    }
    return t;
  }

  /** This site moved to other fractional coordinates, same species and label. */
  public Site withFrac(double... newFrac) {
    return of(species, newFrac, label);
  }

  /** This site with another label. */
  public Site withLabel(String newLabel) {
    return new Site(species, frac, newLabel);
  }

  /**
   * Same species and occupancies (within {@code occupancyTolerance}) and fractional coordinates
   * within {@code fracTolerance}, without periodic wrapping.
   */
  public boolean approxEquals(Site other, double fracTolerance, double occupancyTolerance) {
    if (!species.keySet().equals(other.species.keySet())) {
      return false;
    }
    for (Map.Entry<Element, Double> e : species.entrySet()) {
      if (Math.abs(e.getValue() - other.species.get(e.getKey())) > occupancyTolerance) {
        return false;
      }
    }
    for (int i = 0; i < 3; i++) {
      if (Math.abs(frac[i] - other.frac[i]) > fracTolerance) {
        return false;
      }
    }
    return true;
  }

  /** A species string such as {@code Fe} or {@code Fe:0.5 Ni:0.5}. */
  public String speciesString() {
    if (isOrdered()) {
      return species.keySet().iterator().next().symbol();
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Element, Double> e : species.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey().symbol()).append(':').append(e.getValue());
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Site)) {
      return false;
    }
    Site s = (Site) o;
    return species.equals(s.species) && Arrays.equals(frac, s.frac) && Objects.equals(label, s.label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(species, Arrays.hashCode(frac), label);
  }

  @Override
  public String toString() {
    return speciesString() + " " + Arrays.toString(frac);
  }
}
