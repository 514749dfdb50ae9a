package org.invdes.core.stability;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;

/**
 * Composition validity exactly as the CDVAE benchmark computes it ({@code smact_validity} in
 * CDVAE's {@code scripts/eval_utils.py}, built on SMACT 2.2.1 with SMACT's default data; see
 * {@link SmactElement}): a composition is valid if
 * <ul>
 *   <li>it holds a single element, or
 *   <li>every element is in SMACT's list of metals (an alloy; {@link SmactElement#isMetal()}), or
 *   <li>some assignment of one oxidation state to each element, taken from SMACT's default
 *       oxidation states ({@link SmactElement#oxidationStates()}), is charge neutral for the
 *       composition's element counts, and passes SMACT's Pauling electronegativity test: every
 *       element with a positive oxidation state (cation) is strictly less electronegative ({@link
 *       SmactElement#electronegativity()}) than every element with a negative one (anion).
 * </ul>
 * A composition with an element that has no oxidation state in SMACT's data (He, Ne, Ar) cannot
 * be charge balanced and is invalid unless it is a single element.
 *
 * <h2>Elements without an electronegativity (Pm, Rn, Lr)</h2>
 * SMACT has no electronegativity for Pm, Rn and Lr (nor He, Ne, Ar, which have no oxidation
 * states). For them CDVAE's function behaves as SMACT's pairwise test happens to run: it compares
 * the pairs of elements in order of atomic number (pairs (i, j), i &lt; j, i first); a pair of a
 * cation and an anion that involves such an element raises a TypeError, which CDVAE counts as a
 * pass of the whole test; any other pair involving such an element (both cations, say) fails the
 * test; a cation–anion pair of two elements with electronegativities fails if the cation is not
 * the less electronegative. The first deciding pair decides. This rule is reproduced exactly, so
 * e.g. PmCl3 is valid and NaPmCl4 is not (the pair Na–Pm of two cations comes first).
 *
 * <h2>Differences from CDVAE's function</h2>
 * None in the verdict for integer atom counts (checked row by row against SMACT on the Perov-5,
 * Carbon-24 and MP-20 data, {@code tests/bench/smact-validity.sh}). This class also accepts
 * fractional amounts (step 1), where CDVAE's counts come from atoms and are always integers, and
 * it reports why a composition fails. The data are SMACT 2.2.1's: later SMACT releases give Ir
 * −3 instead of −2 (2.3 onwards) and Zr the electronegativity 1.33 instead of 0.33 (2.5.5 on).
 *
 * <h2>Algorithm (exact; no enumeration of the product of oxidation states)</h2>
 * <ol>
 *   <li>Integer counts: the composition's amounts (atoms) are scaled by the smallest m in 1..{@value
 *       #MAX_DENOMINATOR} that brings each scaled amount within {@value #INTEGER_TOLERANCE} of an
 *       integer ≥ 1 (m = 1 for every ordered structure; m = 3 for occupancies written 0.3333 or
 *       0.6667, as CIF files do), rounded and
 *       divided by their greatest common divisor, as CDVAE divides atom counts by theirs. If no m
 *       fits, the composition is invalid. Charge neutrality Σ countᵢ·oxᵢ = 0 does not depend on
 *       this scale, so the verdict is the same for every multiple of a composition.
 *   <li>One element: valid. All metals (and the alloy rule on): valid.
 *   <li>Without the electronegativity test: dynamic programming over charge sums. After element i
 *       the set of reachable partial sums Σ countⱼ·oxⱼ (j ≤ i) is the union over oxᵢ of the previous
 *       set shifted by countᵢ·oxᵢ (a bit set, shift-or per state). Valid if 0 is reachable at the
 *       end. Cost: elements × states × (range of sums) / 64 word operations, instead of the
 *       product of the numbers of states.
 *   <li>With the test, every element having an electronegativity: group the elements by equal
 *       electronegativity, in ascending order, giving groups g₁ &lt; … &lt; g_G. An assignment
 *       passes the test exactly when there is a cut q (0 ≤ q ≤ G) with every cation in g₁..g_q and
 *       every anion in g_{q+1}..g_G. For each cut run step 3 with the states restricted to ox ≥ 0
 *       before the cut and ox ≤ 0 after it; valid if some cut reaches 0.
 *   <li>With the test and an element without electronegativity: the test's outcome depends only on
 *       the sign of each element's state, so every sign pattern the elements' states allow (at
 *       most 2^k for k elements, SMACT having no state 0) is judged by the ordered rule above, and
 *       step 3 runs with the states restricted to each passing pattern.
 *   <li>The assignment reported in {@link Verdict#oxidationStates()} is recovered by walking the
 *       stored partial-sum sets backwards from 0.
 * </ol>
 * Verdicts are cached per integer composition (step 1), so a stream of candidates that repeat
 * compositions costs one map lookup each; the cache holds at most {@value #CACHE_LIMIT} entries and
 * is emptied when full.
 *
 * <p>Immutable apart from its cache, and thread-safe.
 */
public final class CompositionValidity implements StabilityCheck {

  /** The largest denominator tried when turning non-integer amounts into counts (step 1). */
  public static final int MAX_DENOMINATOR = 100;
  /**
   * Tolerance of step 1 on an amount scaled by m (atoms × m): an amount a counts as k/m when
   * |a·m − k| ≤ this.
   */
  public static final double INTEGER_TOLERANCE = 1e-3;
  /** The largest number of cached verdicts before the cache is emptied. */
  public static final int CACHE_LIMIT = 200_000;

  private static final CompositionValidity STANDARD = new CompositionValidity(true, true);

  /** Why a composition is valid or not. */
  public enum Outcome {
    /** Valid: one element only. */
    SINGLE_ELEMENT,
    /** Valid: every element is a metal. */
    ALLOY,
    /** Valid: a charge-neutral assignment of oxidation states passes the test. */
    CHARGE_BALANCED,
    /** Invalid: an element has no known oxidation state. */
    NO_OXIDATION_STATES,
    /** Invalid: no assignment of oxidation states is charge neutral. */
    NOT_CHARGE_NEUTRAL,
    /** Invalid: charge-neutral assignments exist but each fails the electronegativity test. */
    ELECTRONEGATIVITY,
    /** Invalid: the amounts cannot be turned into integer counts (step 1). */
    NOT_INTEGRAL
  }

  /**
   * The verdict on one composition.
   *
   * @param valid whether the composition is valid
   * @param outcome why
   * @param oxidationStates for {@link Outcome#CHARGE_BALANCED}: one passing assignment, element
   *     to oxidation state, in {@link Element#electronegativityOrder()}; otherwise empty
   * @param reason empty when valid; otherwise a sentence for a person
   */
  public record Verdict(boolean valid, Outcome outcome, Map<Element, Integer> oxidationStates,
      String reason) {
    /** Copies the assignment; checks that valid and reason agree. */
    public Verdict {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
      oxidationStates = Collections.unmodifiableMap(new LinkedHashMap<>(oxidationStates));
      if (valid != reason.isEmpty()) {
        throw new IllegalArgumentException(
            "a verdict has a reason exactly when it is invalid; valid=" + valid + ", reason='"
                + reason + "'");
      }
    }
  }

  private final boolean paulingTest;
  private final boolean alloysValid;
  private final String name;
  private final ConcurrentHashMap<Key, Verdict> cache = new ConcurrentHashMap<>();

  private CompositionValidity(boolean paulingTest, boolean alloysValid) {
    this.paulingTest = paulingTest;
    this.alloysValid = alloysValid;
    this.name = paulingTest && alloysValid ? "composition validity"
        : "composition validity (" + (paulingTest ? "" : "no ") + "electronegativity test, "
            + (alloysValid ? "" : "no ") + "alloy rule)";
  }

  /** @return CDVAE's rule: electronegativity test on, alloys valid (shared instance and cache) */
  public static CompositionValidity standard() {
    return STANDARD;
  }

  /**
   * The rule with CDVAE's two switches ({@code use_pauling_test}, {@code include_alloys}).
   *
   * @param paulingTest whether a charge-neutral assignment must also pass the electronegativity
   *     test
   * @param alloysValid whether compositions of metals only are valid without charge balance
   * @return a new check with an empty cache of its own ({@link #standard()} is the shared one)
   */
  public static CompositionValidity of(boolean paulingTest, boolean alloysValid) {
    return new CompositionValidity(paulingTest, alloysValid);
  }

  @Override
  public String name() {
    return name;
  }

  /** @return a result with score 1 (valid) or 0 (invalid) and the verdict's reason */
  @Override
  public CheckResult check(Structure structure) {
    Objects.requireNonNull(structure, "structure");
    Verdict v = evaluate(structure.composition());
    return v.valid() ? CheckResult.pass(name, 1.0) : CheckResult.fail(name, 0.0, v.reason());
  }

  /**
   * @param composition a composition; its scale does not matter
   * @return whether it is valid
   */
  public boolean isValid(Composition composition) {
    return evaluate(composition).valid();
  }

  /**
   * Judges a composition (see the class description for the algorithm).
   *
   * @param composition a composition; its scale does not matter
   * @return the verdict, from the cache when this integer composition was judged before
   */
  public Verdict evaluate(Composition composition) {
    Objects.requireNonNull(composition, "composition");
    Element[] elements = composition.elements().toArray(new Element[0]);
    double[] amounts = new double[elements.length];
    for (int i = 0; i < elements.length; i++) {
      amounts[i] = composition.amount(elements[i]);
    }
    long[] counts = integerCounts(amounts);
    if (counts == null) {
      return new Verdict(false, Outcome.NOT_INTEGRAL, Map.of(),
          "the amounts of " + composition.formula() + " are not multiples of 1/m for any m up to "
              + MAX_DENOMINATOR + " (within " + INTEGER_TOLERANCE
              + "/m atoms), so oxidation states cannot be balanced");
    }
    Key key = new Key(elements, counts);
    Verdict cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Verdict verdict = judge(elements, counts);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, verdict);
    return verdict;
  }

  /** Step 1: counts with gcd 1, or null if no denominator up to MAX_DENOMINATOR fits. */
  static long[] integerCounts(double[] amounts) {
    for (int m = 1; m <= MAX_DENOMINATOR; m++) {
      long[] counts = new long[amounts.length];
      boolean fits = true;
      for (int i = 0; i < amounts.length && fits; i++) {
        double scaled = amounts[i] * m;
        double rounded = Math.rint(scaled);
        fits = Math.abs(scaled - rounded) <= INTEGER_TOLERANCE && rounded >= 1;
        counts[i] = (long) rounded;
      }
      if (fits) {
        long g = 0;
        for (long c : counts) {
          g = gcd(g, c);
        }
        for (int i = 0; i < counts.length; i++) {
          counts[i] /= g;
        }
        return counts;
      }
    }
    return null;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** Steps 2 to 6 for the composition's elements and their reduced counts. */
  private Verdict judge(Element[] elements, long[] counts) {
    String formula = formula(elements, counts);
    if (elements.length == 1) {
      return new Verdict(true, Outcome.SINGLE_ELEMENT, Map.of(), "");
    }
    int k = elements.length;
    SmactElement[] data = new SmactElement[k];
    boolean allMetals = true;
    boolean allElectronegativities = true;
    for (int i = 0; i < k; i++) {
      data[i] = SmactElement.of(elements[i]);
      allMetals &= data[i].isMetal();
      allElectronegativities &= data[i].hasElectronegativity();
    }
    if (alloysValid && allMetals) {
      return new Verdict(true, Outcome.ALLOY, Map.of(), "");
    }
    int[][] states = new int[k][];
    for (int i = 0; i < k; i++) {
      states[i] = data[i].oxidationStates().stream().mapToInt(Integer::intValue).toArray();
      if (states[i].length == 0) {
        return new Verdict(false, Outcome.NO_OXIDATION_STATES, Map.of(), elements[i]
            + " has no known oxidation state, so " + formula + " cannot be charge balanced");
      }
    }
    int[] unrestricted = neutralAssignment(counts, states);
    if (unrestricted == null) {
      return new Verdict(false, Outcome.NOT_CHARGE_NEUTRAL, Map.of(),
          "no charge-neutral assignment of oxidation states for " + formula
              + " (one state per element from " + describeStates(elements, states) + ")");
    }
    if (!paulingTest) {
      return balanced(elements, unrestricted);
    }
    int[] assignment = allElectronegativities
        ? passingByCuts(data, counts, states) : passingBySigns(data, counts, states);
    if (assignment != null) {
      return balanced(elements, assignment);
    }
    if (allElectronegativities) {
      return new Verdict(false, Outcome.ELECTRONEGATIVITY, Map.of(),
          "every charge-neutral assignment of oxidation states for " + formula
              + " makes a cation at least as electronegative as an anion, e.g. "
              + describeAssignment(data, unrestricted));
    }
    return new Verdict(false, Outcome.ELECTRONEGATIVITY, Map.of(),
        "every charge-neutral assignment of oxidation states for " + formula
            + " fails SMACT's electronegativity test, which pairs the elements in order of atomic"
            + " number and fails at the first pair of a cation at least as electronegative as an"
            + " anion or of two like-signed ions one of which has no electronegativity, e.g. "
            + describeAssignment(data, unrestricted));
  }

  /** Step 4: a neutral assignment passing the test, all electronegativities known, or null. */
  private static int[] passingByCuts(SmactElement[] data, long[] counts, int[][] states) {
    int k = data.length;
    double[] levels = Arrays.stream(data).mapToDouble(SmactElement::electronegativity).distinct()
        .sorted().toArray();
    int[][] restricted = new int[k][];
    for (int cut = 0; cut <= levels.length; cut++) {
      double boundary = cut < levels.length ? levels[cut] : Double.POSITIVE_INFINITY;
      boolean empty = false;
      for (int i = 0; i < k && !empty; i++) {
        boolean cationSide = data[i].electronegativity() < boundary;
        restricted[i] = Arrays.stream(states[i]).filter(o -> cationSide ? o >= 0 : o <= 0)
            .toArray();
        empty = restricted[i].length == 0;
      }
      if (empty) {
        continue;
      }
      int[] assignment = neutralAssignment(counts, restricted);
      if (assignment != null) {
        return assignment;
      }
    }
    return null;
  }

  /**
   * Step 5: a neutral assignment passing the test when some element has no electronegativity, or
   * null; every sign pattern the states allow is judged by {@link #passesInOrder}.
   */
  private static int[] passingBySigns(SmactElement[] data, long[] counts, int[][] states) {
    int k = data.length;
    Integer[] byNumber = new Integer[k];
    for (int i = 0; i < k; i++) {
      byNumber[i] = i;
    }
    Arrays.sort(byNumber, (a, b) -> Integer.compare(data[a].element().number(),
        data[b].element().number()));
    int[][] signs = new int[k][];
    for (int i = 0; i < k; i++) {
      signs[i] = Arrays.stream(states[i]).map(Integer::signum).distinct().toArray();
    }
    int[] choice = new int[k];
    int[] pattern = new int[k];
    int[][] restricted = new int[k][];
    while (true) {
      for (int i = 0; i < k; i++) {
        pattern[i] = signs[i][choice[i]];
      }
      if (passesInOrder(data, byNumber, pattern)) {
        for (int i = 0; i < k; i++) {
          int sign = pattern[i];
          restricted[i] = Arrays.stream(states[i]).filter(o -> Integer.signum(o) == sign)
              .toArray();
        }
        int[] assignment = neutralAssignment(counts, restricted);
        if (assignment != null) {
          return assignment;
        }
      }
      int i = 0;
      while (i < k && ++choice[i] == signs[i].length) {
        choice[i] = 0;
        i++;
      }
      if (i == k) {
        return null;
      }
    }
  }

  /**
   * SMACT's pairwise electronegativity test on the signs of the elements' states as CDVAE runs it
   * (see the class description): pairs in order of atomic number, the first deciding pair decides.
   */
  static boolean passesInOrder(SmactElement[] data, Integer[] byNumber, int[] sign) {
    for (int a = 0; a < byNumber.length; a++) {
      int i = byNumber[a];
      for (int b = a + 1; b < byNumber.length; b++) {
        int j = byNumber[b];
        boolean unknown = !data[i].hasElectronegativity() || !data[j].hasElectronegativity();
        boolean opposite = sign[i] * sign[j] < 0;
        if (opposite && unknown) {
          return true;
        }
        if (unknown) {
          return false;
        }
        if (opposite && (sign[i] > 0 ? data[i].electronegativity() >= data[j].electronegativity()
            : data[i].electronegativity() <= data[j].electronegativity())) {
          return false;
        }
      }
    }
    return true;
  }

  private static Verdict balanced(Element[] elements, int[] assignment) {
    Map<Element, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < elements.length; i++) {
      map.put(elements[i], assignment[i]);
    }
    return new Verdict(true, Outcome.CHARGE_BALANCED, map, "");
  }

  /**
   * Steps 3 and 5: one oxidation state per element from {@code states[i]} with Σ countᵢ·oxᵢ = 0,
   * or null if there is none.
   */
  static int[] neutralAssignment(long[] counts, int[][] states) {
    int k = counts.length;
    long range = 0;
    for (int i = 0; i < k; i++) {
      int maxAbs = 0;
      for (int o : states[i]) {
        maxAbs = Math.max(maxAbs, Math.abs(o));
      }
      range += counts[i] * maxAbs;
    }
    if (range > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("charge range " + range + " of counts "
          + Arrays.toString(counts) + " is too large to balance");
    }
    int offset = (int) range;
    int bits = 2 * offset + 1;
    long[][] reach = new long[k + 1][(bits + 63) >>> 6];
    set(reach[0], offset);
    for (int i = 0; i < k; i++) {
      for (int o : states[i]) {
        shiftOr(reach[i], reach[i + 1], (int) (counts[i] * o));
      }
    }
    if (!get(reach[k], offset)) {
      return null;
    }
    int[] assignment = new int[k];
    int sum = offset;
    for (int i = k - 1; i >= 0; i--) {
      boolean found = false;
      for (int o : states[i]) {
        int previous = sum - (int) (counts[i] * o);
        if (previous >= 0 && previous < bits && get(reach[i], previous)) {
          assignment[i] = o;
          sum = previous;
          found = true;
          break;
        }
      }
      if (!found) {
        throw new IllegalStateException("charge-sum table is inconsistent at element " + i);
      }
    }
    return assignment;
  }

  private static void set(long[] bits, int index) {
    bits[index >>> 6] |= 1L << (index & 63);
  }

  private static boolean get(long[] bits, int index) {
    return (bits[index >>> 6] & (1L << (index & 63))) != 0;
  }

  /** dst |= src shifted by s bits (towards higher indices for s &gt; 0); bits past the end drop. */
  static void shiftOr(long[] src, long[] dst, int s) {
    int n = src.length;
    if (s >= 0) {
      int words = s >>> 6;
      int shift = s & 63;
      for (int w = n - 1; w >= words; w--) {
        long v = src[w - words] << shift;
        if (shift != 0 && w - words - 1 >= 0) {
          v |= src[w - words - 1] >>> (64 - shift);
        }
        dst[w] |= v;
      }
    } else {
      int t = -s;
      int words = t >>> 6;
      int shift = t & 63;
      for (int w = 0; w + words < n; w++) {
        long v = src[w + words] >>> shift;
        if (shift != 0 && w + words + 1 < n) {
          v |= src[w + words + 1] << (64 - shift);
        }
        dst[w] |= v;
      }
    }
  }

  /** The formula of integer counts in electronegativity order, e.g. {@code Na2Cl3}. */
  static String formula(Element[] elements, long[] counts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < elements.length; i++) {
      sb.append(elements[i].symbol());
      if (counts[i] != 1) {
        sb.append(counts[i]);
      }
    }
    return sb.toString();
  }

  private static String describeStates(Element[] elements, int[][] states) {
    StringJoiner all = new StringJoiner("; ");
    for (int i = 0; i < elements.length; i++) {
      StringJoiner one = new StringJoiner(", ", elements[i].symbol() + " ", "");
      for (int o : states[i]) {
        one.add(signed(o));
      }
      all.add(one.toString());
    }
    return all.toString();
  }

  private static String describeAssignment(SmactElement[] data, int[] assignment) {
    StringJoiner sj = new StringJoiner(", ");
    for (int i = 0; i < data.length; i++) {
      sj.add(data[i].element().symbol() + signed(assignment[i])
          + (data[i].hasElectronegativity()
              ? " (electronegativity " + Sites.g(data[i].electronegativity()) + ")"
              : " (no electronegativity)"));
    }
    return sj.toString();
  }

  private static String signed(int o) {
    return o > 0 ? "+" + o : Integer.toString(o);
  }

  /** Cache key: the elements and their reduced integer counts. */
  private static final class Key {
    private final Element[] elements;
    private final long[] counts;
    private final int hash;

    Key(Element[] elements, long[] counts) {
      this.elements = elements;
      this.counts = counts;
      this.hash = 31 * Arrays.hashCode(elements) + Arrays.hashCode(counts);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && Arrays.equals(elements, other.elements)
          && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
