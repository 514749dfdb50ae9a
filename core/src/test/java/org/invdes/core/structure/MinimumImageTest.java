package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MinimumImageTest {

    /**
     * Point pairs and distances printed by pymatgen 2022.11 {@code Lattice.get_all_distances}
     * (/usr/bin/python3), each confirmed there by a brute-force search over ±6 images.
     * Layout: lattice rows, then {fracA, fracB, distance Å} triples.
     */
    static final Object[][] PYMATGEN_DISTANCES = {
        {new double[][] {{3.0552237830800406, 0.0, 0.5249834619319768},
            {-1.0357879199498883, 3.821200173366527, 1.4019888087818382}, {0.0, 0.0, 5.3}},
            new double[][] {
                {0.6753, 1.4916, 1.1271}, {-0.5244, -0.2995, 1.4207}, {2.088600462705156},
                {0.6753, 1.4916, 1.1271}, {-1.1842, 1.2637, 1.1912}, {1.0999354946209094},
                {0.6753, 1.4916, 1.1271}, {0.2038, -0.2909, -0.3647}, {2.591984044234976},
                {-0.5244, -0.2995, 1.4207}, {-1.1842, 1.2637, 1.1912}, {2.213837717905837},
                {-0.5244, -0.2995, 1.4207}, {0.2038, -0.2909, -0.3647}, {1.311134120002929},
                {-1.1842, 1.2637, 1.1912}, {0.2038, -0.2909, -0.3647}, {2.7827798766795153}}},
        {new double[][] {{3.2094, 0.0, 1.9651907185917578e-16},
            {-1.6046999999999996, 2.7794219309057775, 1.9651907185917578e-16}, {0.0, 0.0, 5.2108}},
            new double[][] {
                {-0.4354, 0.1352, 0.3136}, {0.4605, 1.7865, 1.178}, {1.2204148683677571},
                {-0.4354, 0.1352, 0.3136}, {0.6665, 1.7669, -0.5541}, {1.5381653819562067},
                {-0.4354, 0.1352, 0.3136}, {-0.7194, 0.6376, -1.0682}, {2.425614848917099},
                {0.4605, 1.7865, 1.178}, {0.6665, 1.7669, -0.5541}, {1.5592908887520305},
                {0.4605, 1.7865, 1.178}, {-0.7194, 0.6376, -1.0682}, {1.389835301785676},
                {0.6665, 1.7669, -0.5541}, {-0.7194, 0.6376, -1.0682}, {2.7573199222428997}}},
        {new double[][] {{2.913516, 0.0, 17.982609}, {3.245261, 6.064831, -11.111812},
            {3.245261, 6.064831, -4.877301}},
            new double[][] {
                {-1.093, 0.3447, 0.1986}, {1.5515, 0.6877, 0.3424}, {3.161866048262835},
                {-1.093, 0.3447, 0.1986}, {0.2906, -0.4575, -1.1646}, {1.1831680096701658},
                {-1.093, 0.3447, 0.1986}, {-0.6228, 0.8761, -0.5982}, {1.7001430357063974},
                {1.5515, 0.6877, 0.3424}, {0.2906, -0.4575, -1.1646}, {2.2694392681625293},
                {1.5515, 0.6877, 0.3424}, {-0.6228, 0.8761, -0.5982}, {1.6912911888441655},
                {0.2906, -0.4575, -1.1646}, {-0.6228, 0.8761, -0.5982}, {0.6117585309651766}}},
    };

    @Test
    void distancesAgreeWithPymatgen() {
        for (Object[] cs : PYMATGEN_DISTANCES) {
            Lattice l = Lattice.fromMatrix((double[][]) cs[0]);
            double[][] rows = (double[][]) cs[1];
            for (int k = 0; k < rows.length; k += 3) {
                double expected = rows[k + 2][0];
                assertEquals(expected, l.distance(rows[k], rows[k + 1]), 1e-12, l + " pair " + k / 3);
                assertEquals(expected, l.distance(rows[k + 1], rows[k]), 1e-12, "symmetry");
                double[] v = l.minimumImageVector(rows[k], rows[k + 1]);
                assertEquals(expected, Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 1e-12);
            }
        }
    }

    @Test
    void vectorIsALatticeTranslateOfTheDifference() {
        Lattice l = Lattice.fromMatrix((double[][]) PYMATGEN_DISTANCES[2][0]);
        double[] a = {-1.093, 0.3447, 0.1986};
        double[] b = {1.5515, 0.6877, 0.3424};
        double[] f = l.toFractional(l.minimumImageVector(a, b));
        for (int i = 0; i < 3; i++) {
            double shift = f[i] - (b[i] - a[i]);
            assertEquals(Math.rint(shift), shift, 1e-9, "component " + i + " differs by a non-integer");
        }
    }

    @Test
    void flatAndNeedleCellsAreExactAndFast() {
        // orthogonal cells: each component wraps independently, so the exact answer is known
        Lattice plate = Lattice.orthorhombic(1, 1, 1000);
        assertEquals(Math.sqrt(0.25 + 0.25 + 500.0 * 500.0),
                plate.distance(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5}), 1e-9);
        assertEquals(Math.sqrt(0.3 * 0.3 + 0.1 * 0.1 + 200.0 * 200.0),
                plate.distance(new double[] {0.1, 0.9, 0.1}, new double[] {0.8, 0.0, 0.3}), 1e-9);
        Lattice needle = Lattice.orthorhombic(1000, 1, 1);
        assertEquals(Math.sqrt(499.0 * 499.0 + 0.5 * 0.5 + 0.49 * 0.49),
                needle.distance(new double[] {0.001, 0, 0}, new double[] {0.5, 0.5, 0.49}), 1e-9);
        // a plate cell with a tilted long axis, described by a far-from-reduced basis
        double[][] skewedPlate = {{1, 0, 0}, {7, 1, 0}, {250, -400, 1000}};
        Lattice tilted = Lattice.fromMatrix(skewedPlate);
        // its lattice points are (i, j, 1000 k) for integers i, j, k (b − 7a = (0, 1, 0),
        // c − 250a + 400(b − 7a) = (0, 0, 1000)), so the shortest image of (0.2, −0.3, 500) is itself
        double d = tilted.distance(new double[] {0, 0, 0}, tilted.toFractional(new double[] {0.2, -0.3, 500}));
        assertEquals(Math.sqrt(0.04 + 0.09 + 500.0 * 500.0), d, 1e-9);
        long start = System.nanoTime();
        MinimumImage mi = tilted.minimumImage();
        double sink = 0;
        for (int i = 0; i < 100_000; i++) {
            sink += mi.distanceSquared(0, 0, 0, 0.37 * i % 1, 0.11 * i % 1, 0.5);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(sink > 0);
        // generous bound: the enumeration must not blow up with the 1000 Å axis (it takes ~20 ms)
        assertTrue(ms < 5_000, "100k distances in a plate cell took " + ms + " ms");
    }

    @Test
    void aCubicLatticeInAVerySkewedBasisGivesCubicDistances() {
        int[][] u = {{1, 0, 0}, {1000, 1, 0}, {3517, -2011, 1}};
        Lattice cubic = Lattice.cubic(2.0);
        Lattice skewed = Lattice.fromMatrix(NiggliReductionTest.times(u, cubic.matrix()));
        double[][] inv = invert(u);
        double[][] pts = {{0.1, 0.2, 0.3}, {0.9, 0.75, 0.05}, {0.5, 0.5, 0.5}, {0.0, 0.0, 0.99}};
        for (double[] p : pts) {
            for (double[] q : pts) {
                double[] ps = rowTimes(p, inv);
                double[] qs = rowTimes(q, inv);
                assertEquals(cubic.distance(p, q), skewed.distance(ps, qs), 1e-9);
            }
        }
    }

    @Test
    void shortestDistanceOfSiliconConventionalCell() {
        // diamond Si, a = 5.4307 Å, 8 atoms; shortest Si–Si = a√3/4 = 2.3516 Å
        double[][] si = {
            {0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0},
            {0.25, 0.25, 0.25}, {0.25, 0.75, 0.75}, {0.75, 0.25, 0.75}, {0.75, 0.75, 0.25}};
        MinimumImage mi = Lattice.cubic(5.4307).minimumImage();
        assertEquals(2.3516, mi.shortestDistance(si), 1e-4);
        double[][] d = mi.distanceMatrix(si);
        assertEquals(0.0, d[3][3], 0);
        assertEquals(d[1][6], d[6][1], 0);
        assertEquals(5.4307 / Math.sqrt(2), d[0][1], 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, mi.shortestDistance(new double[][] {{0, 0, 0}}));
    }

    @Test
    void primitiveAndArrayMethodsAgree() {
        Lattice l = Lattice.fromParameters(3.1, 4.2, 5.3, 70.5, 80.25, 100.75);
        MinimumImage mi = l.minimumImage();
        double[] a = {0.12, -3.4, 0.9};
        double[] b = {2.7, 0.2, -0.45};
        double[] out = new double[3];
        double d2 = mi.vectorInto(a, b, out);
        assertEquals(d2, mi.distanceSquared(a[0], a[1], a[2], b[0], b[1], b[2]), 0);
        assertEquals(Math.sqrt(d2), mi.distance(a, b), 0);
        assertArrayEquals(out, mi.vector(a, b), 0);
        assertArrayEquals(out, l.minimumImageVector(a, b), 0);
        assertEquals(d2, out[0] * out[0] + out[1] * out[1] + out[2] * out[2], 1e-12);
        assertSame(mi, l.minimumImage());
    }

    static double[] rowTimes(double[] f, double[][] m) {
        double[] r = new double[3];
        for (int k = 0; k < 3; k++) {
            r[k] = f[0] * m[0][k] + f[1] * m[1][k] + f[2] * m[2][k];
        }
        return r;
    }

    /** Inverse of a unimodular integer matrix via its adjugate. */
    static double[][] invert(int[][] m) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3;
                int i2 = (j + 2) % 3;
                int j1 = (i + 1) % 3;
                int j2 = (i + 2) % 3;
                r[i][j] = (double) m[i1][j1] * m[i2][j2] - (double) m[i1][j2] * m[i2][j1];
            }
        }
        return r;
    }
}
