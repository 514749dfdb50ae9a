package org.invdes.core.sampling;

import java.util.List;
import org.invdes.core.structure.Structure;

/**
 * What sampling or optimisation produced.
 *
 * @param structures the generated structures, in draw order (or seed order), each carrying its
 *     {@code id} and the property head's predictions under the property names
 * @param warnings warnings for a person (targets outside the training range, samples that
 *     could not be had within the draw budget, seeds that could not be encoded)
 * @param drawn latent points examined (decoded and accepted or rejected)
 * @param rejected decoded points not returned (tolerance, chemical system, no valid checkpoint)
 */
public record SampleResult(List<Structure> structures, List<String> warnings, int drawn,
    int rejected) {
  /** Copies the lists. */
  public SampleResult {
    structures = List.copyOf(structures);
    warnings = List.copyOf(warnings);
  }
}
