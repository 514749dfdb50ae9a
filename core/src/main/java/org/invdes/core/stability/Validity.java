package org.invdes.core.stability;

import java.util.Objects;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Structure;

/**
 * The two validity booleans of the CDVAE benchmark protocol ({@code reference/benchmarks.md}),
 * for the metrics: structure validity ({@link GeometricValidity#standard()}: every distance
 * between two different sites ≥ 0.5 Å and the volume ≥ 0.1 Å³) and composition validity ({@link
 * CompositionValidity#standard()}: SMACT's charge-neutrality and electronegativity test, single
 * elements and alloys valid). A crystal is valid when both hold.
 */
public final class Validity {
  private Validity() {
  }

  /**
   * @param structure a structure
   * @return CDVAE's {@code struct_valid}
   */
  public static boolean structureValid(Structure structure) {
    return GeometricValidity.standard().check(structure).passed();
  }

  /**
   * @param structure a structure
   * @return CDVAE's {@code comp_valid} of its composition (occupancies included)
   */
  public static boolean compositionValid(Structure structure) {
    Objects.requireNonNull(structure, "structure");
    return compositionValid(structure.composition());
  }

  /**
   * @param composition a composition; its scale does not matter
   * @return CDVAE's {@code comp_valid}
   */
  public static boolean compositionValid(Composition composition) {
    return CompositionValidity.standard().isValid(composition);
  }

  /**
   * @param structure a structure
   * @return CDVAE's {@code valid}: structure and composition both valid
   */
  public static boolean valid(Structure structure) {
    return structureValid(structure) && compositionValid(structure);
  }
}
