package org.invdes.core.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;

/**
 * The lower convex hull of formation energy per atom over composition space, built from reference
 * phases, and the energy above it of a candidate.
 *
 * <p>Every element is a reference at 0 eV/atom (formation energies are relative to the elements);
 * an entry for an element with another energy counts as well (a lower one lowers the hull there,
 * as a more stable polymorph would). The hull energy of a composition with atom fractions x is
 * the lowest energy of any mixture of references with the same overall composition:
 * <pre>
 *   E_hull(x) = min Σⱼ λⱼ Eⱼ   subject to   Σⱼ λⱼ xⱼ = x,  λⱼ ≥ 0
 * </pre>
 * (Eⱼ eV/atom, xⱼ the atom fractions of reference j, λⱼ the fraction of atoms in reference j;
 * Σλⱼ = 1 follows because fractions sum to 1). This is pymatgen's {@code PhaseDiagram} hull energy
 * written as a linear program; the minimising λ is the decomposition into stable phases.
 *
 * <h2>Algorithm of {@link #decomposition}</h2>
 * <ol>
 *   <li>Reduce the composition ({@link Composition#reducedComposition()}) and look it up in the
 *       cache; its scale does not matter.
 *   <li>Collect the candidate references: entries whose elements are a subset of the candidate's
 *       (no other entry can appear in a mixture of the candidate's composition). Entries are
 *       indexed by chemical system (their set of elements), so this is one lookup per non-empty
 *       subset of the candidate's k elements (2ᵏ − 1), or a scan of the systems when that is
 *       fewer. Per system and reduced composition only the lowest-energy entry is kept.
 *   <li>Solve the linear program with a dense revised simplex method over the k element rows:
 *       the k elemental references at 0 eV/atom form the starting basis (feasible at once, as the
 *       candidate's fractions are non-negative). Each iteration prices every column (reduced cost
 *       dⱼ = Eⱼ − y·xⱼ with duals y, eV/atom), lets in the most negative one (below −{@value
 *       #COST_TOLERANCE_EV} eV/atom), and removes the basic column that first reaches zero (ratio
 *       test over pivots above {@value #PIVOT_TOLERANCE}). After a degenerate step (a step of
 *       length zero) it switches for good to Bland's rule (lowest index enters, lowest index
 *       leaves on ties), which cannot cycle, so the method always ends. The minimum is exact up
 *       to rounding (~1e-15 eV/atom).
 *   <li>If a reference has exactly the candidate's atom fractions (within {@value
 *       #FRACTION_TOLERANCE}) and its energy is within {@value #ON_HULL_TOLERANCE_EV} eV/atom of
 *       the minimum (a rounding margin), that reference alone is the decomposition and the hull
 *       energy is exactly its energy; so a reference on the hull has an energy above the hull of
 *       exactly 0, and no reference has a negative one.
 * </ol>
 * With k ≤ 5 elements and a few hundred candidate references a solution takes microseconds.
 *
 * <p>Immutable (apart from its cache) and thread-safe.
 */
public final class ConvexHull {

  /** Reduced costs above −this (eV/atom) count as non-negative: the simplex is optimal. */
  public static final double COST_TOLERANCE_EV = 1e-12;
  /** Pivot elements at or below this (dimensionless fractions) are not used in the ratio test. */
  public static final double PIVOT_TOLERANCE = 1e-12;
  /** Atom fractions closer than this are the same composition (step 4). */
  public static final double FRACTION_TOLERANCE = 1e-12;
  /**
   * A reference of the candidate's composition at most this far above the linear program's
   * minimum is taken as on the hull (rounding of the simplex is ~1e-15), eV/atom.
   */
  public static final double ON_HULL_TOLERANCE_EV = 1e-12;
  /** The largest number of cached decompositions before the cache is emptied. */
  public static final int CACHE_LIMIT = 200_000;

  /**
   * One reference phase.
   *
   * @param id an identifier for people, e.g. a Materials Project id {@code "mp-22862"}; not null
   * @param composition its composition; the scale does not matter
   * @param formationEnergyPerAtom its formation energy from the elements, eV/atom; finite
   */
  public record Entry(String id, Composition composition, double formationEnergyPerAtom) {
    /** Validates the fields, naming the entry in messages. */
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(composition, () -> "composition of entry '" + id + "'");
      if (!Double.isFinite(formationEnergyPerAtom)) {
        throw new IllegalArgumentException("formation energy of entry '" + id + "' ("
            + composition.reducedFormula() + ") is " + formationEnergyPerAtom
            + " eV/atom; must be finite");
      }
    }
  }

  /**
   * The stable mixture of references at a composition.
   *
   * @param hullEnergyPerAtom the hull's formation energy at the composition, eV/atom (≤ 0 unless
   *     elemental entries lie above 0)
   * @param phases the references of the mixture and their fractions of the atoms (each &gt; 0,
   *     summing to 1); elements without an entry of their own appear as implicit references with
   *     id {@code "element Fe"} and energy 0
   */
  public record Decomposition(double hullEnergyPerAtom, Map<Entry, Double> phases) {
    /** Copies the phases. */
    public Decomposition {
      phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }
  }

  /** A reference as a column of the linear program. */
  private static final class Column {
    final Entry entry;
    final Element[] elements;
    final double[] fractions;
    final double energy;

    Column(Entry entry) {
      this.entry = entry;
      Composition c = entry.composition();
      this.elements = c.elements().toArray(new Element[0]);
      this.fractions = new double[elements.length];
      double total = c.numAtoms();
      for (int i = 0; i < elements.length; i++) {
        fractions[i] = c.amount(elements[i]) / total;
      }
      this.energy = entry.formationEnergyPerAtom();
    }
  }

  /** A set of elements as a 128-bit mask over atomic numbers 1..103. */
  private record ChemSys(long low, long high) {
    static ChemSys of(Collection<Element> elements) {
      long lo = 0;
      long hi = 0;
      for (Element e : elements) {
        int z = e.number();
        if (z < 64) {
          lo |= 1L << z;
        } else {
          hi |= 1L << (z - 64);
        }
      }
      return new ChemSys(lo, hi);
    }

    boolean isSubsetOf(ChemSys other) {
      return (low & ~other.low) == 0 && (high & ~other.high) == 0;
    }
  }

  private final List<Entry> entries;
  /** Chemical system → its lowest-energy column per reduced composition. */
  private final Map<ChemSys, List<Column>> bySystem;
  private final ConcurrentHashMap<Composition, Decomposition> cache = new ConcurrentHashMap<>();

  private ConvexHull(List<Entry> entries) {
    this.entries = entries;
    Map<ChemSys, Map<Composition, Column>> lowest = new HashMap<>();
    for (Entry e : entries) {
      ChemSys system = ChemSys.of(e.composition().elements());
      Map<Composition, Column> perComposition =
          lowest.computeIfAbsent(system, s -> new LinkedHashMap<>());
      perComposition.merge(e.composition().reducedComposition(), new Column(e),
          (a, b) -> b.energy < a.energy ? b : a);
    }
    Map<ChemSys, List<Column>> index = new HashMap<>();
    lowest.forEach((system, columns) -> index.put(system, List.copyOf(columns.values())));
    this.bySystem = index;
  }

  /**
   * A hull of reference entries (the elements at 0 eV/atom are always included).
   *
   * @param entries the references; may be empty
   * @return the hull
   */
  public static ConvexHull of(Collection<Entry> entries) {
    Objects.requireNonNull(entries, "entries");
    return new ConvexHull(List.copyOf(entries));
  }

  /**
   * @param more further references
   * @return a hull of this hull's entries and these
   */
  public ConvexHull with(Collection<Entry> more) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(more);
    return of(all);
  }

  /** @return the reference entries as given (without the implicit elemental references) */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * @param composition a composition; its scale does not matter
   * @return the hull's formation energy at that composition, eV/atom
   */
  public double hullEnergy(Composition composition) {
    return decomposition(composition).hullEnergyPerAtom();
  }

  /**
   * The energy above the hull: formationEnergyPerAtom − {@link #hullEnergy}. Negative when the
   * candidate lies below the hull (it would be a new stable phase; pymatgen's {@code
   * get_e_above_hull} raises an error instead).
   *
   * @param composition the candidate's composition; its scale does not matter
   * @param formationEnergyPerAtom the candidate's formation energy, eV/atom; finite
   * @return the energy above the hull, eV/atom
   * @throws IllegalArgumentException if the energy is not finite
   */
  public double eAboveHull(Composition composition, double formationEnergyPerAtom) {
    if (!Double.isFinite(formationEnergyPerAtom)) {
      throw new IllegalArgumentException("formation energy of " + composition.reducedFormula()
          + " is " + formationEnergyPerAtom + " eV/atom; must be finite");
    }
    return formationEnergyPerAtom - hullEnergy(composition);
  }

  /**
   * The stable mixture of references at a composition (see the class description).
   *
   * @param composition a composition; its scale does not matter
   * @return the hull energy and the phases of the mixture
   */
  public Decomposition decomposition(Composition composition) {
    Objects.requireNonNull(composition, "composition");
    Composition key = composition.reducedComposition();
    Decomposition cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Decomposition d = solve(key);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, d);
    return d;
  }

  /** Steps 2 to 4 of the class description. */
  private Decomposition solve(Composition composition) {
    Element[] elements = composition.elements().toArray(new Element[0]);
    int k = elements.length;
    double total = composition.numAtoms();
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      b[i] = composition.amount(elements[i]) / total;
    }
    Map<Element, Integer> row = new HashMap<>();
    for (int i = 0; i < k; i++) {
      row.put(elements[i], i);
    }

    // step 2: the implicit elemental references first (the starting basis), then the entries
    List<Column> columns = new ArrayList<>();
    for (Element e : elements) {
      columns.add(new Column(new Entry("element " + e.symbol(), composition(e), 0.0)));
    }
    ChemSys system = ChemSys.of(Arrays.asList(elements));
    if (k < 31 && (1L << k) - 1 <= bySystem.size()) {
      for (int mask = 1; mask < (1 << k); mask++) {
        List<Element> subset = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          if ((mask & (1 << i)) != 0) {
            subset.add(elements[i]);
          }
        }
        List<Column> found = bySystem.get(ChemSys.of(subset));
        if (found != null) {
          columns.addAll(found);
        }
      }
    } else {
      bySystem.forEach((s, found) -> {
        if (s.isSubsetOf(system)) {
          columns.addAll(found);
        }
      });
    }
    int n = columns.size();
    double[][] a = new double[n][k];
    double[] cost = new double[n];
    for (int j = 0; j < n; j++) {
      Column c = columns.get(j);
      for (int t = 0; t < c.elements.length; t++) {
        a[j][row.get(c.elements[t])] = c.fractions[t];
      }
      cost[j] = c.energy;
    }

    // step 3
    Simplex lp = new Simplex(a, cost, b);
    lp.solve();
    double value = lp.value();
    Map<Entry, Double> phases = new LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      double x = lp.basicValue(i);
      if (x > PIVOT_TOLERANCE) {
        phases.merge(columns.get(lp.basicColumn(i)).entry, x, Double::sum);
      }
    }

    // step 4: a reference of exactly this composition at the minimum is the decomposition
    Column self = null;
    for (int j = k; j < n; j++) {
      Column c = columns.get(j);
      if (c.elements.length == k && cost[j] <= value + ON_HULL_TOLERANCE_EV
          && (self == null || cost[j] < self.energy) && sameFractions(a[j], b)) {
        self = c;
      }
    }
    if (self != null) {
      return new Decomposition(self.energy, Map.of(self.entry, 1.0));
    }
    return new Decomposition(value, phases);
  }

  private static boolean sameFractions(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(x[i] - y[i]) > FRACTION_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  private static Composition composition(Element e) {
    return Composition.of(Map.of(e, 1.0));
  }

  /**
   * The revised simplex method of step 3 for min cᵀλ subject to Aλ = b, λ ≥ 0, where the first k
   * columns of A are the unit vectors (a feasible starting basis, as b ≥ 0).
   */
  static final class Simplex {
    private final double[][] columns;
    private final double[] cost;
    private final int k;
    private final int n;
    /** The inverse of the basis matrix, k × k. */
    private final double[][] inverse;
    /** Column index of each basic variable. */
    private final int[] basic;
    /** Values of the basic variables (fractions of atoms). */
    private final double[] x;
    private final boolean[] isBasic;

    /**
     * @param columns n columns of k rows each; the first k are the unit vectors
     * @param cost n costs, eV/atom
     * @param b the right-hand side, k non-negative fractions
     */
    Simplex(double[][] columns, double[] cost, double[] b) {
      this.columns = columns;
      this.cost = cost;
      this.k = b.length;
      this.n = columns.length;
      this.inverse = new double[k][k];
      this.basic = new int[k];
      this.x = b.clone();
      this.isBasic = new boolean[n];
      for (int i = 0; i < k; i++) {
        inverse[i][i] = 1;
        basic[i] = i;
        isBasic[i] = true;
      }
    }

    void solve() {
      boolean bland = false;
      double[] y = new double[k];
      double[] u = new double[k];
      int maxIterations = 50 * (n + k) + 100;
      for (int iteration = 0; iteration < maxIterations; iteration++) {
        // duals y = c_B B⁻¹
        Arrays.fill(y, 0);
        for (int i = 0; i < k; i++) {
          double cb = cost[basic[i]];
          if (cb != 0) {
            double[] inv = inverse[i];
            for (int r = 0; r < k; r++) {
              y[r] += cb * inv[r];
            }
          }
        }
        // pricing
        int entering = -1;
        double best = -COST_TOLERANCE_EV;
        for (int j = 0; j < n; j++) {
          if (isBasic[j]) {
            continue;
          }
          double[] col = columns[j];
          double d = cost[j];
          for (int r = 0; r < k; r++) {
            d -= y[r] * col[r];
          }
          if (d < best) {
            entering = j;
            if (bland) {
              break;
            }
            best = d;
          }
        }
        if (entering < 0) {
          return;
        }
        // u = B⁻¹ a_entering
        double[] col = columns[entering];
        for (int i = 0; i < k; i++) {
          double s = 0;
          double[] inv = inverse[i];
          for (int r = 0; r < k; r++) {
            s += inv[r] * col[r];
          }
          u[i] = s;
        }
        // ratio test; ties go to the lowest column index (Bland)
        int leaving = -1;
        double theta = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
          if (u[i] > PIVOT_TOLERANCE) {
            double t = Math.max(0, x[i]) / u[i];
            if (t < theta || (t == theta && basic[i] < basic[leaving])) {
              theta = t;
              leaving = i;
            }
          }
        }
        if (leaving < 0) {
          throw new IllegalStateException("hull linear program is unbounded, which the elemental"
              + " references rule out; column " + entering + " has no positive pivot");
        }
        if (theta == 0) {
          bland = true;
        }
        pivot(leaving, entering, u, theta);
      }
      throw new IllegalStateException(
          "hull linear program did not converge in " + maxIterations + " iterations");
    }

    private void pivot(int leaving, int entering, double[] u, double theta) {
      for (int i = 0; i < k; i++) {
        if (i != leaving) {
          x[i] -= theta * u[i];
        }
      }
      x[leaving] = theta;
      double p = u[leaving];
      double[] pivotRow = inverse[leaving];
      for (int r = 0; r < k; r++) {
        pivotRow[r] /= p;
      }
      for (int i = 0; i < k; i++) {
        if (i != leaving && u[i] != 0) {
          double f = u[i];
          double[] rowI = inverse[i];
          for (int r = 0; r < k; r++) {
            rowI[r] -= f * pivotRow[r];
          }
        }
      }
      isBasic[basic[leaving]] = false;
      basic[leaving] = entering;
      isBasic[entering] = true;
    }

    /** @return the optimal value Σ c_B x_B, eV/atom */
    double value() {
      double v = 0;
      for (int i = 0; i < k; i++) {
        v += cost[basic[i]] * Math.max(0, x[i]);
      }
      return v;
    }

    int basicColumn(int i) {
      return basic[i];
    }

    double basicValue(int i) {
      return Math.max(0, x[i]);
    }
  }
}
