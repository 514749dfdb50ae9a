package org.invdes.core.stability;

import java.util.Objects;
import java.util.OptionalDouble;
import org.invdes.core.structure.Structure;

/**
 * Thermodynamic stability: the structure's formation energy lies less than a threshold above the
 * {@link ConvexHull} of reference phases.
 *
 * <p>The formation energy (eV/atom) is read from a numeric structure property, by default {@value
 * #DEFAULT_PROPERTY} (the name of the Materials Project datasets); a surrogate model's prediction
 * stored under another name works the same way. The default threshold, 0.1 eV/atom, is
 * MatterGen's definition of "stable" (energy above the hull &lt; 0.1 eV/atom, Zeni et al., Nature
 * 2025).
 *
 * <p>Algorithm: (1) read the property, failing the structure if it is absent or not finite;
 * (2) E_above = E_form − E_hull(composition) ({@link ConvexHull#eAboveHull}), eV/atom; (3) pass
 * when E_above &lt; threshold. The score is E_above, eV/atom (NaN when the property is missing).
 *
 * <p>Immutable and thread-safe (the hull is).
 */
public final class EnergyAboveHullCheck implements StabilityCheck {

  /** The default property holding the formation energy per atom, eV/atom. */
  public static final String DEFAULT_PROPERTY = "formation_energy_per_atom";
  /** The default threshold, MatterGen's: 0.1 eV/atom. */
  public static final double DEFAULT_THRESHOLD_EV_PER_ATOM = 0.1;

  private final ConvexHull hull;
  private final String property;
  private final double thresholdEvPerAtom;
  private final String name;

  private EnergyAboveHullCheck(ConvexHull hull, String property, double thresholdEvPerAtom) {
    this.hull = hull;
    this.property = property;
    this.thresholdEvPerAtom = thresholdEvPerAtom;
    this.name = "energy above hull < " + Sites.g(thresholdEvPerAtom) + " eV/atom ("
        + property + ")";
  }

  /**
   * The check with the default property and threshold.
   *
   * @param hull the reference hull
   * @return the check
   */
  public static EnergyAboveHullCheck of(ConvexHull hull) {
    return of(hull, DEFAULT_PROPERTY, DEFAULT_THRESHOLD_EV_PER_ATOM);
  }

  /**
   * @param hull the reference hull
   * @param property the name of the structure property holding the formation energy, eV/atom
   * @param thresholdEvPerAtom structures pass when their energy above the hull is below this,
   *     eV/atom; finite
   * @return the check
   * @throws IllegalArgumentException if the property name is blank or the threshold not finite
   */
  public static EnergyAboveHullCheck of(ConvexHull hull, String property,
      double thresholdEvPerAtom) {
    Objects.requireNonNull(hull, "hull");
    Objects.requireNonNull(property, "property");
    if (property.isBlank()) {
      throw new IllegalArgumentException("formation-energy property name is blank");
    }
    if (!Double.isFinite(thresholdEvPerAtom)) {
      throw new IllegalArgumentException(
          "threshold must be finite, got " + thresholdEvPerAtom + " eV/atom");
    }
    return new EnergyAboveHullCheck(hull, property, thresholdEvPerAtom);
  }

  /** @return the reference hull */
  public ConvexHull hull() {
    return hull;
  }

  /** @return the property holding the formation energy, eV/atom */
  public String property() {
    return property;
  }

  /** @return the threshold, eV/atom */
  public double thresholdEvPerAtom() {
    return thresholdEvPerAtom;
  }

  @Override
  public String name() {
    return name;
  }

  /** @return a result whose score is the energy above the hull, eV/atom */
  @Override
  public CheckResult check(Structure structure) {
    Objects.requireNonNull(structure, "structure");
    OptionalDouble energy = structure.doubleProperty(property);
    if (energy.isEmpty()) {
      Object raw = structure.properties().get(property);
      return CheckResult.fail(name, Double.NaN, raw == null
          ? "the structure has no property '" + property + "' (formation energy, eV/atom)"
          : "property '" + property + "' is not a number: '" + raw + "'");
    }
    double e = energy.getAsDouble();
    if (!Double.isFinite(e)) {
      return CheckResult.fail(name, Double.NaN,
          "property '" + property + "' is " + e + ", not a finite formation energy");
    }
    double above = hull.eAboveHull(structure.composition(), e);
    if (above < thresholdEvPerAtom) {
      return CheckResult.pass(name, above);
    }
    return CheckResult.fail(name, above, structure.composition().reducedFormula() + " lies "
        + Sites.f3(above) + " eV/atom above the convex hull (formation energy " + Sites.f3(e)
        + ", hull " + Sites.f3(e - above) + " eV/atom), not below " + Sites.g(thresholdEvPerAtom)
        + " eV/atom");
  }
}
