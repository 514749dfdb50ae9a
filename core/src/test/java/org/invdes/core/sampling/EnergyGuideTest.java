package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.invdes.core.encoding.Encoded;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncoderOptions;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateModel;
import org.invdes.core.surrogate.TinySurrogate;
import org.junit.jupiter.api.Test;

/** {@link EnergyGuide}: the surrogate's value and gradient in the generator's coordinates. */
class EnergyGuideTest {
  private static final SurrogateModel SURROGATE = TinySurrogate.shared();
  private static final Encoder ENCODER = Encoder.fit(TinySurrogate.perovskites(40, 3),
      EncoderOptions.defaults());
  private final EnergyGuide guide = new EnergyGuide(SURROGATE, ENCODER.config());
  private final int a = ENCODER.config().vocabulary().size();
  private final int n = ENCODER.config().maxSites();
  private final boolean[] all = allowed(a);

  private static boolean[] allowed(int a) {
    boolean[] b = new boolean[a];
    Arrays.fill(b, true);
    return b;
  }

  /** The state of one structure: normalised lattice, one-hot type channels, coordinates. */
  private float[][] state(Structure s) {
    Encoded e = ENCODER.encode(s);
    float[] typ = new float[n * a];
    float[] frac = new float[n * 3];
    int[] cls = e.elementIndices();
    float[][] f = e.fracCoords();
    for (int i = 0; i < s.size(); i++) {
      typ[i * a + cls[i] - 1] = 1f;
      System.arraycopy(f[i], 0, frac, i * 3, 3);
    }
    return new float[][] {e.lattice().clone(), typ, frac};
  }

  private double value(float[][] st, int atoms) {
    return guide.of(1, n, new int[] {atoms}, st[0], st[1], st[2], all).values()[0];
  }

  @Test
  void oneHotStatesPredictWhatTheSurrogatePredicts() {
    for (Structure s : TinySurrogate.perovskites(4, 17)) {
      float[][] st = state(s);
      assertEquals(SURROGATE.predict(s), value(st, s.size()), 1e-3, s.toString());
    }
  }

  @Test
  void gradientsAgreeWithFiniteDifferences() {
    Structure s = TinySurrogate.perovskites(1, 9).get(0);
    float[][] st = state(s);
    // soften the B site's type so the type gradient is not at a clipping kink
    int b = 1;
    int own = -1;
    for (int j = 0; j < a; j++) {
      if (st[1][b * a + j] == 1f) {
        own = j;
      }
    }
    int other = (own + 1) % a;
    st[1][b * a + own] = 0.7f;
    st[1][b * a + other] = 0.3f;
    EnergyGuide.Result g = guide.of(1, n, new int[] {s.size()}, st[0], st[1], st[2], all);
    float h = 2e-3f;
    for (int k = 0; k < 6; k++) {
      double fd = difference(st, 0, k, h, s.size());
      assertEquals(fd, g.lattice()[k], 0.05 * Math.abs(fd) + 3e-3, "lattice " + k);
    }
    double fd = difference(st, 1, b * a + other, h, s.size());
    assertEquals(fd, g.types()[b * a + other], 0.05 * Math.abs(fd) + 3e-3);
    assertTrue(Math.abs(g.types()[b * a + other]) > 1e-4, "the type matters");
    for (int j = 0; j < a; j++) {
      if (j != own && j != other) {
        assertEquals(0f, g.types()[b * a + j], "a zero channel is clipped");
      }
    }
    float small = 2e-4f;
    double fdf = difference(st, 2, 0, small, s.size());
    assertEquals(fdf, g.frac()[0], 0.05 * Math.abs(fdf) + 2e-2);
  }

  @Test
  void rowsWithoutALatticeGetZeroGradientAndNaN() {
    Structure s = TinySurrogate.perovskites(1, 4).get(0);
    float[][] st = state(s);
    float[] lat = st[0].clone();
    // α = β = γ far beyond 120°: no such cell
    for (int k = 3; k < 6; k++) {
      lat[k] = (float) ((170 - ENCODER.config().latticeMean()[k])
          / ENCODER.config().latticeScale()[k]);
    }
    EnergyGuide.Result g = guide.of(1, n, new int[] {s.size()}, lat, st[1], st[2], all);
    assertTrue(Double.isNaN(g.values()[0]));
    for (float v : g.lattice()) {
      assertEquals(0f, v);
    }
  }

  private double difference(float[][] st, int part, int index, float h, int atoms) {
    float[][] up = {st[0].clone(), st[1].clone(), st[2].clone()};
    float[][] down = {st[0].clone(), st[1].clone(), st[2].clone()};
    up[part][index] += h;
    down[part][index] -= h;
    return (value(up, atoms) - value(down, atoms)) / (up[part][index] - down[part][index]);
  }
}
