package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * The structure-factor features: closed-form values for rock salt, the Miller index set, and
 * their behaviour under permutation (exactly invariant) and translation (a phase factor only).
 */
class FourierFeaturesTest {

  /**
   * Rock salt, conventional cell: the fcc sum Σ exp(2πi hkl·x) over (0,0,0), (0,½,½), (½,0,½),
   * (½,½,0) is 4 for unmixed parity and 0 for mixed; the Cl sublattice adds the phase
   * exp(iπ(h+k+l)). So with weights Z, F = 4 (11 + 17 (−1)^(h+k+l)) for unmixed indices, i.e.
   * F̂ = 1 for all even and (11 − 17)/28 = −3/14 for all odd, and 0 for mixed; Im F̂ = 0.
   * With uniform weights the all-odd value is (1 − 1)/2 = 0.
   */
  @Test
  void rockSaltHasTheTextbookStructureFactors() {
    Structure nacl = TestCrystals.rockSalt();
    for (FourierWeighting w : FourierWeighting.values()) {
      Encoder enc = Encoder.fit(List.of(nacl),
          EncoderOptions.builder().optFourier(2).optFourierWeighting(w).build());
      float[] f = enc.encode(nacl).fourier();
      List<int[]> hkl = enc.config().hkl();
      assertEquals(62, hkl.size());
      for (int r = 0; r < hkl.size(); r++) {
        int h = hkl.get(r)[0];
        int k = hkl.get(r)[1];
        int l = hkl.get(r)[2];
        boolean even = h % 2 == 0 && k % 2 == 0 && l % 2 == 0;
        boolean odd = h % 2 != 0 && k % 2 != 0 && l % 2 != 0;
        double expected = even ? 1 : odd ? (w == FourierWeighting.ATOMIC_NUMBER ? -3.0 / 14 : 0)
            : 0;
        String at = w + " (" + h + "," + k + "," + l + ")";
        assertEquals(expected, f[2 * r], 1e-6, "Re " + at);
        assertEquals(0, f[2 * r + 1], 1e-6, "Im " + at);
      }
    }
  }

  /**
   * The half box: ((2m+1)³ − 1)/2 reflections, none (0,0,0), never both of a Friedel pair, in
   * ascending lexicographic order.
   */
  @Test
  void halfBoxHoldsOneOfEachFriedelPair() {
    for (int m = 1; m <= 3; m++) {
      List<int[]> box = FourierFeatures.halfBox(m);
      int side = 2 * m + 1;
      assertEquals((side * side * side - 1) / 2, box.size());
      Set<List<Integer>> seen = new HashSet<>();
      for (int i = 0; i < box.size(); i++) {
        int[] v = box.get(i);
        assertTrue(seen.add(List.of(v[0], v[1], v[2])));
        assertTrue(!seen.contains(List.of(-v[0], -v[1], -v[2])), "Friedel mate of " + v);
        if (i > 0) {
          int[] u = box.get(i - 1);
          int c = u[0] != v[0] ? Integer.compare(u[0], v[0])
              : u[1] != v[1] ? Integer.compare(u[1], v[1]) : Integer.compare(u[2], v[2]);
          assertTrue(c < 0, "order at " + i);
        }
      }
    }
    assertArrayEquals(new int[] {0, 0, 1}, FourierFeatures.halfBox(1).get(0));
  }

  private static final Encoder ENCODER = Encoder.fit(
      TestCrystals.randomStructures(11L, 50, TestCrystals.POOL, 12),
      EncoderOptions.builder().optFourier(2).build());

  @Property(tries = 200)
  void featuresAreExactlyInvariantUnderSitePermutation(@ForAll Random random) {
    Structure s = TestCrystals.randomStructure(random, TestCrystals.POOL, 12);
    assertArrayEquals(ENCODER.encode(s).fourier(),
        ENCODER.encode(TestCrystals.shuffled(s, random)).fourier());
  }

  /**
   * A translation by t multiplies F̂(hkl) by exp(2πi hkl·t): the features change by that phase
   * only, so |F̂|² is unchanged. Float32 storage limits the agreement to about 10⁻⁶.
   */
  @Property(tries = 200)
  void aTranslationChangesOnlyThePhase(@ForAll Random random) {
    Structure s = TestCrystals.randomStructure(random, TestCrystals.POOL, 12);
    double[] t = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
    List<Site> moved = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] f = site.frac();
      moved.add(site.withFrac(f[0] + t[0], f[1] + t[1], f[2] + t[2]));
    }
    float[] a = ENCODER.encode(s).fourier();
    float[] b = ENCODER.encode(s.withSites(moved)).fourier();
    List<int[]> hkl = ENCODER.config().hkl();
    boolean changed = false;
    for (int r = 0; r < hkl.size(); r++) {
      int[] v = hkl.get(r);
      double phase = 2 * Math.PI * (v[0] * t[0] + v[1] * t[1] + v[2] * t[2]);
      double re = a[2 * r] * Math.cos(phase) - a[2 * r + 1] * Math.sin(phase);
      double im = a[2 * r] * Math.sin(phase) + a[2 * r + 1] * Math.cos(phase);
      assertEquals(re, b[2 * r], 2e-6, "Re at reflection " + r);
      assertEquals(im, b[2 * r + 1], 2e-6, "Im at reflection " + r);
      double i0 = a[2 * r] * a[2 * r] + a[2 * r + 1] * a[2 * r + 1];
      double i1 = b[2 * r] * b[2 * r] + b[2 * r + 1] * b[2 * r + 1];
      assertEquals(i0, i1, 4e-6, "|F|² at reflection " + r);
      changed |= Math.abs(a[2 * r] - b[2 * r]) > 1e-3;
    }
    if (Math.abs(t[0] - 0.5) < 0.45) {
      // a generic translation moves some phase visibly (the features are not |F|²)
      assertTrue(changed, "features did not change under translation " + java.util.Arrays.toString(t));
    }
  }

  /** Decoding ignores the Fourier block: overwriting it changes nothing. */
  @Property(tries = 50)
  void decodingIgnoresTheFourierBlock(@ForAll Random random) {
    Structure s = TestCrystals.randomStructure(random, TestCrystals.POOL, 12);
    float[] f = ENCODER.encode(s).features();
    Structure d = ENCODER.decode(f);
    EncodingLayout l = ENCODER.layout();
    for (int i = 0; i < l.fourierSize(); i++) {
      f[l.fourierOffset() + i] = (float) random.nextGaussian();
    }
    assertEquals(d, ENCODER.decode(f));
    assertNotEquals(0, l.fourierSize());
  }
}
