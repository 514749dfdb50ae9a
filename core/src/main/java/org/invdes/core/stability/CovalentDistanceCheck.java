package org.invdes.core.stability;

import java.util.Map;
import java.util.Objects;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.MinimumImage;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * A chemistry-aware distance check: no two atoms closer than a fraction of the sum of their
 * covalent radii.
 *
 * <p>Atoms bonded covalently sit about r₁ + r₂ apart (Cordero et al., Dalton Trans. 2008, 2832,
 * {@link Element#covalentRadius()}); ionic, metallic and van der Waals contacts are longer. The
 * default factor 0.5 (half a bond length) thus rejects only atoms that overlap by any chemical
 * standard, while adapting to their size: two
 * iodine atoms (r = 1.39 Å) fail below 1.39 Å, two hydrogen atoms (r = 0.31 Å) only below 0.31
 * Å, where the benchmark's single 0.5 Å threshold ({@link GeometricValidity}) treats all pairs
 * alike. The benchmark script {@code tests/bench/comp-validity-vs-pymatgen.sh} reports the
 * smallest ratio found in real crystals.
 *
 * <p>Algorithm:
 * <ol>
 *   <li>Each site's radius r (Å) is the covalent radius of its element; for a disordered site the
 *       occupancy-weighted mean over its species, Σ occ·r / Σ occ. A site holding an element
 *       without a tabulated radius (Bk and heavier) fails the check, naming the element.
 *   <li>For every pair of sites i &lt; j, the minimum-image distance d (Å, exact, see {@link
 *       MinimumImage}) is compared with factor × (rᵢ + rⱼ). Unlike the benchmark rule, a site is
 *       also compared with its own periodic images, at the length of the shortest lattice vector
 *       (found among the 26 combinations of −1, 0, 1 of the Niggli-reduced basis vectors), against
 *       factor × 2rᵢ: a one-atom cell of 0.3 Å is not a crystal.
 *   <li>The score is the smallest ratio d / (rᵢ + rⱼ) over all pairs (dimensionless); the structure
 *       passes when score ≥ factor. The reason names the worst pair, its distance and threshold,
 *       and how many pairs fail.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class CovalentDistanceCheck implements StabilityCheck {

  /** The default fraction of the sum of covalent radii below which two atoms overlap: 0.5. */
  public static final double DEFAULT_FACTOR = 0.5;

  private static final CovalentDistanceCheck STANDARD = new CovalentDistanceCheck(DEFAULT_FACTOR);

  private final double factor;
  private final String name;

  private CovalentDistanceCheck(double factor) {
    this.factor = factor;
    this.name = "covalent distances (>= " + Sites.g(factor) + " × sum of covalent radii)";
  }

  /** @return the check with the default factor 0.5 */
  public static CovalentDistanceCheck standard() {
    return STANDARD;
  }

  /**
   * The check with another factor.
   *
   * @param factor the fraction of the sum of covalent radii two atoms must be apart at least
   *     (dimensionless); finite, &gt; 0
   * @return the check
   * @throws IllegalArgumentException naming the value if it is not finite and positive
   */
  public static CovalentDistanceCheck withFactor(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be finite and > 0, got " + factor);
    }
    return new CovalentDistanceCheck(factor);
  }

  /** @return the fraction of the sum of covalent radii below which atoms overlap */
  public double factor() {
    return factor;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Checks every pair of sites and every site against its own images.
   *
   * @return a result whose score is the smallest distance / (sum of covalent radii) over all pairs
   *     (dimensionless), or NaN if a radius is unknown
   */
  @Override
  public CheckResult check(Structure structure) {
    Objects.requireNonNull(structure, "structure");
    int n = structure.size();
    double[] radius = new double[n];
    double[][] f = new double[n][];
    for (int i = 0; i < n; i++) {
      Site site = structure.site(i);
      double weighted = 0;
      double occupancy = 0;
      for (Map.Entry<Element, Double> e : site.species().entrySet()) {
        double r = e.getKey().covalentRadius();
        if (Double.isNaN(r)) {
          return CheckResult.fail(name, Double.NaN, Sites.describe(structure, i)
              + " holds " + e.getKey() + ", which has no tabulated covalent radius");
        }
        weighted += e.getValue() * r;
        occupancy += e.getValue();
      }
      radius[i] = weighted / occupancy;
      f[i] = site.frac();
    }

    double shortestTranslation = shortestLatticeVector(structure.lattice());
    MinimumImage images = structure.lattice().minimumImage();
    double worstRatio = Double.POSITIVE_INFINITY;
    int wi = -1;
    int wj = -1;
    double worstDistance = Double.NaN;
    int failing = 0;
    for (int i = 0; i < n; i++) {
      double[] fi = f[i];
      // a site and its own periodic images
      double selfRatio = shortestTranslation / (2 * radius[i]);
      if (selfRatio < factor) {
        failing++;
      }
      if (selfRatio < worstRatio) {
        worstRatio = selfRatio;
        wi = i;
        wj = i;
        worstDistance = shortestTranslation;
      }
      for (int j = i + 1; j < n; j++) {
        double[] fj = f[j];
        double d = Math.sqrt(images.distanceSquared(fi[0], fi[1], fi[2], fj[0], fj[1], fj[2]));
        double ratio = d / (radius[i] + radius[j]);
        if (ratio < factor) {
          failing++;
        }
        if (ratio < worstRatio) {
          worstRatio = ratio;
          wi = i;
          wj = j;
          worstDistance = d;
        }
      }
    }
    if (worstRatio >= factor) {
      return CheckResult.pass(name, worstRatio);
    }
    double sum = radius[wi] + radius[wj];
    String what = wi == wj
        ? Sites.describe(structure, wi) + " is " + Sites.f3(worstDistance)
            + " Å from its own periodic image"
        : Sites.describe(structure, wi) + " and " + Sites.describe(structure, wj) + " are "
            + Sites.f3(worstDistance) + " Å apart";
    String reason = what + ", less than " + Sites.g(factor) + " × (" + Sites.f3(radius[wi])
        + " + " + Sites.f3(radius[wj]) + ") = " + Sites.f3(factor * sum)
        + " Å (sum of covalent radii)"
        + (failing > 1 ? "; " + (failing - 1) + " more pair(s) too close" : "");
    return CheckResult.fail(name, worstRatio, reason);
  }

  /**
   * The length of the shortest non-zero lattice vector, Å: the shortest of the 26 vectors
   * n₁a′ + n₂b′ + n₃c′ with nᵢ ∈ {−1, 0, 1} of the Niggli-reduced basis a′, b′, c′ (for a reduced
   * basis the shortest lattice vector is among them).
   */
  static double shortestLatticeVector(Lattice lattice) {
    double[][] m = lattice.niggliReduced().matrix();
    double best = Double.POSITIVE_INFINITY;
    for (int a = -1; a <= 1; a++) {
      for (int b = -1; b <= 1; b++) {
        for (int c = -1; c <= 1; c++) {
          if (a == 0 && b == 0 && c == 0) {
            continue;
          }
          double x = a * m[0][0] + b * m[1][0] + c * m[2][0];
          double y = a * m[0][1] + b * m[1][1] + c * m[2][1];
          double z = a * m[0][2] + b * m[1][2] + c * m[2][2];
          best = Math.min(best, x * x + y * y + z * z);
        }
      }
    }
    return Math.sqrt(best);
  }
}
