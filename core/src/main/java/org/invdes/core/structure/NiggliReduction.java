package org.invdes.core.structure;

import java.util.Arrays;
import java.util.Locale;

/**
 * Niggli reduction of a lattice (Křivý &amp; Gruber, Acta Cryst. A32, 297 (1976)) with the
 * tolerance handling of Grosse-Kunstleve, Sauter &amp; Adams, Acta Cryst. A60, 1 (2004), and the
 * result: the reduced lattice plus the integer matrix that maps the original basis onto it.
 *
 * <h2>Notation</h2>
 * For basis vectors a, b, c (Å) the algorithm works on A = a·a, B = b·b, C = c·c,
 * ξ = 2 b·c, η = 2 a·c, ζ = 2 a·b (all Å²). Comparisons use a threshold ε: "x &lt; y" means
 * x &lt; y − ε, "x &gt; y" means x &gt; y + ε and "x = y" means |x − y| ≤ ε. As in
 * Grosse-Kunstleve et al. and in pymatgen's {@code get_niggli_reduced_lattice(tol)},
 * ε = tol × V^(1/3) with V the cell volume; the number ε (computed with V in Å³) is used directly
 * as a threshold on the Å² quantities above, so tol is a dimensionless relative tolerance. The
 * default, {@value #DEFAULT_RELATIVE_TOLERANCE}, is pymatgen's.
 *
 * <h2>Algorithm</h2>
 * Every step replaces the basis by integer combinations of itself with determinant +1, applied to
 * the Cartesian vectors themselves (the G6 values are recomputed from the vectors after each
 * step, so no rounding accumulates in them), and to an integer matrix T, starting from the
 * identity. Rows are vectors: the new basis is T · M.
 * <ol>
 *   <li>Pre-reduce with the LLL algorithm (δ = 0.75), so that very skewed input reaches the
 *       Křivý–Gruber loop with short vectors and the loop needs few iterations. Swaps negate one
 *       vector to keep the determinant +1.
 *   <li>A1: if A &gt; B, or A = B and |ξ| &gt; |η|: a, b, c → −b, −a, −c.
 *   <li>A2: if B &gt; C, or B = C and |η| &gt; |ζ|: a, b, c → −a, −c, −b; go to A1.
 *   <li>A3: count the signs of ξ, η, ζ, where |x| ≤ ε counts as zero. If none is zero and their
 *       product is positive, flip vector signs so that ξ, η, ζ &gt; 0.
 *   <li>A4: otherwise flip vector signs so that ξ, η, ζ ≤ 0; if that needs an odd number of flips,
 *       also flip the vector opposite a zero term (the sign of a zero term does not matter), so the
 *       determinant stays +1.
 *   <li>A5: if |ξ| &gt; B, or ξ = B and 2η &lt; ζ, or ξ = −B and ζ &lt; 0: c → c − sign(ξ) b; go to A1.
 *   <li>A6: if |η| &gt; A, or η = A and 2ξ &lt; ζ, or η = −A and ζ &lt; 0: c → c − sign(η) a; go to A1.
 *   <li>A7: if |ζ| &gt; A, or ζ = A and 2ξ &lt; η, or ζ = −A and η &lt; 0: b → b − sign(ζ) a; go to A1.
 *   <li>A8: if ξ + η + ζ + A + B &lt; 0, or ξ + η + ζ + A + B = 0 and 2(A + η) + ζ &gt; 0:
 *       c → a + b + c; go to A1.
 *   <li>Otherwise the cell is Niggli-reduced: the reduced lattice is T · M, computed from the
 *       original vectors with the final integer T (same Cartesian frame as the input, determinant
 *       of T is +1, so it is right-handed with the same volume).
 * </ol>
 * The loop is capped at {@value #MAX_ITERATIONS} iterations. Where near ties make two cells
 * alternate (a nearly hexagonal cell with an angle within ε of 120°), the steps are repeated
 * with ε/100 and then with exact comparisons; should those cycle too, the last basis is kept.
 *
 * <h2>Coordinates</h2>
 * With reduced basis M′ = T · M, a point with fractional coordinates f in the original basis has
 * f′ = f · T⁻¹ in the reduced one ({@link #toReducedFractional}); T⁻¹ is an integer matrix because
 * det T = 1.
 *
 * <p>Instances are immutable. Equality is identity: a reduction is a result, not a value.
 */
public final class NiggliReduction {

    /** Default relative tolerance (dimensionless), as pymatgen's {@code get_niggli_reduced_lattice}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-5;

    /** Upper bound on Křivý–Gruber iterations (after LLL pre-reduction). */
    public static final int MAX_ITERATIONS = 1000;

    private static final double LLL_DELTA = 0.75;
    private static final int MAX_LLL_ITERATIONS = 10_000;

    private final Lattice original;
    private final Lattice reduced;
    private final int[][] transformation;
    private final int[][] inverse;
    private final double epsilon;

    private NiggliReduction(Lattice original, Lattice reduced, int[][] transformation, double epsilon) {
        this.original = original;
        this.reduced = reduced;
        this.transformation = transformation;
        this.inverse = adjugate(transformation);
        this.epsilon = epsilon;
    }

    /**
     * Niggli-reduces a lattice with the default relative tolerance
     * {@value #DEFAULT_RELATIVE_TOLERANCE}. The result is cached in the lattice.
     *
     * @param lattice the lattice to reduce
     * @return the reduction
     */
    public static NiggliReduction reduce(Lattice lattice) {
        if (lattice == null) {
            throw new IllegalArgumentException("lattice to Niggli-reduce is null");
        }
        return lattice.niggliReduction();
    }

    /**
     * Niggli-reduces a lattice.
     *
     * @param lattice the lattice to reduce
     * @param relativeTolerance dimensionless, finite, in [0, 0.01]; ε = relativeTolerance × V^(1/3)
     *     is the threshold on the Å² quantities A, B, C, ξ, η, ζ (see the class description)
     * @return the reduction
     * @throws IllegalStateException if the integer transformation outgrows an int (cell edges
     *     beyond about 10⁵ times the shortest one)
     */
    public static NiggliReduction reduce(Lattice lattice, double relativeTolerance) {
        if (lattice == null) {
            throw new IllegalArgumentException("lattice to Niggli-reduce is null");
        }
        if (!Double.isFinite(relativeTolerance) || relativeTolerance < 0 || relativeTolerance > 0.01) {
            throw new IllegalArgumentException("Niggli relative tolerance is " + relativeTolerance
                    + "; must be finite and in [0, 0.01]");
        }
        if (relativeTolerance == DEFAULT_RELATIVE_TOLERANCE) {
            return lattice.niggliReduction();
        }
        return compute(lattice, relativeTolerance);
    }

    /** @return the lattice that was reduced */
    public Lattice original() {
        return original;
    }

    /** @return the Niggli-reduced lattice, T · M, in the original Cartesian frame */
    public Lattice reduced() {
        return reduced;
    }

    /**
     * The integer matrix T with det T = +1 such that the reduced vectors are T · M (row i of T gives
     * reduced vector i as a combination of a, b, c).
     *
     * @return a copy of T
     */
    public int[][] transformation() {
        return copy(transformation);
    }

    /** @return a copy of T⁻¹, also an integer matrix with determinant +1 */
    public int[][] inverseTransformation() {
        return copy(inverse);
    }

    /** @return the comparison threshold ε that was used, tol × V^(1/3) (applied to Å² quantities) */
    public double epsilon() {
        return epsilon;
    }

    /**
     * Re-expresses fractional coordinates of the original basis in the reduced basis: f′ = f · T⁻¹.
     * No wrapping into [0, 1) is done.
     *
     * @param frac fractional coordinates in the original basis (3 values)
     * @return fractional coordinates in the reduced basis
     */
    public double[] toReducedFractional(double[] frac) {
        return rowTimes(frac, inverse);
    }

    /**
     * Re-expresses fractional coordinates of the reduced basis in the original basis: f = f′ · T.
     *
     * @param reducedFrac fractional coordinates in the reduced basis (3 values)
     * @return fractional coordinates in the original basis
     */
    public double[] fromReducedFractional(double[] reducedFrac) {
        return rowTimes(reducedFrac, transformation);
    }

    @Override
    public String toString() {
        return "NiggliReduction[" + original + " -> " + reduced + ", T=" + Arrays.deepToString(transformation)
                + ", epsilon=" + epsilon + "]";
    }

    // ------------------------------------------------------------------------------------------
    // The algorithm
    // ------------------------------------------------------------------------------------------

    /** Runs the reduction (no caching). */
    static NiggliReduction compute(Lattice lattice, double relativeTolerance) {
        double eps = relativeTolerance * Math.cbrt(lattice.volume());
        double[][] m0 = lattice.rowsUnsafe();
        Basis basis = new Basis(m0);

        // Step 1: LLL pre-reduction.
        basis.lll();

        // Steps 2-9: Křivý–Gruber with ε comparisons. Near ties (e.g. a nearly hexagonal cell
        // whose angle sits within ε of 120°) can make two cells alternate forever; then the
        // steps are repeated from the LLL basis with ε divided by 100, then with exact
        // comparisons, and if even that cycles the last basis is kept: it is a basis of the same
        // lattice, LLL- and almost Niggli-reduced, which is all minimum-image searches need.
        double[][] lllRows = {basis.v[0].clone(), basis.v[1].clone(), basis.v[2].clone()};
        long[][] lllT = {basis.t[0].clone(), basis.t[1].clone(), basis.t[2].clone()};
        for (double e : new double[] {eps, eps / 100, 0}) {
            for (int i = 0; i < 3; i++) {
                basis.v[i] = lllRows[i].clone();
                basis.t[i] = lllT[i].clone();
            }
            boolean done = false;
            for (int iteration = 0; iteration < MAX_ITERATIONS && !done; iteration++) {
                done = basis.krivyGruberStep(e);
            }
            if (done) {
                eps = e;
                break;
            }
        }

        // Step 10: reduced = T · M from the original vectors.
        int[][] t = basis.transformationAsInt(lattice);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                r[i][k] = t[i][0] * m0[0][k] + t[i][1] * m0[1][k] + t[i][2] * m0[2][k];
            }
        }
        return new NiggliReduction(lattice, Lattice.ofTrustedRows(r), t, eps);
    }

    /** A working basis: Cartesian vectors plus the integer matrix that produced them. */
    private static final class Basis {
        final double[][] v;
        final long[][] t = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

        Basis(double[][] rows) {
            v = new double[][] {rows[0].clone(), rows[1].clone(), rows[2].clone()};
        }

        /** row i ← row i + k · row j, for vectors and T. */
        void addMultiple(int i, int j, long k) {
            for (int c = 0; c < 3; c++) {
                v[i][c] += k * v[j][c];
                t[i][c] = Math.addExact(t[i][c], Math.multiplyExact(k, t[j][c]));
            }
        }

        /** Applies an integer row operation: new row i = Σ_j op[i][j] · row j. */
        void apply(int[][] op) {
            double[][] nv = new double[3][3];
            long[][] nt = new long[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (op[i][j] == 0) {
                        continue;
                    }
                    for (int c = 0; c < 3; c++) {
                        nv[i][c] += op[i][j] * v[j][c];
                        nt[i][c] = Math.addExact(nt[i][c], Math.multiplyExact((long) op[i][j], t[j][c]));
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                v[i] = nv[i];
                t[i] = nt[i];
            }
        }

        /** Swaps rows i and j and negates the new row j, keeping the determinant. */
        void swapKeepingHandedness(int i, int j) {
            double[] tv = v[i];
            long[] tt = t[i];
            v[i] = v[j];
            t[i] = t[j];
            v[j] = new double[] {-tv[0], -tv[1], -tv[2]};
            t[j] = new long[] {-tt[0], -tt[1], -tt[2]};
        }

        /**
         * LLL reduction with δ = 0.75 in three dimensions. Gram–Schmidt data are recomputed from the
         * vectors after every change (cheap in 3D and free of accumulated rounding).
         */
        void lll() {
            int k = 1;
            int guard = 0;
            while (k < 3) {
                if (++guard > MAX_LLL_ITERATIONS) {
                    throw new IllegalStateException("LLL pre-reduction did not converge in "
                            + MAX_LLL_ITERATIONS + " iterations for vectors " + Arrays.deepToString(v));
                }
                // size reduction of v[k] against v[k-1], ..., v[0]
                for (int j = k - 1; j >= 0; j--) {
                    double[][] mu = new double[3][3];
                    double[] bb = new double[3];
                    gramSchmidt(mu, bb);
                    long q = Math.round(mu[k][j]);
                    if (q != 0) {
                        addMultiple(k, j, -q);
                    }
                }
                double[][] mu = new double[3][3];
                double[] bb = new double[3];
                gramSchmidt(mu, bb);
                if (bb[k] >= (LLL_DELTA - mu[k][k - 1] * mu[k][k - 1]) * bb[k - 1]) {
                    k++;
                } else {
                    swapKeepingHandedness(k - 1, k);
                    k = Math.max(k - 1, 1);
                }
            }
        }

        /** Gram–Schmidt coefficients mu[i][j] (j &lt; i) and squared norms bb[i] of the orthogonalised vectors. */
        private void gramSchmidt(double[][] mu, double[] bb) {
            double[][] star = new double[3][];
            for (int i = 0; i < 3; i++) {
                double[] s = v[i].clone();
                for (int j = 0; j < i; j++) {
                    mu[i][j] = Lattice.dot(v[i], star[j]) / bb[j];
                    for (int c = 0; c < 3; c++) {
                        s[c] -= mu[i][j] * star[j][c];
                    }
                }
                star[i] = s;
                bb[i] = Lattice.dot(s, s);
            }
        }

        /**
         * One pass of steps A1 to A8.
         *
         * @return true if no step applied (the cell is reduced)
         */
        boolean krivyGruberStep(double e) {
            double[] g = g6();
            // A1
            if (g[0] > g[1] + e || (Math.abs(g[0] - g[1]) <= e && Math.abs(g[3]) > Math.abs(g[4]) + e)) {
                apply(new int[][] {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}});
                g = g6();
            }
            // A2
            if (g[1] > g[2] + e || (Math.abs(g[1] - g[2]) <= e && Math.abs(g[4]) > Math.abs(g[5]) + e)) {
                apply(new int[][] {{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}});
                return false;
            }
            // A3 / A4
            int l = signWithin(g[3], e);
            int m = signWithin(g[4], e);
            int n = signWithin(g[5], e);
            if (l * m * n == 1) {
                // A3: make ξ, η, ζ positive
                apply(diagonal(l == -1 ? -1 : 1, m == -1 ? -1 : 1, n == -1 ? -1 : 1));
            } else {
                // A4: make ξ, η, ζ non-positive
                int i = l == 1 ? -1 : 1;
                int j = m == 1 ? -1 : 1;
                int k = n == 1 ? -1 : 1;
                if (i * j * k == -1) {
                    if (n == 0) {
                        k = -1;
                    } else if (m == 0) {
                        j = -1;
                    } else if (l == 0) {
                        i = -1;
                    } else {
                        throw new AssertionError("A4 with an odd number of flips and no zero term: " + Arrays.toString(g));
                    }
                }
                apply(diagonal(i, j, k));
            }
            g = g6();
            double a = g[0];
            double b = g[1];
            double xi = g[3];
            double eta = g[4];
            double zeta = g[5];
            // A5
            if (Math.abs(xi) > b + e || (Math.abs(b - xi) <= e && 2 * eta < zeta - e)
                    || (Math.abs(b + xi) <= e && zeta < -e)) {
                addMultiple(2, 1, -(long) Math.signum(xi));
                return false;
            }
            // A6
            if (Math.abs(eta) > a + e || (Math.abs(a - eta) <= e && 2 * xi < zeta - e)
                    || (Math.abs(a + eta) <= e && zeta < -e)) {
                addMultiple(2, 0, -(long) Math.signum(eta));
                return false;
            }
            // A7
            if (Math.abs(zeta) > a + e || (Math.abs(a - zeta) <= e && 2 * xi < eta - e)
                    || (Math.abs(a + zeta) <= e && eta < -e)) {
                addMultiple(1, 0, -(long) Math.signum(zeta));
                return false;
            }
            // A8
            double sum = xi + eta + zeta + a + b;
            if (sum < -e || (Math.abs(sum) <= e && 2 * (a + eta) + zeta > e)) {
                apply(new int[][] {{1, 0, 0}, {0, 1, 0}, {1, 1, 1}});
                return false;
            }
            return true;
        }

        /** (A, B, C, ξ, η, ζ) of the current vectors, Å². */
        double[] g6() {
            return new double[] {Lattice.dot(v[0], v[0]), Lattice.dot(v[1], v[1]), Lattice.dot(v[2], v[2]),
                2 * Lattice.dot(v[1], v[2]), 2 * Lattice.dot(v[0], v[2]), 2 * Lattice.dot(v[0], v[1])};
        }

        int[][] transformationAsInt(Lattice lattice) {
            int[][] r = new int[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (t[i][j] > Integer.MAX_VALUE || t[i][j] < Integer.MIN_VALUE) {
                        throw new IllegalStateException("Niggli transformation entry " + t[i][j]
                                + " does not fit an int for " + lattice);
                    }
                    r[i][j] = (int) t[i][j];
                }
            }
            return r;
        }
    }

    private static int signWithin(double x, double e) {
        if (x > e) {
            return 1;
        }
        if (x < -e) {
            return -1;
        }
        return 0;
    }

    private static int[][] diagonal(int i, int j, int k) {
        return new int[][] {{i, 0, 0}, {0, j, 0}, {0, 0, k}};
    }

    /** Adjugate of an integer matrix; equals the inverse when the determinant is 1. */
    private static int[][] adjugate(int[][] m) {
        int[][] r = new int[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3;
                int i2 = (j + 2) % 3;
                int j1 = (i + 1) % 3;
                int j2 = (i + 2) % 3;
                long cof = (long) m[i1][j1] * m[i2][j2] - (long) m[i1][j2] * m[i2][j1];
                r[i][j] = Math.toIntExact(cof);
            }
        }
        return r;
    }

    private static double[] rowTimes(double[] f, int[][] m) {
        if (f == null || f.length != 3) {
            throw new IllegalArgumentException("fractional coordinates have "
                    + (f == null ? "no" : String.valueOf(f.length)) + " values; need 3");
        }
        double[] r = new double[3];
        for (int k = 0; k < 3; k++) {
            r[k] = f[0] * m[0][k] + f[1] * m[1][k] + f[2] * m[2][k];
        }
        return r;
    }

    private static int[][] copy(int[][] m) {
        return new int[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }
}
