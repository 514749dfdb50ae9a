package org.invdes.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.invdes.core.structure.Structure;

/**
 * One top candidate of the report: its rank, id, reduced formula, predicted properties, energy
 * above the hull (when known), the score it was ranked by, its CIF text and the unit cell to
 * draw. Immutable.
 *
 * @param rank 1-based rank
 * @param id the row id
 * @param formula the reduced formula, e.g. {@code SrTiO3}
 * @param properties predicted properties by name, in display order (NaN = missing)
 * @param eAboveHull energy above the convex hull, eV/atom, if known
 * @param score the ranking score (smaller is better), if any
 * @param cif the CIF text (offered for download)
 * @param cell the unit cell for the viewer
 */
public record Candidate(int rank, String id, String formula, Map<String, Double> properties,
    OptionalDouble eAboveHull, OptionalDouble score, String cif, CellView cell) {
  /** Checks and copies. */
  public Candidate {
    if (rank < 1) {
      throw new IllegalArgumentException("candidate rank must be >= 1, got " + rank);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(formula, "formula");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    Objects.requireNonNull(eAboveHull, "eAboveHull");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(cif, "cif");
    Objects.requireNonNull(cell, "cell");
  }

  /**
   * A candidate from its structure: the formula and cell are taken from it.
   *
   * @param rank 1-based rank
   * @param id the row id
   * @param structure the structure
   * @param cif its CIF text
   * @param properties predicted properties by name, in display order
   * @param eAboveHull energy above the hull, eV/atom, if known
   * @param score the ranking score, if any
   * @return the candidate
   */
  public static Candidate of(int rank, String id, Structure structure, String cif,
      Map<String, Double> properties, OptionalDouble eAboveHull, OptionalDouble score) {
    return new Candidate(rank, id, structure.composition().reducedFormula(), properties,
        eAboveHull, score, cif, CellView.of(structure));
  }
}
