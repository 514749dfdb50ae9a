package org.invdes.core.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.structure.Element;
import org.invdes.core.surrogate.SurrogateGradient;
import org.invdes.core.surrogate.SurrogateModel;

/**
 * The gradient of a surrogate's prediction in the diffusion generator's own coordinates, for
 * energy guidance: the normalised lattice z (u = z · scale + mean with u = ln a, ln b, ln c,
 * α, β, γ), the fractional coordinates, and the type channels (one per element of the
 * generator's vocabulary).
 *
 * <p>A state's types become soft species weights: each channel clipped at 0 (excluded channels
 * at 0), divided by the atom's sum, and pooled onto the surrogate's element classes; channels of
 * elements the surrogate does not know carry no weight. The chain rule then maps the surrogate's
 * gradient back (through exp for the lengths, the scales, the clipping and the normalisation).
 * Rows whose lattice parameters describe no lattice (possible early in a reverse diffusion) or
 * whose atoms carry no known element get a zero gradient and a NaN value.
 */
final class EnergyGuide {
  private final SurrogateGradient gradient;
  private final NormalisedLattice lattice;
  private final int[] surrogateClass;
  private final int classes;

  /**
   * @param surrogate the surrogate (the caller's)
   * @param encoding the generator's encoding (vocabulary and lattice normalisation)
   */
  EnergyGuide(SurrogateModel surrogate, EncodingConfig encoding) {
    Objects.requireNonNull(surrogate, "surrogate");
    this.gradient = new SurrogateGradient(surrogate);
    this.lattice = new NormalisedLattice(encoding);
    Map<Element, Integer> known = surrogate.elementClasses();
    List<Element> vocabulary = encoding.vocabulary();
    this.surrogateClass = new int[vocabulary.size()];
    for (int j = 0; j < vocabulary.size(); j++) {
      surrogateClass[j] = known.getOrDefault(vocabulary.get(j), -1);
    }
    this.classes = surrogate.block().elementClasses();
  }

  /** Values and gradients, flat like the sampler's state arrays. */
  record Result(double[] values, float[] lattice, float[] types, float[] frac) {
  }

  /**
   * @param b rows
   * @param n site budget (row stride)
   * @param atoms atoms of each row
   * @param lat [b·6] normalised lattice
   * @param typ [b·n·A] type channels
   * @param frac [b·n·3] fractional coordinates
   * @param allowed [A] channels that may be chosen
   */
  Result of(int b, int n, int[] atoms, float[] lat, float[] typ, float[] frac,
      boolean[] allowed) {
    int a = surrogateClass.length;
    double[] values = new double[b];
    float[] gl = new float[b * 6];
    float[] gt = new float[typ.length];
    float[] gf = new float[frac.length];
    List<SurrogateGradient.Cell> ok = new ArrayList<>();
    List<Integer> okRows = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      values[i] = Double.NaN;
      SurrogateGradient.Cell c = cell(i, n, a, atoms[i], lat, typ, frac, allowed);
      if (c != null) {
        ok.add(c);
        okRows.add(i);
      }
    }
    if (ok.isEmpty()) {
      return new Result(values, gl, gt, gf);
    }
    SurrogateGradient.Gradient g = gradient.of(ok);
    for (int k = 0; k < ok.size(); k++) {
      int i = okRows.get(k);
      SurrogateGradient.Cell c = ok.get(k);
      values[i] = g.values()[k];
      for (int d = 0; d < 3; d++) {
        gl[i * 6 + d] = (float) (g.lattice()[k][d] * c.lattice()[d] * lattice.scale(d));
        gl[i * 6 + 3 + d] = (float) (g.lattice()[k][3 + d] * lattice.scale(3 + d));
      }
      for (int s = 0; s < atoms[i]; s++) {
        for (int d = 0; d < 3; d++) {
          gf[(i * n + s) * 3 + d] = (float) g.frac()[k][s][d];
        }
        // w_j = t_j / S over the positive allowed channels: dE/dt_j = (g_j − Σ w_k g_k) / S
        double sum = 0;
        double mix = 0;
        for (int j = 0; j < a; j++) {
          double t = weight(typ[(i * n + s) * a + j], j, allowed);
          if (t > 0) {
            sum += t;
          }
        }
        for (int j = 0; j < a; j++) {
          double t = weight(typ[(i * n + s) * a + j], j, allowed);
          if (t > 0) {
            mix += t / sum * g.species()[k][s][surrogateClass[j]];
          }
        }
        for (int j = 0; j < a; j++) {
          double t = weight(typ[(i * n + s) * a + j], j, allowed);
          if (t > 0) {
            gt[(i * n + s) * a + j] = (float) ((g.species()[k][s][surrogateClass[j]] - mix)
                / sum);
          }
        }
      }
    }
    return new Result(values, gl, gt, gf);
  }

  /** A channel's weight: clipped at 0; 0 if excluded or unknown to the surrogate. */
  private double weight(float t, int channel, boolean[] allowed) {
    return allowed[channel] && surrogateClass[channel] >= 0 && t > 0 ? t : 0;
  }

  /** Row i as a surrogate cell, or null if it has no lattice or an atom with no known type. */
  private SurrogateGradient.Cell cell(int i, int n, int a, int atoms, float[] lat, float[] typ,
      float[] frac, boolean[] allowed) {
    if (atoms == 0) {
      return null;
    }
    if (lattice.lattice(lat, i) == null) {
      return null;
    }
    double[] p = lattice.parameters(lat, i);
    double[][] f = new double[atoms][3];
    double[][] species = new double[atoms][classes];
    for (int s = 0; s < atoms; s++) {
      double sum = 0;
      for (int j = 0; j < a; j++) {
        sum += weight(typ[(i * n + s) * a + j], j, allowed);
      }
      if (!(sum > 0)) {
        return null;
      }
      for (int j = 0; j < a; j++) {
        double t = weight(typ[(i * n + s) * a + j], j, allowed);
        if (t > 0) {
          species[s][surrogateClass[j]] += t / sum;
        }
      }
      for (int d = 0; d < 3; d++) {
        f[s][d] = frac[(i * n + s) * 3 + d];
      }
    }
    return new SurrogateGradient.Cell(p, f, species);
  }
}
