package org.invdes.core.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One local structure order parameter of a site from the positions of its neighbours, with the
 * definitions of pymatgen's {@code LocalStructOrderParams} (Zimmermann et al., Front. Mater. 4, 34
 * (2017); Peters, J. Chem. Phys. 131, 244103 (2009); Steinhardt et al., Phys. Rev. B 28, 784
 * (1983)): the types that matminer's {@code CrystalNNFingerprint.from_preset("ops")} uses.
 *
 * <p>Notation: u_0 … u_{n−1} are the unit vectors from the centre to its n neighbours. For an
 * ordered pair (j, k), j ≠ k, neighbour j is the north pole: θ_k = arccos(u_j·u_k) (radians), and
 * the prime meridian is the part of u_k orthogonal to u_j (undefined, and its m-terms skipped,
 * when that part is shorter than 10⁻¹²). For a third neighbour m ∉ {j, k}: θ_m = arccos(u_j·u_m)
 * and φ is the angle between the parts of u_m and u_k orthogonal to u_j (m's angular terms are
 * skipped when its orthogonal part is shorter than 10⁻¹²). G(w, x) = exp(−½ (w x)²) is a Gaussian
 * of inverse width w. Angles divided by π are fractions of 180°.
 *
 * <p>Computation:
 * <ol>
 *   <li>For each ordered pair (j, k) a score q_jk and a normaliser N_jk start at 0; a term adds
 *       to q_jk and a count (1 unless stated) to N_jk. The terms of each type, with its
 *       parameters (target angle TA as a fraction of 180°, inverse widths IGW_*, minimum south-pole
 *       angle min_SPP in radians, azimuth factor fac_AA and exponent exp_cos_AA, south-pole weight
 *       w_SPP):
 *       <ul>
 *         <li>{@code bent}: G(IGW_TA, θ_k/π − TA).
 *         <li>{@code tri_plan_max}, {@code tet_max}: G(IGW_TA, θ_k/π − TA); and per m:
 *             G(IGW_TA, θ_m/π − TA)·cos(fac_AA φ)^exp_cos_AA.
 *         <li>{@code T}, {@code tri_pyr}, {@code sq_pyr}, {@code pent_pyr}, {@code hex_pyr}:
 *             G(IGW_EP, θ_k/π − ½); and per m: cos(fac_AA φ)^exp_cos_AA·G(IGW_EP, θ_m/π − ½).
 *         <li>{@code pent_plan_max}: with c(θ) = 0.4 if θ ≤ TA·π else 0.8: G(IGW_TA, θ_k/π −
 *             c(θ_k)); and per m: G(IGW_TA, θ_m/π − c(θ_m))·cos²φ.
 *         <li>{@code sq_plan_max}, {@code oct_max}, {@code tri_bipyr}, {@code pent_bipyr},
 *             {@code hex_bipyr}, {@code see_saw_rect}, {@code hex_plan_max} ("bipyramidal"):
 *             if θ_k &lt; min_SPP, E(θ_k); per m with θ_m ≥ min_SPP: G(IGW_SPP, θ_m/π − 1) (a
 *             south-pole term, also taken when m's azimuth is undefined); per m with θ_m &lt;
 *             min_SPP and θ_k &lt; min_SPP: cos(fac_AA φ)^exp_cos_AA·E(θ_m) — for {@code
 *             see_saw_rect} only when also φ &lt; ¾π. E(θ) = G(IGW_EP, θ/π − ½), except for
 *             {@code hex_plan_max}: G(IGW_TA, |θ/π − ½| − TA).
 *         <li>{@code cuboct_max}: if θ_k ≥ min_SPP, w_SPP·G(IGW_SPP, θ_k/π − 1) counting w_SPP;
 *             per m with θ_m &lt; min_SPP and a &lt; θ_k &lt; b (a, b the parameters "4" and "2",
 *             radians): cos²φ·G(p5, θ_m/π − ½) if a &lt; θ_m &lt; b; else with t = 0.0556 (sin φ
 *             − 0.81649658): G(1, t)·G(p6, θ_m/π − ⅓) if θ_m &lt; a, or G(1, t)·G(p6, θ_m/π −
 *             ⅔) if θ_m &gt; b.
 *         <li>{@code bcc}, only pairs with j &lt; k: if θ_k ≥ min_SPP, w_SPP·G(IGW_SPP, θ_k/π − 1)
 *             counting w_SPP; per m, if θ_k &lt; min_SPP: s·cos(3φ)·e^½·t·e^(−t²/2) with t =
 *             (θ_m − π/2)/arcsin(⅓) and s = +1 if θ_k &gt; π/2 else −1.
 *       </ul>
 *   <li>The value: for {@code bent}, Σ q / Σ N (undefined when Σ N ≤ 10⁻¹²); for {@code bcc}, Σ q
 *       / (n (6 + (n − 2)(n − 3)) / 2) (undefined for n ≤ 3); for every other type above, the
 *       largest q_jk / N_jk over all pairs (a pair with N_jk ≤ 10⁻¹² scores 0; undefined for n ≤ 1).
 *   <li>{@code sgl_bd}: 1 − d_1/d_2 with d_1 ≤ d_2 the two shortest neighbour distances (1 for a
 *       single neighbour).
 *   <li>{@code q2}, {@code q4}, {@code q6}: Steinhardt's bond orientational order
 *       q_l = (4π/(2l+1) Σ_m |(1/n) Σ_i Y_lm(u_i)|²)^½ (equal, by the addition theorem, to
 *       (Σ_i Σ_j P_l(u_i·u_j))^½ / n with the Legendre polynomial P_l).
 * </ol>
 * An undefined value is returned as NaN (pymatgen's None).
 *
 * <p>Like pymatgen's, {@code bcc} sums its terms over the pairs j &lt; k of the neighbour list
 * only, and those terms are not symmetric in j and k, so its value can depend on the order in
 * which the neighbours are given (not for an ideal body-centred cube). Through {@link CrystalNN}
 * that order is by decreasing weight, ties in the order of the Voronoi faces, which differs from
 * Qhull's: on the MP-20 crystals about 0.5 % of sites get a {@code bcc} value that differs from
 * pymatgen's, by at most 3e-4 after weighting ({@code tests/bench/crystalnn-vs-pymatgen.sh}).
 *
 * <p>Default parameters are pymatgen 2022.11's {@code analysis/op_params.yaml} (MIT licence);
 * {@link CrystalNNFingerprint} uses some with the values of pymatgen's {@code
 * analysis/cn_opt_params.yaml}. Immutable and thread-safe.
 */
public final class LocalOrderParameter {

  /** The supported types, by pymatgen's names. */
  public enum Type {
    /** Single bond: 1 − d₁/d₂. */
    SGL_BD("sgl_bd"),
    /** Bent (angular) two-fold coordination with a target angle. */
    BENT("bent"),
    /** Trigonal planar (maximum over north poles). */
    TRI_PLAN_MAX("tri_plan_max"),
    /** Tetrahedral (maximum over north poles). */
    TET_MAX("tet_max"),
    /** T-shaped. */
    T("T"),
    /** Square planar (maximum). */
    SQ_PLAN_MAX("sq_plan_max"),
    /** Rectangular see-saw. */
    SEE_SAW_RECT("see_saw_rect"),
    /** Trigonal bipyramidal. */
    TRI_BIPYR("tri_bipyr"),
    /** Trigonal pyramidal. */
    TRI_PYR("tri_pyr"),
    /** Pentagonal planar (maximum). */
    PENT_PLAN_MAX("pent_plan_max"),
    /** Square pyramidal. */
    SQ_PYR("sq_pyr"),
    /** Hexagonal planar (maximum). */
    HEX_PLAN_MAX("hex_plan_max"),
    /** Octahedral (maximum). */
    OCT_MAX("oct_max"),
    /** Pentagonal pyramidal. */
    PENT_PYR("pent_pyr"),
    /** Hexagonal pyramidal. */
    HEX_PYR("hex_pyr"),
    /** Pentagonal bipyramidal. */
    PENT_BIPYR("pent_bipyr"),
    /** Body-centred cubic. */
    BCC("bcc"),
    /** Hexagonal bipyramidal. */
    HEX_BIPYR("hex_bipyr"),
    /** Cuboctahedral (maximum). */
    CUBOCT_MAX("cuboct_max"),
    /** Steinhardt q2. */
    Q2("q2"),
    /** Steinhardt q4. */
    Q4("q4"),
    /** Steinhardt q6. */
    Q6("q6");

    private final String pymatgenName;

    Type(String pymatgenName) {
      this.pymatgenName = pymatgenName;
    }

    /** @return the type's name in pymatgen, e.g. {@code tet_max} */
    public String pymatgenName() {
      return pymatgenName;
    }
  }

  /** Shortest orthogonal part (of a unit vector) that still defines an azimuth (dimensionless). */
  private static final double VERY_SMALL = 1e-12;
  /** Normalisers at or below this count as zero (dimensionless). */
  private static final double NORM_FLOOR = 1e-12;

  private final Type type;
  // TA (fraction of 180°), IGW_TA, IGW_EP, IGW_SPP (inverse fractions of 180°), min_SPP (rad),
  // fac_AA, exp_cos_AA, w_SPP; cuboct_max's "2" and "4" (rad), "5" and "6" (inverse widths).
  private final double ta;
  private final double igwTa;
  private final double igwEp;
  private final double igwSpp;
  private final double minSpp;
  private final double facAa;
  private final double expCosAa;
  private final double wSpp;
  private final double cuboctUpper;
  private final double cuboctLower;
  private final double cuboctWidthEquator;
  private final double cuboctWidthTropics;

  private LocalOrderParameter(Type type, double ta, double igwTa, double igwEp, double igwSpp,
      double minSpp, double facAa, double expCosAa, double wSpp, double[] cuboct) {
    this.type = type;
    this.ta = ta;
    this.igwTa = igwTa;
    this.igwEp = igwEp;
    this.igwSpp = igwSpp;
    this.minSpp = minSpp;
    this.facAa = facAa;
    this.expCosAa = expCosAa;
    this.wSpp = wSpp;
    this.cuboctUpper = cuboct[0];
    this.cuboctLower = cuboct[1];
    this.cuboctWidthEquator = cuboct[2];
    this.cuboctWidthTropics = cuboct[3];
  }

  /**
   * The order parameter of a type with pymatgen's default parameters ({@code op_params.yaml}).
   *
   * @param type the type
   * @return the order parameter
   */
  public static LocalOrderParameter standard(Type type) {
    Objects.requireNonNull(type, "type");
    double n = Double.NaN;
    double[] none = {n, n, n, n};
    double spp135 = 2.356194490192345; // 3π/4 rad
    switch (type) {
      case SGL_BD:
      case Q2:
      case Q4:
      case Q6:
        return new LocalOrderParameter(type, n, n, n, n, n, n, n, n, none);
      case BENT:
        return bent(1.0, 8.667);
      case T:
        return new LocalOrderParameter(type, n, n, 15.5, n, n, 1, 2, n, none);
      case SEE_SAW_RECT:
        return new LocalOrderParameter(type, n, n, 27, 11.5, spp135, 2, 2, n, none);
      case TET_MAX:
        return new LocalOrderParameter(type, 0.6081734479693927, 18.5, n, n, n, 1.5, 2, n, none);
      case OCT_MAX:
        return new LocalOrderParameter(type, n, n, 18, 15, spp135, 2, 2, 1, none);
      case BCC:
        return new LocalOrderParameter(type, n, n, n, 15, 2.5261129449194057, n, n, 6, none);
      case TRI_PLAN_MAX:
        return new LocalOrderParameter(type, 0.66666666667, 17.5, n, n, n, 1, 2, n, none);
      case SQ_PLAN_MAX:
        return new LocalOrderParameter(type, n, n, 17.7, 13.5, spp135, 1, 2, 1, none);
      case PENT_PLAN_MAX:
        return new LocalOrderParameter(type, 0.6, 19.333, n, n, n, n, n, n, none);
      case TRI_PYR:
        return new LocalOrderParameter(type, n, n, 15.5, n, n, 1.5, 2, n, none);
      case SQ_PYR:
        return new LocalOrderParameter(type, n, n, 14.9, n, n, 2, 2, n, none);
      case PENT_PYR:
        return new LocalOrderParameter(type, n, n, 13.8, n, n, 2.5, 2, n, none);
      case HEX_PYR:
        return new LocalOrderParameter(type, n, n, 12.5, n, n, 3, 2, n, none);
      case TRI_BIPYR:
        return triBipyr(spp135, 12, 16.6);
      case PENT_BIPYR:
        return new LocalOrderParameter(type, n, n, 14.75, 12.5, spp135, 2.5, 2, 1, none);
      case HEX_BIPYR:
        return new LocalOrderParameter(type, n, n, 13.6, 14.1, spp135, 3, 2, 1, none);
      case CUBOCT_MAX:
        return new LocalOrderParameter(type, n, n, n, 28.75, 2.792526803190927, n, n, 1.8,
            new double[] {1.8325957145940461, 1.3089969389957472, 25.5, 31.25});
      case HEX_PLAN_MAX:
        return new LocalOrderParameter(type, 0.16666667, 25, n, 7.5, 2.6179938779914944, 1, 2, 1,
            none);
      default:
        throw new IllegalStateException("no defaults for " + type);
    }
  }

  /**
   * A {@code bent} order parameter with its own target.
   *
   * @param targetAngleFraction TA: the target angle as a fraction of 180° (1 = linear)
   * @param inverseWidth IGW_TA: inverse Gaussian width, in inverse fractions of 180°
   * @return the order parameter
   */
  public static LocalOrderParameter bent(double targetAngleFraction, double inverseWidth) {
    double n = Double.NaN;
    return new LocalOrderParameter(Type.BENT, positive(targetAngleFraction, "TA"),
        positive(inverseWidth, "IGW_TA"), n, n, n, n, n, n, new double[] {n, n, n, n});
  }

  /**
   * A {@code tet_max} order parameter with its own target (CrystalNN uses one for three-fold
   * "trigonal non-coplanar" sites).
   *
   * @param targetAngleFraction TA, fraction of 180°
   * @param inverseWidth IGW_TA, inverse fractions of 180°
   * @param azimuthFactor fac_AA (dimensionless)
   * @param azimuthExponent exp_cos_AA (dimensionless)
   * @return the order parameter
   */
  public static LocalOrderParameter tetMax(double targetAngleFraction, double inverseWidth,
      double azimuthFactor, double azimuthExponent) {
    double n = Double.NaN;
    return new LocalOrderParameter(Type.TET_MAX, positive(targetAngleFraction, "TA"),
        positive(inverseWidth, "IGW_TA"), n, n, n, azimuthFactor, azimuthExponent, n,
        new double[] {n, n, n, n});
  }

  /**
   * A {@code tri_bipyr} order parameter with its own widths (CrystalNN uses one for four-fold
   * "see-saw-like" sites).
   *
   * @param minSouthPoleRad min_SPP: smallest angle counted as the south pole, radians
   * @param inverseWidthSouthPole IGW_SPP, inverse fractions of 180°
   * @param inverseWidthEquator IGW_EP, inverse fractions of 180°
   * @return the order parameter (fac_AA 1.5, exp_cos_AA 2)
   */
  public static LocalOrderParameter triBipyr(double minSouthPoleRad, double inverseWidthSouthPole,
      double inverseWidthEquator) {
    double n = Double.NaN;
    return new LocalOrderParameter(Type.TRI_BIPYR, n, n,
        positive(inverseWidthEquator, "IGW_EP"), positive(inverseWidthSouthPole, "IGW_SPP"),
        positive(minSouthPoleRad, "min_SPP"), 1.5, 2, 1, new double[] {n, n, n, n});
  }

  private static double positive(double v, String name) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s is %s; must be finite and > 0", name, v));
    }
    return v;
  }

  /** @return the type */
  public Type type() {
    return type;
  }

  /**
   * The order parameter of a centre with these neighbours.
   *
   * @param centre the centre's Cartesian position, Å
   * @param neighbours the neighbours' Cartesian positions (periodic images as placed around the
   *     centre), Å; none may coincide with the centre
   * @return the value (dimensionless), NaN where it is undefined (too few neighbours)
   */
  public double compute(double[] centre, List<double[]> neighbours) {
    return compute(Geometry.of(centre, neighbours));
  }

  /**
   * The order parameter on a prepared geometry (several parameters of one neighbour set share
   * its angles).
   *
   * @param g the centre's neighbour geometry
   * @return as {@link #compute(double[], List)}
   */
  double compute(Geometry g) {
    switch (type) {
      case SGL_BD:
        return singleBond(g.dist);
      case Q2:
        return steinhardt(g.u, 2);
      case Q4:
        return steinhardt(g.u, 4);
      case Q6:
        return steinhardt(g.u, 6);
      default:
        return angular(g);
    }
  }

  /**
   * The neighbours of one centre as unit vectors and distances, with their polar angles θ and
   * azimuth directions for each north pole and the azimuths φ between them, each computed once
   * when first needed, so that every order parameter of the same neighbours reuses them. Not
   * thread-safe (one per computation).
   */
  static final class Geometry {
    final double[][] u;
    final double[] dist;
    private double[][] theta;
    private double[][][] orthogonal;
    private double[] phi;

    private Geometry(double[][] u, double[] dist) {
      this.u = u;
      this.dist = dist;
    }

    /**
     * @param centre the centre's Cartesian position, Å
     * @param neighbours the neighbours' Cartesian positions, Å; none may coincide with the centre
     * @return the geometry
     * @throws IllegalArgumentException if a neighbour coincides with the centre
     */
    static Geometry of(double[] centre, List<double[]> neighbours) {
      int n = neighbours.size();
      double[][] u = new double[n][3];
      double[] dist = new double[n];
      for (int i = 0; i < n; i++) {
        double[] p = neighbours.get(i);
        double x = p[0] - centre[0];
        double y = p[1] - centre[1];
        double z = p[2] - centre[2];
        dist[i] = Math.sqrt(x * x + y * y + z * z);
        if (!(dist[i] > 0)) {
          throw new IllegalArgumentException("neighbour " + i + " coincides with the centre");
        }
        u[i][0] = x / dist[i];
        u[i][1] = y / dist[i];
        u[i][2] = z / dist[i];
      }
      return new Geometry(u, dist);
    }

    /** θ and the azimuth directions for every (pole j, neighbour k ≠ j). */
    private void angles() {
      if (theta != null) {
        return;
      }
      int n = u.length;
      theta = new double[n][n];
      orthogonal = new double[n][n][];
      phi = new double[n * n * n];
      java.util.Arrays.fill(phi, Double.NaN);
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          if (k != j) {
            theta[j][k] = angleBetween(u[j], u[k]);
            orthogonal[j][k] = orthogonalUnit(u[k], u[j]);
          }
        }
      }
    }

    /** @return θ_k with pole j, radians */
    double theta(int j, int k) {
      angles();
      return theta[j][k];
    }

    /** @return the azimuth direction of k with pole j, or null when undefined */
    double[] orthogonal(int j, int k) {
      angles();
      return orthogonal[j][k];
    }

    /** @return φ between the azimuth directions of m and k with pole j (both defined), radians */
    double phi(int j, int k, int m) {
      int n = u.length;
      int index = (j * n + k) * n + m;
      double v = phi[index];
      if (Double.isNaN(v)) {
        v = angleBetween(orthogonal[j][m], orthogonal[j][k]);
        phi[index] = v;
      }
      return v;
    }
  }

  private static double singleBond(double[] dist) {
    if (dist.length == 0) {
      return 0.0;
    }
    if (dist.length == 1) {
      return 1.0;
    }
    double d1 = Double.POSITIVE_INFINITY;
    double d2 = Double.POSITIVE_INFINITY;
    for (double d : dist) {
      if (d < d1) {
        d2 = d1;
        d1 = d;
      } else if (d < d2) {
        d2 = d;
      }
    }
    return 1.0 - d1 / d2;
  }

  /**
   * Steinhardt's q_l. With z the third component of a unit vector and w = x + iy,
   * P_l^m(cos θ) e^{imφ} = ±w^m P_l^{(m)}(z), P_l^{(m)} the m-th derivative of the Legendre
   * polynomial; so q_l² = (1/n²) Σ_{m=0}^{l} c_m |Σ_i w_i^m P_l^{(m)}(z_i)|² with c_0 = 1 and
   * c_m = 2 (l−m)!/(l+m)! (the ±m terms are equal in size). A sum of squares, so q_l stays
   * accurate where it is near 0.
   */
  private static double steinhardt(double[][] u, int l) {
    int n = u.length;
    if (n == 0) {
      return Double.NaN;
    }
    double[] poly = legendreCoefficients(l);
    double total = 0;
    for (int m = 0; m <= l; m++) {
      double re = 0;
      double im = 0;
      for (double[] v : u) {
        double d = evaluate(poly, v[2]);
        // w^m by repeated complex multiplication
        double wr = 1;
        double wi = 0;
        for (int k = 0; k < m; k++) {
          double r = wr * v[0] - wi * v[1];
          wi = wr * v[1] + wi * v[0];
          wr = r;
        }
        re += wr * d;
        im += wi * d;
      }
      double c = m == 0 ? 1.0 : 2.0 * factorial(l - m) / factorial(l + m);
      total += c * (re * re + im * im);
      poly = derivative(poly);
    }
    return Math.sqrt(total) / n;
  }

  /** Coefficients c_0 … c_l of the Legendre polynomial P_l (Bonnet's recursion). */
  static double[] legendreCoefficients(int l) {
    double[] previous = {1};
    double[] current = {0, 1};
    if (l == 0) {
      return previous;
    }
    for (int k = 1; k < l; k++) {
      // (k+1) P_{k+1} = (2k+1) x P_k − k P_{k−1}
      double[] next = new double[k + 2];
      for (int i = 0; i < current.length; i++) {
        next[i + 1] += (2 * k + 1) * current[i] / (k + 1);
      }
      for (int i = 0; i < previous.length; i++) {
        next[i] -= k * previous[i] / (k + 1);
      }
      previous = current;
      current = next;
    }
    return current;
  }

  private static double[] derivative(double[] c) {
    if (c.length <= 1) {
      return new double[] {0};
    }
    double[] d = new double[c.length - 1];
    for (int i = 1; i < c.length; i++) {
      d[i - 1] = i * c[i];
    }
    return d;
  }

  private static double evaluate(double[] c, double x) {
    double v = 0;
    for (int i = c.length - 1; i >= 0; i--) {
      v = v * x + c[i];
    }
    return v;
  }

  private static double factorial(int k) {
    double f = 1;
    for (int i = 2; i <= k; i++) {
      f *= i;
    }
    return f;
  }

  private static double gauss(double inverseWidth, double x) {
    double t = inverseWidth * x;
    return Math.exp(-0.5 * t * t);
  }

  private static double angleBetween(double[] a, double[] b) {
    return Math.acos(Math.max(-1.0, Math.min(1.0, dot(a, b))));
  }

  /** The part of v orthogonal to the unit vector z, normalised; null when shorter than 1e-12. */
  private static double[] orthogonalUnit(double[] v, double[] z) {
    double s = dot(v, z) / dot(z, z);
    double[] w = {v[0] - s * z[0], v[1] - s * z[1], v[2] - s * z[2]};
    double len = Math.sqrt(dot(w, w));
    if (len < VERY_SMALL) {
      return null;
    }
    w[0] /= len;
    w[1] /= len;
    w[2] /= len;
    return w;
  }

  private boolean bipyramidal() {
    switch (type) {
      case SQ_PLAN_MAX:
      case OCT_MAX:
      case TRI_BIPYR:
      case PENT_BIPYR:
      case HEX_BIPYR:
      case SEE_SAW_RECT:
      case HEX_PLAN_MAX:
        return true;
      default:
        return false;
    }
  }

  private boolean pyramidal() {
    switch (type) {
      case T:
      case TRI_PYR:
      case SQ_PYR:
      case PENT_PYR:
      case HEX_PYR:
        return true;
      default:
        return false;
    }
  }

  /** The equatorial Gaussian of the bipyramidal types. */
  private double equator(double theta) {
    if (type == Type.HEX_PLAN_MAX) {
      return gauss(igwTa, Math.abs(theta / Math.PI - 0.5) - ta);
    }
    return gauss(igwEp, theta / Math.PI - 0.5);
  }

  private double angular(Geometry g) {
    int n = g.u.length;
    double pi = Math.PI;
    double sumQ = 0;
    double sumN = 0;
    double best = Double.NEGATIVE_INFINITY;
    boolean pyramidal = pyramidal();
    boolean bipyramidal = bipyramidal();
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        if (k == j) {
          continue;
        }
        double q = 0;
        double norm = 0;
        double thetaK = g.theta(j, k);
        double[] xAxis = g.orthogonal(j, k);
        boolean pairCounts = type != Type.BCC || j < k;
        // terms of the angle j-centre-k
        if (pairCounts) {
          switch (type) {
            case BENT:
            case TRI_PLAN_MAX:
            case TET_MAX:
              q += gauss(igwTa, thetaK / pi - ta);
              norm += 1;
              break;
            case PENT_PLAN_MAX:
              q += gauss(igwTa, thetaK / pi - (thetaK <= ta * pi ? 0.4 : 0.8));
              norm += 1;
              break;
            case CUBOCT_MAX:
            case BCC:
              if (thetaK >= minSpp) {
                q += wSpp * gauss(igwSpp, thetaK / pi - 1.0);
                norm += wSpp;
              }
              break;
            default:
              if (pyramidal) {
                q += gauss(igwEp, thetaK / pi - 0.5);
                norm += 1;
              } else if (bipyramidal && thetaK < minSpp) {
                q += equator(thetaK);
                norm += 1;
              }
              break;
          }
        }
        // terms of a third neighbour m
        if (xAxis != null && pairCounts && type != Type.BENT) {
          for (int m = 0; m < n; m++) {
            if (m == j || m == k) {
              continue;
            }
            double thetaM = g.theta(j, m);
            double[] x2 = g.orthogonal(j, m);
            if (bipyramidal && thetaM >= minSpp) {
              q += gauss(igwSpp, thetaM / pi - 1.0);
              norm += 1;
            }
            if (x2 == null) {
              continue;
            }
            // the azimuth φ (angle of x2 and xAxis) only where a term uses it
            switch (type) {
              case TRI_PLAN_MAX:
              case TET_MAX: {
                double phi = g.phi(j, k, m);
                q += gauss(igwTa, thetaM / pi - ta) * Math.pow(Math.cos(facAa * phi), expCosAa);
                norm += 1;
                break;
              }
              case PENT_PLAN_MAX: {
                double c = Math.cos(g.phi(j, k, m));
                q += gauss(igwTa, thetaM / pi - (thetaM <= ta * pi ? 0.4 : 0.8)) * c * c;
                norm += 1;
                break;
              }
              case BCC:
                if (thetaK < minSpp) {
                  double phi = g.phi(j, k, m);
                  double sign = thetaK > pi / 2 ? 1.0 : -1.0;
                  double t = (thetaM - pi / 2) / Math.asin(1.0 / 3.0);
                  q += sign * Math.cos(3 * phi) / Math.exp(-0.5) * t * Math.exp(-0.5 * t * t);
                  norm += 1;
                }
                break;
              case CUBOCT_MAX:
                if (thetaM < minSpp && cuboctLower < thetaK && thetaK < cuboctUpper) {
                  double phi = g.phi(j, k, m);
                  if (cuboctLower < thetaM && thetaM < cuboctUpper) {
                    double c = Math.cos(phi);
                    q += c * c * gauss(cuboctWidthEquator, thetaM / pi - 0.5);
                    norm += 1;
                  } else if (thetaM < cuboctLower) {
                    double t = 0.0556 * (Math.cos(phi - 0.5 * pi) - 0.81649658);
                    q += gauss(1.0, t) * gauss(cuboctWidthTropics, thetaM / pi - 1.0 / 3.0);
                    norm += 1;
                  } else if (thetaM > cuboctUpper) {
                    double t = 0.0556 * (Math.cos(phi - 0.5 * pi) - 0.81649658);
                    q += gauss(1.0, t) * gauss(cuboctWidthTropics, thetaM / pi - 2.0 / 3.0);
                    norm += 1;
                  }
                }
                break;
              case SEE_SAW_RECT:
                if (thetaM < minSpp && thetaK < minSpp) {
                  double phi = g.phi(j, k, m);
                  if (phi < 0.75 * pi) {
                    q += Math.pow(Math.cos(facAa * phi), expCosAa) * equator(thetaM);
                    norm += 1;
                  }
                }
                break;
              default:
                if (pyramidal) {
                  double phi = g.phi(j, k, m);
                  q += Math.pow(Math.cos(facAa * phi), expCosAa)
                      * gauss(igwEp, thetaM / pi - 0.5);
                  norm += 1;
                } else if (bipyramidal && thetaM < minSpp && thetaK < minSpp) {
                  double phi = g.phi(j, k, m);
                  q += Math.pow(Math.cos(facAa * phi), expCosAa) * equator(thetaM);
                  norm += 1;
                }
                break;
            }
          }
        }
        sumQ += q;
        sumN += norm;
        best = Math.max(best, norm > NORM_FLOOR ? q / norm : 0.0);
      }
    }
    if (type == Type.BENT) {
      return sumN > NORM_FLOOR ? sumQ / sumN : Double.NaN;
    }
    if (type == Type.BCC) {
      return n > 3 ? sumQ / (0.5 * n * (6 + (n - 2) * (n - 3))) : Double.NaN;
    }
    return n > 1 ? best : Double.NaN;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  @Override
  public String toString() {
    return "LocalOrderParameter[" + type.pymatgenName + "]";
  }
}
