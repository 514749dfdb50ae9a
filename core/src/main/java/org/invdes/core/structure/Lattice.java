package org.invdes.core.structure;

import java.util.Arrays;
import java.util.Locale;

/**
 * An immutable, right-handed crystal lattice: three lattice vectors a, b, c stored as the rows of a
 * 3×3 matrix M, in Cartesian ångström (Å).
 *
 * <p>Units: lengths in Å, angles in degrees, volumes in Å³. Fractional coordinates f are row vectors
 * relative to the lattice vectors, so the Cartesian position is {@code r = f · M}.
 *
 * <p>Orientation: {@link #fromParameters} places the vectors exactly as pymatgen's
 * {@code Lattice.from_parameters(a, b, c, alpha, beta, gamma, vesta=False)} does (c along z, a in the
 * xz plane), so Cartesian coordinates computed here agree with pymatgen's. {@link #cubic} gives the
 * exact diagonal matrix, as pymatgen's {@code Lattice.cubic} does.
 *
 * <p>Equality: {@link #equals} and {@link #hashCode} are exact on the matrix (bit for bit), so two
 * lattices with the same parameters but different orientations are not equal. Use
 * {@link #approxEquals(Lattice, double, double)} for a tolerant comparison of the parameters.
 *
 * <p>Periodic distances ({@link #distance}, {@link #minimumImageVector}, {@link #minimumImage()})
 * are exact minimum-image results for any cell however skewed; see {@link MinimumImage}.
 *
 * <p>Instances are thread-safe. Derived objects (the default Niggli reduction and the minimum-image
 * helper) are computed on first use and cached.
 */
public final class Lattice {

    /** The smallest accepted cell volume in Å³; a volume at or below it is a degenerate cell. */
    public static final double MIN_VOLUME_A3 = 1e-8;

    private final double[][] rows;
    /** Rows of the crystallographic reciprocal lattice, (b×c, c×a, a×b)/V, in 1/Å. */
    private final double[][] recip;
    private final double volume;
    private final double[] lengths;
    private final double[] angles;

    private volatile NiggliReduction niggli;
    private volatile MinimumImage minimumImage;

    /** Builds a lattice from rows already checked to be finite and of positive volume. */
    private Lattice(double[][] rowsAngstrom) {
        this.rows = new double[][] {rowsAngstrom[0].clone(), rowsAngstrom[1].clone(), rowsAngstrom[2].clone()};
        double[] a = rows[0];
        double[] b = rows[1];
        double[] c = rows[2];
        double[] bxc = cross(b, c);
        double[] cxa = cross(c, a);
        double[] axb = cross(a, b);
        this.volume = dot(a, bxc);
        if (!(volume > 0.0) || !Double.isFinite(volume)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lattice volume is %s Å³; must be finite and > 0 (a left-handed basis has a negative"
                            + " volume)", volume));
        }
        this.recip = new double[][] {scale(bxc, 1.0 / volume), scale(cxa, 1.0 / volume), scale(axb, 1.0 / volume)};
        this.lengths = new double[] {norm(a), norm(b), norm(c)};
        this.angles = new double[3];
        for (int i = 0; i < 3; i++) {
            int j = (i + 1) % 3;
            int k = (i + 2) % 3;
            double cos = dot(rows[j], rows[k]) / (lengths[j] * lengths[k]);
            angles[i] = Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cos))));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Factories
    // ------------------------------------------------------------------------------------------

    /**
     * A lattice from its three vectors.
     *
     * @param rowsAngstrom the lattice vectors a, b, c as the rows of a 3×3 matrix, Cartesian Å; copied
     * @return the lattice
     * @throws IllegalArgumentException if the matrix is not 3×3, holds a non-finite value, or its
     *     determinant (the signed volume) is ≤ {@link #MIN_VOLUME_A3} Å³, i.e. the vectors are
     *     coplanar, nearly so, or left-handed
     */
    public static Lattice fromMatrix(double[][] rowsAngstrom) {
        if (rowsAngstrom == null) {
            throw new IllegalArgumentException("lattice matrix is null");
        }
        if (rowsAngstrom.length != 3) {
            throw new IllegalArgumentException("lattice matrix has " + rowsAngstrom.length + " rows; needs 3");
        }
        for (int i = 0; i < 3; i++) {
            if (rowsAngstrom[i] == null || rowsAngstrom[i].length != 3) {
                throw new IllegalArgumentException("lattice matrix row " + i + " has "
                        + (rowsAngstrom[i] == null ? "no" : String.valueOf(rowsAngstrom[i].length))
                        + " entries; needs 3");
            }
            for (int j = 0; j < 3; j++) {
                if (!Double.isFinite(rowsAngstrom[i][j])) {
                    throw new IllegalArgumentException("lattice matrix entry [" + i + "][" + j + "] is "
                            + rowsAngstrom[i][j] + "; must be finite");
                }
            }
        }
        double det = determinant(rowsAngstrom);
        if (!(det > MIN_VOLUME_A3)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lattice volume is %s Å³; must be > %s Å³ (rows %s are coplanar, nearly so, or left-handed)",
                    det, MIN_VOLUME_A3, Arrays.deepToString(rowsAngstrom)));
        }
        return new Lattice(rowsAngstrom);
    }

    /**
     * A lattice from its six parameters, oriented as pymatgen's {@code Lattice.from_parameters} with
     * {@code vesta=False}:
     *
     * <ol>
     *   <li>γ* = arccos((cos α cos β − cos γ) / (sin α sin β)), the argument clamped to [−1, 1];
     *   <li>a = (a sin β, 0, a cos β);
     *   <li>b = (−b sin α cos γ*, b sin α sin γ*, b cos α);
     *   <li>c = (0, 0, c).
     * </ol>
     *
     * @param aAngstrom length of a, Å, finite and > 0
     * @param bAngstrom length of b, Å, finite and > 0
     * @param cAngstrom length of c, Å, finite and > 0
     * @param alphaDeg angle between b and c, degrees, in (0, 180)
     * @param betaDeg angle between a and c, degrees, in (0, 180)
     * @param gammaDeg angle between a and b, degrees, in (0, 180)
     * @return the lattice
     * @throws IllegalArgumentException naming the offending value if a length is not finite and
     *     positive, an angle is outside (0°, 180°), the three angles cannot close a cell
     *     (1 − cos²α − cos²β − cos²γ + 2 cos α cos β cos γ ≤ 0, e.g. 10°, 10°, 170°), or the volume
     *     is ≤ {@link #MIN_VOLUME_A3} Å³
     */
    public static Lattice fromParameters(double aAngstrom, double bAngstrom, double cAngstrom,
                                         double alphaDeg, double betaDeg, double gammaDeg) {
        requireLength("a", aAngstrom);
        requireLength("b", bAngstrom);
        requireLength("c", cAngstrom);
        requireAngle("alpha", alphaDeg);
        requireAngle("beta", betaDeg);
        requireAngle("gamma", gammaDeg);
        double ra = Math.toRadians(alphaDeg);
        double rb = Math.toRadians(betaDeg);
        double rg = Math.toRadians(gammaDeg);
        double cosA = Math.cos(ra);
        double cosB = Math.cos(rb);
        double cosG = Math.cos(rg);
        double sinA = Math.sin(ra);
        double sinB = Math.sin(rb);
        double shape = 1.0 - cosA * cosA - cosB * cosB - cosG * cosG + 2.0 * cosA * cosB * cosG;
        if (!(shape > 0.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lattice angles alpha=%s°, beta=%s°, gamma=%s° give no real cell "
                            + "(1 - cos²α - cos²β - cos²γ + 2cosα·cosβ·cosγ = %s, must be > 0;"
                            + " each angle must be less than the sum of the other two and the three"
                            + " must sum to less than 360°)",
                    alphaDeg, betaDeg, gammaDeg, shape));
        }
        double cosGammaStar = Math.max(-1.0, Math.min(1.0, (cosA * cosB - cosG) / (sinA * sinB)));
        double gammaStar = Math.acos(cosGammaStar);
        double[][] m = {
            {aAngstrom * sinB, 0.0, aAngstrom * cosB},
            {-bAngstrom * sinA * Math.cos(gammaStar), bAngstrom * sinA * Math.sin(gammaStar), bAngstrom * cosA},
            {0.0, 0.0, cAngstrom},
        };
        return fromMatrix(m);
    }

    /**
     * A cubic lattice, the exact diagonal matrix diag(a, a, a).
     *
     * @param aAngstrom the cell edge, Å, finite and > 0
     * @return the lattice
     */
    public static Lattice cubic(double aAngstrom) {
        requireLength("a", aAngstrom);
        return fromMatrix(new double[][] {{aAngstrom, 0, 0}, {0, aAngstrom, 0}, {0, 0, aAngstrom}});
    }

    /**
     * A tetragonal lattice: {@code fromParameters(a, a, c, 90, 90, 90)}.
     *
     * @param aAngstrom a = b, Å
     * @param cAngstrom c, Å
     * @return the lattice
     */
    public static Lattice tetragonal(double aAngstrom, double cAngstrom) {
        return fromParameters(aAngstrom, aAngstrom, cAngstrom, 90, 90, 90);
    }

    /**
     * An orthorhombic lattice: {@code fromParameters(a, b, c, 90, 90, 90)}.
     *
     * @param aAngstrom a, Å
     * @param bAngstrom b, Å
     * @param cAngstrom c, Å
     * @return the lattice
     */
    public static Lattice orthorhombic(double aAngstrom, double bAngstrom, double cAngstrom) {
        return fromParameters(aAngstrom, bAngstrom, cAngstrom, 90, 90, 90);
    }

    /**
     * A hexagonal lattice: {@code fromParameters(a, a, c, 90, 90, 120)}.
     *
     * @param aAngstrom a = b, Å
     * @param cAngstrom c, Å
     * @return the lattice
     */
    public static Lattice hexagonal(double aAngstrom, double cAngstrom) {
        return fromParameters(aAngstrom, aAngstrom, cAngstrom, 90, 90, 120);
    }

    /**
     * A rhombohedral lattice in its rhombohedral setting: {@code fromParameters(a, a, a, α, α, α)}.
     *
     * @param aAngstrom a = b = c, Å
     * @param alphaDeg α = β = γ, degrees, in (0, 120)
     * @return the lattice
     */
    public static Lattice rhombohedral(double aAngstrom, double alphaDeg) {
        return fromParameters(aAngstrom, aAngstrom, aAngstrom, alphaDeg, alphaDeg, alphaDeg);
    }

    /**
     * A monoclinic lattice with unique axis b: {@code fromParameters(a, b, c, 90, β, 90)}.
     *
     * @param aAngstrom a, Å
     * @param bAngstrom b, Å
     * @param cAngstrom c, Å
     * @param betaDeg β, degrees, in (0, 180)
     * @return the lattice
     */
    public static Lattice monoclinic(double aAngstrom, double bAngstrom, double cAngstrom, double betaDeg) {
        return fromParameters(aAngstrom, bAngstrom, cAngstrom, 90, betaDeg, 90);
    }

    // ------------------------------------------------------------------------------------------
    // Parameters and matrices
    // ------------------------------------------------------------------------------------------

    /** @return |a|, Å */
    public double a() {
        return lengths[0];
    }

    /** @return |b|, Å */
    public double b() {
        return lengths[1];
    }

    /** @return |c|, Å */
    public double c() {
        return lengths[2];
    }

    /** @return α, the angle between b and c, degrees */
    public double alpha() {
        return angles[0];
    }

    /** @return β, the angle between a and c, degrees */
    public double beta() {
        return angles[1];
    }

    /** @return γ, the angle between a and b, degrees */
    public double gamma() {
        return angles[2];
    }

    /** @return a new array {a, b, c}, Å */
    public double[] lengths() {
        return lengths.clone();
    }

    /** @return a new array {α, β, γ}, degrees */
    public double[] angles() {
        return angles.clone();
    }

    /** @return a copy of the matrix whose rows are a, b, c, Cartesian Å */
    public double[][] matrix() {
        return copy(rows);
    }

    /**
     * One lattice vector.
     *
     * @param i 0 for a, 1 for b, 2 for c
     * @return a copy of the vector, Cartesian Å
     * @throws IllegalArgumentException if i is not 0, 1 or 2
     */
    public double[] vector(int i) {
        if (i < 0 || i > 2) {
            throw new IllegalArgumentException("lattice vector index is " + i + "; must be 0, 1 or 2");
        }
        return rows[i].clone();
    }

    /** @return the cell volume det(M), Å³, always > 0 */
    public double volume() {
        return volume;
    }

    /** @return the metric tensor G = M Mᵀ, Å², a new array ({@code G[i][j]} is the dot product of vectors i and j) */
    public double[][] metricTensor() {
        double[][] g = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                g[i][j] = dot(rows[i], rows[j]);
            }
        }
        return g;
    }

    /**
     * The reciprocal lattice of solid-state physics, 2π (M⁻¹)ᵀ, in 1/Å, as pymatgen's
     * {@code reciprocal_lattice}: its vectors b*ᵢ satisfy aᵢ · b*ⱼ = 2π δᵢⱼ.
     *
     * @return the reciprocal lattice (its "lengths" are in 1/Å and its volume in 1/Å³)
     */
    public Lattice reciprocal() {
        double twoPi = 2.0 * Math.PI;
        return new Lattice(new double[][] {scale(recip[0], twoPi), scale(recip[1], twoPi), scale(recip[2], twoPi)});
    }

    /**
     * The crystallographic reciprocal lattice, (M⁻¹)ᵀ, in 1/Å, without the 2π factor, as pymatgen's
     * {@code reciprocal_lattice_crystallographic}: aᵢ · a*ⱼ = δᵢⱼ.
     *
     * @return the reciprocal lattice (lengths in 1/Å)
     */
    public Lattice reciprocalCrystallographic() {
        return new Lattice(recip);
    }

    /**
     * Fractional to Cartesian coordinates, r = f · M.
     *
     * @param frac fractional coordinates (3 values)
     * @return Cartesian coordinates, Å
     */
    public double[] toCartesian(double[] frac) {
        requireTriple("fractional coordinates", frac);
        double[] r = new double[3];
        for (int k = 0; k < 3; k++) {
            r[k] = frac[0] * rows[0][k] + frac[1] * rows[1][k] + frac[2] * rows[2][k];
        }
        return r;
    }

    /**
     * Cartesian to fractional coordinates, f = r · M⁻¹ (fᵢ = r · a*ᵢ).
     *
     * @param cartesianAngstrom Cartesian coordinates, Å (3 values)
     * @return fractional coordinates
     */
    public double[] toFractional(double[] cartesianAngstrom) {
        requireTriple("Cartesian coordinates", cartesianAngstrom);
        return new double[] {dot(cartesianAngstrom, recip[0]), dot(cartesianAngstrom, recip[1]),
            dot(cartesianAngstrom, recip[2])};
    }

    /**
     * The same cell shape scaled isotropically to a new volume (all vectors multiplied by
     * (V′/V)^(1/3)); angles, length ratios and orientation are kept.
     *
     * @param volumeA3 the new volume, Å³, finite and &gt; {@link #MIN_VOLUME_A3}
     * @return the scaled lattice
     */
    public Lattice scaledToVolume(double volumeA3) {
        if (!Double.isFinite(volumeA3) || !(volumeA3 > MIN_VOLUME_A3)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "target lattice volume is %s Å³; must be finite and > %s Å³", volumeA3, MIN_VOLUME_A3));
        }
        double f = Math.cbrt(volumeA3 / volume);
        return fromMatrix(new double[][] {scale(rows[0], f), scale(rows[1], f), scale(rows[2], f)});
    }

    // ------------------------------------------------------------------------------------------
    // Niggli reduction
    // ------------------------------------------------------------------------------------------

    /**
     * The Niggli-reduced cell with the default relative tolerance
     * {@value NiggliReduction#DEFAULT_RELATIVE_TOLERANCE} (as pymatgen's
     * {@code get_niggli_reduced_lattice()}). The reduced vectors are integer combinations of these,
     * in the same Cartesian frame; see {@link NiggliReduction} for the transformation.
     *
     * @return the Niggli-reduced lattice, right-handed, same volume
     */
    public Lattice niggliReduced() {
        return niggliReduction().reduced();
    }

    /**
     * The Niggli-reduced cell with a given relative tolerance; see
     * {@link NiggliReduction#reduce(Lattice, double)}.
     *
     * @param relativeTolerance dimensionless; the comparison threshold is
     *     ε = relativeTolerance × V^(1/3) (numerically, with V in Å³), used against squared lengths
     *     and doubled dot products in Å², exactly as pymatgen's {@code tol}
     * @return the Niggli-reduced lattice
     */
    public Lattice niggliReduced(double relativeTolerance) {
        return NiggliReduction.reduce(this, relativeTolerance).reduced();
    }

    /** @return the cached Niggli reduction with the default tolerance */
    NiggliReduction niggliReduction() {
        NiggliReduction n = niggli;
        if (n == null) {
            n = NiggliReduction.compute(this, NiggliReduction.DEFAULT_RELATIVE_TOLERANCE);
            niggli = n;
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // Periodic geometry
    // ------------------------------------------------------------------------------------------

    /**
     * The minimum-image helper of this lattice, for many distance computations (allocation-free
     * methods, thread-safe). Computed once and cached.
     *
     * @return the helper
     */
    public MinimumImage minimumImage() {
        MinimumImage m = minimumImage;
        if (m == null) {
            m = new MinimumImage(this);
            minimumImage = m;
        }
        return m;
    }

    /**
     * The minimum-image distance between two points given in fractional coordinates: the length of
     * the shortest vector from any periodic image of A to B. Exact for any cell; see
     * {@link MinimumImage}.
     *
     * @param fracA fractional coordinates of A (3 finite values)
     * @param fracB fractional coordinates of B (3 finite values)
     * @return the distance, Å
     */
    public double distance(double[] fracA, double[] fracB) {
        requireFiniteTriple("fractional coordinates of A", fracA);
        requireFiniteTriple("fractional coordinates of B", fracB);
        return minimumImage().distance(fracA, fracB);
    }

    /**
     * The minimum-image vector from A to B: the shortest Cartesian vector (fB + n − fA) · M over all
     * integer vectors n.
     *
     * @param fracA fractional coordinates of A (3 finite values)
     * @param fracB fractional coordinates of B (3 finite values)
     * @return the vector, Cartesian Å
     */
    public double[] minimumImageVector(double[] fracA, double[] fracB) {
        requireFiniteTriple("fractional coordinates of A", fracA);
        requireFiniteTriple("fractional coordinates of B", fracB);
        return minimumImage().vector(fracA, fracB);
    }

    // ------------------------------------------------------------------------------------------
    // Comparison
    // ------------------------------------------------------------------------------------------

    /**
     * Tolerant comparison of the six parameters (orientation is ignored).
     *
     * @param other the other lattice
     * @param lengthTolAngstrom largest accepted |Δa|, |Δb|, |Δc|, Å, finite and ≥ 0
     * @param angleTolDeg largest accepted |Δα|, |Δβ|, |Δγ|, degrees, finite and ≥ 0
     * @return true if every length and every angle agrees within its tolerance
     */
    public boolean approxEquals(Lattice other, double lengthTolAngstrom, double angleTolDeg) {
        if (!Double.isFinite(lengthTolAngstrom) || lengthTolAngstrom < 0) {
            throw new IllegalArgumentException("length tolerance is " + lengthTolAngstrom + " Å; must be finite and >= 0");
        }
        if (!Double.isFinite(angleTolDeg) || angleTolDeg < 0) {
            throw new IllegalArgumentException("angle tolerance is " + angleTolDeg + "°; must be finite and >= 0");
        }
        if (other == null) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (Math.abs(lengths[i] - other.lengths[i]) > lengthTolAngstrom
                    || Math.abs(angles[i] - other.angles[i]) > angleTolDeg) {
                return false;
            }
        }
        return true;
    }

    /** Exact equality of the matrices (bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Lattice)) {
            return false;
        }
        Lattice other = (Lattice) o;
        return Arrays.equals(rows[0], other.rows[0]) && Arrays.equals(rows[1], other.rows[1])
                && Arrays.equals(rows[2], other.rows[2]);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(rows);
    }

    /** The parameters, e.g. {@code Lattice[a=5.430700 Å, ..., alpha=90.0000°, ..., V=160.1641 Å³]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "Lattice[a=%.6f Å, b=%.6f Å, c=%.6f Å, alpha=%.4f°, beta=%.4f°, gamma=%.4f°, V=%.4f Å³]",
                lengths[0], lengths[1], lengths[2], angles[0], angles[1], angles[2], volume);
    }

    // ------------------------------------------------------------------------------------------
    // Package-private access without copies, for NiggliReduction and MinimumImage
    // ------------------------------------------------------------------------------------------

    /** @return the internal rows; callers must not modify them */
    double[][] rowsUnsafe() {
        return rows;
    }

    /** Builds a lattice from rows known to be finite with a positive determinant. */
    static Lattice ofTrustedRows(double[][] rowsAngstrom) {
        return new Lattice(rowsAngstrom);
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    private static void requireLength(String name, double valueAngstrom) {
        if (!Double.isFinite(valueAngstrom) || !(valueAngstrom > 0)) {
            throw new IllegalArgumentException("lattice length " + name + " is " + valueAngstrom
                    + " Å; must be finite and > 0");
        }
    }

    private static void requireAngle(String name, double valueDeg) {
        if (!Double.isFinite(valueDeg) || !(valueDeg > 0) || !(valueDeg < 180)) {
            throw new IllegalArgumentException("lattice angle " + name + " is " + valueDeg
                    + "°; must be in (0°, 180°)");
        }
    }

    private static void requireTriple(String what, double[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(what + " have " + (v == null ? "no" : String.valueOf(v.length))
                    + " values; need 3");
        }
    }

    private static void requireFiniteTriple(String what, double[] v) {
        requireTriple(what, v);
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " " + Arrays.toString(v) + " hold a non-finite value");
            }
        }
    }

    static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    static double norm(double[] u) {
        return Math.sqrt(dot(u, u));
    }

    static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    private static double[] scale(double[] u, double f) {
        return new double[] {u[0] * f, u[1] * f, u[2] * f};
    }

    private static double determinant(double[][] m) {
        return dot(m[0], cross(m[1], m[2]));
    }

    private static double[][] copy(double[][] m) {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }
}
