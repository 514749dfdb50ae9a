package org.invdes.core.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * The crystal graph of one ordered structure, the surrogate's featurisation step: every atom of
 * the cell is a node, joined to its M nearest periodic images (other atoms or its own images)
 * closer than a cut-off. Immutable.
 *
 * <p>Algorithm of {@link #of}:
 *
 * <ol>
 *   <li>Refuse a structure with a partially occupied site or no site.
 *   <li>For each atom i, enumerate every image j + (a, b, c) of every atom j whose fractional
 *       offset could lie within the cut-off: along axis k, the offsets span ± cut-off · |b_k|
 *       cells around the difference of fractional coordinates, with b_k the k-th row of the
 *       crystallographic reciprocal lattice (so no image within the cut-off is missed).
 *   <li>Keep the M nearest images at a distance of at most the cut-off, Å (an atom's own image
 *       at zero offset is not its neighbour), nearest first; among equal distances the one
 *       enumerated first (lower atom index, then lower cell offsets) comes first.
 * </ol>
 *
 * Distances are in Å; atom i's k-th neighbour is atom {@link #neighbour(int, int)} at {@link
 * #distance(int, int)}; atoms with fewer than M neighbours have {@link #neighbourCount(int)} &lt;
 * M and the remaining slots are padding.
 */
public final class CrystalGraph {
  private final List<Element> elements;
  private final int maxNeighbours;
  private final int[][] neighbours;
  private final double[][] distances;
  private final int[][][] images;
  private final int[] counts;

  private CrystalGraph(List<Element> elements, int maxNeighbours, int[][] neighbours,
      double[][] distances, int[][][] images, int[] counts) {
    this.elements = elements;
    this.maxNeighbours = maxNeighbours;
    this.neighbours = neighbours;
    this.distances = distances;
    this.images = images;
    this.counts = counts;
  }

  /**
   * The graph of a structure (steps in the class description).
   *
   * @param structure an ordered structure with at least one site
   * @param cutoffAngstrom neighbours are closer than this, Å; positive
   * @param maxNeighbours M, at least 1
   * @throws IllegalArgumentException naming the structure's formula and the site if it is
   *     disordered or empty
   */
  public static CrystalGraph of(Structure structure, double cutoffAngstrom, int maxNeighbours) {
    Objects.requireNonNull(structure, "structure");
    if (!(cutoffAngstrom > 0) || maxNeighbours < 1) {
      throw new IllegalArgumentException("cut-off " + cutoffAngstrom + " Å and max neighbours "
          + maxNeighbours + " must be positive");
    }
    String problem = problem(structure);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    int n = structure.size();
    List<Element> elements = new ArrayList<>(n);
    double[][] frac = new double[n][];
    for (int i = 0; i < n; i++) {
      Site s = structure.site(i);
      elements.add(s.majorElement());
      frac[i] = s.frac();
    }
    Lattice lattice = structure.lattice();
    double[][] m = lattice.matrix();
    double[][] recip = lattice.reciprocalCrystallographic().matrix();
    double[] span = new double[3];
    for (int k = 0; k < 3; k++) {
      span[k] = cutoffAngstrom * Math.sqrt(recip[k][0] * recip[k][0] + recip[k][1] * recip[k][1]
          + recip[k][2] * recip[k][2]);
    }
    double cut2 = cutoffAngstrom * cutoffAngstrom;
    int[][] nb = new int[n][maxNeighbours];
    double[][] dist = new double[n][maxNeighbours];
    int[][][] img = new int[n][maxNeighbours][];
    int[] counts = new int[n];
    // the M nearest so far, sorted by squared distance; an image replaces the last one only
    // when strictly closer, so among equal distances the first enumerated stays
    double[] bestD2 = new double[maxNeighbours];
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int j = 0; j < n; j++) {
        double dx = frac[j][0] - frac[i][0];
        double dy = frac[j][1] - frac[i][1];
        double dz = frac[j][2] - frac[i][2];
        int a0 = (int) Math.floor(-dx - span[0]);
        int a1 = (int) Math.ceil(-dx + span[0]);
        int b0 = (int) Math.floor(-dy - span[1]);
        int b1 = (int) Math.ceil(-dy + span[1]);
        int c0 = (int) Math.floor(-dz - span[2]);
        int c1 = (int) Math.ceil(-dz + span[2]);
        for (int a = a0; a <= a1; a++) {
          for (int b = b0; b <= b1; b++) {
            for (int c = c0; c <= c1; c++) {
              double fx = dx + a;
              double fy = dy + b;
              double fz = dz + c;
              double x = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
              double y = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
              double z = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
              double d2 = x * x + y * y + z * z;
              if (d2 > cut2 || (count == maxNeighbours && d2 >= bestD2[count - 1])
                  || (j == i && a == 0 && b == 0 && c == 0)) {
                continue;
              }
              int pos = count < maxNeighbours ? count++ : count - 1;
              while (pos > 0 && bestD2[pos - 1] > d2) {
                bestD2[pos] = bestD2[pos - 1];
                nb[i][pos] = nb[i][pos - 1];
                img[i][pos] = img[i][pos - 1];
                pos--;
              }
              bestD2[pos] = d2;
              nb[i][pos] = j;
              img[i][pos] = new int[] {a, b, c};
            }
          }
        }
      }
      for (int k = 0; k < count; k++) {
        dist[i][k] = Math.sqrt(bestD2[k]);
      }
      counts[i] = count;
    }
    return new CrystalGraph(List.copyOf(elements), maxNeighbours, nb, dist, img, counts);
  }

  /**
   * Why a structure has no crystal graph, or null if it has one.
   *
   * @return e.g. {@code "NaCl has a partially occupied site 0 (Na:0.5)"}
   */
  public static String problem(Structure structure) {
    if (structure.size() == 0) {
      return structure.composition().reducedFormula() + " has no site";
    }
    for (int i = 0; i < structure.size(); i++) {
      Site s = structure.site(i);
      if (!s.isOrdered()) {
        return structure.composition().reducedFormula() + " has a partially occupied site " + i
            + " (" + s.speciesString() + "); the surrogate needs ordered structures";
      }
    }
    return null;
  }

  /** N: atoms in the cell. */
  public int size() {
    return elements.size();
  }

  /** M: neighbour slots per atom. */
  public int maxNeighbours() {
    return maxNeighbours;
  }

  /** The element of atom i. */
  public Element element(int i) {
    return elements.get(i);
  }

  /** The elements, atom by atom. */
  public List<Element> elements() {
    return elements;
  }

  /** How many of atom i's M slots hold a neighbour. */
  public int neighbourCount(int i) {
    return counts[i];
  }

  /** The atom index of atom i's k-th nearest neighbour (k &lt; {@link #neighbourCount}). */
  public int neighbour(int i, int k) {
    checkSlot(i, k);
    return neighbours[i][k];
  }

  /** The distance to atom i's k-th nearest neighbour, Å. */
  public double distance(int i, int k) {
    checkSlot(i, k);
    return distances[i][k];
  }

  /**
   * The cell offset (a, b, c) of atom i's k-th nearest neighbour: it sits at fractional
   * position f_j + (a, b, c), where j = {@link #neighbour(int, int)}.
   */
  public int[] image(int i, int k) {
    checkSlot(i, k);
    return images[i][k].clone();
  }

  private void checkSlot(int i, int k) {
    if (k < 0 || k >= counts[i]) {
      throw new IndexOutOfBoundsException("atom " + i + " has " + counts[i]
          + " neighbours; slot " + k + " asked");
    }
  }

  @Override
  public String toString() {
    return "CrystalGraph[" + size() + " atoms, M=" + maxNeighbours + "]";
  }
}
