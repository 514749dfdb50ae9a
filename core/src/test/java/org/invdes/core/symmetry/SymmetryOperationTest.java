package org.invdes.core.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing, arithmetic and group closure of {@link SymmetryOperation}. Expected matrices and
 * translations are read off the operation strings by hand (the meaning of the x,y,z notation, CIF
 * core dictionary {@code _space_group_symop.operation_xyz}); the P2_1/c group is the general
 * position of No. 14 in the International Tables Vol. A.
 */
class SymmetryOperationTest {

  private static void assertOperation(
      SymmetryOperation op, int[][] rotation, double tx, double ty, double tz) {
    assertArrayEquals(rotation[0], op.rotation()[0], "row 1 of " + op);
    assertArrayEquals(rotation[1], op.rotation()[1], "row 2 of " + op);
    assertArrayEquals(rotation[2], op.rotation()[2], "row 3 of " + op);
    assertArrayEquals(new double[] {tx, ty, tz}, op.translation(), 1e-12, "translation of " + op);
  }

  @Test
  void parsesTheSpellingsFoundInCifFiles() {
    int[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    assertOperation(SymmetryOperation.parseXyz("x,y,z"), identity, 0, 0, 0);
    assertOperation(SymmetryOperation.parseXyz("+x,+y,+z"), identity, 0, 0, 0);
    assertOperation(SymmetryOperation.parseXyz("X,Y,Z"), identity, 0, 0, 0);
    assertOperation(
        SymmetryOperation.parseXyz("-x+1/2, y, -z+1/2"),
        new int[][] {{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}}, 0.5, 0, 0.5);
    assertOperation(
        SymmetryOperation.parseXyz("'x-y, x, z+1/6'"),
        new int[][] {{1, -1, 0}, {1, 0, 0}, {0, 0, 1}}, 0, 0, 1.0 / 6);
    assertOperation(
        SymmetryOperation.parseXyz("\"x-y, x, z+1/6\""),
        new int[][] {{1, -1, 0}, {1, 0, 0}, {0, 0, 1}}, 0, 0, 1.0 / 6);
    assertOperation(
        SymmetryOperation.parseXyz("1/2+x,1/2-y,z"),
        new int[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}}, 0.5, 0.5, 0);
    assertOperation(
        SymmetryOperation.parseXyz("-y+x,-y,1/3-z"),
        new int[][] {{1, -1, 0}, {0, -1, 0}, {0, 0, -1}}, 0, 0, 1.0 / 3);
    assertOperation(
        SymmetryOperation.parseXyz("-X+1/2,Y,-Z"),
        new int[][] {{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}}, 0.5, 0, 0);
    assertOperation(
        SymmetryOperation.parseXyz("  y , -x + y ,  z + 2/3  "),
        new int[][] {{0, 1, 0}, {-1, 1, 0}, {0, 0, 1}}, 0, 0, 2.0 / 3);
    assertOperation(
        SymmetryOperation.parseXyz("-1*x,1*y,z"),
        new int[][] {{-1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 0, 0, 0);
  }

  @Test
  void snapsDecimalTranslationsAndReducesThemIntoTheCell() {
    assertEquals(SymmetryOperation.parseXyz("x+1/2,y,z"), SymmetryOperation.parseXyz("x+0.5,y,z"));
    assertEquals(
        SymmetryOperation.parseXyz("x+1/3,y+2/3,z+1/6"),
        SymmetryOperation.parseXyz("x+0.3333,y+0.6667,z+0.16667"));
    assertEquals(SymmetryOperation.parseXyz("x+3/4,y,z"), SymmetryOperation.parseXyz("x-0.25,y,z"));
    assertEquals(SymmetryOperation.parseXyz("x,y,z+1/2"), SymmetryOperation.parseXyz("x+1,y-1,z+3/2"));
    assertEquals(SymmetryOperation.parseXyz("x+1/8,y,z"), SymmetryOperation.parseXyz("x+0.125,y,z"));
    assertArrayEquals(new int[] {20, 12, 0}, SymmetryOperation.parseXyz("x-1/6,y+1/2,z+2").translationTwentyFourths());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-x,y                 | has 2 components, expected 3",
        "x,y,z,x              | has 4 components, expected 3",
        "x,y,                 | component 3 ('') is empty",
        "a,b,c                | unexpected 'a'",
        "x+,y,z               | ends with '+'",
        "x y,z,x              | expected '+' or '-' before 'y'",
        "x,x,z                | has determinant 0",
        "2x,y,z               | has determinant 2",
        "1/2*x,y,z            | non-integer coefficient 1/2 of x",
        "x+0.2,y,z            | decimal 0.2 is not within 0.001 of a multiple of 1/24",
        "x+1/5,y,z            | translation 1/5 in component 1, which is not a multiple of 1/24",
        "x+y,y,z              | is not of crystallographic order",
        "x+1/0,y,z            | division by zero",
        "*x,y,z               | '*' without a preceding number",
        "x*,y,z               | expected '+' or '-' before '*'",
        "2*,y,z               | '*' is not followed by x, y or z",
        "x+1/,y,z             | '/' is not followed by a denominator",
        "x,y,z+1..5           | '1..5' is not a number",
      })
  void rejectsGarbageNamingTheStringAndTheFault(String text, String fault) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.parseXyz(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(fault), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "''"})
  void rejectsEmptyText(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.parseXyz(text));
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void rejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.parseXyz(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1/2+x,1/2-y,z        | x+1/2,-y+1/2,z",
        "-y+x,-y,1/3-z        | x-y,-y,-z+1/3",
        "+x,+y,+z             | x,y,z",
        "-x-0.25,y+1,-z       | -x+3/4,y,-z",
        "'y, x, -z+5/6'       | y,x,-z+5/6",
      })
  void writesTheCanonicalText(String text, String canonical) {
    SymmetryOperation op = SymmetryOperation.parseXyz(text);
    assertEquals(canonical, op.toXyz());
    assertEquals(canonical, op.toString());
    assertEquals(op, SymmetryOperation.parseXyz(op.toXyz()));
  }

  @Test
  void appliesToFractionalCoordinatesWithoutWrapping() {
    double[] p = {0.1, 0.2, 0.3};
    // -y, x-y, z+1/2 on (0.1, 0.2, 0.3) = (-0.2, -0.1, 0.8)
    assertArrayEquals(
        new double[] {-0.2, -0.1, 0.8},
        SymmetryOperation.parseXyz("-y,x-y,z+1/2").apply(p),
        1e-12);
    assertArrayEquals(p, SymmetryOperation.identity().apply(p), 0);
    assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.identity().apply(new double[2]));
  }

  @Test
  void composesAppliesTheArgumentFirst() {
    SymmetryOperation twoFold = SymmetryOperation.parseXyz("-x,-y,z");
    SymmetryOperation shift = SymmetryOperation.parseXyz("x+1/2,y,z");
    // -x,-y,z after x+1/2,y,z: (x+1/2, y, z) -> (-x-1/2, -y, z)
    assertEquals(SymmetryOperation.parseXyz("-x+1/2,-y,z"), twoFold.compose(shift));
    // x+1/2,y,z after -x,-y,z: (-x+1/2, -y, z)
    assertEquals(SymmetryOperation.parseXyz("-x+1/2,-y,z"), shift.compose(twoFold));
    SymmetryOperation screw = SymmetryOperation.parseXyz("-y,x,z+1/4");
    // 4_1 four times is a full lattice translation along c, i.e. the identity modulo the lattice
    assertTrue(screw.compose(screw).compose(screw).compose(screw).isIdentity());
    assertFalse(screw.compose(screw).isIdentity());
  }

  @Test
  void invertsExactly() {
    // (R|t) with R a 3-fold along c: R^-1 = R^2 = (-x+y,-x,z); t' = -R^-1 t = (0,0,-1/3) = 2/3
    assertEquals(
        SymmetryOperation.parseXyz("-x+y,-x,z+2/3"),
        SymmetryOperation.parseXyz("-y,x-y,z+1/3").inverse());
    assertEquals(
        SymmetryOperation.parseXyz("-x+1/2,-y,-z+1/2"),
        SymmetryOperation.parseXyz("-x+1/2,-y,-z+1/2").inverse());
    assertSame(SymmetryOperation.identity(), SymmetryOperation.identity().inverse());
  }

  @Test
  void reportsDeterminantAndOrder() {
    assertEquals(1, SymmetryOperation.parseXyz("x,y,z").rotationOrder());
    assertEquals(2, SymmetryOperation.parseXyz("-x,-y,-z").rotationOrder());
    assertEquals(-1, SymmetryOperation.parseXyz("-x,-y,-z").determinant());
    assertEquals(3, SymmetryOperation.parseXyz("-y,x-y,z").rotationOrder());
    assertEquals(4, SymmetryOperation.parseXyz("-y,x,z").rotationOrder());
    assertEquals(6, SymmetryOperation.parseXyz("x-y,x,z").rotationOrder());
    assertEquals(6, SymmetryOperation.parseXyz("y,-x+y,-z").rotationOrder()); // -3
    assertEquals(-1, SymmetryOperation.parseXyz("y,-x+y,-z").determinant());
  }

  @Test
  void equalityIsExactModuloLatticeTranslations() {
    SymmetryOperation a = SymmetryOperation.parseXyz("-x,y+1/2,-z+1/2");
    SymmetryOperation b = SymmetryOperation.parseXyz("-x+2,y-1/2,-z+3/2");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, SymmetryOperation.parseXyz("-x,y+1/2,-z"));
    assertNotEquals(a, SymmetryOperation.parseXyz("-x,-y+1/2,-z+1/2"));
    assertTrue(SymmetryOperation.parseXyz("x+1,y,z-3").isIdentity());
    assertTrue(SymmetryOperation.parseXyz("x+1/2,y+1/2,z").isPureTranslation());
    assertFalse(SymmetryOperation.parseXyz("x+1/2,y+1/2,z").isIdentity());
  }

  @Test
  void factoriesSnapAndValidate() {
    int[][] m = {{0, -1, 0}, {1, -1, 0}, {0, 0, 1}};
    assertEquals(
        SymmetryOperation.parseXyz("-y,x-y,z+1/3"),
        SymmetryOperation.of(m, new double[] {0, 1, 0.33333}));
    assertEquals(
        SymmetryOperation.parseXyz("-y,x-y,z+1/3"),
        SymmetryOperation.ofTwentyFourths(m, new int[] {24, -48, 8}));
    IllegalArgumentException off =
        assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.of(m, new double[] {0.2, 0, 0}));
    assertTrue(off.getMessage().contains("0.2"), off.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.of(m, new double[] {Double.NaN, 0, 0}));
    assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.of(m, new double[2]));
    assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.of(new int[][] {{1, 0}, {0, 1}}, new double[3]));
    IllegalArgumentException det =
        assertThrows(
            IllegalArgumentException.class,
            () -> SymmetryOperation.of(new int[][] {{2, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3]));
    assertTrue(det.getMessage().contains("determinant 2"), det.getMessage());
    // the returned matrix is a copy
    SymmetryOperation op = SymmetryOperation.of(m, new double[3]);
    op.rotation()[0][0] = 7;
    assertEquals(0, op.rotation(0, 0));
  }

  @Test
  void closesGeneratorsIntoTheGroup() {
    // P 1 21/c 1 (No. 14), general position of ITA Vol. A: x,y,z; -x,y+1/2,-z+1/2; -x,-y,-z;
    // x,-y+1/2,z+1/2
    List<SymmetryOperation> group =
        SymmetryOperation.closeGroup(
            List.of(
                SymmetryOperation.parseXyz("-x,y+1/2,-z+1/2"),
                SymmetryOperation.parseXyz("-x,-y,-z")));
    Set<SymmetryOperation> expected = new HashSet<>();
    for (String s : new String[] {"x,y,z", "-x,y+1/2,-z+1/2", "-x,-y,-z", "x,-y+1/2,z+1/2"}) {
      expected.add(SymmetryOperation.parseXyz(s));
    }
    assertEquals(expected, new HashSet<>(group));
    assertEquals(4, group.size());
    assertTrue(group.get(0).isIdentity());
    assertEquals(List.of(SymmetryOperation.identity()), SymmetryOperation.closeGroup(List.of()));
  }

  @Test
  void closeGroupStopsRunawayGeneration() {
    // translations by 1/24 along a and b generate 24 * 24 = 576 operations modulo the lattice
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SymmetryOperation.closeGroup(
                    List.of(
                        SymmetryOperation.parseXyz("x+1/24,y,z"),
                        SymmetryOperation.parseXyz("x,y+1/24,z"))));
    assertTrue(e.getMessage().contains("more than 192"), e.getMessage());
    assertTrue(e.getMessage().contains("x+1/24,y,z"), e.getMessage());
  }
}
