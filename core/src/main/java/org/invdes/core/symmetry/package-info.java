/**
 * Crystallographic symmetry: symmetry operations on fractional coordinates, the Hall symbol
 * interpreter, and the table of the 530 Hall settings of the 230 space groups with tolerant
 * Hermann–Mauguin look-up.
 *
 * <p>Coordinates are fractional (dimensionless multiples of the lattice vectors, which are the rows
 * of the lattice matrix in {@code org.invdes.core.structure}); operations act on them as column
 * vectors, {@code x' = R x + t}. Space groups are handled as finite sets of operations modulo the
 * lattice translations of the cell they are given in, centring translations included.
 *
 * <ul>
 *   <li>{@link org.invdes.core.symmetry.SymmetryOperation}: one operation, parsed from and written
 *       to the CIF {@code x,y,z} notation, with exact arithmetic.
 *   <li>{@link org.invdes.core.symmetry.HallSymbol}: the operations of a Hall symbol.
 *   <li>{@link org.invdes.core.symmetry.SpaceGroups} and {@link
 *       org.invdes.core.symmetry.SpaceGroupSetting}: the settings table and its look-ups.
 * </ul>
 */
package org.invdes.core.symmetry;
