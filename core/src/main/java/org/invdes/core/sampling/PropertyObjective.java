package org.invdes.core.sampling;

import java.util.Locale;
import java.util.Objects;

/**
 * What latent optimisation pursues for one property: its minimum, its maximum or a target
 * value (in the property's unit).
 *
 * @param property the property name, one of the model's
 * @param goal the direction
 * @param target the target value for {@link Goal#TARGET}; NaN otherwise
 */
public record PropertyObjective(String property, Goal goal, double target) {
  /** The direction of an objective. */
  public enum Goal {
    /** Lower values are better. */
    MINIMIZE,
    /** Higher values are better. */
    MAXIMIZE,
    /** Values closer to the target are better. */
    TARGET
  }

  /** Validates: a name, a goal, and a finite target exactly for {@link Goal#TARGET}. */
  public PropertyObjective {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(goal, "goal");
    if (goal == Goal.TARGET ? !Double.isFinite(target) : !Double.isNaN(target)) {
      throw new IllegalArgumentException("objective " + goal + " of '" + property
          + "' has target " + target + "; a TARGET needs a finite value, MINIMIZE and MAXIMIZE"
          + " none (NaN)");
    }
  }

  /**
   * How far a value is from the objective, lower being better: the value (min), its negative
   * (max) or its squared distance to the target.
   */
  public double loss(double value) {
    return switch (goal) {
      case MINIMIZE -> value;
      case MAXIMIZE -> -value;
      case TARGET -> (value - target) * (value - target);
    };
  }

  /** Minimise the property. */
  public static PropertyObjective minimize(String property) {
    return new PropertyObjective(property, Goal.MINIMIZE, Double.NaN);
  }

  /** Maximise the property. */
  public static PropertyObjective maximize(String property) {
    return new PropertyObjective(property, Goal.MAXIMIZE, Double.NaN);
  }

  /** Bring the property to a value. */
  public static PropertyObjective target(String property, double value) {
    return new PropertyObjective(property, Goal.TARGET, value);
  }

  /**
   * Parses {@code name:min}, {@code name:max} or {@code name:VALUE} (e.g. {@code heat_ref:min},
   * {@code heat_ref:-0.5}).
   *
   * @throws IllegalArgumentException naming the text if it has another form
   */
  public static PropertyObjective parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("objective '" + text + "' must be NAME:min, NAME:max"
          + " or NAME:VALUE");
    }
    String name = text.substring(0, colon).trim();
    String what = text.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
    switch (what) {
      case "min":
      case "minimize":
        return minimize(name);
      case "max":
      case "maximize":
        return maximize(name);
      default:
        try {
          return target(name, Double.parseDouble(what));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("objective '" + text + "': '" + what
              + "' is neither min, max nor a number");
        }
    }
  }

  @Override
  public String toString() {
    return property + ":" + (goal == Goal.TARGET ? Double.toString(target)
        : goal == Goal.MINIMIZE ? "min" : "max");
  }
}
