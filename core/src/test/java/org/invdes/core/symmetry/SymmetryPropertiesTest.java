package org.invdes.core.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of symmetry operations and of every tabulated setting. */
class SymmetryPropertiesTest {

  /** Tolerance (fractional units) for comparing floating-point images of a point. */
  private static final double POINT_TOLERANCE = 1e-9;

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void everySettingIsAGroupContainingTheIdentity(@ForAll @IntRange(min = 1, max = 530) int hallNumber) {
    List<SymmetryOperation> ops = SpaceGroups.byHallNumber(hallNumber).orElseThrow().operations();
    Set<SymmetryOperation> set = new HashSet<>(ops);
    assertEquals(ops.size(), set.size(), "duplicates in Hall setting " + hallNumber);
    assertTrue(set.contains(SymmetryOperation.identity()), "identity in Hall setting " + hallNumber);
    assertTrue(ops.get(0).isIdentity(), "identity first in Hall setting " + hallNumber);
    for (SymmetryOperation a : ops) {
      assertTrue(set.contains(a.inverse()), "inverse of " + a + " in Hall setting " + hallNumber);
      for (SymmetryOperation b : ops) {
        assertTrue(set.contains(a.compose(b)), a + " ∘ " + b + " in Hall setting " + hallNumber);
      }
    }
  }

  @Provide
  Arbitrary<SymmetryOperation> operations() {
    return Arbitraries.integers()
        .between(1, 530)
        .flatMap(h -> Arbitraries.of(SpaceGroups.byHallNumber(h).orElseThrow().operations()));
  }

  @Property
  void xyzTextRoundTrips(@ForAll("operations") SymmetryOperation op) {
    assertEquals(op, SymmetryOperation.parseXyz(op.toXyz()));
  }

  @Property
  void fourDecimalTranslationsSnapBack(@ForAll("operations") SymmetryOperation op) {
    // the canonical text with each fraction written as a decimal of four places, as some programs do
    String text = op.toXyz();
    StringBuilder sb = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(text);
    while (m.find()) {
      double v = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
      m.appendReplacement(sb, String.format(Locale.ROOT, "%.4f", v));
    }
    m.appendTail(sb);
    assertEquals(op, SymmetryOperation.parseXyz(sb.toString()), sb.toString());
  }

  @Property
  void doubleTranslationsRoundTrip(@ForAll("operations") SymmetryOperation op) {
    assertEquals(op, SymmetryOperation.of(op.rotation(), op.translation()));
  }

  @Property
  void inverseComposesToTheIdentity(@ForAll("operations") SymmetryOperation op) {
    assertTrue(op.compose(op.inverse()).isIdentity());
    assertTrue(op.inverse().compose(op).isIdentity());
    assertEquals(op, op.inverse().inverse());
  }

  @Property
  void compositionIsAssociative(
      @ForAll("operations") SymmetryOperation a,
      @ForAll("operations") SymmetryOperation b,
      @ForAll("operations") SymmetryOperation c) {
    assertEquals(a.compose(b).compose(c), a.compose(b.compose(c)));
  }

  @Property
  void applyAgreesWithCompositionModuloTheLattice(
      @ForAll("operations") SymmetryOperation a,
      @ForAll("operations") SymmetryOperation b,
      @ForAll @DoubleRange(min = 0, max = 1) double x,
      @ForAll @DoubleRange(min = 0, max = 1) double y,
      @ForAll @DoubleRange(min = 0, max = 1) double z) {
    double[] p = {x, y, z};
    double[] direct = a.compose(b).apply(p);
    double[] stepwise = a.apply(b.apply(p));
    for (int i = 0; i < 3; i++) {
      double d = direct[i] - stepwise[i];
      assertEquals(0, d - Math.rint(d), POINT_TOLERANCE, "component " + i + " differs by a non-lattice vector");
    }
  }
}
