package org.invdes.core.stability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateModel;

/**
 * The learned formation energy of a structure: a {@link SurrogateModel}'s prediction of its
 * property (eV/atom for a formation energy), reported as the score. It passes every structure the
 * surrogate can predict and fails, with the reason, one it cannot (disordered, or an element the
 * surrogate was not trained on). {@link EnergyAboveHullCheck#withPredictor} uses the same
 * predictions for candidates that carry no energy of their own.
 *
 * <p>{@link #prepare} predicts the given structures in batches (hundreds at a time, far faster
 * than one forward pass each) and keeps the values for exactly those structures until the next
 * call; {@link #check} of any other structure runs the network on it alone. Batched and single
 * predictions agree to float rounding (about 1e-6 of the value).
 *
 * <p>Thread-safe. It does not own the model: close the model after the last check.
 */
public final class SurrogateEnergyCheck implements StabilityCheck {
  private final SurrogateModel model;
  private final String name;
  private volatile Map<Structure, Double> prepared = Map.of();

  private SurrogateEnergyCheck(SurrogateModel model) {
    this.model = model;
    this.name = "surrogate " + model.property();
  }

  /**
   * @param model a trained surrogate, open while the check is used
   * @return the check
   */
  public static SurrogateEnergyCheck of(SurrogateModel model) {
    return new SurrogateEnergyCheck(Objects.requireNonNull(model, "model"));
  }

  /** The surrogate. */
  public SurrogateModel model() {
    return model;
  }

  /** The property the surrogate predicts. */
  public String property() {
    return model.property();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void prepare(List<Structure> structures, ProgressMonitor monitor) {
    Map<Structure, Double> old = prepared;
    Map<Structure, Double> next = new HashMap<>();
    List<Structure> missing = new java.util.ArrayList<>();
    for (Structure s : structures) {
      Double v = old.get(s);
      if (v != null) {
        next.put(s, v);
      } else if (!next.containsKey(s)) {
        missing.add(s);
        next.put(s, Double.NaN);
      }
    }
    double[] p = model.predictAll(missing, monitor);
    for (int i = 0; i < p.length; i++) {
      next.put(missing.get(i), p[i]);
    }
    prepared = next;
  }

  /**
   * The predicted property of a structure.
   *
   * @return the value, or empty when the surrogate cannot predict it ({@link
   *     SurrogateModel#problem} says why)
   */
  public Optional<Double> predicted(Structure structure) {
    Double v = prepared.get(structure);
    if (v == null) {
      if (model.problem(structure).isPresent()) {
        return Optional.empty();
      }
      v = model.predict(structure);
    }
    return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
  }

  /** Why the surrogate cannot predict a structure, if it cannot. */
  public Optional<String> problem(Structure structure) {
    return model.problem(structure);
  }

  /** @return a result whose score is the predicted property; failed if it cannot be predicted */
  @Override
  public CheckResult check(Structure structure) {
    Objects.requireNonNull(structure, "structure");
    Optional<Double> v = predicted(structure);
    if (v.isPresent()) {
      return CheckResult.pass(name, v.get());
    }
    return CheckResult.fail(name, Double.NaN, "the surrogate cannot predict "
        + property() + ": " + model.problem(structure).orElse("its prediction is not a number"));
  }

  @Override
  public String toString() {
    return "SurrogateEnergyCheck[" + model.property() + "]";
  }
}
