package org.invdes.core.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.invdes.core.io.DatasetCsv;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.Validity;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.core.symmetry.SpaceGroupSetting;
import org.invdes.core.symmetry.SpaceGroups;
import org.invdes.core.symmetry.SymmetryOperation;

/**
 * A demo dataset of invdes's own making, generated deterministically and offline: ionic crystals
 * of the {@link Prototype}s (rock salt, CsCl, zinc blende, wurtzite, fluorite, antifluorite,
 * rutile, cubic perovskite, spinel) decorated with charge-balanced ions, each cell scaled from
 * Shannon's ionic radii by its prototype's rule. The structures are idealised (not relaxed, not
 * claimed stable); their properties are exact functions of the structure. Immutable.
 *
 * <p><b>Generation</b>, step by step:
 *
 * <ol>
 *   <li><b>Ions.</b> Cations: every metal ({@link Element#isMetal()}) with Z ≤ 83 except Tc and
 *       Pm, in each of its common oxidation states q &gt; 0 ({@link
 *       Element#commonOxidationStates()}) for which Shannon lists a radius. Anions: F⁻, Cl⁻, Br⁻,
 *       I⁻, O²⁻, S²⁻, Se²⁻, Te²⁻ and N³⁻.
 *   <li><b>Decorations.</b> For each prototype, every assignment of ions to its roles (A, B, X)
 *       with distinct elements and total charge zero (Σ count·q = 0), in ascending order of
 *       (atomic number, oxidation state) per role; an assignment whose formula and prototype
 *       repeat an earlier one is skipped.
 *   <li><b>Radii.</b> Each ion's radius is Shannon's at the coordination its role has ({@link
 *       #ionicRadius}).
 *   <li><b>Structure.</b> The lattice from the prototype's rule (see each {@link Prototype}),
 *       Wyckoff orbits expanded with the space group's operations, F-centred cells reduced to the
 *       primitive cell.
 *   <li><b>Filters.</b> Kept when the project's validity checks pass ({@link Validity#valid}:
 *       every interatomic distance ≥ 0.5 Å, volume ≥ 0.1 Å³, SMACT's charge-neutrality and
 *       electronegativity test), and the prototype's own window holds (perovskite tolerance
 *       factor, spinel u).
 *   <li><b>Selection.</b> With a seed s and a size n: the candidates of each prototype are
 *       shuffled with {@code new java.util.Random(s)} (Fisher–Yates, prototypes in declaration
 *       order) and n is shared among the prototypes as evenly as their candidates allow
 *       (water-filling); each prototype's chosen rows are split 80 / 10 / 10 into train,
 *       validation and test in shuffled order, and each split is sorted by id.
 * </ol>
 *
 * <p><b>Columns</b> ({@link #write}): {@code id} (prototype and reduced formula, e.g. {@code
 * rocksalt-NaCl}), {@code cif} (P1), {@code formula} (reduced), {@code prototype}, {@code density}
 * (g/cm³, mass of the cell over its volume), {@code volume_per_atom} (Å³), {@code
 * packing_fraction} (the volume of the ions as spheres of their radii, Σ 4/3 π r³, over the cell
 * volume; dimensionless).
 */
public final class DemoDataset {
  /** The default seed. */
  public static final long DEFAULT_SEED = 42;
  /** The default number of rows (all splits together). */
  public static final int DEFAULT_SIZE = 3000;
  /** The properties of every row, in column order. */
  public static final List<String> PROPERTIES =
      List.of("density", "volume_per_atom", "packing_fraction");
  /** Fraction of each prototype's rows in the validation split, and again in the test split. */
  public static final double HOLD_OUT_FRACTION = 0.1;

  private static final Set<String> EXCLUDED_CATIONS = Set.of("Tc", "Pm");
  private static final int MAX_CATION_Z = 83;
  private static final String[] ANIONS = {"F", "Cl", "Br", "I", "O", "S", "Se", "Te", "N"};
  private static final int[] ANION_STATES = {-1, -1, -1, -1, -2, -2, -2, -2, -3};
  private static final double DEDUPLICATE = 1e-6;

  /** An element in an oxidation state. */
  public record Ion(Element element, int oxidationState) {
    /** Requires an element and a non-zero oxidation state. */
    public Ion {
      Objects.requireNonNull(element, "element");
      if (oxidationState == 0) {
        throw new IllegalArgumentException(element + ": oxidation state 0 is not an ion");
      }
    }

    /** @return e.g. {@code Fe3+}, {@code O2-} */
    @Override
    public String toString() {
      int q = Math.abs(oxidationState);
      return element.symbol() + (q == 1 ? "" : Integer.toString(q)) + (oxidationState > 0 ? "+"
          : "-");
    }
  }

  /** The three splits. */
  public enum Split {
    /** Training rows (80 %). */
    TRAIN("train"),
    /** Validation rows (10 %). */
    VAL("val"),
    /** Test rows (10 %). */
    TEST("test");

    private final String fileStem;

    Split(String fileStem) {
      this.fileStem = fileStem;
    }

    /** @return {@code train}, {@code val} or {@code test} */
    public String fileStem() {
      return fileStem;
    }
  }

  private final long seed;
  private final Map<Split, List<Structure>> splits;

  private DemoDataset(long seed, Map<Split, List<Structure>> splits) {
    this.seed = seed;
    this.splits = splits;
  }

  /**
   * Generates the dataset (see the class description).
   *
   * @param seed the seed of the selection and the split
   * @param size the number of rows, at least 10; fewer rows result if the prototypes have fewer
   *     candidates in all
   * @param monitor progress and cancellation
   * @return the dataset
   */
  public static DemoDataset generate(long seed, int size, ProgressMonitor monitor) {
    if (size < 10) {
      throw new IllegalArgumentException("demo dataset size is " + size + "; must be at least 10");
    }
    Objects.requireNonNull(monitor, "monitor");
    Prototype[] prototypes = Prototype.values();
    Map<Prototype, List<Structure>> all = new EnumMap<>(Prototype.class);
    for (int i = 0; i < prototypes.length; i++) {
      monitor.checkCancelled("demo dataset generation");
      monitor.progress(0.9 * i / prototypes.length, "decorating " + prototypes[i].key());
      all.put(prototypes[i], candidates(prototypes[i]));
    }
    // water-filling: each prototype gets an equal share of what is left, capped by what it has
    Map<Prototype, Integer> quota = new EnumMap<>(Prototype.class);
    int left = size;
    List<Prototype> open = new ArrayList<>(List.of(prototypes));
    while (left > 0 && !open.isEmpty()) {
      int share = Math.max(1, left / open.size());
      List<Prototype> stillOpen = new ArrayList<>();
      for (Prototype p : open) {
        int have = all.get(p).size() - quota.getOrDefault(p, 0);
        int take = Math.min(Math.min(share, have), left);
        quota.merge(p, take, Integer::sum);
        left -= take;
        if (all.get(p).size() > quota.get(p)) {
          stillOpen.add(p);
        }
      }
      open = stillOpen;
    }
    Random random = new Random(seed);
    Map<Split, List<Structure>> splits = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      splits.put(s, new ArrayList<>());
    }
    for (Prototype p : prototypes) {
      List<Structure> shuffled = new ArrayList<>(all.get(p));
      for (int i = shuffled.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Structure t = shuffled.get(i);
        shuffled.set(i, shuffled.get(j));
        shuffled.set(j, t);
      }
      int n = quota.getOrDefault(p, 0);
      int held = (int) Math.round(HOLD_OUT_FRACTION * n);
      splits.get(Split.VAL).addAll(shuffled.subList(0, held));
      splits.get(Split.TEST).addAll(shuffled.subList(held, 2 * held));
      splits.get(Split.TRAIN).addAll(shuffled.subList(2 * held, n));
    }
    Comparator<Structure> byId = Comparator.comparing(s -> s.stringProperty(DatasetCsv.ID)
        .orElseThrow());
    Map<Split, List<Structure>> frozen = new EnumMap<>(Split.class);
    splits.forEach((k, v) -> {
      v.sort(byId);
      frozen.put(k, List.copyOf(v));
    });
    monitor.progress(1, "demo dataset: " + frozen.values().stream().mapToInt(List::size).sum()
        + " structures");
    return new DemoDataset(seed, frozen);
  }

  /** @return the seed the dataset was generated with */
  public long seed() {
    return seed;
  }

  /** @return the rows of one split, sorted by id */
  public List<Structure> split(Split split) {
    return splits.get(split);
  }

  /** @return all rows: train, then validation, then test */
  public List<Structure> all() {
    List<Structure> out = new ArrayList<>();
    for (Split s : Split.values()) {
      out.addAll(splits.get(s));
    }
    return out;
  }

  /**
   * Writes {@code train.csv}, {@code val.csv} and {@code test.csv} into a directory (created if
   * needed), each atomically, in the dataset table format ({@link DatasetCsv#write}).
   *
   * @return the three files, in split order
   * @throws IOException if a file cannot be written
   */
  public List<Path> write(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<Path> files = new ArrayList<>();
    for (Split s : Split.values()) {
      Path f = directory.resolve(s.fileStem() + ".csv");
      DatasetCsv.write(f, splits.get(s));
      files.add(f);
    }
    return files;
  }

  // ------------------------------------------------------------------ ions and radii

  /** @return the cation ions of step 1, by atomic number then oxidation state */
  public static List<Ion> cations() {
    List<Ion> out = new ArrayList<>();
    for (Element e : Element.all()) {
      if (e.number() > MAX_CATION_Z || !e.isMetal() || EXCLUDED_CATIONS.contains(e.symbol())) {
        continue;
      }
      for (int q : e.commonOxidationStates()) {
        if (q > 0 && !e.shannonRadii().getOrDefault(q, Map.of()).isEmpty()) {
          out.add(new Ion(e, q));
        }
      }
    }
    return out;
  }

  /** @return the anion ions of step 1 */
  public static List<Ion> anions() {
    List<Ion> out = new ArrayList<>();
    for (int i = 0; i < ANIONS.length; i++) {
      out.add(new Ion(Element.of(ANIONS[i]), ANION_STATES[i]));
    }
    return out;
  }

  /**
   * Shannon's effective ionic radius at a coordination number: the tabulated value at exactly
   * that coordination if there is one, else the value at the nearest tabulated coordination
   * number (the larger one on a tie). Square-planar and pyramidal entries (IVSQ, IVPY) and
   * non-positive radii are not used.
   *
   * @param ion the ion
   * @param coordination the coordination number, 1..14
   * @return the radius in Å, or empty if Shannon lists no usable radius for the ion
   */
  public static OptionalDouble ionicRadius(Ion ion, int coordination) {
    Map<String, Double> byCoordination =
        ion.element().shannonRadii().getOrDefault(ion.oxidationState(), Map.of());
    double best = Double.NaN;
    int bestDistance = Integer.MAX_VALUE;
    int bestCn = -1;
    for (Map.Entry<String, Double> e : byCoordination.entrySet()) {
      int cn = romanNumeral(e.getKey());
      if (cn < 0 || !(e.getValue() > 0)) {
        continue;
      }
      int d = Math.abs(cn - coordination);
      if (d < bestDistance || (d == bestDistance && cn > bestCn)) {
        best = e.getValue();
        bestDistance = d;
        bestCn = cn;
      }
    }
    return Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best);
  }

  /** A plain Roman numeral I..XIV, or −1 for anything else (e.g. IVSQ). */
  static int romanNumeral(String text) {
    String[] numerals = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
        "XIII", "XIV"};
    for (int i = 0; i < numerals.length; i++) {
      if (numerals[i].equals(text)) {
        return i + 1;
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ decorations

  /**
   * Every decoration of a prototype that passes the filters (steps 2-5 of the class
   * description), sorted by id.
   */
  public static List<Structure> candidates(Prototype prototype) {
    // a pure function of the prototype and the element tables: computed once
    return CANDIDATES.computeIfAbsent(prototype, DemoDataset::enumerateCandidates);
  }

  private static final Map<Prototype, List<Structure>> CANDIDATES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static List<Structure> enumerateCandidates(Prototype prototype) {
    List<Prototype.Role> roles = prototype.roles();
    List<Ion> cations = cations();
    List<Ion> anions = anions();
    Map<String, Structure> byId = new TreeMap<>();
    List<Ion> chosen = new ArrayList<>();
    enumerate(prototype, roles, 0, cations, anions, chosen, byId);
    return List.copyOf(byId.values());
  }

  private static void enumerate(Prototype p, List<Prototype.Role> roles, int depth,
      List<Ion> cations, List<Ion> anions, List<Ion> chosen, Map<String, Structure> out) {
    if (depth == roles.size()) {
      int charge = 0;
      for (int i = 0; i < roles.size(); i++) {
        charge += roles.get(i).count() * chosen.get(i).oxidationState();
      }
      if (charge != 0) {
        return;
      }
      Structure s = tryDecorate(p, chosen);
      if (s != null && Validity.valid(s)) {
        out.putIfAbsent(s.stringProperty(DatasetCsv.ID).orElseThrow(), s);
      }
      return;
    }
    for (Ion ion : roles.get(depth).sign() > 0 ? cations : anions) {
      boolean repeated = false;
      for (Ion c : chosen) {
        repeated |= c.element() == ion.element();
      }
      if (repeated) {
        continue;
      }
      chosen.add(ion);
      enumerate(p, roles, depth + 1, cations, anions, chosen, out);
      chosen.remove(chosen.size() - 1);
    }
  }

  /** The decorated structure, or null when a radius is missing or a window rejects it. */
  private static Structure tryDecorate(Prototype p, List<Ion> ions) {
    double[] r = radii(p, ions);
    if (r == null) {
      return null;
    }
    if (p == Prototype.PEROVSKITE) {
      double t = toleranceFactor(r[0], r[1], r[2]);
      if (t < Prototype.MIN_TOLERANCE || t > Prototype.MAX_TOLERANCE) {
        return null;
      }
    }
    if (p == Prototype.SPINEL) {
      double u = spinelU(r[0] + r[2], r[1] + r[2]);
      if (Double.isNaN(u)) {
        return null;
      }
    }
    return build(p, ions, r);
  }

  /**
   * Decorates a prototype with the given ions, one per role in {@link Prototype#roles()} order,
   * ignoring the filters of step 5.
   *
   * @param prototype the prototype
   * @param ions one ion per role: cations on cation roles, the anion last
   * @return the structure with its id and property columns
   * @throws IllegalArgumentException if the ions do not fit the roles, are not charge-balanced,
   *     an ion has no Shannon radius, or the spinel bond lengths need u outside its range
   */
  public static Structure decorate(Prototype prototype, List<Ion> ions) {
    List<Prototype.Role> roles = prototype.roles();
    if (ions.size() != roles.size()) {
      throw new IllegalArgumentException(prototype + " has " + roles.size() + " roles but "
          + ions.size() + " ions were given: " + ions);
    }
    int charge = 0;
    for (int i = 0; i < roles.size(); i++) {
      if (Integer.signum(ions.get(i).oxidationState()) != roles.get(i).sign()) {
        throw new IllegalArgumentException(prototype + " role " + roles.get(i).name() + " needs"
            + (roles.get(i).sign() > 0 ? " a cation" : " an anion") + ", got " + ions.get(i));
      }
      charge += roles.get(i).count() * ions.get(i).oxidationState();
    }
    if (charge != 0) {
      throw new IllegalArgumentException(prototype + " with " + ions + " has net charge "
          + charge + "; the ions must balance");
    }
    double[] r = radii(prototype, ions);
    if (r == null) {
      throw new IllegalArgumentException("Shannon lists no radius for one of " + ions);
    }
    if (prototype == Prototype.SPINEL && Double.isNaN(spinelU(r[0] + r[2], r[1] + r[2]))) {
      throw new IllegalArgumentException("spinel " + ions + ": the bond lengths need u outside ["
          + Prototype.SPINEL_MIN_U + ", " + Prototype.SPINEL_MAX_U + "]");
    }
    return build(prototype, ions, r);
  }

  private static double[] radii(Prototype p, List<Ion> ions) {
    double[] r = new double[ions.size()];
    for (int i = 0; i < r.length; i++) {
      OptionalDouble v = ionicRadius(ions.get(i), p.roles().get(i).coordination());
      if (v.isEmpty()) {
        return null;
      }
      r[i] = v.getAsDouble();
    }
    return r;
  }

  /**
   * Goldschmidt's tolerance factor t = (r_A + r_X) / (√2 (r_B + r_X)), dimensionless.
   *
   * @param rA the A-site radius (XII), Å
   * @param rB the B-site radius (VI), Å
   * @param rX the anion radius (VI), Å
   */
  public static double toleranceFactor(double rA, double rB, double rX) {
    return (rA + rX) / (Math.sqrt(2) * (rB + rX));
  }

  /**
   * The spinel anion parameter u (origin choice 2) at which the bond lengths have the ratio
   * dBX / dAX, by 60 bisection steps on [{@value Prototype#SPINEL_MIN_U}, {@value
   * Prototype#SPINEL_MAX_U}], where the ratio decreases monotonically.
   *
   * @param dAX the tetrahedral A–X bond length, Å
   * @param dBX the octahedral B–X bond length, Å
   * @return u, or NaN if the ratio is not reached inside the range
   */
  public static double spinelU(double dAX, double dBX) {
    double target = dBX / dAX;
    double lo = Prototype.SPINEL_MIN_U;
    double hi = Prototype.SPINEL_MAX_U;
    if (spinelRatio(lo) < target || spinelRatio(hi) > target) {
      return Double.NaN;
    }
    for (int i = 0; i < 60; i++) {
      double mid = 0.5 * (lo + hi);
      if (spinelRatio(mid) > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double spinelRatio(double u) {
    return Math.sqrt(3 * u * u - 2 * u + 0.375) / (Math.sqrt(3) * (u - 0.125));
  }

  /** Steps 4 and the property columns. */
  private static Structure build(Prototype p, List<Ion> ions, double[] r) {
    List<Prototype.Role> roles = p.roles();
    double[][] reps = new double[roles.size()][];
    for (int i = 0; i < roles.size(); i++) {
      Prototype.Role role = roles.get(i);
      reps[i] = new double[] {role.x(), role.y(), role.z()};
    }
    Lattice conventional;
    double bond = r[0] + r[r.length - 1];
    switch (p) {
      case ROCK_SALT -> conventional = Lattice.cubic(2 * bond);
      case CESIUM_CHLORIDE -> conventional = Lattice.cubic(2 * bond / Math.sqrt(3));
      case ZINC_BLENDE, FLUORITE, ANTIFLUORITE ->
          conventional = Lattice.cubic(4 * bond / Math.sqrt(3));
      case WURTZITE -> conventional = Lattice.hexagonal(Math.sqrt(8.0 / 3) * bond, 8.0 / 3 * bond);
      case RUTILE -> {
        double a = bond / (Math.sqrt(2) * Prototype.RUTILE_U);
        conventional = Lattice.tetragonal(a, Prototype.RUTILE_C_OVER_A * a);
      }
      case PEROVSKITE -> conventional = Lattice.cubic(2 * (r[1] + r[2]));
      case SPINEL -> {
        double dAX = r[0] + r[2];
        double u = spinelU(dAX, r[1] + r[2]);
        reps[2] = new double[] {u, u, u};
        conventional = Lattice.cubic(dAX / (Math.sqrt(3) * (u - 0.125)));
      }
      default -> throw new IllegalStateException("no lattice rule for " + p);
    }
    SpaceGroupSetting group = SpaceGroups.byHallNumber(p.hallNumber()).orElseThrow();
    List<Site> sites = new ArrayList<>();
    double ionVolume = 0;
    for (int i = 0; i < roles.size(); i++) {
      List<double[]> orbit = cachedOrbit(p, i, reps[i], group.operations());
      for (double[] f : orbit) {
        sites.add(Site.of(ions.get(i).element(), f));
        ionVolume += 4.0 / 3.0 * Math.PI * r[i] * r[i] * r[i];
      }
    }
    Lattice lattice = p.faceCentred() ? Lattice.fromMatrix(primitiveMatrix(conventional))
        : conventional;
    Structure bare = Structure.of(lattice, sites);
    String formula = bare.composition().reducedFormula();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(DatasetCsv.ID, p.key() + "-" + formula);
    props.put("formula", formula);
    props.put("prototype", p.key());
    props.put("density", bare.density());
    props.put("volume_per_atom", bare.volume() / bare.size());
    props.put("packing_fraction", ionVolume / bare.volume());
    return bare.withProperties(props);
  }

  /**
   * The orbit of a point under the operations, wrapped into [0, 1) and deduplicated; for an
   * F-centred group expressed in the primitive cell (f' = f · P⁻¹, P⁻¹ = [[−1,1,1],[1,−1,1],
   * [1,1,−1]]) and deduplicated there. Sorted by coordinates.
   */
  static List<double[]> orbit(List<SymmetryOperation> operations, double[] point,
      boolean faceCentred) {
    long grid = Math.round(1 / DEDUPLICATE);
    TreeMap<Long, double[]> unique = new TreeMap<>();
    for (SymmetryOperation op : operations) {
      double[] f = op.apply(point);
      if (faceCentred) {
        f = new double[] {-f[0] + f[1] + f[2], f[0] - f[1] + f[2], f[0] + f[1] - f[2]};
      }
      long key = 0;
      for (int k = 0; k < 3; k++) {
        f[k] = Structure.wrap(f[k]);
        if (Math.abs(f[k] - 1) < DEDUPLICATE) {
          f[k] = 0;
        }
        key = key * grid + Math.round(f[k] / DEDUPLICATE) % grid;
      }
      unique.putIfAbsent(key, f);
    }
    return new ArrayList<>(unique.values());
  }

  /** Orbits of the fixed Wyckoff positions, computed once per prototype and role. */
  private static final Map<String, List<double[]>> ORBITS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static List<double[]> cachedOrbit(Prototype p, int role, double[] point,
      List<SymmetryOperation> operations) {
    Prototype.Role r = p.roles().get(role);
    boolean fixed = point[0] == r.x() && point[1] == r.y() && point[2] == r.z();
    if (!fixed) {
      return orbit(operations, point, p.faceCentred());
    }
    return ORBITS.computeIfAbsent(p.name() + "/" + role,
        k -> List.copyOf(orbit(operations, point, p.faceCentred())));
  }

  /** The primitive vectors (b + c)/2, (a + c)/2, (a + b)/2 of an F-centred cell, as rows. */
  private static double[][] primitiveMatrix(Lattice conventional) {
    double[][] m = conventional.matrix();
    double[][] out = new double[3][3];
    for (int k = 0; k < 3; k++) {
      out[0][k] = 0.5 * (m[1][k] + m[2][k]);
      out[1][k] = 0.5 * (m[0][k] + m[2][k]);
      out[2][k] = 0.5 * (m[0][k] + m[1][k]);
    }
    return out;
  }

  /** @return the number of rows of each prototype in a split, in prototype order */
  public Map<String, Integer> prototypeCounts(Split split) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Prototype p : Prototype.values()) {
      out.put(p.key(), 0);
    }
    for (Structure s : splits.get(split)) {
      out.merge(s.stringProperty("prototype").orElseThrow(), 1, Integer::sum);
    }
    return out;
  }
}
