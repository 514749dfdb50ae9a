package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** POSCAR/CONTCAR variants VASP writes and reads, and the errors for broken files. */
class PoscarTest {
  /** Silicon, primitive fcc cell from the VASP manual's example layout, a = 5.43 Å. */
  private static final String SI_VASP5 = "Si bulk\n"
      + "5.43\n"
      + "0.0 0.5 0.5\n0.5 0.0 0.5\n0.5 0.5 0.0\n"
      + "Si\n2\n"
      + "Direct\n"
      + "0.00 0.00 0.00\n0.25 0.25 0.25\n";

  @Test
  void scaledPrimitiveCell() throws Exception {
    Structure s = Poscar.read(SI_VASP5, "POSCAR");
    assertEquals(2, s.size());
    // primitive fcc volume is a³/4
    assertEquals(Math.pow(5.43, 3) / 4, s.volume(), 1e-9);
    assertEquals(5.43 * Math.sqrt(3) / 4, s.distance(0, 1), 1e-9);
  }

  @Test
  void negativeScaleIsTheVolume() throws Exception {
    String text = SI_VASP5.replace("5.43\n", "-40.0\n");
    Structure s = Poscar.read(text, "POSCAR");
    assertEquals(40.0, s.volume(), 1e-9);
  }

  @Test
  void vasp4TakesSymbolsFromTheComment() throws Exception {
    String text = "Na Cl rock salt\n5.64\n1 0 0\n0 1 0\n0 0 1\n1 1\nDirect\n0 0 0\n.5 .5 .5\n";
    Structure s = Poscar.read(text, "POSCAR");
    assertEquals(Element.of("Na"), s.site(0).majorElement());
    assertEquals(Element.of("Cl"), s.site(1).majorElement());
  }

  @Test
  void selectiveDynamicsAndCartesianCoordinates() throws Exception {
    String text = "CO\n1.0\n10 0 0\n0 10 0\n0 0 10\nC O\n1 1\nSelective dynamics\n"
        + "Cartesian\n0 0 0 T T T\n0 0 1.128 F F T\n";
    Structure s = Poscar.read(text, "CONTCAR");
    assertArrayEquals(new double[] {0, 0, 0.1128}, s.site(1).frac(), 1e-12);
    assertEquals(1.128, s.distance(0, 1), 1e-12);
  }

  @Test
  void potcarStyleSymbolsAreCleaned() throws Exception {
    String text = SI_VASP5.replace("Si\n2\n", "Si_pv/abc123\n2\n");
    assertEquals(Element.of("Si"), Poscar.read(text, "POSCAR").site(0).majorElement());
  }

  @Test
  void errorsNameTheLineAndValue() {
    StructureIOException e = assertThrows(StructureIOException.class,
        () -> Poscar.read(SI_VASP5.replace("0.5 0.0 0.5", "0.5 zero 0.5"), "POSCAR"));
    assertEquals(4, e.line());
    assertTrue(e.detail().contains("'zero'"), e.detail());

    e = assertThrows(StructureIOException.class,
        () -> Poscar.read(SI_VASP5.replace("Si\n2\n", "Xx\n2\n"), "POSCAR"));
    assertEquals(6, e.line());
    assertTrue(e.detail().contains("'Xx'"), e.detail());

    e = assertThrows(StructureIOException.class,
        () -> Poscar.read(SI_VASP5.substring(0, SI_VASP5.lastIndexOf("0.25")), "POSCAR"));
    assertEquals(10, e.line());

    e = assertThrows(StructureIOException.class,
        () -> Poscar.read(SI_VASP5.replace("Direct", "Fractional"), "POSCAR"));
    assertEquals(8, e.line());
    assertTrue(e.detail().contains("'Fractional'"), e.detail());

    e = assertThrows(StructureIOException.class, () -> Poscar.read("", "POSCAR"));
    assertEquals(1, e.line());
  }
}
