package org.invdes.core.datasets;

import java.util.List;

/**
 * The crystal-structure prototypes of the {@link DemoDataset}: each one a space group in its
 * standard setting, the Wyckoff positions its ions occupy, the coordination of each ion, and the
 * rule that gives the lattice from Shannon ionic radii r (Å) so that the nearest
 * cation–anion distance equals the sum of the two radii at their coordinations.
 *
 * <p>Structures are built in the conventional cell of the International Tables and then, for F-
 * centred lattices, expressed in the primitive cell a' = (b + c)/2, b' = (a + c)/2, c' = (a +
 * b)/2 (rhombohedral, α = 60° for a cubic F cell), so every row has few sites.
 */
public enum Prototype {
  /**
   * Rock salt (B1, NaCl), Fm-3m: A at 4a (0,0,0), X at 4b (½,½,½), both octahedral (VI). Rule: a
   * = 2 (r_A + r_X), the A–X distance a/2 along the cell edge.
   */
  ROCK_SALT("rocksalt", "NaCl", 523, true, new Role("A", 1, 1, 6, 0, 0, 0),
      new Role("X", -1, 1, 6, 0.5, 0.5, 0.5)),
  /**
   * Caesium chloride (B2), Pm-3m: A at 1a (0,0,0), X at 1b (½,½,½), both cubic (VIII). Rule: a =
   * 2 (r_A + r_X)/√3, the A–X distance half the body diagonal.
   */
  CESIUM_CHLORIDE("cscl", "CsCl", 517, false, new Role("A", 1, 1, 8, 0, 0, 0),
      new Role("X", -1, 1, 8, 0.5, 0.5, 0.5)),
  /**
   * Zinc blende (B3, sphalerite), F-43m: A at 4a (0,0,0), X at 4c (¼,¼,¼), both tetrahedral
   * (IV). Rule: a = 4 (r_A + r_X)/√3, the A–X distance a quarter of the body diagonal.
   */
  ZINC_BLENDE("zincblende", "ZnS", 512, true, new Role("A", 1, 1, 4, 0, 0, 0),
      new Role("X", -1, 1, 4, 0.25, 0.25, 0.25)),
  /**
   * Wurtzite (B4), P6₃mc: A at 2b (⅓,⅔,0), X at 2b (⅓,⅔,u), both tetrahedral (IV), with the ideal
   * shape of regular tetrahedra: u = 3/8, c/a = √(8/3). Rule: the A–X bond along c is u·c, so a
   * = √(8/3) (r_A + r_X) and c = (8/3)(r_A + r_X).
   */
  WURTZITE("wurtzite", "ZnO", 480, false, new Role("A", 1, 1, 4, 1.0 / 3, 2.0 / 3, 0),
      new Role("X", -1, 1, 4, 1.0 / 3, 2.0 / 3, 0.375)),
  /**
   * Fluorite (C1, CaF2), Fm-3m: A at 4a (0,0,0) cubic (VIII), X at 8c (¼,¼,¼) tetrahedral (IV).
   * Rule: a = 4 (r_A + r_X)/√3, the A–X distance a quarter of the body diagonal.
   */
  FLUORITE("fluorite", "CaF2", 523, true, new Role("A", 1, 1, 8, 0, 0, 0),
      new Role("X", -1, 2, 4, 0.25, 0.25, 0.25)),
  /**
   * Antifluorite (Li2O), Fm-3m: the fluorite sites with cation and anion exchanged: A at 8c
   * (¼,¼,¼) tetrahedral (IV), X at 4a (0,0,0) cubic (VIII). Rule: a = 4 (r_A + r_X)/√3.
   */
  ANTIFLUORITE("antifluorite", "Li2O", 523, true, new Role("A", 1, 2, 4, 0.25, 0.25, 0.25),
      new Role("X", -1, 1, 8, 0, 0, 0)),
  /**
   * Rutile (C4, TiO2), P4₂/mnm: A at 2a (0,0,0) octahedral (VI), X at 4f (u,u,0) trigonal (III),
   * with the shape of TiO2 rutile, u = {@value #RUTILE_U} and c/a = {@value #RUTILE_C_OVER_A}
   * (Burdett et al., J. Am. Chem. Soc. 109, 3639 (1987): a = 4.5937 Å, c = 2.9587 Å, u =
   * 0.30478). Rule: the apical A–X bond √2·u·a equals r_A + r_X, so a = (r_A + r_X)/(√2 u); the
   * four equatorial bonds are then 1.7 % shorter, as in TiO2.
   */
  RUTILE("rutile", "TiO2", 419, false, new Role("A", 1, 1, 6, 0, 0, 0),
      new Role("X", -1, 2, 3, Prototype.RUTILE_U, Prototype.RUTILE_U, 0)),
  /**
   * Cubic perovskite (E2₁, SrTiO3), Pm-3m: B at 1a (0,0,0) octahedral (VI), A at 1b (½,½,½)
   * twelve-fold (XII), X at 3d (½,0,0) (VI). Rule: a = 2 (r_B + r_X), the B–X distance a/2 (the
   * B–X octahedra set the cell); A–X is then a/√2. Goldschmidt's tolerance factor t = (r_A +
   * r_X) / (√2 (r_B + r_X)) says how well A fits; only decorations with {@value
   * #MIN_TOLERANCE} ≤ t ≤ {@value #MAX_TOLERANCE} are kept, the range in which perovskites form.
   */
  PEROVSKITE("perovskite", "SrTiO3", 517, false, new Role("A", 1, 1, 12, 0.5, 0.5, 0.5),
      new Role("B", 1, 1, 6, 0, 0, 0), new Role("X", -1, 3, 6, 0.5, 0, 0)),
  /**
   * Normal spinel (H1₁, MgAl2O4), Fd-3m origin choice 2: A at 8a (⅛,⅛,⅛) tetrahedral (IV), B at
   * 16d (½,½,½) octahedral (VI), X at 32e (u,u,u) (IV). Rule: with d_AX = r_A + r_X and d_BX =
   * r_B + r_X, the bond lengths are d_AX = a√3 (u − ⅛) and d_BX = a √(3u² − 2u + ⅜) (Hill,
   * Craig and Gibbs, Phys. Chem. Minerals 4, 317 (1979)); u solves their ratio (bisection on
   * [{@value #SPINEL_MIN_U}, {@value #SPINEL_MAX_U}]; decorations whose ratio needs u outside it
   * are left out) and a = d_AX / (√3 (u − ⅛)).
   */
  SPINEL("spinel", "MgAl2O4", 526, true, new Role("A", 1, 1, 4, 0.125, 0.125, 0.125),
      new Role("B", 1, 2, 6, 0.5, 0.5, 0.5), new Role("X", -1, 4, 4, 0.25, 0.25, 0.25));

  /** Rutile's u (fractional) for TiO2. */
  public static final double RUTILE_U = 0.30478;
  /** Rutile's c/a for TiO2, 2.9587 / 4.5937. */
  public static final double RUTILE_C_OVER_A = 0.64407;
  /** Smallest Goldschmidt tolerance factor kept for perovskites. */
  public static final double MIN_TOLERANCE = 0.8;
  /** Largest Goldschmidt tolerance factor kept for perovskites. */
  public static final double MAX_TOLERANCE = 1.1;
  /** Smallest spinel anion parameter u (origin choice 2) kept. */
  public static final double SPINEL_MIN_U = 0.24;
  /** Largest spinel anion parameter u (origin choice 2) kept. */
  public static final double SPINEL_MAX_U = 0.29;

  /**
   * One kind of ion in a prototype.
   *
   * @param name A, B or X
   * @param sign +1 for a cation, −1 for an anion
   * @param count ions per formula unit
   * @param coordination the coordination number whose Shannon radius is used
   * @param x the representative Wyckoff position (fractional, conventional cell): x
   * @param y y
   * @param z z (for the spinel and wurtzite anions, replaced by the structure's own u)
   */
  public record Role(String name, int sign, int count, int coordination, double x, double y,
      double z) {
  }

  private final String key;
  private final String example;
  private final int hallNumber;
  private final boolean faceCentred;
  private final List<Role> roles;

  Prototype(String key, String example, int hallNumber, boolean faceCentred, Role... roles) {
    this.key = key;
    this.example = example;
    this.hallNumber = hallNumber;
    this.faceCentred = faceCentred;
    this.roles = List.of(roles);
  }

  /** @return the short name used in ids and the {@code prototype} column, e.g. {@code rocksalt} */
  public String key() {
    return key;
  }

  /** @return the archetype compound, e.g. {@code NaCl} */
  public String example() {
    return example;
  }

  /** @return the Hall number (1..530) of the space-group setting the Wyckoff positions refer to */
  public int hallNumber() {
    return hallNumber;
  }

  /** @return true when the conventional cell is F-centred and rows use the primitive cell */
  public boolean faceCentred() {
    return faceCentred;
  }

  /** @return the ions of one formula unit: cations first, the anion last */
  public List<Role> roles() {
    return roles;
  }
}
