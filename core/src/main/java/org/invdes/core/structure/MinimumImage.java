package org.invdes.core.structure;

/**
 * Exact minimum-image vectors and distances in one lattice, for hot loops over many pairs. Obtain
 * it with {@link Lattice#minimumImage()}; it is immutable, thread-safe and its primitive-argument
 * methods allocate nothing.
 *
 * <p>Units: fractional coordinates in, Cartesian Å (vectors, distances) or Å² (squared distances)
 * out. For speed nothing here validates its input: arrays must hold 3 values and non-finite
 * coordinates give NaN. {@link Lattice#distance} and {@link Lattice#minimumImageVector} are the
 * checked entry points.
 *
 * <h2>Algorithm (for the difference d = f_B − f_A)</h2>
 * <ol>
 *   <li>Once per lattice: take the Niggli-reduced basis M′ = T · M ({@link NiggliReduction}, default
 *       tolerance) and its Gram–Schmidt data: orthogonal vectors b*₁, b*₂, b*₃ with squared norms
 *       q₁, q₂, q₃ (Å²) and coefficients μ₂₁, μ₃₁, μ₃₂, so that for any real coordinates x in the
 *       reduced basis |x · M′|² = q₃ x₃² + q₂ (x₂ + μ₃₂ x₃)² + q₁ (x₁ + μ₂₁ x₂ + μ₃₁ x₃)².
 *   <li>Express d in the reduced basis, u = d · T⁻¹, and wrap each component into [−0.5, 0.5)
 *       (u − ⌊u + 0.5⌋); this subtracts a lattice vector, so it does not change the answer.
 *   <li>The starting candidate is n = 0, with r² = |u · M′|² (Å²). The minimum image is u + n for
 *       the integer n that minimises |(u + n) · M′|², and it satisfies |(u + n) · M′|² ≤ r².
 *   <li>Enumerate every integer n inside that sphere (Fincke–Pohst): n₃ ranges over the integers
 *       with q₃ (u₃ + n₃)² ≤ r²; for each, n₂ over those with q₃ x₃² + q₂ (u₂ + n₂ + μ₃₂ x₃)² ≤ r²;
 *       for each, n₁ over those with the full sum ≤ r². The shortest candidate wins (r² stays
 *       fixed during the search, enlarged by a relative 1e-12 against rounding; the candidate count
 *       is small anyway).
 * </ol>
 * <p>Why this is exact: the three terms of the decomposition are non-negative, so any n with
 * |(u + n) · M′|² ≤ r² satisfies each partial-sum bound above and is visited; the true minimum is
 * within r² of the origin because n = 0 already reaches r². This holds for any basis; the reduced
 * basis only keeps the number of visited candidates small (a handful for a Niggli cell, however
 * skewed the input cell was). The result is exact up to floating-point rounding (relative ~1e-15).
 */
public final class MinimumImage {

    private final Lattice lattice;
    // T⁻¹ (integer, as doubles), row-major
    private final double i00, i01, i02, i10, i11, i12, i20, i21, i22;
    // reduced basis rows, Cartesian Å
    private final double r00, r01, r02, r10, r11, r12, r20, r21, r22;
    // Gram–Schmidt data of the reduced basis
    private final double q1, q2, q3, mu21, mu31, mu32;
    /** Å²: the largest slack added to the search radius (see {@code search}). */
    private final double slackCap;

    MinimumImage(Lattice lattice) {
        this.lattice = lattice;
        NiggliReduction reduction = lattice.niggliReduction();
        int[][] inv = reduction.inverseTransformation();
        i00 = inv[0][0];
        i01 = inv[0][1];
        i02 = inv[0][2];
        i10 = inv[1][0];
        i11 = inv[1][1];
        i12 = inv[1][2];
        i20 = inv[2][0];
        i21 = inv[2][1];
        i22 = inv[2][2];
        double[][] r = reduction.reduced().rowsUnsafe();
        r00 = r[0][0];
        r01 = r[0][1];
        r02 = r[0][2];
        r10 = r[1][0];
        r11 = r[1][1];
        r12 = r[1][2];
        r20 = r[2][0];
        r21 = r[2][1];
        r22 = r[2][2];
        double[] s1 = r[0].clone();
        q1 = Lattice.dot(s1, s1);
        mu21 = Lattice.dot(r[1], s1) / q1;
        double[] s2 = {r[1][0] - mu21 * s1[0], r[1][1] - mu21 * s1[1], r[1][2] - mu21 * s1[2]};
        q2 = Lattice.dot(s2, s2);
        mu31 = Lattice.dot(r[2], s1) / q1;
        mu32 = Lattice.dot(r[2], s2) / q2;
        double[] s3 = {r[2][0] - mu31 * s1[0] - mu32 * s2[0], r[2][1] - mu31 * s1[1] - mu32 * s2[1],
            r[2][2] - mu31 * s1[2] - mu32 * s2[2]};
        q3 = Lattice.dot(s3, s3);
        slackCap = 1e-9 * Math.min(q1, Math.min(q2, q3));
    }

    /** @return the lattice these images belong to */
    public Lattice lattice() {
        return lattice;
    }

    /**
     * Squared minimum-image distance between two points, no allocation, no validation.
     *
     * @param ax fractional x of A
     * @param ay fractional y of A
     * @param az fractional z of A
     * @param bx fractional x of B
     * @param by fractional y of B
     * @param bz fractional z of B
     * @return the squared distance, Å²
     */
    public double distanceSquared(double ax, double ay, double az, double bx, double by, double bz) {
        return search(bx - ax, by - ay, bz - az, null);
    }

    /**
     * Minimum-image distance between two points.
     *
     * @param fracA fractional coordinates of A (3 values)
     * @param fracB fractional coordinates of B (3 values)
     * @return the distance, Å
     */
    public double distance(double[] fracA, double[] fracB) {
        return Math.sqrt(search(fracB[0] - fracA[0], fracB[1] - fracA[1], fracB[2] - fracA[2], null));
    }

    /**
     * Minimum-image vector from A to B, written into a caller-supplied array (no allocation).
     *
     * @param fracA fractional coordinates of A (3 values)
     * @param fracB fractional coordinates of B (3 values)
     * @param outCartesianAngstrom receives the Cartesian vector, Å (length ≥ 3)
     * @return its squared length, Å²
     */
    public double vectorInto(double[] fracA, double[] fracB, double[] outCartesianAngstrom) {
        return search(fracB[0] - fracA[0], fracB[1] - fracA[1], fracB[2] - fracA[2], outCartesianAngstrom);
    }

    /**
     * Minimum-image vector from A to B.
     *
     * @param fracA fractional coordinates of A (3 values)
     * @param fracB fractional coordinates of B (3 values)
     * @return the Cartesian vector, Å
     */
    public double[] vector(double[] fracA, double[] fracB) {
        double[] out = new double[3];
        vectorInto(fracA, fracB, out);
        return out;
    }

    /**
     * Minimum-image distances between all pairs of points.
     *
     * @param fracCoords n points, each 3 fractional coordinates
     * @return the symmetric n×n matrix of distances, Å, with zeros on the diagonal
     */
    public double[][] distanceMatrix(double[][] fracCoords) {
        int n = fracCoords.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] fi = fracCoords[i];
            for (int j = i + 1; j < n; j++) {
                double[] fj = fracCoords[j];
                double v = Math.sqrt(search(fj[0] - fi[0], fj[1] - fi[1], fj[2] - fi[2], null));
                d[i][j] = v;
                d[j][i] = v;
            }
        }
        return d;
    }

    /**
     * The shortest minimum-image distance between two different points of a set (the benchmark's
     * "shortest interatomic distance"; a point's distance to its own periodic images is not counted).
     *
     * @param fracCoords the points, each 3 fractional coordinates
     * @return the shortest distance between points i ≠ j, Å, or +∞ for fewer than two points
     */
    public double shortestDistance(double[][] fracCoords) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < fracCoords.length; i++) {
            double[] fi = fracCoords[i];
            for (int j = i + 1; j < fracCoords.length; j++) {
                double[] fj = fracCoords[j];
                best = Math.min(best, search(fj[0] - fi[0], fj[1] - fi[1], fj[2] - fi[2], null));
            }
        }
        return Math.sqrt(best);
    }

    /**
     * Steps 2 to 4 of the class description for the fractional difference (dx, dy, dz).
     *
     * @return the squared minimum-image length, Å²; the vector goes to out if out is not null
     */
    private double search(double dx, double dy, double dz, double[] out) {
        // Step 2: to the reduced basis, wrap into [-0.5, 0.5)
        double u1 = dx * i00 + dy * i10 + dz * i20;
        double u2 = dx * i01 + dy * i11 + dz * i21;
        double u3 = dx * i02 + dy * i12 + dz * i22;
        u1 -= Math.floor(u1 + 0.5);
        u2 -= Math.floor(u2 + 0.5);
        u3 -= Math.floor(u3 + 0.5);

        // Step 3: the n = 0 candidate
        double bx = u1 * r00 + u2 * r10 + u3 * r20;
        double by = u1 * r01 + u2 * r11 + u3 * r21;
        double bz = u1 * r02 + u2 * r12 + u3 * r22;
        double best = bx * bx + by * by + bz * bz;
        // Search radius: r² enlarged by a relative 1e-12 so that rounding in the Gram–Schmidt form
        // never prunes a candidate that ties with or beats the n = 0 one — but by at most 1e-9 of
        // the smallest q: in a cell with one edge 1e12 times the others a relative slack alone
        // would open the search to billions of images along the short edges, and a candidate
        // pruned by the cap is shorter than the one kept by no more than rounding. For the same
        // reason the budget left after the third coordinate is written without the q3·u3² term
        // it would otherwise add and subtract: rem3 = rest3 + slack − q3·n3·(2·u3 + n3).
        double c20 = u2 + mu32 * u3;
        double c10 = u1 + mu21 * u2 + mu31 * u3;
        double rest3 = q2 * c20 * c20 + q1 * c10 * c10;
        double slack = Math.min((rest3 + q3 * u3 * u3) * 1e-12, slackCap) + 1e-300;
        double radius2 = q3 * u3 * u3 + rest3 + slack;

        // Step 4: enumerate all n with |(u + n) M'|² ≤ radius2
        double h3 = Math.sqrt(radius2 / q3);
        int lo3 = (int) Math.ceil(-u3 - h3);
        int hi3 = (int) Math.floor(-u3 + h3);
        for (int n3 = lo3; n3 <= hi3; n3++) {
            double x3 = u3 + n3;
            double rem3 = rest3 + slack - q3 * n3 * (2 * u3 + n3);
            if (rem3 < 0) {
                continue;
            }
            double c2 = u2 + mu32 * x3;
            double h2 = Math.sqrt(rem3 / q2);
            int lo2 = (int) Math.ceil(-c2 - h2);
            int hi2 = (int) Math.floor(-c2 + h2);
            for (int n2 = lo2; n2 <= hi2; n2++) {
                double y2 = c2 + n2;
                double rem2 = rem3 - q2 * y2 * y2;
                if (rem2 < 0) {
                    continue;
                }
                double x2 = u2 + n2;
                double c1 = u1 + mu21 * x2 + mu31 * x3;
                double h1 = Math.sqrt(rem2 / q1);
                int lo1 = (int) Math.ceil(-c1 - h1);
                int hi1 = (int) Math.floor(-c1 + h1);
                for (int n1 = lo1; n1 <= hi1; n1++) {
                    if (n1 == 0 && n2 == 0 && n3 == 0) {
                        continue;
                    }
                    double x1 = u1 + n1;
                    double vx = x1 * r00 + x2 * r10 + x3 * r20;
                    double vy = x1 * r01 + x2 * r11 + x3 * r21;
                    double vz = x1 * r02 + x2 * r12 + x3 * r22;
                    double l2 = vx * vx + vy * vy + vz * vz;
                    if (l2 < best) {
                        best = l2;
                        bx = vx;
                        by = vy;
                        bz = vz;
                    }
                }
            }
        }
        if (out != null) {
            out[0] = bx;
            out[1] = by;
            out[2] = bz;
        }
        return best;
    }
}
