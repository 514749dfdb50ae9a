package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The denoiser's split evaluation of the edge MLP's first layer is the same function as the
 * plain Linear on the concatenation [h_i, h_j, l, ψ_ij] with the same parameters: a reference
 * forward pass written here from the block's documented formula (the concatenation, through
 * the block's own child blocks) agrees with {@link DiffusionBlock#forward} on random inputs and
 * random weights and biases; and a call with fewer site rows (N = the largest atom count)
 * gives the outputs of the padded call.
 */
class DiffusionBlockEquivalenceTest {
  static final int B = 3;
  static final int N = 6;
  static final int A = 5;
  static final int P = 2;
  static final int DT = 8;
  static final int H = 24;
  static final int LAYERS = 3;
  static final int K = 4;
  static final int[] ATOMS = {6, 4, 1};
  static final double TOL = 2e-5;

  static Model model;
  static DiffusionBlock block;

  @BeforeAll
  static void build() {
    block = DiffusionBlock.builder().setSize(N, A).setPropertyCount(P)
        .optArchitecture(DiffusionConfig.builder().optHiddenDim(H).optLayers(LAYERS)
            .optFrequencies(K).optTimeDim(DT).build()).build();
    model = Model.newInstance("eq", Device.cpu(), "PyTorch");
    model.setBlock(block);
    block.setInitializer(new SeededXavier(17), Parameter.Type.WEIGHT);
    block.initialize(model.getNDManager(), DataType.FLOAT32, block.inputShapes(B));
    RandomBiases.fill(block, 23);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Random inputs of B cells with {@link #ATOMS} atoms, padded to n rows. */
  static float[][] inputs(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[B * n * A];
    float[] f = new float[B * n * 3];
    float[] l = new float[B * 6];
    float[] tau = new float[B * DT];
    float[] cm = new float[B * P];
    float[] m = new float[B * P];
    float[] mask = new float[B * n];
    for (int b = 0; b < B; b++) {
      for (int s = 0; s < ATOMS[b]; s++) {
        mask[b * n + s] = 1f;
        for (int c = 0; c < A; c++) {
          a[(b * n + s) * A + c] = (float) r.nextGaussian();
        }
        for (int d = 0; d < 3; d++) {
          f[(b * n + s) * 3 + d] = (float) r.nextDouble();
        }
      }
      for (int j = 0; j < 6; j++) {
        l[b * 6 + j] = (float) r.nextGaussian();
      }
      System.arraycopy(DiffusionBlock.timeEmbedding(50 + 400 * b, 1000, DT), 0, tau, b * DT, DT);
      cm[b * P] = (float) r.nextGaussian();
      m[b * P] = 1f;
    }
    return new float[][] {a, f, l, tau, cm, m, mask};
  }

  static NDList arrays(NDManager m, float[][] x, int n) {
    return new NDList(m.create(x[0], new Shape(B, n, A)), m.create(x[1], new Shape(B, n, 3)),
        m.create(x[2], new Shape(B, 6)), m.create(x[3], new Shape(B, DT)),
        m.create(x[4], new Shape(B, P)), m.create(x[5], new Shape(B, P)),
        m.create(x[6], new Shape(B, n)));
  }

  static Block child(String name) {
    for (Pair<String, Block> c : block.getChildren()) {
      if (c.getKey().substring(2).equals(name)) {
        return c.getValue();
      }
    }
    throw new AssertionError("no child block " + name + " in " + block.getChildren().keys());
  }

  /**
   * The documented network with the edge input concatenated and h repeated per pair, through
   * the block's child blocks (so with its parameters).
   */
  static NDList reference(ParameterStore ps, NDList in) {
    NDArray a = in.get(0);
    NDArray f = in.get(1);
    NDArray l = in.get(2);
    NDArray cond = NDArrays.concat(new NDList(in.get(3), in.get(4), in.get(5)), 1);
    NDArray mask = in.get(6);
    long n = a.getShape().get(1);
    NDManager m = a.getManager();
    NDArray h = child("embed").forward(ps, new NDList(a.concat(cond.expandDims(1).repeat(1, n),
        2)), false).singletonOrThrow();
    NDArray d = f.expandDims(1).sub(f.expandDims(2));
    float[] k = new float[K];
    for (int i = 0; i < K; i++) {
      k[i] = (float) (2 * Math.PI * (i + 1));
    }
    NDArray phase = d.expandDims(-1).mul(m.create(k));
    Shape edge = new Shape(B, n, n, 3L * K);
    NDArray psi = phase.sin().reshape(edge).concat(phase.cos().reshape(edge), 3);
    NDArray lat = l.expandDims(1).expandDims(1).repeat(1, n).repeat(2, n);
    NDArray pair = mask.expandDims(2).mul(mask.expandDims(1)).mul(m.eye((int) n).neg().add(1f));
    NDArray degree = pair.sum(new int[] {2}, true).maximum(1f);
    for (int i = 0; i < LAYERS; i++) {
      NDArray hi = h.expandDims(2).repeat(2, n);
      NDArray hj = h.expandDims(1).repeat(1, n);
      NDArray e = child("edge" + i).forward(ps,
          new NDList(NDArrays.concat(new NDList(hi, hj, lat, psi), 3)), false).singletonOrThrow();
      NDArray agg = e.mul(pair.expandDims(-1)).sum(new int[] {2}).div(degree);
      h = h.add(child("node" + i).forward(ps, new NDList(h.concat(agg, 2)), false)
          .singletonOrThrow()).mul(mask.expandDims(-1));
    }
    NDArray types = child("types").forward(ps, new NDList(h), false).singletonOrThrow()
        .mul(mask.expandDims(-1));
    NDArray coords = child("coordinates").forward(ps, new NDList(h), false).singletonOrThrow()
        .mul(mask.expandDims(-1));
    NDArray pooled = h.sum(new int[] {1}).div(mask.sum(new int[] {1}, true).maximum(1f));
    NDArray lattice = child("lattice").forward(ps,
        new NDList(NDArrays.concat(new NDList(pooled, l, cond), 1)), false).singletonOrThrow();
    return new NDList(lattice, coords, types);
  }

  static float[][] flat(NDList out) {
    return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray(),
        out.get(2).toFloatArray()};
  }

  static double maxAbs(float[] x) {
    double m = 0;
    for (float v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Test
  void theSplitFirstLayerIsTheLinearOnTheConcatenation() {
    for (long seed = 1; seed <= 3; seed++) {
      try (NDManager m = model.getNDManager().newSubManager()) {
        ParameterStore ps = new ParameterStore(m, false);
        NDList in = arrays(m, inputs(seed, N), N);
        float[][] fast = flat(block.forward(ps, in, false));
        float[][] ref = flat(reference(ps, in));
        for (int o = 0; o < 3; o++) {
          assertEquals(ref[o].length, fast[o].length);
          assertTrue(maxAbs(ref[o]) > 0.05, "output " + o + " is (almost) all zero");
          for (int i = 0; i < ref[o].length; i++) {
            assertEquals(ref[o][i], fast[o][i], TOL * Math.max(1, Math.abs(ref[o][i])),
                "output " + o + " entry " + i + " (seed " + seed + ")");
          }
        }
      }
    }
  }

  @Test
  void fewerSiteRowsGiveThePaddedOutputsOnTheAtomRows() {
    int n = ATOMS[0];
    int wide = N + 3;
    try (NDManager m = model.getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      float[][] small = inputs(9, n);
      float[][] padded = inputs(9, wide);
      float[][] x = flat(block.forward(ps, arrays(m, small, n), false));
      float[][] y = flat(block.forward(ps, arrays(m, padded, wide), false));
      for (int j = 0; j < B * 6; j++) {
        assertEquals(y[0][j], x[0][j], TOL);
      }
      for (int b = 0; b < B; b++) {
        for (int s = 0; s < n; s++) {
          for (int d = 0; d < 3; d++) {
            assertEquals(y[1][(b * wide + s) * 3 + d], x[1][(b * n + s) * 3 + d], TOL);
          }
          for (int c = 0; c < A; c++) {
            assertEquals(y[2][(b * wide + s) * A + c], x[2][(b * n + s) * A + c], TOL);
          }
        }
      }
    }
  }
}
