/**
 * Crystal structure matching: whether two structures are the same crystal up to cell choice,
 * origin, site order and tolerances, as pymatgen's {@code StructureMatcher} decides it.
 * {@link org.invdes.core.matching.StructureMatcher} is the entry point; {@link
 * org.invdes.core.matching.CellReduction} gives Niggli and primitive cells and {@link
 * org.invdes.core.matching.LinearAssignment} solves the optimal site pairing.
 *
 * <p>Units: lengths in Å, angles in degrees; site displacements are normalised by the average free
 * length per atom (V / N)^(1/3).
 */
package org.invdes.core.matching;
