package org.invdes.core.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.invdes.core.progress.ProgressMonitor;
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
 * <p>With {@link #withPredictor}, a structure without the property (a generated candidate)
 * takes a surrogate's predicted formation energy instead; its reason then says so. With {@link
 * #withPredictionFirst}, every structure takes the prediction.
 *
 * <p>Algorithm: (1) read the property, or else ask the predictor if there is one, failing the
 * structure if neither gives a finite value;
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
  private final SurrogateEnergyCheck predictor;
  private final boolean predictionFirst;

  private EnergyAboveHullCheck(ConvexHull hull, String property, double thresholdEvPerAtom,
      SurrogateEnergyCheck predictor, boolean predictionFirst) {
    this.hull = hull;
    this.property = property;
    this.thresholdEvPerAtom = thresholdEvPerAtom;
    this.predictor = predictor;
    this.predictionFirst = predictionFirst;
    this.name = "energy above hull < " + Sites.g(thresholdEvPerAtom) + " eV/atom ("
        + (predictor == null ? property : predictionFirst ? "predicted by the surrogate"
            : property + ", else predicted") + ")";
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
    return new EnergyAboveHullCheck(hull, property, thresholdEvPerAtom, null, false);
  }

  /**
   * This check, taking the surrogate's prediction as the formation energy of a structure that
   * has no value of {@link #property()} (e.g. a generated candidate). The surrogate should
   * predict the same quantity as the hull's reference energies.
   *
   * @param surrogate the predictions
   * @return the check, named with an ", else predicted" suffix
   */
  public EnergyAboveHullCheck withPredictor(SurrogateEnergyCheck surrogate) {
    return new EnergyAboveHullCheck(hull, property, thresholdEvPerAtom,
        Objects.requireNonNull(surrogate, "surrogate"), false);
  }

  /**
   * This check, taking the surrogate's prediction as the formation energy of every structure,
   * whatever its own {@link #property()} says: for generated candidates whose property column
   * holds the generator's own guess rather than a formation energy anyone computed. The
   * reference entries of the hull keep their energies.
   *
   * @param surrogate the predictions
   * @return the check, named "predicted by the surrogate"
   */
  public EnergyAboveHullCheck withPredictionFirst(SurrogateEnergyCheck surrogate) {
    return new EnergyAboveHullCheck(hull, property, thresholdEvPerAtom,
        Objects.requireNonNull(surrogate, "surrogate"), true);
  }

  /** True when the surrogate's prediction is used even for structures with the property. */
  public boolean predictionFirst() {
    return predictionFirst;
  }

  /** The surrogate used for structures without the property, if any. */
  public Optional<SurrogateEnergyCheck> predictor() {
    return Optional.ofNullable(predictor);
  }

  /** Predicts, in batches, the structures that lack the property (with a predictor). */
  @Override
  public void prepare(List<Structure> structures, ProgressMonitor monitor) {
    if (predictor == null) {
      return;
    }
    List<Structure> lacking = new ArrayList<>();
    for (Structure s : structures) {
      if (predictionFirst || ownEnergy(s).isEmpty()) {
        lacking.add(s);
      }
    }
    if (!lacking.isEmpty()) {
      predictor.prepare(structures, monitor);
    }
  }

  private OptionalDouble ownEnergy(Structure s) {
    OptionalDouble e = s.doubleProperty(property);
    return e.isPresent() && Double.isFinite(e.getAsDouble()) ? e : OptionalDouble.empty();
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
    boolean predicted = false;
    if (predictor != null && (predictionFirst || ownEnergy(structure).isEmpty()
        && !(structure.properties().get(property) instanceof String))) {
      Optional<Double> p = predictor.predicted(structure);
      if (p.isEmpty()) {
        return CheckResult.fail(name, Double.NaN, (predictionFirst
            ? "the surrogate cannot predict the formation energy: "
            : "the structure has no property '" + property
            + "' and the surrogate cannot predict it: ")
            + predictor.problem(structure).orElse("its prediction is not a number"));
      }
      energy = OptionalDouble.of(p.get());
      predicted = true;
    }
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
        + Sites.f3(above) + " eV/atom above the convex hull (" + (predicted
            ? "formation energy predicted by the surrogate " : "formation energy ") + Sites.f3(e)
        + ", hull " + Sites.f3(e - above) + " eV/atom), not below " + Sites.g(thresholdEvPerAtom)
        + " eV/atom");
  }
}
