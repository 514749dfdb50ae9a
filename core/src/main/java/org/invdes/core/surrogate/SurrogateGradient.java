package org.invdes.core.surrogate;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.invdes.core.model.LatticeTensors;
import org.invdes.core.model.Scalars;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * The surrogate's prediction as a differentiable function of a crystal's continuous
 * description, for guiding a generator toward low predicted energy (DiffCSP's energy guidance).
 *
 * <p>A {@link Cell} gives the lattice parameters, the fractional coordinates and, per atom, soft
 * weights over the surrogate's element classes (a one-hot row is an ordinary element). The
 * neighbour lists are those of {@link CrystalGraph} for the cell's geometry (with each atom's
 * heaviest-weighted element); they are held fixed while differentiating, and every neighbour
 * distance |(f_j + image − f_i)|_G is recomputed from the inputs on tensors ({@link
 * LatticeTensors}), so the gradient reaches the lattice parameters, the coordinates and the
 * species weights. The prediction equals {@link SurrogateModel#predictGraphs} for one-hot
 * weights.
 */
public final class SurrogateGradient {
  private final SurrogateModel model;

  /**
   * One crystal.
   *
   * @param lattice a, b, c (Å), α, β, γ (degrees)
   * @param frac [n][3] fractional coordinates
   * @param species [n][E] weights over the surrogate's element classes ({@link
   *     SurrogateModel#elementClasses()}), each row non-negative with a positive sum
   */
  public record Cell(double[] lattice, double[][] frac, double[][] species) {
    /** Checks the shapes. */
    public Cell {
      Objects.requireNonNull(lattice, "lattice");
      Objects.requireNonNull(frac, "frac");
      Objects.requireNonNull(species, "species");
      if (lattice.length != 6 || frac.length == 0 || frac.length != species.length) {
        throw new IllegalArgumentException("a cell needs 6 lattice parameters and as many"
            + " species rows as atoms (" + frac.length + " atoms, " + species.length
            + " species rows)");
      }
    }
  }

  /**
   * Predictions and their gradients, one row per cell.
   *
   * @param values the predicted property
   * @param lattice [B][6] d value / d (a, b, c, α, β, γ), per Å and per degree
   * @param frac [B][n][3] d value / d fractional coordinate
   * @param species [B][n][E] d value / d species weight
   */
  public record Gradient(double[] values, double[][] lattice, double[][][] frac,
      double[][][] species) {
  }

  /** @param model the surrogate (not closed by this object) */
  public SurrogateGradient(SurrogateModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Predictions and gradients of the cells (coordinates are wrapped into [0, 1) first, which
   * changes neither).
   *
   * @throws IllegalArgumentException if a cell's lattice parameters describe no lattice or its
   *     species rows have another length than the surrogate's element classes
   */
  public Gradient of(List<Cell> cells) {
    if (cells.isEmpty()) {
      return new Gradient(new double[0], new double[0][], new double[0][][], new double[0][][]);
    }
    int e = model.block().elementClasses();
    List<Element> byClass = new ArrayList<>(java.util.Collections.nCopies(e, null));
    model.elementClasses().forEach((el, k) -> byClass.set(k, el));
    int b = cells.size();
    int n = 1;
    List<CrystalGraph> graphs = new ArrayList<>(b);
    for (Cell c : cells) {
      if (c.species()[0].length != e) {
        throw new IllegalArgumentException("species rows have " + c.species()[0].length
            + " weights; the surrogate has " + e + " element classes");
      }
      graphs.add(model.graph(structure(c, byClass)));
      n = Math.max(n, c.frac().length);
    }
    int m = graphs.get(0).maxNeighbours();
    double cutoff = model.manifest().config().cutoffAngstrom();
    float[] adjacency = new float[b * n * m * n];
    float[] images = new float[b * n * m * 3];
    float[] edgeMask = new float[b * n * m];
    float[] atomMask = new float[b * n];
    float[] len = new float[b * 3];
    float[] ang = new float[b * 3];
    float[] frac = new float[b * n * 3];
    float[] species = new float[b * n * e];
    for (int r = 0; r < b; r++) {
      Cell c = cells.get(r);
      CrystalGraph g = graphs.get(r);
      for (int k = 0; k < 3; k++) {
        len[r * 3 + k] = (float) c.lattice()[k];
        ang[r * 3 + k] = (float) c.lattice()[3 + k];
      }
      for (int i = 0; i < c.frac().length; i++) {
        atomMask[r * n + i] = 1f;
        for (int k = 0; k < 3; k++) {
          frac[(r * n + i) * 3 + k] = (float) Structure.wrap(c.frac()[i][k]);
        }
        for (int k = 0; k < e; k++) {
          species[(r * n + i) * e + k] = (float) c.species()[i][k];
        }
        for (int s = 0; s < g.neighbourCount(i); s++) {
          int slot = (r * n + i) * m + s;
          edgeMask[slot] = 1f;
          adjacency[slot * n + g.neighbour(i, s)] = 1f;
          int[] o = g.image(i, s);
          for (int k = 0; k < 3; k++) {
            images[slot * 3 + k] = o[k];
          }
        }
      }
    }
    return run(b, n, m, e, cutoff, adjacency, images, edgeMask, atomMask, len, ang, frac,
        species, cells);
  }

  private Gradient run(int b, int n, int m, int e, double cutoff, float[] adjacency,
      float[] images, float[] edgeMask, float[] atomMask, float[] len, float[] ang, float[] frac,
      float[] species, List<Cell> cells) {
    synchronized (model) {
      try (NDManager sub = model.manager().newSubManager()) {
        NDArray lenA = sub.create(len, new Shape(b, 3));
        NDArray angA = sub.create(ang, new Shape(b, 3));
        NDArray fracA = sub.create(frac, new Shape(b, n, 3));
        NDArray speciesA = sub.create(species, new Shape(b, n, e));
        NDArray adjacencyA = sub.create(adjacency, new Shape(b, (long) n * m, n));
        NDArray imagesA = sub.create(images, new Shape(b, n, m, 3));
        NDArray edgeA = sub.create(edgeMask, new Shape(b, n, m));
        NDArray atomA = sub.create(atomMask, new Shape(b, n));
        for (NDArray x : new NDArray[] {lenA, angA, fracA, speciesA}) {
          x.setRequiresGradient(true);
        }
        NDArray y;
        try (GradientCollector gc = Engine.getEngine(SurrogateModel.ENGINE)
            .newGradientCollector()) {
          NDArray neighbours = adjacencyA.matMul(fracA).reshape(b, n, m, 3);
          NDArray delta = neighbours.add(imagesA).sub(fracA.expandDims(2));
          NDArray g = LatticeTensors.metric(lenA, Scalars.mul(angA, Math.PI / 180).cos());
          NDArray q = LatticeTensors.squaredLengths(delta.reshape(b, (long) n * m, 3), g);
          // empty slots hold the cut-off, as GraphBatch pads them; 1e-12 Å² keeps sqrt's
          // gradient finite
          NDArray d = q.add(1e-12f).sqrt().reshape(b, n, m).mul(edgeA)
              .add(Scalars.mul(edgeA.neg().add(1f), cutoff));
          y = model.block().predict(model.parameterStore(), speciesA, adjacencyA, d, edgeA,
              atomA, false);
          gc.backward(y.sum());
        }
        double sd = model.manifest().sd();
        double mean = model.manifest().mean();
        float[] raw = y.toFloatArray();
        float[] gl = lenA.getGradient().toFloatArray();
        float[] ga = angA.getGradient().toFloatArray();
        float[] gf = fracA.getGradient().toFloatArray();
        float[] gs = speciesA.getGradient().toFloatArray();
        double[] values = new double[b];
        double[][] dl = new double[b][6];
        double[][][] df = new double[b][][];
        double[][][] ds = new double[b][][];
        for (int r = 0; r < b; r++) {
          values[r] = raw[r] * sd + mean;
          for (int k = 0; k < 3; k++) {
            dl[r][k] = gl[r * 3 + k] * sd;
            dl[r][3 + k] = ga[r * 3 + k] * sd;
          }
          int atoms = cells.get(r).frac().length;
          df[r] = new double[atoms][3];
          ds[r] = new double[atoms][e];
          for (int i = 0; i < atoms; i++) {
            for (int k = 0; k < 3; k++) {
              df[r][i][k] = gf[(r * n + i) * 3 + k] * sd;
            }
            for (int k = 0; k < e; k++) {
              ds[r][i][k] = gs[(r * n + i) * e + k] * sd;
            }
          }
        }
        return new Gradient(values, dl, df, ds);
      }
    }
  }

  /** The cell as a structure with each atom's heaviest-weighted element (for its neighbours). */
  private static Structure structure(Cell c, List<Element> byClass) {
    double[] p = c.lattice();
    Lattice lattice = Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < c.frac().length; i++) {
      int best = 0;
      for (int k = 1; k < c.species()[i].length; k++) {
        if (c.species()[i][k] > c.species()[i][best]) {
          best = k;
        }
      }
      sites.add(Site.of(byClass.get(best), Structure.wrap(c.frac()[i][0]),
          Structure.wrap(c.frac()[i][1]), Structure.wrap(c.frac()[i][2])));
    }
    return Structure.of(lattice, sites);
  }
}
