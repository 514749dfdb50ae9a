package org.invdes.core.surrogate;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Element;

/**
 * Dense, padded tensors of a batch of {@link CrystalGraph}s: the inputs of {@link
 * SurrogateBlock}. With B graphs, N the largest cell of the batch, M neighbour slots and E
 * element classes, the arrays are flat row-major:
 *
 * <ul>
 *   <li>{@code species} [B, N, E]: one-hot element of each atom (0 for padding atoms);
 *   <li>{@code adjacency} [B, N·M, N]: row (i, k) is one-hot on atom i's k-th neighbour (all 0
 *       for empty slots), so adjacency · h gathers neighbour features by a matrix product;
 *   <li>{@code distances} [B, N, M]: neighbour distances, Å (the cut-off in empty slots);
 *   <li>{@code edgeMask} [B, N, M]: 1 for a neighbour, 0 for an empty slot;
 *   <li>{@code atomMask} [B, N]: 1 for an atom, 0 for padding.
 * </ul>
 *
 * A diffusion model can build the same tensors itself with soft species weights and
 * differentiable distances.
 */
public final class GraphBatch {
  private final int rows;
  private final int atoms;
  private final int slots;
  private final int classes;
  private final float[] species;
  private final float[] adjacency;
  private final float[] distances;
  private final float[] edgeMask;
  private final float[] atomMask;

  private GraphBatch(int rows, int atoms, int slots, int classes, float[] species,
      float[] adjacency, float[] distances, float[] edgeMask, float[] atomMask) {
    this.rows = rows;
    this.atoms = atoms;
    this.slots = slots;
    this.classes = classes;
    this.species = species;
    this.adjacency = adjacency;
    this.distances = distances;
    this.edgeMask = edgeMask;
    this.atomMask = atomMask;
  }

  /**
   * Packs graphs.
   *
   * @param graphs at least one, all with the same M
   * @param classOf the element class (0 … E − 1) of every element in the graphs
   * @param classes E
   * @param padDistance the distance written in empty slots, Å (the cut-off)
   * @throws IllegalArgumentException naming the element if one has no class, or if M differs
   */
  public static GraphBatch of(List<CrystalGraph> graphs, Map<Element, Integer> classOf,
      int classes, double padDistance) {
    if (graphs.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one graph");
    }
    int b = graphs.size();
    int m = graphs.get(0).maxNeighbours();
    int n = 1;
    for (CrystalGraph g : graphs) {
      n = Math.max(n, g.size());
      if (g.maxNeighbours() != m) {
        throw new IllegalArgumentException("graphs of " + m + " and " + g.maxNeighbours()
            + " neighbour slots cannot share a batch");
      }
    }
    float[] species = new float[b * n * classes];
    float[] adjacency = new float[b * n * m * n];
    float[] distances = new float[b * n * m];
    float[] edgeMask = new float[b * n * m];
    float[] atomMask = new float[b * n];
    java.util.Arrays.fill(distances, (float) padDistance);
    for (int r = 0; r < b; r++) {
      CrystalGraph g = graphs.get(r);
      for (int i = 0; i < g.size(); i++) {
        Integer c = classOf.get(g.element(i));
        if (c == null) {
          throw new IllegalArgumentException("element " + g.element(i).symbol()
              + " is not in the surrogate's vocabulary " + classOf.keySet());
        }
        species[(r * n + i) * classes + c] = 1f;
        atomMask[r * n + i] = 1f;
        for (int k = 0; k < g.neighbourCount(i); k++) {
          int e = (r * n + i) * m + k;
          distances[e] = (float) g.distance(i, k);
          edgeMask[e] = 1f;
          adjacency[e * n + g.neighbour(i, k)] = 1f;
        }
      }
    }
    return new GraphBatch(b, n, m, classes, species, adjacency, distances, edgeMask, atomMask);
  }

  /** B. */
  public int rows() {
    return rows;
  }

  /** N: atoms per row after padding. */
  public int atoms() {
    return atoms;
  }

  /** M. */
  public int slots() {
    return slots;
  }

  /** E. */
  public int classes() {
    return classes;
  }

  /** The block's inputs: NDList(species, adjacency, distances, edgeMask, atomMask). */
  public NDList toNDList(NDManager manager) {
    return new NDList(manager.create(species, new Shape(rows, atoms, classes)),
        manager.create(adjacency, new Shape(rows, (long) atoms * slots, atoms)),
        manager.create(distances, new Shape(rows, atoms, slots)),
        manager.create(edgeMask, new Shape(rows, atoms, slots)),
        manager.create(atomMask, new Shape(rows, atoms)));
  }
}
