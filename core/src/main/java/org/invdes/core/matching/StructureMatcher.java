package org.invdes.core.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.invdes.core.structure.Structure;

/**
 * Decides whether two crystal structures are the same crystal, the way pymatgen's
 * {@code StructureMatcher} (pymatgen 2022.11) does with its {@code ElementComparator}: up to choice
 * of cell, origin, site order, a volume scaling, lattice strain within {@code ltol}/{@code angleTol}
 * and site displacements within {@code stol}. Used for duplicate removal
 * ({@link #groupStructures}), novelty against a reference set ({@link #index}, {@link #anyMatch})
 * and reconstruction metrics ({@link #match}: match rate and RMS).
 *
 * <p>Tolerances and units: {@code ltol} is a fractional length tolerance (dimensionless), {@code
 * angleTol} is in degrees, {@code stol} is a distance in units of the average free length per atom
 * (V / N)^(1/3), with V the cell volume in Å³ and N the number of sites, so that displacements are
 * compared independently of the cell size. Defaults are pymatgen's: ltol 0.2, stol 0.3, angleTol 5°,
 * primitive cells, volume scaling, no supercells. The reconstruction benchmark uses
 * {@link #reconstruction()}: stol 0.5, ltol 0.3, angleTol 10°.
 *
 * <h2>Algorithm for a pair (a, b)</h2>
 * <ol>
 *   <li>The fractional element compositions must agree (to 1e-8), otherwise no match.
 *   <li>Reduce both: Niggli cell, then the primitive cell if {@code primitiveCell} (translations that
 *       map the structure onto itself within {@code primitiveTolerance} Å, see
 *       {@link CellReduction#primitive}). {@link #reduce} does this once per structure.
 *   <li>Supercell size: 1, or with {@code attemptSupercell} the ratio of the reduced site counts
 *       rounded (the smaller cell is to be stacked that many times).
 *   <li>With {@code scale}: multiply a's lattice by r = (V_b / (V_a · size))^(1/6) and divide b's by
 *       r, so both hold the same volume per site.
 *   <li>Let S1 be the structure with more sites (after stacking) and S2 the other (a is S1 when the
 *       counts are equal). Per species the site counts must agree.
 *   <li>Lattice mappings: every basis (or supercell basis) of the stacked structure's lattice whose
 *       lengths are within a factor 1 + ltol of the other lattice's Niggli cell lengths and whose
 *       angles are within angleTol of its angles ({@link LatticeMappings}); mirror-image bases count.
 *       A cheap necessary test (the sorted Niggli lengths are the successive minima of a lattice)
 *       rejects most hopeless pairs before this enumeration.
 *   <li>For each mapping: express the re-celled structure's sites in the new basis (with the lattice
 *       points of a supercell), wrap into [0, 1); place both site sets on the average lattice (the
 *       mean of the two sets of six parameters), volume V; the distance unit is (V / N)^(1/3) Å.
 *   <li>Origin shifts: translate S2 so that its first site of the rarest species sits on each S1
 *       site of that species in turn. Prefilter: every shifted S2 site needs an S1 site of its
 *       species within 2 · stol · (V/N)^(1/3) · |a*_k| in each fractional component k (a*_k the
 *       reciprocal vectors of the average lattice, 1/Å), a necessary condition for a match.
 *   <li>Pairing: per species, the optimal assignment ({@link LinearAssignment}, exact) on the
 *       squared minimum-image distances in the average lattice (Å²); a pair is forbidden when a
 *       fractional component of its separation in the reduced basis of the average lattice exceeds
 *       2 · stol · (V/N)^(1/3) · |a′*_k| (then it is more than 2 stol (V/N)^(1/3) Å apart). Remove
 *       the mean displacement vector (a further origin shift); the remaining distances divided by
 *       (V/N)^(1/3) are the normalised displacements.
 *   <li>{@link #fit}: true as soon as a superposition has all normalised displacements &lt; stol.
 *       {@link #match}: the superposition of least RMS displacement over all mappings and shifts,
 *       present if that RMS is &lt; stol (pymatgen's {@code get_rms_dist}; so a match may exist where
 *       fit is false because one site is displaced by more than stol).
 * </ol>
 *
 * <p>Like pymatgen's (with {@code symmetric=False}), {@code fit(a, b)} is not guaranteed to equal
 * {@code fit(b, a)}: the lattice mappings are searched in one direction (bases of a matched to b's
 * Niggli cell). They differ only for pairs near a tolerance limit. Also like pymatgen's, the
 * figures of a poor superposition (displacements near half a cell) can depend on the site order:
 * the origin shifts start from the first site of the rarest species, and the periodic image chosen
 * for a large displacement depends on that start. Good matches do not depend on it.
 *
 * <p>Not implemented: pymatgen's {@code allow_subset} (matching a structure to part of another),
 * {@code ignored_species}, comparators other than the element comparator (this model has no
 * oxidation states, so pymatgen's default species comparator behaves the same on its structures),
 * and {@code supercell_size} other than "num_sites".
 *
 * <p>Instances are immutable and thread-safe; each call uses its own work arrays.
 */
public final class StructureMatcher {

  private final double ltol;
  private final double stol;
  private final double angleTol;
  private final boolean primitiveCell;
  private final boolean scale;
  private final boolean attemptSupercell;
  private final double primitiveTolerance;
  private final boolean parallel;

  private StructureMatcher(Builder b) {
    this.ltol = b.ltol;
    this.stol = b.stol;
    this.angleTol = b.angleTol;
    this.primitiveCell = b.primitiveCell;
    this.scale = b.scale;
    this.attemptSupercell = b.attemptSupercell;
    this.primitiveTolerance = b.primitiveTolerance;
    this.parallel = b.parallel;
  }

  /** @return a builder with pymatgen's defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a matcher with pymatgen's defaults (ltol 0.2, stol 0.3, angleTol 5°) */
  public static StructureMatcher defaults() {
    return builder().build();
  }

  /**
   * @return the matcher of the CDVAE reconstruction benchmark: stol 0.5, ltol 0.3, angleTol 10°,
   *     other options at their defaults
   */
  public static StructureMatcher reconstruction() {
    return builder().stol(0.5).ltol(0.3).angleTol(10).build();
  }

  /** @return the fractional length tolerance (dimensionless) */
  public double ltol() {
    return ltol;
  }

  /** @return the site tolerance in units of (V / N)^(1/3) (dimensionless) */
  public double stol() {
    return stol;
  }

  /** @return the angle tolerance, degrees */
  public double angleTol() {
    return angleTol;
  }

  /** @return whether structures are reduced to primitive cells before matching */
  public boolean primitiveCell() {
    return primitiveCell;
  }

  /** @return whether the two volumes are scaled to agree before matching */
  public boolean scale() {
    return scale;
  }

  /** @return whether a structure may match a supercell of the other */
  public boolean attemptSupercell() {
    return attemptSupercell;
  }

  /** @return the primitive-cell tolerance, Å */
  public double primitiveTolerance() {
    return primitiveTolerance;
  }

  /** @return whether {@link #groupStructures} and {@link #index} use several threads */
  public boolean parallel() {
    return parallel;
  }

  // ------------------------------------------------------------------------------------------
  // Pairs
  // ------------------------------------------------------------------------------------------

  /**
   * Reduces a structure once (Niggli, primitive if configured) for repeated matching.
   *
   * @param structure the structure
   * @return its reduced form
   */
  public ReducedStructure reduce(Structure structure) {
    return ReducedStructure.of(structure, primitiveCell, primitiveTolerance);
  }

  /**
   * Whether b is the same crystal as a (pymatgen's {@code fit(a, b)}).
   *
   * @param a the first structure
   * @param b the second structure
   * @return true if some superposition displaces every site by less than stol
   */
  public boolean fit(Structure a, Structure b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (!ReducedStructure.compositionKey(a).equals(ReducedStructure.compositionKey(b))) {
      return false;
    }
    return fit(reduce(a), reduce(b));
  }

  /**
   * {@link #fit(Structure, Structure)} on structures reduced by {@link #reduce}.
   *
   * @param a the first structure, reduced by a matcher with the same primitive-cell settings
   * @param b the second structure, likewise
   * @return true if some superposition displaces every site by less than stol
   * @throws IllegalArgumentException if a structure was reduced with other primitive-cell settings
   */
  public boolean fit(ReducedStructure a, ReducedStructure b) {
    checkReduced(a, "a");
    checkReduced(b, "b");
    return engine().match(a, b, false) != null;
  }

  /**
   * The superposition of a and b with the least RMS displacement (pymatgen's
   * {@code get_rms_dist(a, b)}: its two figures are {@link MatchResult#rms()} and
   * {@link MatchResult#maxDistance()}).
   *
   * @param a the first structure
   * @param b the second structure
   * @return the best superposition, or empty if none has an RMS below stol
   */
  public Optional<MatchResult> match(Structure a, Structure b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (!ReducedStructure.compositionKey(a).equals(ReducedStructure.compositionKey(b))) {
      return Optional.empty();
    }
    return match(reduce(a), reduce(b));
  }

  /**
   * {@link #match(Structure, Structure)} on structures reduced by {@link #reduce}.
   *
   * @param a the first structure, reduced by a matcher with the same primitive-cell settings
   * @param b the second structure, likewise
   * @return the best superposition, or empty if none has an RMS below stol
   */
  public Optional<MatchResult> match(ReducedStructure a, ReducedStructure b) {
    checkReduced(a, "a");
    checkReduced(b, "b");
    MatchEngine.Outcome o = engine().match(a, b, true);
    if (o == null) {
      return Optional.empty();
    }
    return Optional.of(new MatchResult(o.rms, o.max, o.fu, o.pairs, a, b));
  }

  // ------------------------------------------------------------------------------------------
  // Sets
  // ------------------------------------------------------------------------------------------

  /**
   * Groups structures into sets of the same crystal, as pymatgen's {@code group_structures}:
   * structures are bucketed by fractional composition (and, without {@code attemptSupercell}, by the
   * number of sites of their reduced cell, which must agree for a match); in each bucket the first
   * unassigned structure opens a group and takes every later unassigned structure s with
   * {@code fit(first, s)}. Membership is as pymatgen's (the same fits are made; pairs in different
   * buckets can never fit); groups are listed in order of their first member, members in input
   * order, rather than in pymatgen's order of composition hashes.
   *
   * @param structures the structures
   * @return groups of indices into the list; every index appears in exactly one group
   */
  public List<List<Integer>> groupStructures(List<Structure> structures) {
    Objects.requireNonNull(structures, "structures");
    List<ReducedStructure> reduced = reduceAll(structures);
    Map<String, List<Integer>> buckets = new LinkedHashMap<>();
    for (int i = 0; i < reduced.size(); i++) {
      buckets.computeIfAbsent(bucketKey(reduced.get(i)), k -> new ArrayList<>()).add(i);
    }
    ThreadLocal<MatchEngine> engines = ThreadLocal.withInitial(this::engine);
    List<List<Integer>> groups = new ArrayList<>();
    for (List<Integer> bucket : buckets.values()) {
      List<Integer> unmatched = new ArrayList<>(bucket);
      while (!unmatched.isEmpty()) {
        int first = unmatched.remove(0);
        ReducedStructure ref = reduced.get(first);
        List<Integer> rest = unmatched;
        IntStream range = IntStream.range(0, rest.size());
        if (parallel) {
          range = range.parallel();
        }
        boolean[] fits = new boolean[rest.size()];
        range.forEach(k -> fits[k] = engines.get().match(ref, reduced.get(rest.get(k)), false) != null);
        List<Integer> group = new ArrayList<>();
        group.add(first);
        List<Integer> left = new ArrayList<>();
        for (int k = 0; k < rest.size(); k++) {
          (fits[k] ? group : left).add(rest.get(k));
        }
        groups.add(Collections.unmodifiableList(group));
        unmatched = left;
      }
    }
    groups.sort((x, y) -> Integer.compare(x.get(0), y.get(0)));
    return Collections.unmodifiableList(groups);
  }

  /**
   * Prepares a reference set for novelty tests: every structure reduced once, bucketed by
   * fractional composition (and reduced site count without {@code attemptSupercell}).
   *
   * @param references the reference structures
   * @return the index
   */
  public Index index(List<Structure> references) {
    Objects.requireNonNull(references, "references");
    return new Index(this, reduceAll(references));
  }

  /**
   * Whether a candidate is the same crystal as some reference: {@code fit(candidate, reference)} over
   * the references of its bucket.
   *
   * @param candidate the structure to test
   * @param reference the index, built by a matcher with the same primitive-cell and supercell settings
   * @return true if some reference fits
   */
  public boolean anyMatch(Structure candidate, Index reference) {
    return firstMatch(candidate, reference).isPresent();
  }

  /**
   * The first reference (in the order the index was built from) that the candidate fits.
   *
   * @param candidate the structure to test
   * @param reference the index, built by a matcher with the same primitive-cell and supercell settings
   * @return the index of that reference in the list, or empty if none fits
   * @throws IllegalArgumentException if the index was built with other primitive-cell or supercell
   *     settings
   */
  public OptionalInt firstMatch(Structure candidate, Index reference) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(reference, "reference");
    StructureMatcher built = reference.matcher;
    if (built.primitiveCell != primitiveCell || built.primitiveTolerance != primitiveTolerance
        || built.attemptSupercell != attemptSupercell) {
      throw new IllegalArgumentException("index was built with primitiveCell=" + built.primitiveCell
          + ", primitiveTolerance=" + built.primitiveTolerance + " Å, attemptSupercell="
          + built.attemptSupercell + "; this matcher has " + primitiveCell + ", " + primitiveTolerance
          + " Å, " + attemptSupercell);
    }
    String composition = ReducedStructure.compositionKey(candidate);
    if (!reference.compositions.contains(composition)) {
      return OptionalInt.empty();
    }
    ReducedStructure c = reduce(candidate);
    int[] bucket = reference.buckets.get(bucketKey(c));
    if (bucket == null) {
      return OptionalInt.empty();
    }
    MatchEngine engine = engine();
    for (int r : bucket) {
      if (engine.match(c, reference.reduced.get(r), false) != null) {
        return OptionalInt.of(r);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * A reference set prepared by {@link StructureMatcher#index}: each structure reduced once and
   * bucketed, so that a candidate is compared only with references that could match it. Immutable
   * and thread-safe.
   */
  public static final class Index {
    private final StructureMatcher matcher;
    private final List<ReducedStructure> reduced;
    private final Map<String, int[]> buckets;
    private final java.util.Set<String> compositions;

    private Index(StructureMatcher matcher, List<ReducedStructure> reduced) {
      this.matcher = matcher;
      this.reduced = reduced;
      Map<String, List<Integer>> lists = new LinkedHashMap<>();
      java.util.Set<String> comps = new java.util.HashSet<>();
      for (int i = 0; i < reduced.size(); i++) {
        lists.computeIfAbsent(matcher.bucketKey(reduced.get(i)), k -> new ArrayList<>()).add(i);
        comps.add(reduced.get(i).compositionKey);
      }
      Map<String, int[]> arrays = new java.util.HashMap<>();
      lists.forEach((k, v) -> arrays.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
      this.buckets = arrays;
      this.compositions = comps;
    }

    /** @return the number of reference structures */
    public int size() {
      return reduced.size();
    }

    /**
     * @param i index in the reference list, 0 ≤ i &lt; {@link #size()}
     * @return that reference as reduced for matching
     */
    public ReducedStructure reference(int i) {
      return reduced.get(i);
    }

    /** @return the number of buckets (distinct composition and site-count keys) */
    public int bucketCount() {
      return buckets.size();
    }

    @Override
    public String toString() {
      return "StructureMatcher.Index[" + reduced.size() + " structures in " + buckets.size() + " buckets]";
    }
  }

  // ------------------------------------------------------------------------------------------
  // Helpers
  // ------------------------------------------------------------------------------------------

  private String bucketKey(ReducedStructure r) {
    return attemptSupercell ? r.compositionKey : r.compositionKey + "|" + r.size;
  }

  private List<ReducedStructure> reduceAll(List<Structure> structures) {
    IntStream range = IntStream.range(0, structures.size());
    if (parallel) {
      range = range.parallel();
    }
    return range.mapToObj(i -> reduce(Objects.requireNonNull(structures.get(i), "structure " + i)))
        .collect(Collectors.toUnmodifiableList());
  }

  MatchEngine engine() {
    return new MatchEngine(ltol, stol, angleTol, scale, attemptSupercell);
  }

  private void checkReduced(ReducedStructure r, String name) {
    Objects.requireNonNull(r, name);
    if (r.isPrimitiveReduced() != primitiveCell || r.primitiveTolerance() != primitiveTolerance) {
      throw new IllegalArgumentException("structure " + name + " was reduced with primitiveCell="
          + r.isPrimitiveReduced() + ", primitiveTolerance=" + r.primitiveTolerance()
          + " Å; this matcher uses primitiveCell=" + primitiveCell + ", primitiveTolerance="
          + primitiveTolerance + " Å");
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "StructureMatcher[ltol=%s, stol=%s, angleTol=%s°, primitiveCell=%s, scale=%s, attemptSupercell=%s,"
            + " primitiveTolerance=%s Å]",
        ltol, stol, angleTol, primitiveCell, scale, attemptSupercell, primitiveTolerance);
  }

  /** Builder of a {@link StructureMatcher}; starts at pymatgen's defaults. Not thread-safe. */
  public static final class Builder {
    private double ltol = 0.2;
    private double stol = 0.3;
    private double angleTol = 5;
    private boolean primitiveCell = true;
    private boolean scale = true;
    private boolean attemptSupercell = false;
    private double primitiveTolerance = CellReduction.DEFAULT_PRIMITIVE_TOLERANCE_ANGSTROM;
    private boolean parallel = false;

    private Builder() {
    }

    /**
     * @param fraction fractional length tolerance: a length ℓ matches L when 1/(1 + ltol) &lt; ℓ/L &lt;
     *     1 + ltol; finite, in (0, 1]; default 0.2
     * @return this builder
     */
    public Builder ltol(double fraction) {
      if (!Double.isFinite(fraction) || !(fraction > 0) || fraction > 1) {
        throw new IllegalArgumentException("ltol is " + fraction + "; must be in (0, 1]");
      }
      this.ltol = fraction;
      return this;
    }

    /**
     * @param fractionOfFreeLength site tolerance in units of (V / N)^(1/3); finite, in (0, 2];
     *     default 0.3
     * @return this builder
     */
    public Builder stol(double fractionOfFreeLength) {
      if (!Double.isFinite(fractionOfFreeLength) || !(fractionOfFreeLength > 0) || fractionOfFreeLength > 2) {
        throw new IllegalArgumentException("stol is " + fractionOfFreeLength + "; must be in (0, 2]");
      }
      this.stol = fractionOfFreeLength;
      return this;
    }

    /**
     * @param degrees angle tolerance, degrees; finite, in (0, 90]; default 5
     * @return this builder
     */
    public Builder angleTol(double degrees) {
      if (!Double.isFinite(degrees) || !(degrees > 0) || degrees > 90) {
        throw new IllegalArgumentException("angleTol is " + degrees + "°; must be in (0°, 90°]");
      }
      this.angleTol = degrees;
      return this;
    }

    /**
     * @param reduce whether to reduce structures to primitive cells first; default true
     * @return this builder
     */
    public Builder primitiveCell(boolean reduce) {
      this.primitiveCell = reduce;
      return this;
    }

    /**
     * @param scaleVolumes whether to scale both structures to the same volume per site; default true
     * @return this builder
     */
    public Builder scale(boolean scaleVolumes) {
      this.scale = scaleVolumes;
      return this;
    }

    /**
     * @param attempt whether a structure may match a supercell of the other (reduced site counts in
     *     an integer ratio); default false
     * @return this builder
     */
    public Builder attemptSupercell(boolean attempt) {
      this.attemptSupercell = attempt;
      return this;
    }

    /**
     * @param angstrom distance within which two positions coincide in the primitive-cell search, Å;
     *     finite, &gt; 0; default {@value CellReduction#DEFAULT_PRIMITIVE_TOLERANCE_ANGSTROM}
     * @return this builder
     */
    public Builder primitiveTolerance(double angstrom) {
      if (!Double.isFinite(angstrom) || !(angstrom > 0)) {
        throw new IllegalArgumentException("primitiveTolerance is " + angstrom + " Å; must be finite and > 0");
      }
      this.primitiveTolerance = angstrom;
      return this;
    }

    /**
     * @param useThreads whether {@link #groupStructures} and {@link #index} reduce and compare on the
     *     common fork-join pool; results are identical either way; default false
     * @return this builder
     */
    public Builder parallel(boolean useThreads) {
      this.parallel = useThreads;
      return this;
    }

    /** @return the matcher */
    public StructureMatcher build() {
      return new StructureMatcher(this);
    }
  }
}
