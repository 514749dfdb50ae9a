package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageSearch} finds exactly the images a brute-force enumeration of the structure's own
 * cell finds, in the same order and with the same bits, on ordinary, skewed and collapsed cells.
 */
class ImageSearchTest {

  /**
   * Brute force: every translation of the structure's own cell in a box that certainly holds the
   * sphere (bounds from the reciprocal lengths, two cells wider), listed site by site and then
   * lexicographically, and stably sorted by distance.
   */
  private static List<ImageSearch.Image> bruteForce(Structure s, double[] centre, double r) {
    double[][] m = s.lattice().matrix();
    double[][] recip = s.lattice().reciprocalCrystallographic().matrix();
    double[] centreFrac = s.lattice().toFractional(centre);
    List<ImageSearch.Image> out = new ArrayList<>();
    double reach = r + ImageSearch.MARGIN_ANGSTROM;
    for (int site = 0; site < s.size(); site++) {
      double[] f = s.site(site).frac();
      int[] lo = new int[3];
      int[] hi = new int[3];
      for (int k = 0; k < 3; k++) {
        double span = reach * VoronoiCell.norm(recip[k]);
        lo[k] = (int) Math.floor(centreFrac[k] - f[k] - span) - 2;
        hi[k] = (int) Math.ceil(centreFrac[k] - f[k] + span) + 2;
      }
      for (int a = lo[0]; a <= hi[0]; a++) {
        for (int b = lo[1]; b <= hi[1]; b++) {
          for (int c = lo[2]; c <= hi[2]; c++) {
            double fx = f[0] + a;
            double fy = f[1] + b;
            double fz = f[2] + c;
            double[] p = {fx * m[0][0] + fy * m[1][0] + fz * m[2][0],
                fx * m[0][1] + fy * m[1][1] + fz * m[2][1],
                fx * m[0][2] + fy * m[1][2] + fz * m[2][2]};
            double d = VoronoiCell.norm(VoronoiCell.sub(p, centre));
            if (d <= reach && d >= ImageSearch.COINCIDENT_ANGSTROM) {
              out.add(new ImageSearch.Image(site, new int[] {a, b, c},
                  s.site(site).majorElement(), p, d));
            }
          }
        }
      }
    }
    out.sort(Comparator.comparingDouble(ImageSearch.Image::distance));
    return out;
  }

  /** How many translations per site the brute force enumerates. */
  private static double bruteForceBox(Structure s, double r) {
    double[][] recip = s.lattice().reciprocalCrystallographic().matrix();
    double box = 1;
    for (int k = 0; k < 3; k++) {
      box *= 2 * r * VoronoiCell.norm(recip[k]) + 6;
    }
    return box;
  }

  private static void assertSameImages(List<ImageSearch.Image> expected,
      List<ImageSearch.Image> actual) {
    assertEquals(expected.size(), actual.size(), "number of images");
    for (int i = 0; i < expected.size(); i++) {
      ImageSearch.Image e = expected.get(i);
      ImageSearch.Image a = actual.get(i);
      String where = "image " + i + " of " + expected.size();
      assertEquals(e.siteIndex(), a.siteIndex(), where);
      assertArrayEquals(e.image(), a.image(), where);
      assertEquals(e.element(), a.element(), where);
      assertEquals(Double.doubleToLongBits(e.distance()), Double.doubleToLongBits(a.distance()),
          where);
      for (int k = 0; k < 3; k++) {
        assertEquals(Double.doubleToLongBits(e.cartesian()[k]),
            Double.doubleToLongBits(a.cartesian()[k]), where);
      }
    }
  }

  /**
   * A random cell: edges 1–8 Å, angles anywhere in 5°–175° (many nearly flat, as undertrained
   * generators decode), 1–4 sites at random fractional coordinates, possibly outside [0, 1).
   */
  private static Structure randomCell(SplittableRandom random) {
    while (true) {
      double alpha = 5 + 170 * random.nextDouble();
      double beta = 5 + 170 * random.nextDouble();
      double gamma = 5 + 170 * random.nextDouble();
      Lattice lattice;
      try {
        lattice = Lattice.fromParameters(1 + 7 * random.nextDouble(), 1 + 7 * random.nextDouble(),
            1 + 7 * random.nextDouble(), alpha, beta, gamma);
      } catch (IllegalArgumentException e) {
        continue; // angles that close no cell
      }
      if (!(lattice.volume() > 0.05)) {
        continue;
      }
      int n = 1 + random.nextInt(4);
      List<Element> species = new ArrayList<>();
      List<double[]> frac = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        species.add(Element.of(List.of("O", "Si", "Mg", "Ba").get(random.nextInt(4))));
        frac.add(new double[] {3 * random.nextDouble() - 1, random.nextDouble(),
            random.nextDouble()});
      }
      return Structure.of(lattice, species, frac);
    }
  }

  @Property(tries = 200)
  void findsExactlyTheImagesOfABruteForceSearchInTheSameOrder(
      @ForAll @LongRange(min = 0, max = 1_000_000_000) long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Structure s;
    double r;
    do {
      s = randomCell(random);
      // a radius holding at most a few thousand images
      double perAtom = s.lattice().volume() / s.size();
      double maxRadius = Math.min(7, Math.cbrt(2000 * perAtom / (4.0 / 3 * Math.PI)));
      r = 0.2 + (maxRadius - 0.2) * random.nextDouble();
    } while (bruteForceBox(s, r) > 2e6); // keep the brute force affordable
    // a site itself (its own image is excluded) or a random point
    double[] centre = random.nextBoolean() ? s.cartesian(random.nextInt(s.size()))
        : s.lattice().toCartesian(new double[] {random.nextDouble(), random.nextDouble(),
            random.nextDouble()});
    assertSameImages(bruteForce(s, centre, r), ImageSearch.of(s).within(centre, r));
  }

  @Test
  void aCollapsedCellIsSearchedThroughItsReducedBasis() {
    // the 0.1 Å³ sliver an undertrained generator decoded (CrystalNNFingerprintTest): its own cell
    // is 4.5 Å on an edge, but its lattice holds vectors far shorter, so 1 Å already reaches
    // dozens of images
    Lattice sliver = Lattice.fromParameters(4.5727, 4.5118, 5.0408, 107.7716, 108.6177,
        143.6106);
    Structure s = Structure.of(sliver, List.of(Element.of("Ba"), Element.of("O")),
        List.of(new double[] {0.43, 0.35, 0.74}, new double[] {0.27, 0.54, 0.20}));
    double[] centre = s.cartesian(0);
    List<ImageSearch.Image> found = ImageSearch.of(s).within(centre, 1.0);
    assertSameImages(bruteForce(s, centre, 1.0), found);
    assertTrue(found.size() > 20, found.size() + " images within 1 Å");
  }
}
