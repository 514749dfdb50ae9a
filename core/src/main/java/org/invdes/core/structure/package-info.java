/**
 * The crystal structure model: elements, lattices, compositions and immutable structures.
 *
 * <p>Units throughout: lengths in ångström (Å), angles in degrees, volumes in Å³, masses in
 * atomic mass units (u), densities in g/cm³. Fractional coordinates are relative to the lattice
 * vectors, which are the rows of the lattice matrix.
 */
package org.invdes.core.structure;
