package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of {@link Lattice}, {@link NiggliReduction} and {@link MinimumImage}. Lattices are
 * random parameter sets (lengths in Å, angles in degrees) with a cell-shape factor
 * 1 − cos²α − cos²β − cos²γ + 2cosαcosβcosγ of at least 0.05 (volume ≥ ~22 % of abc), and
 * basis changes are random integer matrices of determinant +1 built from elementary row operations.
 */
class LatticePropertyTest {

    // ------------------------------------------------------------------ generators

    private static double shape(double al, double be, double ga) {
        double ca = Math.cos(Math.toRadians(al));
        double cb = Math.cos(Math.toRadians(be));
        double cg = Math.cos(Math.toRadians(ga));
        return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
    }

    private static Arbitrary<Lattice> lattices(double minLen, double maxLen, double minAngle, double maxAngle,
                                               double minShape) {
        Arbitrary<Double> len = Arbitraries.doubles().between(minLen, maxLen);
        Arbitrary<Double> ang = Arbitraries.doubles().between(minAngle, maxAngle);
        return Combinators.combine(len, len, len, ang, ang, ang)
                .filter((a, b, c, al, be, ga) -> shape(al, be, ga) >= minShape)
                .as(Lattice::fromParameters);
    }

    @Provide
    Arbitrary<Lattice> anyLattice() {
        return lattices(1.5, 15, 35, 145, 0.05);
    }

    /** Moderately shaped cells, so that a brute-force image search stays small. */
    @Provide
    Arbitrary<Lattice> compactLattice() {
        return lattices(2, 10, 55, 125, 0.2);
    }

    /** Random unimodular matrices: a signed axis permutation of det +1 times 3–8 shears with factors in [−3, 3]. */
    @Provide
    Arbitrary<int[][]> unimodular() {
        return Arbitraries.randomValue(LatticePropertyTest::randomUnimodular);
    }

    @Provide
    Arbitrary<double[]> point() {
        Arbitrary<Double> x = Arbitraries.doubles().between(-3, 3);
        return Combinators.combine(x, x, x).as((a, b, c) -> new double[] {a, b, c});
    }

    @Provide
    Arbitrary<int[]> shift() {
        Arbitrary<Integer> n = Arbitraries.integers().between(-5, 5);
        return Combinators.combine(n, n, n).as((a, b, c) -> new int[] {a, b, c});
    }

    static int[][] randomUnimodular(Random random) {
        int[][] perms = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {1, 0, 2}, {0, 2, 1}, {2, 1, 0}};
        int p = random.nextInt(6);
        int[][] u = new int[3][3];
        // even permutations keep det +1; odd ones get one negated row
        for (int i = 0; i < 3; i++) {
            u[i][perms[p][i]] = (p >= 3 && i == 0) ? -1 : 1;
        }
        int shears = 3 + random.nextInt(6);
        for (int s = 0; s < shears; s++) {
            int i = random.nextInt(3);
            int j = (i + 1 + random.nextInt(2)) % 3;
            int k = random.nextInt(7) - 3;
            for (int c = 0; c < 3; c++) {
                u[i][c] += k * u[j][c];
            }
        }
        return u;
    }

    private static Lattice transformed(Lattice l, int[][] u) {
        return Lattice.fromMatrix(NiggliReductionTest.times(u, l.matrix()));
    }

    // ------------------------------------------------------------------ basic geometry

    @Property(tries = 300)
    void fractionalCartesianRoundTrip(@ForAll("anyLattice") Lattice l, @ForAll("point") double[] f) {
        assertArrayEquals(f, l.toFractional(l.toCartesian(f)), 1e-12);
    }

    @Property(tries = 300)
    void reciprocalTimesDirectIsTwoPiIdentity(@ForAll("anyLattice") Lattice l) {
        double[][] m = l.matrix();
        double[][] r = l.reciprocal().matrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[i][0] * r[j][0] + m[i][1] * r[j][1] + m[i][2] * r[j][2];
                assertEquals(i == j ? 2 * Math.PI : 0, dot, 1e-11);
            }
        }
    }

    @Property(tries = 300)
    void parametersRoundTripThroughTheMatrix(@ForAll("anyLattice") Lattice l) {
        Lattice again = Lattice.fromParameters(l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma());
        assertTrue(l.approxEquals(again, 1e-10, 1e-9));
        assertEquals(l.volume(), again.volume(), 1e-9 * l.volume());
    }

    // ------------------------------------------------------------------ Niggli reduction

    @Property(tries = 500)
    void niggliCellDoesNotDependOnTheStartingBasis(@ForAll("anyLattice") Lattice l, @ForAll("unimodular") int[][] u) {
        Lattice other = transformed(l, u);
        Lattice r1 = l.niggliReduced();
        Lattice r2 = other.niggliReduced();
        double lengthTol = 1e-8 * r1.c();
        assertTrue(r1.approxEquals(r2, lengthTol, 1e-5), () -> r1 + " vs " + r2 + " from " + l + " and " + other);
    }

    @Property(tries = 500)
    void niggliReductionIsProper(@ForAll("anyLattice") Lattice l, @ForAll("unimodular") int[][] u) {
        NiggliReductionTest.assertProperReduction(NiggliReduction.reduce(transformed(l, u)));
    }

    @Property(tries = 200)
    void reducingAReducedCellKeepsIt(@ForAll("anyLattice") Lattice l) {
        Lattice r = l.niggliReduced();
        assertTrue(r.approxEquals(r.niggliReduced(), 1e-9 * r.c(), 1e-7));
    }

    // ------------------------------------------------------------------ minimum image

    @Property(tries = 500)
    void minimumImageIsNotLongerThanTheNaiveDistance(@ForAll("anyLattice") Lattice l, @ForAll("unimodular") int[][] u,
                                                     @ForAll("point") double[] a, @ForAll("point") double[] b) {
        Lattice skewed = transformed(l, u);
        double[] d = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double naive = norm(skewed.toCartesian(d));
        double[] wrapped = {d[0] - Math.rint(d[0]), d[1] - Math.rint(d[1]), d[2] - Math.rint(d[2])};
        double naiveWrapped = norm(skewed.toCartesian(wrapped));
        double m = skewed.distance(a, b);
        assertTrue(m <= naive * (1 + 1e-12) + 1e-12, () -> m + " > naive " + naive);
        assertTrue(m <= naiveWrapped * (1 + 1e-12) + 1e-12, () -> m + " > wrapped " + naiveWrapped);
    }

    @Property(tries = 500)
    void distanceIsInvariantUnderIntegerShifts(@ForAll("anyLattice") Lattice l, @ForAll("point") double[] a,
                                               @ForAll("point") double[] b, @ForAll("shift") int[] na,
                                               @ForAll("shift") int[] nb) {
        double d = l.distance(a, b);
        double[] a2 = {a[0] + na[0], a[1] + na[1], a[2] + na[2]};
        double[] b2 = {b[0] + nb[0], b[1] + nb[1], b[2] + nb[2]};
        assertEquals(d, l.distance(a2, b2), 1e-9);
        assertEquals(d, l.distance(b2, a), 1e-9);
    }

    @Property(tries = 500)
    void distanceIsInvariantUnderABasisChange(@ForAll("anyLattice") Lattice l, @ForAll("unimodular") int[][] u,
                                              @ForAll("point") double[] a, @ForAll("point") double[] b) {
        // new basis M' = U M; the same points have f' = f U⁻¹
        Lattice other = transformed(l, u);
        double[][] inv = MinimumImageTest.invert(u);
        double[] a2 = MinimumImageTest.rowTimes(a, inv);
        double[] b2 = MinimumImageTest.rowTimes(b, inv);
        assertEquals(l.distance(a, b), other.distance(a2, b2), 1e-9);
        double[] v1 = l.minimumImageVector(a, b);
        double[] v2 = other.minimumImageVector(a2, b2);
        assertEquals(norm(v1), norm(v2), 1e-9);
    }

    /**
     * Brute force in the original basis: the difference wrapped into [−0.5, 0.5), plus every image
     * n with |nᵢ| ≤ max(3, ⌈d·|a*ᵢ| + 0.5⌉), where d is the distance under test and a*ᵢ the
     * crystallographic reciprocal vectors. Any image shorter than d has |fᵢ + nᵢ| ≤ d·|a*ᵢ|, so it
     * lies inside that box: the box search is an exact check. Separately, the plain ±3 box can
     * never beat the claimed minimum.
     */
    @Property(tries = 300)
    void distanceEqualsBruteForce(@ForAll("compactLattice") Lattice l, @ForAll("point") double[] a,
                                  @ForAll("point") double[] b) {
        double claimed = l.distance(a, b);
        double[] f = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        for (int i = 0; i < 3; i++) {
            f[i] -= Math.floor(f[i] + 0.5);
        }
        double[][] recip = l.reciprocalCrystallographic().matrix();
        int[] k = new int[3];
        for (int i = 0; i < 3; i++) {
            k[i] = Math.max(3, (int) Math.ceil(claimed * norm(recip[i]) + 0.5));
        }
        double brute = Double.POSITIVE_INFINITY;
        double bruteThree = Double.POSITIVE_INFINITY;
        for (int n0 = -k[0]; n0 <= k[0]; n0++) {
            for (int n1 = -k[1]; n1 <= k[1]; n1++) {
                for (int n2 = -k[2]; n2 <= k[2]; n2++) {
                    double len = norm(l.toCartesian(new double[] {f[0] + n0, f[1] + n1, f[2] + n2}));
                    brute = Math.min(brute, len);
                    if (Math.abs(n0) <= 3 && Math.abs(n1) <= 3 && Math.abs(n2) <= 3) {
                        bruteThree = Math.min(bruteThree, len);
                    }
                }
            }
        }
        assertEquals(brute, claimed, 1e-10);
        assertTrue(claimed <= bruteThree + 1e-10);
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}
