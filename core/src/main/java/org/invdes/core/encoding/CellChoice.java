package org.invdes.core.encoding;

/** Which unit cell of a structure an encoder encodes. */
public enum CellChoice {
  /**
   * The cell as given. {@code decode(encode(s))} gives back {@code s}'s lattice parameters and
   * fractional coordinates (up to the canonical site order and wrapping into [0, 1)).
   */
  AS_GIVEN,
  /**
   * The Niggli-reduced cell ({@link org.invdes.core.structure.Lattice#niggliReduced()}, default
   * tolerance), with the fractional coordinates re-expressed in it. The same crystal given in any
   * basis of the same lattice then encodes the same lattice parameters, and the encoded lattices
   * are the compact ones; {@code decode(encode(s))} is {@code s} in its Niggli cell.
   */
  NIGGLI
}
