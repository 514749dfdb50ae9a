package org.invdes.core.structure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An immutable periodic crystal structure: a {@link Lattice}, the {@link Site}s of one unit cell
 * in fractional coordinates, and a typed property map (e.g. a formation energy in eV/atom).
 *
 * <p>Units: lengths Å, volume Å³, density g/cm³. {@link #equals} is exact; use {@link
 * #approxEquals} to compare structures read back from a file.
 */
public final class Structure {
  /** Grams per cm³ of one atomic mass unit per Å³ (1.66053906660e-24 g / 1e-24 cm³). */
  public static final double AMU_PER_A3_TO_G_PER_CM3 = 1.66053906660;

  private final Lattice lattice;
  private final List<Site> sites;
  private final Map<String, Object> properties;

  private Structure(Lattice lattice, List<Site> sites, Map<String, Object> properties) {
    this.lattice = lattice;
    this.sites = sites;
    this.properties = properties;
  }

  /**
   * A structure without properties.
   *
   * @throws IllegalArgumentException if there are no sites
   */
  public static Structure of(Lattice lattice, List<Site> sites) {
    return of(lattice, sites, Map.of());
  }

  /**
   * A structure with properties. Property values must be {@link Double}, {@link Long}, {@link
   * Integer} (stored as Long), {@link Boolean} or {@link String}.
   *
   * @throws IllegalArgumentException if there are no sites or a property has another type
   */
  public static Structure of(Lattice lattice, List<Site> sites, Map<String, ?> properties) {
    Objects.requireNonNull(lattice, "lattice");
    Objects.requireNonNull(sites, "sites");
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("a structure needs at least one site");
    }
    List<Site> copy = List.copyOf(sites);
    return new Structure(lattice, copy, checkProperties(properties));
  }

  /** A structure of ordered sites: one element per site. */
  public static Structure of(Lattice lattice, List<Element> elements, List<double[]> fracCoords) {
    if (elements.size() != fracCoords.size()) {
      throw new IllegalArgumentException(
          "species has " + elements.size() + " entries but coordinates " + fracCoords.size());
    }
    List<Site> sites = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      sites.add(Site.of(elements.get(i), fracCoords.get(i)));
    }
    return of(lattice, sites);
  }

  private static Map<String, Object> checkProperties(Map<String, ?> properties) {
    Objects.requireNonNull(properties, "properties");
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : properties.entrySet()) {
      Object v = e.getValue();
      String key = Objects.requireNonNull(e.getKey(), "property name");
      if (v instanceof Integer) {
        v = ((Integer) v).longValue();
      }
      if (!(v instanceof Double || v instanceof Long || v instanceof Boolean || v instanceof String)) {
        throw new IllegalArgumentException(
            "property '" + key + "' has unsupported type "
                + (v == null ? "null" : v.getClass().getSimpleName())
                + "; use Double, Long, Boolean or String");
      }
      copy.put(key, v);
    }
    return Collections.unmodifiableMap(copy);
  }

  public Lattice lattice() {
    return lattice;
  }

  /** The sites of the unit cell; unmodifiable. */
  public List<Site> sites() {
    return sites;
  }

  public Site site(int i) {
    return sites.get(i);
  }

  public int size() {
    return sites.size();
  }

  /** All properties; unmodifiable, in insertion order. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** A numeric property (Double or Long) as a double. */
  public OptionalDouble doubleProperty(String name) {
    Object v = properties.get(name);
    if (v instanceof Number) {
      return OptionalDouble.of(((Number) v).doubleValue());
    }
    return OptionalDouble.empty();
  }

  /** A string property. */
  public Optional<String> stringProperty(String name) {
    Object v = properties.get(name);
    return v instanceof String ? Optional.of((String) v) : Optional.empty();
  }

  /** This structure with one more (or a replaced) property. */
  public Structure withProperty(String name, Object value) {
    Map<String, Object> p = new LinkedHashMap<>(properties);
    p.put(name, value);
    return new Structure(lattice, sites, checkProperties(p));
  }

  /** This structure with exactly these properties. */
  public Structure withProperties(Map<String, ?> newProperties) {
    return new Structure(lattice, sites, checkProperties(newProperties));
  }

  /** This structure with other sites, same lattice and properties. */
  public Structure withSites(List<Site> newSites) {
    return of(lattice, newSites, properties);
  }

  /** The composition of the cell content, occupancies included. */
  public Composition composition() {
    Map<Element, Double> amounts = new LinkedHashMap<>();
    for (Site s : sites) {
      for (Map.Entry<Element, Double> e : s.species().entrySet()) {
        amounts.merge(e.getKey(), e.getValue(), Double::sum);
      }
    }
    return Composition.of(amounts);
  }

  /** True when every site is fully occupied by one element. */
  public boolean isOrdered() {
    for (Site s : sites) {
      if (!s.isOrdered()) {
        return false;
      }
    }
    return true;
  }

  /** Cell volume in Å³. */
  public double volume() {
    return lattice.volume();
  }

  /** Density in g/cm³ from the cell's mass (occupancies included) and volume. */
  public double density() {
    double mass = 0;
    for (Site s : sites) {
      for (Map.Entry<Element, Double> e : s.species().entrySet()) {
        mass += e.getKey().atomicMass() * e.getValue();
      }
    }
    return mass / lattice.volume() * AMU_PER_A3_TO_G_PER_CM3;
  }

  /** Minimum-image distance between sites {@code i} and {@code j} in Å. */
  public double distance(int i, int j) {
    return lattice.distance(sites.get(i).frac(), sites.get(j).frac());
  }

  /**
   * The shortest minimum-image distance in Å between two different sites of the cell (the
   * quantity of the benchmark rule "shortest distance ≥ 0.5 Å", which ignores a site's distance
   * to its own periodic images); {@code +∞} for a one-site cell.
   */
  public double shortestDistance() {
    double best = Double.POSITIVE_INFINITY;
    int n = sites.size();
    double[][] f = new double[n][];
    for (int i = 0; i < n; i++) {
      f[i] = sites.get(i).frac();
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        best = Math.min(best, lattice.distance(f[i], f[j]));
      }
    }
    return best;
  }

  /** Cartesian coordinates in Å of site {@code i}. */
  public double[] cartesian(int i) {
    return lattice.toCartesian(sites.get(i).frac());
  }

  /** The same structure with every fractional coordinate wrapped into [0, 1). */
  public Structure wrapped() {
    List<Site> out = new ArrayList<>(sites.size());
    for (Site s : sites) {
      double[] f = s.frac();
      for (int k = 0; k < 3; k++) {
        f[k] = wrap(f[k]);
      }
      out.add(s.withFrac(f));
    }
    return new Structure(lattice, List.copyOf(out), properties);
  }

  /** x mod 1 in [0, 1), with values within 1e-12 of 1 mapped to 0. */
  public static double wrap(double x) {
    double w = x - Math.floor(x);
    return w >= 1 - 1e-12 ? 0.0 : w;
  }

  /**
   * Same lattice (parameters within {@code lengthTolerance} Å and {@code angleTolerance}°) and
   * the same sites in the same order, coordinates within {@code fracTolerance} modulo lattice
   * translations, occupancies within 1e-6. Properties are not compared.
   */
  public boolean approxEquals(
      Structure other, double lengthTolerance, double angleTolerance, double fracTolerance) {
    if (sites.size() != other.sites.size()
        || !lattice.approxEquals(other.lattice, lengthTolerance, angleTolerance)) {
      return false;
    }
    for (int i = 0; i < sites.size(); i++) {
      Site a = sites.get(i);
      Site b = other.sites.get(i);
      if (!a.species().keySet().equals(b.species().keySet())) {
        return false;
      }
      for (Map.Entry<Element, Double> e : a.species().entrySet()) {
        if (Math.abs(e.getValue() - b.species().get(e.getKey())) > 1e-6) {
          return false;
        }
      }
      for (int k = 0; k < 3; k++) {
        double d = a.frac(k) - b.frac(k);
        d -= Math.rint(d);
        if (Math.abs(d) > fracTolerance) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Structure)) {
      return false;
    }
    Structure s = (Structure) o;
    return lattice.equals(s.lattice) && sites.equals(s.sites) && properties.equals(s.properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lattice, sites, properties);
  }

  @Override
  public String toString() {
    return "Structure " + composition().reducedFormula() + " (" + sites.size() + " sites, "
        + lattice + ")";
  }
}
