package org.invdes.core.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-checked Hall symbols: the worked examples of ITB Appendix A1.4.2.3 (Hall &amp;
 * Grosse-Kunstleve), the general positions of ITA Vol. A, spellings found in CIF files, and errors.
 */
class HallSymbolTest {

  private static List<SymmetryOperation> ops(String... xyz) {
    List<SymmetryOperation> out = new ArrayList<>();
    for (String s : xyz) {
      out.add(SymmetryOperation.parseXyz(s));
    }
    return out;
  }

  private static Set<SymmetryOperation> set(List<SymmetryOperation> ops) {
    return new HashSet<>(ops);
  }

  @Test
  void expandsCentringAfterTheCosetRepresentatives() {
    // C 1 2 1 (No. 5), ITA general position: (0,0,0)+ (1/2,1/2,0)+ x,y,z; -x,y,-z
    assertEquals(
        ops("x,y,z", "-x,y,-z", "x+1/2,y+1/2,z", "-x+1/2,y+1/2,-z"),
        HallSymbol.operations("C 2y"));
    // P 1 21/c 1 (No. 14)
    assertEquals(
        set(ops("x,y,z", "-x,y+1/2,-z+1/2", "-x,-y,-z", "x,-y+1/2,z+1/2")),
        set(HallSymbol.operations("-P 2ybc")));
  }

  @Test
  void matrixSymbolsOfTheWorkedExamples() {
    // ITB A1.4.2.3.2: -2xc = (-x, y, z+1/2); 3* = (z, x, y); 4vw = (-y, x+1/4, z+1/4)
    assertTrue(HallSymbol.generators("P -2xc").contains(SymmetryOperation.parseXyz("-x,y,z+1/2")));
    assertTrue(HallSymbol.generators("P 3*").contains(SymmetryOperation.parseXyz("z,x,y")));
    assertTrue(HallSymbol.generators("P 4vw").contains(SymmetryOperation.parseXyz("-y,x+1/4,z+1/4")));
    // 61 2 (0 0 -1): the 61 matrix is unchanged, the 2 along a-b gets 5/6 from the origin shift
    List<SymmetryOperation> g = HallSymbol.generators("P 61 2 (0 0 -1)");
    assertTrue(g.contains(SymmetryOperation.parseXyz("x-y,x,z+1/6")), g.toString());
    assertTrue(g.contains(SymmetryOperation.parseXyz("-y,-x,-z+5/6")), g.toString());
    // R 3 (-x,-y,z) is the reverse setting: centring (1/3,2/3,1/3) and (2/3,1/3,2/3)
    List<SymmetryOperation> reverse = HallSymbol.operations("R 3 (-x,-y,z)");
    assertEquals(9, reverse.size());
    assertTrue(reverse.contains(SymmetryOperation.parseXyz("x+1/3,y+2/3,z+1/3")));
    assertTrue(reverse.contains(SymmetryOperation.parseXyz("x+2/3,y+1/3,z+2/3")));
  }

  @Test
  void defaultAxes() {
    // second 2 after 4: along a; after 3: along a-b; third 3: along a+b+c
    assertTrue(HallSymbol.generators("P 4 2").contains(SymmetryOperation.parseXyz("x,-y,-z")));
    assertTrue(HallSymbol.generators("P 3 2").contains(SymmetryOperation.parseXyz("-y,-x,-z")));
    assertTrue(HallSymbol.generators("P 3 2\"").contains(SymmetryOperation.parseXyz("y,x,-z")));
    assertTrue(HallSymbol.generators("P 2 2 3").contains(SymmetryOperation.parseXyz("z,x,y")));
    // Fm-3m has 192 operations, Pm-3m 48 (ITA)
    assertEquals(192, HallSymbol.operations("-F 4 2 3").size());
    assertEquals(48, HallSymbol.operations("-P 4 2 3").size());
  }

  @Test
  void obverseAndReverseRhombohedralLattices() {
    // R obverse and T reverse centring with a 3-fold along c, S obverse with a 3-fold along b
    // (Hall & Grosse-Kunstleve, Concise space-group symbols, Table 1.1): 3 rotations x 3 centrings
    assertEquals(9, HallSymbol.operations("R 3").size());
    assertTrue(HallSymbol.operations("T 3").contains(SymmetryOperation.parseXyz("x+1/3,y+2/3,z+1/3")));
    assertEquals(9, HallSymbol.operations("T 3").size());
    assertEquals(9, HallSymbol.operations("S 3y").size());
  }

  @Test
  void toleratesTheSpellingsOfCifFiles() {
    Set<SymmetryOperation> p21c = set(HallSymbol.operations("-P 2ybc"));
    assertEquals(p21c, set(HallSymbol.operations("-p 2YBC")));
    assertEquals(p21c, set(HallSymbol.operations("-P_2ybc")));
    assertEquals(p21c, set(HallSymbol.operations("-P2ybc")));
    assertEquals(p21c, set(HallSymbol.operations("  '-P 2ybc' ")));
    // cod-tools sn5033sup1.cif writes -I2yc for I 1 2/c 1
    assertEquals(set(HallSymbol.operations("-I 2yc")), set(HallSymbol.operations("-I2yc")));
    // COD writes P 31 2 (0 0 4) for P 31 1 2 (No. 151), ITB Table A1.4.2.7 P 31 2c (0 0 1)
    assertEquals(set(HallSymbol.operations("P 31 2c (0 0 1)")), set(HallSymbol.operations("P 31 2 (0 0 4)")));
    // (0 0 1) is the origin shift (x, y, z+1/12)
    assertEquals(
        set(HallSymbol.operations("P 31 2c (0 0 1)")),
        set(HallSymbol.operations("P 31 2c (x,y,z+1/12)")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Q 2              | 'Q' is not a lattice symbol",
        "-                | has no lattice symbol",
        "P                | has no matrix symbol",
        "P 5              | matrix symbol '5' does not start with a rotation order",
        "P 2q             | unexpected 'q' in matrix symbol '2q'",
        "P 2xy            | has two axis symbols",
        "P 3 4            | the axis of matrix symbol '4' (position 2) is not given and has no default",
        "P 4 2*           | matrix symbol '2*' uses the body-diagonal axis",
        "P 4 3'           | matrix symbol '3'' uses a face-diagonal axis",
        "P 2 (0 0)        | the origin shift '(0 0)' must be three integers",
        "P 2 (0 0 q)      | origin shift component 'q' is not an integer",
        "P 2 (0 0 1       | must end the symbol with ')'",
        "P 2 (x,x,z)      | the change of basis '(x,x,z)' is singular",
        "P 2 (x,y)        | has 2 components, expected 3",
        "Px 2             | unexpected 'x' after the lattice symbol",
      })
  void rejectsBadSymbolsNamingSymbolAndToken(String symbol, String fault) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HallSymbol.operations(symbol));
    assertTrue(e.getMessage().contains("'" + symbol + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(fault), e.getMessage());
  }

  @Test
  void rejectsNullAndEmpty() {
    assertThrows(IllegalArgumentException.class, () -> HallSymbol.operations(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HallSymbol.operations(" "));
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void aChangeOfBasisThatBreaksTheLatticeIsRejected() {
    // a 4-fold axis is not compatible with halving only a: the conjugated matrix is not integral
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HallSymbol.operations("P 4 (1/2*x,y,z)"));
    assertTrue(e.getMessage().contains("'P 4 (1/2*x,y,z)'"), e.getMessage());
    assertTrue(e.getMessage().contains("non-integer coefficient"), e.getMessage());
  }
}
