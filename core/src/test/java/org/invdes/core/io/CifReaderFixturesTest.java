package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The hand-written fixtures of examples/, read and checked against their published cell
 * contents: formula, number of atoms in the conventional cell (the Wyckoff multiplicities),
 * volume from the cell parameters, and density from the formula mass.
 */
class CifReaderFixturesTest {
  static Structure read(String example) throws Exception {
    List<ReadResult> r = Structures.read(Fixtures.example(example), ReadOptions.strictMode());
    assertEquals(1, r.size());
    return r.get(0).get();
  }

  static long count(Structure s, String element) {
    return s.sites().stream().filter(x -> x.majorElement() == Element.of(element)).count();
  }

  /** Density from Z formula units of the given molar mass in a cell of the given volume. */
  static double density(double z, double formulaMass, double volume) {
    return z * formulaMass / volume * 1.66053906660;
  }

  @Test
  void rockSaltFromHermannMauguinOnly() throws Exception {
    Structure s = read("NaCl.cif");
    // Fm-3m: Na on 4a, Cl on 4b
    assertEquals(4, count(s, "Na"));
    assertEquals(4, count(s, "Cl"));
    assertEquals("NaCl", s.composition().reducedFormula());
    assertEquals(Math.pow(5.6402, 3), s.volume(), 1e-6);
    assertEquals(density(4, 22.98977 + 35.453, Math.pow(5.6402, 3)), s.density(), 2e-3);
    // nearest Na-Cl distance is a/2
    assertEquals(5.6402 / 2, s.shortestDistance(), 1e-9);
  }

  @Test
  void siliconOriginChoice2FromTheHallSymbolGivesEightAtoms() throws Exception {
    Structure s = read("Si.cif");
    // diamond: 8 atoms per conventional cell, density 2.329 g/cm³, Si-Si = a·√3/4
    assertEquals(8, s.size());
    assertEquals(2.329, s.density(), 2e-3);
    assertEquals(5.4307 * Math.sqrt(3) / 4, s.shortestDistance(), 1e-6);
  }

  @Test
  void perovskiteFromExplicitOperations() throws Exception {
    Structure s = read("SrTiO3.cif");
    assertEquals(5, s.size());
    assertEquals(1, count(s, "Sr"));
    assertEquals(1, count(s, "Ti"));
    assertEquals(3, count(s, "O"));
    assertEquals("SrTiO3", s.composition().reducedFormula());
    assertEquals(3.905 / 2, s.shortestDistance(), 1e-9); // Ti-O
    assertEquals(density(1, 87.62 + 47.867 + 3 * 15.999, Math.pow(3.905, 3)), s.density(), 2e-3);
  }

  @Test
  void rutileTetragonalWithAScrewAxis() throws Exception {
    Structure s = read("TiO2-rutile.cif");
    // P4_2/mnm: Ti on 2a, O on 4f
    assertEquals(2, count(s, "Ti"));
    assertEquals(4, count(s, "O"));
    assertEquals(4.5937 * 4.5937 * 2.9587, s.volume(), 1e-6);
    // the shortest Ti-O bond is the equatorial one, sqrt(2 (1/2 - x)² a² + c²/4), x = 0.30478
    double x = 0.30478;
    assertEquals(Math.sqrt(2 * (0.5 - x) * (0.5 - x) * 4.5937 * 4.5937 + 2.9587 * 2.9587 / 4),
        s.shortestDistance(), 1e-9);
  }

  @Test
  void wurtziteHexagonalWithFourDecimalThirds() throws Exception {
    Structure s = read("ZnO-wurtzite.cif");
    assertEquals(2, count(s, "Zn"));
    assertEquals(2, count(s, "O"));
    // V = (√3/2) a² c
    assertEquals(Math.sqrt(3) / 2 * 3.2495 * 3.2495 * 5.2069, s.volume(), 1e-6);
    // 0.3333 was read as exactly 1/3
    boolean exactThird = false;
    for (Site site : s.sites()) {
      exactThird |= Math.abs(site.frac(0) - 1.0 / 3) < 1e-12
          || Math.abs(site.frac(0) - 2.0 / 3) < 1e-12;
    }
    assertTrue(exactThird);
    // the Zn-O bond along c is u·c
    assertEquals(0.3819 * 5.2069, s.shortestDistance(), 0.05);
  }

  @Test
  void monoclinicGeneralPositionsExpandToFourEach() throws Exception {
    Structure s = read("ZrO2-baddeleyite.cif");
    assertEquals(4, count(s, "Zr"));
    assertEquals(8, count(s, "O"));
    double beta = Math.toRadians(99.23);
    assertEquals(5.1505 * 5.2116 * 5.3173 * Math.sin(beta), s.volume(), 1e-3);
    // published density of baddeleyite: 5.82 g/cm³ (calculated from this cell)
    assertEquals(density(4, 91.224 + 2 * 15.999, s.volume()), s.density(), 2e-3);
    assertEquals(5.81, s.density(), 0.02);
  }

  @Test
  void partialOccupancyIsKeptAsDisorder() throws Exception {
    Structure s = read("CuAu-disordered.cif");
    assertEquals(4, s.size());
    assertFalse(s.isOrdered());
    for (Site site : s.sites()) {
      assertEquals(Map.of(Element.of("Cu"), 0.5, Element.of("Au"), 0.5), site.species());
    }
    assertEquals("CuAu", s.composition().reducedFormula());
  }

  @Test
  void triclinicInversionDoublesGeneralPositionsOnly() throws Exception {
    // A synthetic P-1 cell (not a real compound): one atom on the inversion centre 1a, two on
    // general positions 2i. Expected contents follow from the two operations x,y,z and -x,-y,-z.
    String cif = "data_triclinic\n"
        + "_cell_length_a 5.0\n_cell_length_b 6.0\n_cell_length_c 7.0\n"
        + "_cell_angle_alpha 80\n_cell_angle_beta 95\n_cell_angle_gamma 105\n"
        + "_symmetry_space_group_name_H-M 'P -1'\n"
        + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
        + "Ba1 0 0 0\nS1 0.2 0.3 0.1\nO1 0.7 0.15 0.35\n";
    Structure s = CifReader.read(cif, "tri.cif", ReadOptions.strictMode()).get(0).get();
    assertEquals(5, s.size());
    assertEquals(1, count(s, "Ba"));
    assertEquals(2, count(s, "S"));
    assertEquals(2, count(s, "O"));
    boolean inverted = s.sites().stream().anyMatch(x -> x.majorElement() == Element.of("S")
        && Math.abs(x.frac(0) - 0.8) < 1e-12 && Math.abs(x.frac(1) - 0.7) < 1e-12
        && Math.abs(x.frac(2) - 0.9) < 1e-12);
    assertTrue(inverted, s.sites().toString());
  }

  @Test
  void severalBlocksGiveSeveralResultsAndABadBlockDoesNotHideTheGoodOnes() throws Exception {
    String good = "data_a\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n"
        + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
        + "loop_\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n"
        + "_atom_site_fract_z\nFe 0 0 0\n";
    String bad = "data_b\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n"
        + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
        + "loop_\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n"
        + "_atom_site_fract_z\nFe 0 0 0\nFe 0 0 0.001\n";
    List<ReadResult> r = CifReader.read(good + bad, "two.cif", ReadOptions.relaxed());
    assertEquals(2, r.size());
    assertTrue(r.get(0).ok());
    assertEquals("a", r.get(0).id());
    assertFalse(r.get(1).ok());
    assertEquals("b", r.get(1).id());
    StructureIOException e = r.get(1).error();
    assertEquals(26, e.line(), e.getMessage()); // the first of the two clashing atoms
    assertTrue(e.getMessage().contains("two.cif"), e.getMessage());
    assertTrue(e.getMessage().contains("sum to 2.000"), e.getMessage());
  }

  @Test
  void unknownElementIsAnErrorInStrictModeAndSkippedWithAWarningInRelaxedMode()
      throws Exception {
    String cif = "data_x\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n"
        + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
        + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
        + "_atom_site_fract_z\nFe1 0 0 0\nQ1 0.5 0.5 0.5\n";
    ReadResult strict = CifReader.read(cif, "q.cif", ReadOptions.strictMode()).get(0);
    assertFalse(strict.ok());
    assertEquals(14, strict.error().line());
    assertTrue(strict.error().detail().contains("'Q1'"), strict.error().detail());
    ReadResult relaxed = CifReader.read(cif, "q.cif", ReadOptions.relaxed()).get(0);
    assertTrue(relaxed.ok());
    assertEquals(1, relaxed.structure().size());
    // one warning for the skipped atom (and one that the file gives no symmetry, so P 1)
    assertEquals(1, relaxed.warnings().stream().filter(w -> w.line() == 14).count(),
        relaxed.warnings().toString());
  }

  @Test
  void missingCellParameterNamesTheTag() throws Exception {
    String cif = "data_x\n_cell_length_a 4\n_cell_length_b 4\n"
        + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
        + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
        + "_atom_site_fract_z\nFe1 0 0 0\n";
    ReadResult r = CifReader.read(cif, "noc.cif", ReadOptions.relaxed()).get(0);
    assertTrue(r.error().detail().contains("_cell_length_c"), r.error().detail());
  }

  @Test
  void noStructureAnywhereIsAnError() {
    StructureIOException e = assertThrows(StructureIOException.class, () ->
        CifReader.read("data_pub\n_journal_year 1999\n", "pub.cif", ReadOptions.relaxed()));
    assertEquals(1, e.line());
  }

  @Test
  void typeSymbolsAndLabelsNameElements() {
    assertEquals(Element.of("Fe"), CifReader.elementOf("Fe3+").orElseThrow());
    assertEquals(Element.of("O"), CifReader.elementOf("O2-").orElseThrow());
    assertEquals(Element.of("Cl"), CifReader.elementOf("CL1").orElseThrow());
    assertEquals(Element.of("O"), CifReader.elementOf("OW1").orElseThrow());
    assertEquals(Element.of("C"), CifReader.elementOf("C12A").orElseThrow());
    assertEquals(Element.of("H"), CifReader.elementOf("D1").orElseThrow());
    assertEquals(Element.of("O"), CifReader.elementOf("Wat1").orElseThrow());
    assertTrue(CifReader.elementOf("1abc").isEmpty());
    assertTrue(CifReader.elementOf("Q").isEmpty());
  }
}
