package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncoderOptions;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The denoiser's invariances on a random tiny network (H = 16, 2 layers, K = 3): permutation of
 * the atoms, translation of all fractional coordinates, an integer shift of one atom, rotation of
 * the Cartesian frame, and independence from whatever the padding rows hold. Outputs must agree
 * to 1e-5; a control checks that moving one atom does change them (so the tests can fail).
 */
class DiffusionBlockInvarianceTest {
  static final int B = 2;
  static final int N = 5;
  static final int A = 4;
  static final int P = 1;
  static final int DT = 8;
  static final double TOL = 1e-5;

  static Model model;
  static DiffusionBlock block;

  @BeforeAll
  static void build() {
    block = DiffusionBlock.builder().setSize(N, A).setPropertyCount(P)
        .optArchitecture(DiffusionConfig.builder().optHiddenDim(16).optLayers(2)
            .optFrequencies(3).optTimeDim(DT).build()).build();
    model = Model.newInstance("inv", Device.cpu(), "PyTorch");
    model.setBlock(block);
    block.setInitializer(new SeededXavier(7), Parameter.Type.WEIGHT);
    block.initialize(model.getNDManager(), DataType.FLOAT32, block.inputShapes(B));
    RandomBiases.fill(block, 3);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Inputs of B cells; cell 0 has 5 atoms, cell 1 has 3 (two padding rows). */
  static final class Inputs {
    float[] a = new float[B * N * A];
    float[] f = new float[B * N * 3];
    float[] l = new float[B * 6];
    float[] tau = new float[B * DT];
    float[] cm = new float[B * P];
    float[] m = new float[B * P];
    float[] mask = new float[B * N];

    static Inputs random(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      Inputs in = new Inputs();
      for (int i = 0; i < in.a.length; i++) {
        in.a[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < in.f.length; i++) {
        in.f[i] = (float) r.nextDouble();
      }
      for (int i = 0; i < in.l.length; i++) {
        in.l[i] = (float) r.nextGaussian();
      }
      for (int b = 0; b < B; b++) {
        System.arraycopy(DiffusionBlock.timeEmbedding(100 + 300 * b, 1000, DT), 0, in.tau,
            b * DT, DT);
        in.cm[b] = 0.4f;
        in.m[b] = 1f;
        for (int s = 0; s < (b == 0 ? 5 : 3); s++) {
          in.mask[b * N + s] = 1f;
        }
      }
      return in;
    }

    Inputs copy() {
      Inputs c = new Inputs();
      c.a = a.clone();
      c.f = f.clone();
      c.l = l.clone();
      c.tau = tau.clone();
      c.cm = cm.clone();
      c.m = m.clone();
      c.mask = mask.clone();
      return c;
    }

    /** Applies a site permutation: new row s holds old row perm[s] (within each cell). */
    Inputs permuted(int cell, int[] perm) {
      Inputs c = copy();
      for (int s = 0; s < N; s++) {
        int from = perm[s];
        System.arraycopy(a, (cell * N + from) * A, c.a, (cell * N + s) * A, A);
        System.arraycopy(f, (cell * N + from) * 3, c.f, (cell * N + s) * 3, 3);
        c.mask[cell * N + s] = mask[cell * N + from];
      }
      return c;
    }
  }

  static float[][] run(Inputs in) {
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDList out = block.forward(new ParameterStore(m, false), new NDList(
          m.create(in.a, new Shape(B, N, A)), m.create(in.f, new Shape(B, N, 3)),
          m.create(in.l, new Shape(B, 6)), m.create(in.tau, new Shape(B, DT)),
          m.create(in.cm, new Shape(B, P)), m.create(in.m, new Shape(B, P)),
          m.create(in.mask, new Shape(B, N))), false);
      return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray(),
          out.get(2).toFloatArray()};
    }
  }

  static double maxDiff(float[] x, float[] y) {
    assertEquals(x.length, y.length);
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      d = Math.max(d, Math.abs(x[i] - y[i]));
    }
    return d;
  }

  static void assertSame(float[][] x, float[][] y) {
    for (int k = 0; k < 3; k++) {
      double d = maxDiff(x[k], y[k]);
      assertTrue(d < TOL, "output " + k + " differs by " + d);
    }
  }

  @Test
  void movingOneAtomChangesTheOutputs() {
    Inputs in = Inputs.random(1);
    Inputs moved = in.copy();
    moved.f[3] += 0.21f;
    float[][] x = run(in);
    float[][] y = run(moved);
    assertTrue(maxDiff(x[0], y[0]) > 1e-3, "lattice output ignores the coordinates");
    assertTrue(maxDiff(x[1], y[1]) > 1e-3, "coordinate output ignores the coordinates");
  }

  @Test
  void permutingTheAtomsPermutesThePerAtomOutputsAndKeepsTheLattice() {
    Inputs in = Inputs.random(2);
    int[] perm0 = {3, 0, 4, 1, 2};
    int[] perm1 = {2, 0, 1, 3, 4};
    Inputs p = in.permuted(0, perm0).permuted(1, perm1);
    float[][] x = run(in);
    float[][] y = run(p);
    assertTrue(maxDiff(x[0], y[0]) < TOL);
    for (int cell = 0; cell < B; cell++) {
      int[] perm = cell == 0 ? perm0 : perm1;
      for (int s = 0; s < N; s++) {
        for (int d = 0; d < 3; d++) {
          assertEquals(x[1][(cell * N + perm[s]) * 3 + d], y[1][(cell * N + s) * 3 + d], TOL);
        }
        for (int c = 0; c < A; c++) {
          assertEquals(x[2][(cell * N + perm[s]) * A + c], y[2][(cell * N + s) * A + c], TOL);
        }
      }
    }
  }

  @Test
  void translatingAllAtomsChangesNothing() {
    Inputs in = Inputs.random(3);
    Inputs t = in.copy();
    double[] shift = {0.37, -0.61, 0.123};
    for (int i = 0; i < t.f.length; i++) {
      t.f[i] = (float) (t.f[i] + shift[i % 3]);
    }
    assertSame(run(in), run(t));
  }

  @Test
  void anIntegerShiftOfOneAtomChangesNothing() {
    Inputs in = Inputs.random(4);
    Inputs t = in.copy();
    t.f[2 * 3] += 1f;
    t.f[2 * 3 + 1] -= 2f;
    t.f[(N + 1) * 3 + 2] += 3f;
    assertSame(run(in), run(t));
  }

  @Test
  void paddingRowsDoNotMatterAndGetZeroOutputs() {
    Inputs in = Inputs.random(5);
    Inputs t = in.copy();
    for (int s = 3; s < N; s++) {
      for (int c = 0; c < A; c++) {
        t.a[(N + s) * A + c] = 7f;
      }
      t.f[(N + s) * 3] = 0.9f;
    }
    float[][] x = run(in);
    float[][] y = run(t);
    assertSame(x, y);
    for (int s = 3; s < N; s++) {
      assertEquals(0f, y[1][(N + s) * 3], 0f);
      assertEquals(0f, y[2][(N + s) * A], 0f);
    }
  }

  /**
   * A rotation of the Cartesian frame changes the lattice matrix but not the encoded lattice
   * parameters (nor the fractional coordinates), so the outputs are the same.
   */
  @Test
  void rotatingTheCartesianFrameChangesNothing() {
    Lattice lattice = Lattice.fromParameters(4.1, 5.3, 6.2, 81, 97, 112);
    List<Site> sites = List.of(Site.of(org.invdes.core.structure.Element.of("Sr"),
        new double[] {0.1, 0.2, 0.3}), Site.of(org.invdes.core.structure.Element.of("Ti"),
        new double[] {0.6, 0.55, 0.4}), Site.of(org.invdes.core.structure.Element.of("O"),
        new double[] {0.9, 0.15, 0.75}));
    Structure s = Structure.of(lattice, sites, java.util.Map.of());
    double[][] rot = rotation(0.7, -1.1, 2.3);
    double[][] m = lattice.matrix();
    double[][] rm = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          rm[i][j] += m[i][k] * rot[j][k];
        }
      }
    }
    Structure rotated = Structure.of(Lattice.fromMatrix(rm), sites, java.util.Map.of());
    assertTrue(maxDiff(flat(m), flat(rm)) > 0.1, "the rotation must change the matrix");
    Encoder enc = Encoder.fit(List.of(s, rotated), EncoderOptions.builder().optMaxSites(N)
        .build());
    float[] x = enc.encode(s).lattice();
    float[] y = enc.encode(rotated).lattice();
    Inputs in = Inputs.random(6);
    Inputs t = in.copy();
    System.arraycopy(x, 0, in.l, 0, 6);
    System.arraycopy(y, 0, t.l, 0, 6);
    assertSame(run(in), run(t));
  }

  static float[] flat(double[][] m) {
    float[] out = new float[9];
    for (int i = 0; i < 9; i++) {
      out[i] = (float) m[i / 3][i % 3];
    }
    return out;
  }

  /** Rz(c) · Ry(b) · Rx(a). */
  static double[][] rotation(double a, double b, double c) {
    double[][] rx = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
    double[][] ry = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
    double[][] rz = {{Math.cos(c), -Math.sin(c), 0}, {Math.sin(c), Math.cos(c), 0}, {0, 0, 1}};
    return mul(rz, mul(ry, rx));
  }

  static double[][] mul(double[][] x, double[][] y) {
    double[][] out = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          out[i][j] += x[i][k] * y[k][j];
        }
      }
    }
    return out;
  }
}
