package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatticeTest {

    /** Closed-form cell volume, independent of the matrix code. */
    private static double closedFormVolume(double a, double b, double c, double alphaDeg, double betaDeg,
                                           double gammaDeg) {
        double ca = Math.cos(Math.toRadians(alphaDeg));
        double cb = Math.cos(Math.toRadians(betaDeg));
        double cg = Math.cos(Math.toRadians(gammaDeg));
        return a * b * c * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
    }

    // ---------------------------------------------------------------- published lattices

    @Test
    void siliconCubicVolume() {
        // Si, diamond structure, a = 5.4307 Å: V = 160.16 Å³
        Lattice si = Lattice.cubic(5.4307);
        assertEquals(160.16, si.volume(), 0.005);
        assertArrayEquals(new double[] {5.4307, 5.4307, 5.4307}, si.lengths(), 0);
        assertArrayEquals(new double[] {90, 90, 90}, si.angles(), 0);
    }

    @Test
    void siliconNearestNeighbourDistance() {
        // Diamond structure: Si at (0,0,0) and (1/4,1/4,1/4); the Si–Si bond is a·√3/4 = 2.3516 Å
        // (the textbook 2.35 Å). The second check needs the periodic image: (3/4,3/4,3/4) is
        // bonded to the origin's image at (1,1,1).
        Lattice si = Lattice.cubic(5.4307);
        assertEquals(2.3516, si.distance(new double[] {0, 0, 0}, new double[] {0.25, 0.25, 0.25}), 1e-4);
        assertEquals(2.3516, si.distance(new double[] {0, 0, 0}, new double[] {0.75, 0.75, 0.75}), 1e-4);
    }

    @Test
    void rockSaltDistances() {
        // NaCl, a = 5.6402 Å: V = 179.43 Å³, Na–Cl = a/2 = 2.8201 Å, Na–Na = a/√2 = 3.9882 Å
        Lattice nacl = Lattice.cubic(5.6402);
        assertEquals(179.43, nacl.volume(), 0.005);
        assertEquals(2.8201, nacl.distance(new double[] {0, 0, 0}, new double[] {0.5, 0, 0}), 1e-4);
        assertEquals(2.8201, nacl.distance(new double[] {0, 0, 0}, new double[] {0, 0, 0.5}), 1e-4);
        assertEquals(3.9882, nacl.distance(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0}), 1e-4);
        assertEquals(3.9882, nacl.distance(new double[] {0.9, 0.9, 0.0}, new double[] {0.4, 0.4, 0.0}), 1e-4);
    }

    @Test
    void hexagonalMagnesium() {
        // hcp Mg, a = 3.2094 Å, c = 5.2108 Å: V = (√3/2)a²c ≈ 46.48 Å³; atoms at (1/3,2/3,1/4) and
        // (2/3,1/3,3/4); the out-of-plane nearest neighbours are at sqrt(a²/3 + c²/4) = 3.1971 Å.
        Lattice mg = Lattice.hexagonal(3.2094, 5.2108);
        assertEquals(46.48, mg.volume(), 0.005);
        assertEquals(120.0, mg.gamma(), 1e-12);
        double[] p1 = {1.0 / 3, 2.0 / 3, 0.25};
        double[] p2 = {2.0 / 3, 1.0 / 3, 0.75};
        assertEquals(3.1971, mg.distance(p1, p2), 1e-4);
        // the same atom one cell over is at distance 0 modulo the lattice
        assertEquals(0.0, mg.distance(p1, new double[] {1.0 / 3 + 2, 2.0 / 3 - 1, 0.25 + 5}), 1e-12);
    }

    @Test
    void monoclinicGalliumOxideVolumeMatchesClosedForm() {
        // β-Ga2O3, C2/m: a = 12.214 Å, b = 3.0371 Å, c = 5.7981 Å, β = 103.83° (Åhman et al.,
        // Acta Cryst. C52, 1336 (1996)); with α = γ = 90° the formula reduces to V = abc·sin β
        Lattice m = Lattice.monoclinic(12.214, 3.0371, 5.7981, 103.83);
        assertEquals(closedFormVolume(12.214, 3.0371, 5.7981, 90, 103.83, 90), m.volume(), 1e-9);
        assertEquals(12.214 * 3.0371 * 5.7981 * Math.sin(Math.toRadians(103.83)), m.volume(), 1e-9);
        assertEquals(103.83, m.beta(), 1e-10);
        assertEquals(90.0, m.alpha(), 1e-10);
        assertEquals(90.0, m.gamma(), 1e-10);
    }

    @Test
    void triclinicKyaniteVolumeMatchesClosedForm() {
        // a kyanite-like triclinic cell (Al2SiO5, P-1; close to the cell of Winter & Ghose,
        // Am. Mineral. 64, 573 (1979)): a = 7.1262, b = 7.8520, c = 5.5724 Å, α = 89.99°,
        // β = 101.11°, γ = 106.03°
        Lattice k = Lattice.fromParameters(7.1262, 7.8520, 5.5724, 89.99, 101.11, 106.03);
        assertEquals(closedFormVolume(7.1262, 7.8520, 5.5724, 89.99, 101.11, 106.03), k.volume(), 1e-9);
        assertArrayEquals(new double[] {7.1262, 7.8520, 5.5724}, k.lengths(), 1e-12);
        assertArrayEquals(new double[] {89.99, 101.11, 106.03}, k.angles(), 1e-10);
    }

    @Test
    void namedFactoriesHaveTheirSymmetry() {
        Lattice t = Lattice.tetragonal(3.0, 7.0);
        assertArrayEquals(new double[] {3, 3, 7}, t.lengths(), 1e-12);
        assertArrayEquals(new double[] {90, 90, 90}, t.angles(), 1e-12);
        Lattice o = Lattice.orthorhombic(3, 4, 5);
        assertEquals(60.0, o.volume(), 1e-12);
        Lattice r = Lattice.rhombohedral(4.0, 75);
        assertArrayEquals(new double[] {4, 4, 4}, r.lengths(), 1e-12);
        assertArrayEquals(new double[] {75, 75, 75}, r.angles(), 1e-10);
        assertEquals(closedFormVolume(4, 4, 4, 75, 75, 75), r.volume(), 1e-10);
    }

    // ---------------------------------------------------------------- pymatgen orientation

    /**
     * Expected matrices printed by pymatgen 2022.11,
     * {@code Lattice.from_parameters(*p).matrix.tolist()} (vesta=False), with /usr/bin/python3.
     * They agree to rounding, not bit for bit: Java's acos/sin/cos and glibc's can differ in the
     * last bit (e.g. the 1e-16 off-diagonal entries of the cubic case differ in sign).
     */
    @Test
    void fromParametersMatchesPymatgenOrientation() {
        Object[][] cases = {
            {new double[] {3.1, 4.2, 5.3, 70.5, 80.25, 100.75}, new double[][] {
                {3.0552237830800406, 0.0, 0.5249834619319768},
                {-1.0357879199498883, 3.821200173366527, 1.4019888087818382}, {0.0, 0.0, 5.3}}, 61.87549474276864},
            {new double[] {5.4307, 5.4307, 5.4307, 90, 90, 90}, new double[][] {
                {5.4307, 0.0, 3.3253446860647656e-16},
                {-3.3253446860647656e-16, 5.4307, 3.3253446860647656e-16}, {0.0, 0.0, 5.4307}}, 160.164933272443},
            {new double[] {3.2094, 3.2094, 5.2108, 90, 90, 120}, new double[][] {
                {3.2094, 0.0, 1.9651907185917578e-16},
                {-1.6046999999999996, 2.7794219309057775, 1.9651907185917578e-16}, {0.0, 0.0, 5.2108}},
                46.481778063101345},
            {new double[] {4.0, 4.0, 4.0, 75, 75, 75}, new double[][] {
                {3.8637033051562737, 0.0, 1.0352761804100832},
                {0.7943953532404318, 3.7811558091442787, 1.0352761804100832}, {0.0, 0.0, 4.0}}, 58.43705678840637},
            {new double[] {5.1, 6.2, 7.3, 90, 103.5, 90}, new double[][] {
                {4.959086594028151, 0.0, -1.1905713556651174},
                {-3.796405077356795e-16, 6.2, 3.796405077356795e-16}, {0.0, 0.0, 7.3}}, 224.44825924571413},
            {new double[] {7.0, 3.0, 4.0, 115, 95, 65}, new double[][] {
                {6.973362886642219, 0.0, -0.6100901992336076},
                {1.1617748638261736, 2.4582154928669495, -1.267854785222098}, {0.0, 0.0, 4.0}}, 68.56811474130919},
        };
        for (Object[] cs : cases) {
            double[] p = (double[]) cs[0];
            double[][] expected = (double[][]) cs[1];
            Lattice l = Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
            double[][] m = l.matrix();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], m[i], 1e-12, "row " + i + " for parameters " + java.util.Arrays.toString(p));
            }
            assertEquals((double) cs[2], l.volume(), 1e-10);
            assertEquals(closedFormVolume(p[0], p[1], p[2], p[3], p[4], p[5]), l.volume(), 1e-10);
        }
    }

    @Test
    void cubicIsTheExactDiagonalLikePymatgen() {
        // pymatgen's Lattice.cubic(a) is [[a,0,0],[0,a,0],[0,0,a]] exactly
        assertArrayEquals(new double[] {2.5, 0, 0}, Lattice.cubic(2.5).vector(0), 0);
        assertArrayEquals(new double[] {0, 2.5, 0}, Lattice.cubic(2.5).vector(1), 0);
        assertArrayEquals(new double[] {0, 0, 2.5}, Lattice.cubic(2.5).vector(2), 0);
    }

    // ---------------------------------------------------------------- reciprocal lattice

    /** pymatgen 2022.11: Lattice.from_parameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75).reciprocal_lattice(_crystallographic). */
    @Test
    void reciprocalMatchesPymatgen() {
        Lattice l = Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75);
        double[][] expected = {
            {2.056538490560375, 0.5574525355361677, 0.0},
            {0.0, 1.6442963001448883, 0.0},
            {-0.20370730120202787, -0.49017705152699087, 1.1855066617319976}};
        double[][] expectedCryst = {
            {0.32730826643142885, 0.08872132656969153, 0.0},
            {0.0, 0.26169788407577377, 0.0},
            {-0.03242102393021233, -0.07801410074073128, 0.1886792452830189}};
        double[][] r = l.reciprocal().matrix();
        double[][] rc = l.reciprocalCrystallographic().matrix();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], r[i], 1e-12);
            assertArrayEquals(expectedCryst[i], rc[i], 1e-13);
        }
    }

    @Test
    void reciprocalTimesDirectIsTwoPiIdentity() {
        Lattice l = Lattice.fromParameters(7.0, 3.0, 4.0, 115, 95, 65);
        double[][] m = l.matrix();
        double[][] r = l.reciprocal().matrix();
        double[][] rc = l.reciprocalCrystallographic().matrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[i][0] * r[j][0] + m[i][1] * r[j][1] + m[i][2] * r[j][2];
                double dotC = m[i][0] * rc[j][0] + m[i][1] * rc[j][1] + m[i][2] * rc[j][2];
                assertEquals(i == j ? 2 * Math.PI : 0.0, dot, 1e-12);
                assertEquals(i == j ? 1.0 : 0.0, dotC, 1e-13);
            }
        }
        assertEquals(Math.pow(2 * Math.PI, 3) / l.volume(), l.reciprocal().volume(), 1e-12);
        // the reciprocal of the reciprocal is the direct lattice
        double[][] back = l.reciprocalCrystallographic().reciprocalCrystallographic().matrix();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(m[i], back[i], 1e-12);
        }
    }

    @Test
    void reciprocalOfAHugeCellIsNotRejected() {
        // V = 1e12 Å³: the crystallographic reciprocal has volume 1e-12 Å⁻³, below the
        // direct-space threshold, and must still be returned
        Lattice big = Lattice.cubic(1e4);
        assertEquals(1e-12, big.reciprocalCrystallographic().volume(), 1e-24);
    }

    // ---------------------------------------------------------------- coordinates, metric, scaling

    @Test
    void fractionalCartesianRoundTrip() {
        Lattice l = Lattice.fromParameters(7.0, 3.0, 4.0, 115, 95, 65);
        double[] f = {0.1234, -0.75, 2.5};
        double[] r = l.toCartesian(f);
        double[][] m = l.matrix();
        for (int k = 0; k < 3; k++) {
            assertEquals(f[0] * m[0][k] + f[1] * m[1][k] + f[2] * m[2][k], r[k], 1e-14);
        }
        assertArrayEquals(f, l.toFractional(r), 1e-14);
        assertArrayEquals(new double[] {0, 0, 1}, l.toFractional(new double[] {0, 0, 4.0}), 1e-15);
    }

    @Test
    void metricTensorHoldsLengthsAndAngles() {
        Lattice l = Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75);
        double[][] g = l.metricTensor();
        assertEquals(3.1 * 3.1, g[0][0], 1e-12);
        assertEquals(4.2 * 4.2, g[1][1], 1e-12);
        assertEquals(5.3 * 5.3, g[2][2], 1e-12);
        assertEquals(4.2 * 5.3 * Math.cos(Math.toRadians(70.5)), g[1][2], 1e-12);
        assertEquals(3.1 * 5.3 * Math.cos(Math.toRadians(80.25)), g[0][2], 1e-12);
        assertEquals(3.1 * 4.2 * Math.cos(Math.toRadians(100.75)), g[0][1], 1e-12);
        assertEquals(g[0][1], g[1][0], 0);
    }

    @Test
    void scaledToVolumeKeepsShape() {
        Lattice l = Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75);
        Lattice s = l.scaledToVolume(2 * l.volume());
        assertEquals(2 * l.volume(), s.volume(), 1e-10);
        assertArrayEquals(l.angles(), s.angles(), 1e-10);
        double f = Math.cbrt(2);
        assertArrayEquals(new double[] {3.1 * f, 4.2 * f, 5.3 * f}, s.lengths(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> l.scaledToVolume(0));
        assertThrows(IllegalArgumentException.class, () -> l.scaledToVolume(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> l.scaledToVolume(-5));
    }

    // ---------------------------------------------------------------- validation

    @Test
    void rejectsBadLengthsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromParameters(3, -1.5, 4, 90, 90, 90));
        assertTrue(e.getMessage().contains("b is -1.5 Å"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(3, 4, 0, 90, 90, 90));
        assertTrue(e.getMessage().contains("c is 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(Double.NaN, 4, 4, 90, 90, 90));
        assertTrue(e.getMessage().contains("a is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromParameters(Double.POSITIVE_INFINITY, 4, 4, 90, 90, 90));
        assertThrows(IllegalArgumentException.class, () -> Lattice.cubic(-2));
    }

    @Test
    void rejectsAnglesOutsideTheOpenInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromParameters(3, 3, 3, 190, 90, 90));
        assertTrue(e.getMessage().contains("alpha is 190.0°"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(3, 3, 3, 90, 0, 90));
        assertTrue(e.getMessage().contains("beta is 0.0°"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(3, 3, 3, 90, 90, 180));
        assertTrue(e.getMessage().contains("gamma is 180.0°"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(3, 3, 3, Double.NaN, 90, 90));
        assertThrows(IllegalArgumentException.class, () -> Lattice.rhombohedral(3, 200));
    }

    @Test
    void rejectsAngleCombinationsWithoutACell() {
        // 10 + 10 < 170: the third angle exceeds the sum of the other two
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromParameters(3, 3, 3, 10, 10, 170));
        assertTrue(e.getMessage().contains("alpha=10.0°, beta=10.0°, gamma=170.0°"), e.getMessage());
        // 130 × 3 = 390° > 360°
        assertThrows(IllegalArgumentException.class, () -> Lattice.rhombohedral(3, 130));
        // exactly flat: 60 + 60 = 120
        assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(3, 3, 3, 60, 60, 120));
    }

    @Test
    void rejectsSingularAndLeftHandedMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromMatrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}}));
        assertTrue(e.getMessage().startsWith("lattice volume is 0.0 Å³"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromMatrix(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}));
        assertTrue(e.getMessage().startsWith("lattice volume is -1.0 Å³"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromMatrix(new double[][] {{1e-3, 0, 0}, {0, 1e-3, 0}, {0, 0, 1e-3}}));
        assertTrue(e.getMessage().contains("lattice volume is 1.0E-9 Å³"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lattice.fromMatrix(new double[][] {{1, 0, 0}, {0, 1, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromMatrix(new double[][] {{1, 0, 0}, {0, 1}, {0, 0, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> Lattice.fromMatrix(new double[][] {{1, 0, 0}, {0, Double.NaN, 0}, {0, 0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> Lattice.fromMatrix(null));
    }

    @Test
    void rejectsBadCoordinateArrays() {
        Lattice l = Lattice.cubic(3);
        assertThrows(IllegalArgumentException.class, () -> l.toCartesian(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> l.toFractional(null));
        assertThrows(IllegalArgumentException.class, () -> l.distance(new double[] {0, 0, Double.NaN}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> l.minimumImageVector(new double[3], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> l.vector(3));
    }

    // ---------------------------------------------------------------- identity

    @Test
    void equalityIsExactAndApproxEqualsComparesParameters() {
        Lattice a = Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75);
        Lattice b = Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Lattice nudged = Lattice.fromParameters(3.1 + 1e-9, 4.2, 5.3, 70.5, 80.25, 100.75);
        assertNotEquals(a, nudged);
        assertTrue(a.approxEquals(nudged, 1e-6, 1e-6));
        assertFalse(a.approxEquals(nudged, 1e-10, 1e-6));
        assertFalse(a.approxEquals(Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.8), 1e-6, 0.01));
        // same parameters, different orientation: not equal, but approximately equal
        Lattice cubic = Lattice.cubic(4);
        Lattice cubicRotated = Lattice.fromParameters(4, 4, 4, 90, 90, 90);
        assertNotEquals(cubic, cubicRotated);
        assertTrue(cubic.approxEquals(cubicRotated, 1e-12, 1e-12));
        assertFalse(cubic.approxEquals(null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> cubic.approxEquals(cubic, -1, 1));
    }

    @Test
    void accessorsReturnCopies() {
        double[][] rows = {{3, 0, 0}, {0, 4, 0}, {0, 0, 5}};
        Lattice l = Lattice.fromMatrix(rows);
        rows[0][0] = 100;
        assertEquals(3.0, l.a(), 0);
        l.matrix()[1][1] = 100;
        l.vector(2)[2] = 100;
        l.lengths()[0] = 100;
        l.angles()[0] = 100;
        assertEquals(Lattice.fromMatrix(new double[][] {{3, 0, 0}, {0, 4, 0}, {0, 0, 5}}), l);
        assertEquals(90.0, l.alpha(), 0);
    }

    @Test
    void toStringShowsParameters() {
        String s = Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75).toString();
        assertTrue(s.contains("a=3.100000 Å"), s);
        assertTrue(s.contains("c=5.300000 Å"), s);
        assertTrue(s.contains("beta=80.2500°"), s);
        assertTrue(s.contains("V=61.8755 Å³"), s);
    }
}
