package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** Extended XYZ as ASE writes it, several frames, and the errors for broken frames. */
class ExtendedXyzTest {
  private static final String TWO_FRAMES = "2\n"
      + "Lattice=\"5.43 0.0 0.0 0.0 5.43 0.0 0.0 0.0 5.43\" Properties=species:S:1:pos:R:3"
      + " energy=-10.5 config_type=bulk pbc=\"T T T\"\n"
      + "Si 0.0 0.0 0.0\nSi 1.3575 1.3575 1.3575\n"
      + "1\n"
      + "Lattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:forces:R:3:pos:R:3\n"
      + "Fe 0.1 0.2 0.3 1.5 1.5 1.5\n";

  @Test
  void framesPropertiesAndColumnOrder() throws Exception {
    List<ExtendedXyz.Frame> frames = ExtendedXyz.read(TWO_FRAMES, "two.xyz");
    assertEquals(2, frames.size());
    Structure a = frames.get(0).structure();
    assertEquals(-10.5, a.doubleProperty("energy").getAsDouble());
    assertEquals("bulk", a.stringProperty("config_type").orElseThrow());
    assertEquals(5.43 * Math.sqrt(3) / 4, a.distance(0, 1), 1e-9);
    Structure b = frames.get(1).structure();
    // pos comes after a 3-column forces property: (1.5,1.5,1.5) Å is the cell centre
    assertEquals(0.5, b.site(0).frac(0), 1e-12);
    assertEquals(5, frames.get(1).line());
  }

  @Test
  void plainXyzWithoutACellIsAClearError() {
    StructureIOException e = assertThrows(StructureIOException.class,
        () -> ExtendedXyz.read("1\nwater-free\nO 0 0 0\n", "mol.xyz"));
    assertEquals(2, e.line());
    assertTrue(e.detail().contains("Lattice"), e.detail());
  }

  @Test
  void truncatedFrameNamesTheMissingAtom() {
    String cut = TWO_FRAMES.substring(0, TWO_FRAMES.indexOf("Si 1.3575"));
    StructureIOException e = assertThrows(StructureIOException.class,
        () -> ExtendedXyz.read(cut, "cut.xyz"));
    assertEquals(4, e.line());
    assertTrue(e.detail().contains("atom 2 of 2"), e.detail());
  }
}
