package org.invdes.core.sampling;

import java.util.List;
import java.util.SplittableRandom;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;

/**
 * The minimum-distance step of the diffusion sampler ({@link DiffusionSampler.Repulsion}):
 * a steepest-descent step on the overlap energy E = Σ_{i<j} Σ_images max(0, r₀ − d_ij)² (Å²)
 * of one cell's atoms, d_ij the distance (Å) between atom i and a periodic image of atom j in
 * the current lattice, r₀ = κ (r_i + r_j) with r the covalent radii of the atoms' current type
 * estimates (the elements of x̂₀ the sampler chose at this step, not the noisy type channels)
 * and κ the radius scale.
 *
 * <p>The fractional gradient ∇_f E is preconditioned by the inverse metric G⁻¹ (G = M Mᵀ of the
 * current lattice), so the step is the Cartesian steepest descent mapped back to fractional
 * coordinates: every overlapping pair moves apart along its own direction, each atom by λ/2 ·
 * (r₀ − d) (step λ/4 on E), independent of the cell's shape and size. With λ = 1 an isolated
 * pair ends exactly at r₀; λ ≤ 1 never overshoots for an isolated pair. Atoms that coincide
 * exactly (d &lt; 10⁻⁹ Å) are separated along a direction drawn from the row's random stream,
 * so the step stays reproducible. Rows whose lattice parameters describe no lattice are left
 * alone. Immutable.
 */
final class MinimumDistance {
  /** Distances below this (Å) have no direction of their own. */
  static final double COINCIDENT = 1e-9;

  private final NormalisedLattice lattices;
  private final double[] radius;

  /** @param encoding the generator's encoding (vocabulary radii and lattice normalisation) */
  MinimumDistance(EncodingConfig encoding) {
    this.lattices = new NormalisedLattice(encoding);
    List<Element> vocabulary = encoding.vocabulary();
    this.radius = new double[vocabulary.size()];
    for (int j = 0; j < radius.length; j++) {
      radius[j] = vocabulary.get(j).covalentRadius();
    }
  }

  /** The lattice of row i's normalised parameters, or null if they describe none. */
  Lattice lattice(float[] lat, int i) {
    return lattices.lattice(lat, i);
  }

  /** The covalent radius (Å) of vocabulary channel j. */
  double radius(int j) {
    return radius[j];
  }

  /**
   * E of row i (Å²); NaN if its lattice parameters describe no lattice.
   *
   * @param n site budget (row stride)
   * @param atoms atoms of the row
   * @param kind [·n] each atom's vocabulary channel
   * @param radiusScale κ
   */
  double energy(int i, int n, int atoms, float[] lat, int[] kind, float[] frac,
      double radiusScale) {
    Lattice l = lattice(lat, i);
    if (l == null) {
      return Double.NaN;
    }
    double[][] g = l.metricTensor();
    double e = 0;
    double[] df = new double[3];
    for (int p = 0; p < atoms; p++) {
      double rp = radius[kind[i * n + p]];
      for (int q = p + 1; q < atoms; q++) {
        double r0 = radiusScale * (rp + radius[kind[i * n + q]]);
        for (int image = 0; image < 27; image++) {
          double d = image(frac, i, n, p, q, image, g, df);
          if (d < r0) {
            e += (r0 - d) * (r0 - d);
          }
        }
      }
    }
    return e;
  }

  /**
   * One step of strength λ on every row (class description); coordinates wrapped into [0, 1).
   *
   * @param b rows
   * @param n site budget (row stride)
   * @param atoms atoms of each row
   * @param lat [b·6] normalised lattice
   * @param kind [b·n] each atom's vocabulary channel
   * @param frac [b·n·3] fractional coordinates, updated
   * @param lambda λ in (0, 1]
   * @param radiusScale κ
   * @param rng each row's random stream (used only for coinciding atoms)
   * @param rows the rows to step (null = all); on return, true exactly for the rows that had
   *     an overlapping pair before this step
   * @return whether any row had an overlapping pair before this step
   */
  boolean step(int b, int n, int[] atoms, float[] lat, int[] kind, float[] frac,
      double lambda, double radiusScale, SplittableRandom[] rng, boolean[] rows) {
    double[] df = new double[3];
    boolean any = false;
    for (int i = 0; i < b; i++) {
      if (rows != null && !rows[i]) {
        continue;
      }
      if (rows != null) {
        rows[i] = false;
      }
      int k = atoms[i];
      if (k < 2) {
        continue;
      }
      Lattice l = lattice(lat, i);
      if (l == null) {
        continue;
      }
      double[][] g = l.metricTensor();
      double[] r = new double[k];
      for (int p = 0; p < k; p++) {
        r[p] = radius[kind[i * n + p]];
      }
      // fractional displacement of each atom: −λ/4 · G⁻¹ ∇_f E = Σ_pairs λ/2 (r₀ − d) Δf / d
      double[][] move = new double[k][3];
      for (int p = 0; p < k; p++) {
        for (int q = p + 1; q < k; q++) {
          double r0 = radiusScale * (r[p] + r[q]);
          for (int image = 0; image < 27; image++) {
            double d = image(frac, i, n, p, q, image, g, df);
            if (d >= r0) {
              continue;
            }
            any = true;
            if (rows != null) {
              rows[i] = true;
            }
            double gap = r0 - d;
            if (d < COINCIDENT) {
              direction(rng[i], l, df);
              d = 1;
            }
            double c = lambda / 2 * gap / d;
            for (int x = 0; x < 3; x++) {
              move[p][x] -= c * df[x];
              move[q][x] += c * df[x];
            }
          }
        }
      }
      for (int p = 0; p < k; p++) {
        for (int x = 0; x < 3; x++) {
          int idx = (i * n + p) * 3 + x;
          frac[idx] = (float) Structure.wrap(frac[idx] + move[p][x]);
        }
      }
    }
    return any;
  }

  /**
   * Steps of strength λ repeated on the rows that still overlap, at most {@code sweeps} times
   * (the last reverse step's projection).
   *
   * @return whether a row still had an overlapping pair at the last sweep
   */
  boolean project(int b, int n, int[] atoms, float[] lat, int[] kind, float[] frac,
      double lambda, double radiusScale, SplittableRandom[] rng, int sweeps) {
    boolean[] rows = new boolean[b];
    java.util.Arrays.fill(rows, true);
    boolean any = true;
    for (int k = 0; k < sweeps && any; k++) {
      any = step(b, n, atoms, lat, kind, frac, lambda, radiusScale, rng, rows);
    }
    return any;
  }

  /**
   * Δf = f_q + image − f_p with f_q − f_p first reduced to [−½, ½) (image index 0..26 is the
   * offset (−1..1)³, 13 the nearest), written to df; returns |Δf| in the metric g (Å).
   */
  private static double image(float[] frac, int i, int n, int p, int q, int image,
      double[][] g, double[] df) {
    int[] off = {image / 9 - 1, image / 3 % 3 - 1, image % 3 - 1};
    for (int x = 0; x < 3; x++) {
      double v = frac[(i * n + q) * 3 + x] - frac[(i * n + p) * 3 + x];
      df[x] = v - Math.rint(v) + off[x];
    }
    double d2 = 0;
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        d2 += df[x] * g[x][y] * df[y];
      }
    }
    return Math.sqrt(Math.max(0, d2));
  }

  /**
   * A random unit Cartesian direction (drawn from rng) as a fractional vector of Cartesian
   * length 1, written to df.
   */
  private static void direction(SplittableRandom rng, Lattice lattice, double[] df) {
    double[] u = new double[3];
    double norm = 0;
    while (norm < 1e-12) {
      norm = 0;
      for (int x = 0; x < 3; x++) {
        u[x] = rng.nextGaussian();
        norm += u[x] * u[x];
      }
    }
    norm = Math.sqrt(norm);
    for (int x = 0; x < 3; x++) {
      u[x] /= norm;
    }
    double[] f = lattice.toFractional(u);
    System.arraycopy(f, 0, df, 0, 3);
  }
}
