package org.invdes.core.stability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.invdes.core.structure.Structure;

/**
 * Properties that a training set gets from its structures alone, so that a generator can be
 * conditioned on them without a column in the data.
 *
 * <ul>
 *   <li>{@value #CHARGE_BALANCED}: 1 when the composition can be charge balanced by SMACT's
 *       rule ({@link CompositionValidity#standard()}, the check of {@code invdes filter} and of
 *       the composition validity metric), 0 when not. A diffusion model trained with it and
 *       sampled with the target 1 is guided toward charge-balanced compositions.
 * </ul>
 *
 * A structure that already has the property (a column of the data of that name) keeps its own
 * value.
 */
public final class DerivedProperties {
  private DerivedProperties() {}

  /** The charge-balance label: 1 or 0. */
  public static final String CHARGE_BALANCED = "charge_balanced";

  /** Every derived property's name. */
  public static final Set<String> NAMES = Set.of(CHARGE_BALANCED);

  /** @return whether {@code name} is a property this class can derive */
  public static boolean isDerived(String name) {
    return NAMES.contains(name);
  }

  /**
   * @param structure a structure
   * @param name a derived property's name
   * @return the property's value for {@code structure}
   * @throws IllegalArgumentException if {@code name} is not a derived property
   */
  public static double value(Structure structure, String name) {
    Objects.requireNonNull(structure, "structure");
    if (CHARGE_BALANCED.equals(name)) {
      return CompositionValidity.standard().isValid(structure.composition()) ? 1.0 : 0.0;
    }
    throw new IllegalArgumentException("'" + name + "' is not a derived property; they are "
        + NAMES);
  }

  /**
   * @param structures structures
   * @param properties property names; the derived ones among them are added
   * @return the structures, each with every derived property of {@code properties} that it does
   *     not have already; the same list when {@code properties} names none
   */
  public static List<Structure> add(List<Structure> structures, Collection<String> properties) {
    List<String> derived = properties.stream().filter(DerivedProperties::isDerived).toList();
    if (derived.isEmpty()) {
      return structures;
    }
    List<Structure> out = new ArrayList<>(structures.size());
    for (Structure s : structures) {
      Structure t = s;
      for (String name : derived) {
        if (t.doubleProperty(name).isEmpty()) {
          t = t.withProperty(name, value(t, name));
        }
      }
      out.add(t);
    }
    return out;
  }
}
