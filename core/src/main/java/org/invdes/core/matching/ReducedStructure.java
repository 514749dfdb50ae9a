package org.invdes.core.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;

/**
 * A structure prepared once for matching: its Niggli-reduced (and, if the matcher asks for it,
 * primitive) cell with the per-site data the matcher reads in its inner loops. Obtain it with
 * {@link StructureMatcher#reduce(Structure)} and reuse it for many comparisons; immutable and
 * thread-safe.
 */
public final class ReducedStructure {

  private final Structure original;
  private final Structure reduced;
  private final boolean primitive;
  private final double primitiveTolerance;
  final int size;
  /** Fractional coordinates of the reduced cell, 3 per site, wrapped into [0, 1). */
  final double[] frac;
  /** Index into {@link #species} of each site. */
  final int[] siteSpecies;
  /** The distinct species, in order of first appearance. */
  final SiteSpecies[] species;
  /** Number of sites of each distinct species. */
  final int[] speciesCount;
  /** Lattice rows a, b, c, row-major, Å. */
  final double[] matrix;
  /** Cell volume, Å³. */
  final double volume;
  /** Lattice lengths of the Niggli cell, sorted ascending (its successive minima), Å. */
  final double[] sortedLengths;
  /** Fractional element composition, canonical: the prefilter key of the matcher. */
  final String compositionKey;

  private ReducedStructure(Structure original, Structure reduced, boolean primitive,
                           double primitiveTolerance) {
    this.original = original;
    this.reduced = reduced;
    this.primitive = primitive;
    this.primitiveTolerance = primitiveTolerance;
    this.size = reduced.size();
    this.frac = new double[3 * size];
    this.siteSpecies = new int[size];
    List<SiteSpecies> distinct = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      for (int k = 0; k < 3; k++) {
        frac[3 * i + k] = reduced.site(i).frac(k);
      }
      SiteSpecies sp = SiteSpecies.of(reduced.site(i));
      int index = -1;
      for (int s = 0; s < distinct.size(); s++) {
        if (distinct.get(s).sameAs(sp)) {
          index = s;
          break;
        }
      }
      if (index < 0) {
        index = distinct.size();
        distinct.add(sp);
        counts.add(0);
      }
      siteSpecies[i] = index;
      counts.set(index, counts.get(index) + 1);
    }
    this.species = distinct.toArray(new SiteSpecies[0]);
    this.speciesCount = counts.stream().mapToInt(Integer::intValue).toArray();
    double[][] m = reduced.lattice().matrix();
    this.matrix = new double[] {m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1],
        m[2][2]};
    this.volume = reduced.lattice().volume();
    this.sortedLengths = reduced.lattice().lengths();
    Arrays.sort(sortedLengths);
    this.compositionKey = compositionKey(reduced);
  }

  static ReducedStructure of(Structure structure, boolean primitiveCell, double primitiveToleranceAngstrom) {
    Objects.requireNonNull(structure, "structure");
    Structure niggli = CellReduction.niggli(structure);
    Structure reduced = primitiveCell ? CellReduction.primitive(niggli, primitiveToleranceAngstrom) : niggli;
    return new ReducedStructure(structure, reduced, primitiveCell, primitiveToleranceAngstrom);
  }

  /**
   * The fractional element composition (each element's share of all atoms, occupancies counted)
   * as a canonical string, e.g. {@code 8:0.60000000;11:0.20000000;41:0.20000000}: elements by atomic
   * number, shares rounded to 1e-8.
   */
  static String compositionKey(Structure s) {
    Map<Element, Double> amounts = s.composition().amounts();
    double total = 0;
    for (double v : amounts.values()) {
      total += v;
    }
    Element[] elements = amounts.keySet().toArray(new Element[0]);
    Arrays.sort(elements);
    StringBuilder sb = new StringBuilder();
    for (Element e : elements) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(e.number()).append(':').append(Math.round(amounts.get(e) / total * 1e8));
    }
    return sb.toString();
  }

  /** @return the structure as given to {@link StructureMatcher#reduce} */
  public Structure original() {
    return original;
  }

  /**
   * @return the reduced cell the matcher compares: Niggli-reduced, primitive when the matcher's
   *     {@code primitiveCell} option is on; site indices of a {@link MatchResult} refer to it
   */
  public Structure structure() {
    return reduced;
  }

  /** @return whether the cell was reduced to a primitive cell */
  public boolean isPrimitiveReduced() {
    return primitive;
  }

  /** @return the primitive-cell tolerance used, Å (meaningful when {@link #isPrimitiveReduced()}) */
  public double primitiveTolerance() {
    return primitiveTolerance;
  }

  /** @return the number of sites of the reduced cell */
  public int size() {
    return size;
  }

  @Override
  public String toString() {
    return "ReducedStructure[" + reduced + "]";
  }
}
