package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.junit.jupiter.api.Test;

/**
 * The minimum-distance step on hand-made cells whose distances are known: vocabulary O, Ti, Sr
 * (covalent radii 0.66, 1.60, 1.95 Å), lattice normalised as ln a = ln 4 + 0.1 z.
 */
class MinimumDistanceTest {
  static final EncodingConfig CONFIG = EncodingConfig.fromJson("""
      {"format": "invdes-encoding-ftcp", "formatVersion": 1,
       "siteOrder": "z-descending/grid-240/xyz", "maxSites": 4,
       "vocabulary": ["O", "Ti", "Sr"], "occupancyChannel": false, "disorderPolicy": "REJECT",
       "cellChoice": "AS_GIVEN", "invalidLatticePolicy": "REPAIR",
       "lattice": {"components": ["ln_a", "ln_b", "ln_c", "alpha_deg", "beta_deg", "gamma_deg"],
         "mean": [1.3862943611198906, 1.3862943611198906, 1.3862943611198906, 90, 90, 90],
         "scale": [0.1, 0.1, 0.1, 1, 1, 1]},
       "fourier": {"weighting": "ATOMIC_NUMBER", "hkl": []}, "properties": []}""");
  static final double R_O = Element.of("O").covalentRadius();
  static final double R_TI = Element.of("Ti").covalentRadius();

  /** Normalised lattice of a × b × c (Å) with the given angles (degrees). */
  static float[] lattice(double a, double b, double c, double alpha, double beta, double gamma) {
    double m = Math.log(4);
    return new float[] {(float) ((Math.log(a) - m) / 0.1), (float) ((Math.log(b) - m) / 0.1),
        (float) ((Math.log(c) - m) / 0.1), (float) (alpha - 90), (float) (beta - 90),
        (float) (gamma - 90)};
  }

  /** Vocabulary channels of the 4 sites of one row. */
  static int[] types(int... channel) {
    return channel.clone();
  }

  static double distance(Lattice l, float[] frac, int p, int q) {
    double best = Double.MAX_VALUE;
    double[][] m = l.matrix();
    for (int i = -1; i <= 1; i++) {
      for (int j = -1; j <= 1; j++) {
        for (int k = -1; k <= 1; k++) {
          double[] df = {frac[q * 3] - frac[p * 3] + i, frac[q * 3 + 1] - frac[p * 3 + 1] + j,
              frac[q * 3 + 2] - frac[p * 3 + 2] + k};
          double s = 0;
          for (int x = 0; x < 3; x++) {
            double c = df[0] * m[0][x] + df[1] * m[1][x] + df[2] * m[2][x];
            s += c * c;
          }
          best = Math.min(best, Math.sqrt(s));
        }
      }
    }
    return best;
  }

  @Test
  void twoAtomsOnOneSiteEndAtTheContactDistanceWithStrengthOne() {
    MinimumDistance md = new MinimumDistance(CONFIG);
    float[] lat = lattice(4, 4, 4, 90, 90, 90);
    int[] typ = types(1, 0, 0, 0);
    float[] frac = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 0, 0, 0, 0};
    int[] atoms = {2};
    double before = md.energy(0, 4, 2, lat, typ, frac, 0.8);
    assertEquals(Math.pow(0.8 * (R_TI + R_O), 2), before, 1e-9);
    md.step(1, 4, atoms, lat, typ, frac, 1.0, 0.8, new SplittableRandom[] {
        new SplittableRandom(3)}, null);
    Lattice l = md.lattice(lat, 0);
    assertEquals(0.8 * (R_TI + R_O), distance(l, frac, 0, 1), 1e-5);
    assertEquals(0, md.energy(0, 4, 2, lat, typ, frac, 0.8), 1e-9);
    // the pair's midpoint stays where it was
    for (int x = 0; x < 3; x++) {
      assertEquals(0.5, (frac[x] + frac[3 + x]) / 2, 1e-6);
    }
  }

  @Test
  void aCloseNonCoincidentPairMovesApartAlongItsOwnAxisAcrossTheCellBoundary() {
    MinimumDistance md = new MinimumDistance(CONFIG);
    float[] lat = lattice(5, 4, 4, 90, 90, 90);
    int[] typ = types(0, 0, 0, 0);
    // O at x = 0.99 and O at x = 0.01 of a 5 Å axis: 0.1 Å apart through the boundary
    float[] frac = {0.99f, 0.25f, 0.25f, 0.01f, 0.25f, 0.25f, 0, 0, 0, 0, 0, 0};
    md.step(1, 4, new int[] {2}, lat, typ, frac, 0.5, 1.0, new SplittableRandom[] {
        new SplittableRandom(1)}, null);
    // each moves by 0.5/2 · (1.32 − 0.1) Å outward along x
    double shift = 0.25 * (2 * R_O - 0.1) / 5;
    assertEquals(0.99 - shift, frac[0], 1e-5);
    assertEquals(0.01 + shift, frac[3], 1e-5);
    assertEquals(0.25, frac[1], 1e-7);
    assertEquals(0.25, frac[4], 1e-7);
  }

  @Test
  void atomsFartherThanTheContactDistanceAndOtherRowsStayPut() {
    MinimumDistance md = new MinimumDistance(CONFIG);
    float[] lat = new float[12];
    System.arraycopy(lattice(4, 4, 4, 90, 90, 90), 0, lat, 0, 6);
    System.arraycopy(lattice(4, 4, 4, 90, 90, 90), 0, lat, 6, 6);
    int[] typ = {2, 1, 0, 0, 2, 1, 0, 0};
    // an SrTiO3 perovskite (nearest Ti–O 2.0 Å, Sr–O 2.83 Å) in row 0; row 1 has its Ti on an O
    float[] perovskite = {0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0, 0.5f, 0, 0.5f};
    float[] frac = new float[2 * 12];
    System.arraycopy(perovskite, 0, frac, 0, 12);
    System.arraycopy(perovskite, 0, frac, 12, 12);
    frac[12 + 3 + 2] = 0;
    float[] before = frac.clone();
    md.step(2, 4, new int[] {4, 4}, lat, typ, frac, 1.0, 0.85, new SplittableRandom[] {
        new SplittableRandom(1), new SplittableRandom(2)}, null);
    assertArrayEquals(java.util.Arrays.copyOf(before, 12), java.util.Arrays.copyOf(frac, 12));
    double r0 = 0.85 * (R_TI + R_O);
    assertTrue(distance(md.lattice(lat, 1), java.util.Arrays.copyOfRange(frac, 12, 24), 1, 2)
        > r0 - 0.2, "Ti–O after the step");
    assertTrue(md.energy(1, 4, 4, lat, typ, frac, 0.85)
        < 0.2 * Math.pow(r0, 2), "overlap energy after one step");
  }

  @Test
  void aSkewedCellIsMeasuredInItsOwnMetric() {
    MinimumDistance md = new MinimumDistance(CONFIG);
    float[] lat = lattice(4, 4, 4, 90, 90, 60);
    Lattice l = md.lattice(lat, 0);
    int[] typ = types(0, 0, 0, 0);
    // (0, 0, 0) and (0.9, 0.1, 0): 0.1 (b − a) is 0.4 Å long in a 60° cell
    float[] frac = {0, 0, 0.5f, 0.9f, 0.1f, 0.5f, 0, 0, 0, 0, 0, 0};
    assertEquals(0.4, distance(l, frac, 0, 1), 1e-5);
    assertEquals(Math.pow(2 * R_O - 0.4, 2), md.energy(0, 4, 2, lat, typ, frac, 1.0), 1e-5);
    md.step(1, 4, new int[] {2}, lat, typ, frac, 1.0, 1.0, new SplittableRandom[] {
        new SplittableRandom(1)}, null);
    assertEquals(2 * R_O, distance(l, frac, 0, 1), 1e-5);
  }

  @Test
  void noLatticeMeansNoStep() {
    MinimumDistance md = new MinimumDistance(CONFIG);
    float[] lat = lattice(4, 4, 4, 170, 170, 170);
    assertNull(md.lattice(lat, 0));
    float[] frac = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 0, 0, 0, 0};
    float[] before = frac.clone();
    md.step(1, 4, new int[] {2}, lat, types(0, 0, 0, 0), frac, 1.0, 1.0,
        new SplittableRandom[] {new SplittableRandom(1)}, null);
    assertArrayEquals(before, frac);
    assertTrue(Double.isNaN(md.energy(0, 4, 2, lat, types(0, 0, 0, 0), frac, 1.0)));
  }
}
