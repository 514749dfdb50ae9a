package org.invdes.core.encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.invdes.core.structure.Element;

/**
 * The choices made before fitting an {@link Encoder}: what is fixed by the caller and what is
 * fitted on the training data. Immutable; built with {@link #builder()} ({@code opt*} setters,
 * {@link Builder#build()} validates), or {@link #defaults()}.
 *
 * <p>Defaults: site budget and vocabulary fitted on the training data, no occupancy channel,
 * disordered structures rejected, cell as given, no Fourier features (weighting by atomic number
 * once switched on), no properties, invalid decoded lattices repaired.
 */
public final class EncoderOptions {
  /** The largest accepted Miller index bound for {@link Builder#optFourier(int)}. */
  public static final int MAX_FOURIER_INDEX = 6;

  private final Integer maxSites;
  private final List<Element> vocabulary;
  private final boolean occupancyChannel;
  private final DisorderPolicy disorderPolicy;
  private final CellChoice cellChoice;
  private final List<int[]> hkl;
  private final FourierWeighting fourierWeighting;
  private final List<String> propertyNames;
  private final InvalidLatticePolicy invalidLatticePolicy;

  private EncoderOptions(Builder b) {
    this.maxSites = b.maxSites;
    this.vocabulary = b.vocabulary == null ? null : List.copyOf(b.vocabulary);
    this.occupancyChannel = b.occupancyChannel;
    this.disorderPolicy = b.disorderPolicy;
    this.cellChoice = b.cellChoice;
    List<int[]> h = new ArrayList<>();
    for (int[] v : b.hkl) {
      h.add(v.clone());
    }
    this.hkl = h;
    this.fourierWeighting = b.fourierWeighting;
    this.propertyNames = List.copyOf(b.propertyNames);
    this.invalidLatticePolicy = b.invalidLatticePolicy;
  }

  /** The defaults listed in the class description. */
  public static EncoderOptions defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The site budget N if fixed by the caller; empty when it is fitted (largest training cell). */
  public OptionalInt maxSites() {
    return maxSites == null ? OptionalInt.empty() : OptionalInt.of(maxSites);
  }

  /** The element vocabulary if fixed by the caller; empty when it is fitted. */
  public Optional<List<Element>> vocabulary() {
    return Optional.ofNullable(vocabulary);
  }

  /** Whether each site row carries an occupancy channel. */
  public boolean occupancyChannel() {
    return occupancyChannel;
  }

  /** What happens to disordered sites. */
  public DisorderPolicy disorderPolicy() {
    return disorderPolicy;
  }

  /** Which cell is encoded. */
  public CellChoice cellChoice() {
    return cellChoice;
  }

  /** The Miller indices of the Fourier features (copies); empty when they are off. */
  public List<int[]> hkl() {
    List<int[]> out = new ArrayList<>(hkl.size());
    for (int[] v : hkl) {
      out.add(v.clone());
    }
    return out;
  }

  /** The site weights of the Fourier features. */
  public FourierWeighting fourierWeighting() {
    return fourierWeighting;
  }

  /** Names of the structure properties encoded as targets, in channel order. */
  public List<String> propertyNames() {
    return propertyNames;
  }

  /** What decoding does with lattice parameters that make no cell. */
  public InvalidLatticePolicy invalidLatticePolicy() {
    return invalidLatticePolicy;
  }

  /**
   * Builder of {@link EncoderOptions}. Each {@code opt*} method validates its argument and names
   * it in the message; {@link #build()} checks the combination.
   */
  public static final class Builder {
    private Integer maxSites;
    private List<Element> vocabulary;
    private boolean occupancyChannel;
    private DisorderPolicy disorderPolicy = DisorderPolicy.REJECT;
    private CellChoice cellChoice = CellChoice.AS_GIVEN;
    private List<int[]> hkl = List.of();
    private FourierWeighting fourierWeighting = FourierWeighting.ATOMIC_NUMBER;
    private List<String> propertyNames = List.of();
    private InvalidLatticePolicy invalidLatticePolicy = InvalidLatticePolicy.REPAIR;

    private Builder() {
    }

    /**
     * Fixes the site budget N (20 for MP-20, 5 for Perov-5, 24 for Carbon-24). Training
     * structures with more sites make {@link Encoder#fit} fail.
     *
     * @param sites N, at least 1
     */
    public Builder optMaxSites(int sites) {
      if (sites < 1) {
        throw new IllegalArgumentException("maxSites is " + sites + "; must be at least 1");
      }
      this.maxSites = sites;
      return this;
    }

    /**
     * Fixes the element vocabulary instead of fitting it; it is stored sorted by atomic number,
     * duplicates removed. Use it to allow elements the training data lacks.
     *
     * @param elements at least one element
     */
    public Builder optVocabulary(Collection<Element> elements) {
      Objects.requireNonNull(elements, "vocabulary");
      if (elements.isEmpty()) {
        throw new IllegalArgumentException("vocabulary is empty; give at least one element");
      }
      for (Element e : elements) {
        Objects.requireNonNull(e, "vocabulary element");
      }
      this.vocabulary = new ArrayList<>(new TreeSet<>(elements));
      return this;
    }

    /** Adds (true) or omits (false, the default) the per-site occupancy channel. */
    public Builder optOccupancyChannel(boolean on) {
      this.occupancyChannel = on;
      return this;
    }

    /** Sets what happens to disordered sites (default {@link DisorderPolicy#REJECT}). */
    public Builder optDisorderPolicy(DisorderPolicy policy) {
      this.disorderPolicy = Objects.requireNonNull(policy, "disorderPolicy");
      return this;
    }

    /** Sets which cell is encoded (default {@link CellChoice#AS_GIVEN}). */
    public Builder optCellChoice(CellChoice choice) {
      this.cellChoice = Objects.requireNonNull(choice, "cellChoice");
      return this;
    }

    /**
     * Switches the Fourier features on for every (h, k, l) with max(|h|, |k|, |l|) ≤ {@code
     * maxIndex}, one of each Friedel pair ±(h, k, l): the one whose first non-zero index is
     * positive; (0, 0, 0) excluded; in ascending lexicographic order of (h, k, l). That is
     * ((2m + 1)³ − 1) / 2 reflections: 13 for m = 1, 62 for m = 2, 171 for m = 3.
     *
     * @param maxIndex m, in 1..{@value #MAX_FOURIER_INDEX}
     */
    public Builder optFourier(int maxIndex) {
      if (maxIndex < 1 || maxIndex > MAX_FOURIER_INDEX) {
        throw new IllegalArgumentException(
            "Fourier index bound is " + maxIndex + "; must be in 1.." + MAX_FOURIER_INDEX);
      }
      this.hkl = FourierFeatures.halfBox(maxIndex);
      return this;
    }

    /**
     * Switches the Fourier features on for an explicit list of Miller indices, kept in the given
     * order.
     *
     * @param millerIndices (h, k, l) triples: none (0, 0, 0), no duplicates; an empty list
     *     switches the features off
     */
    public Builder optFourierHkl(List<int[]> millerIndices) {
      Objects.requireNonNull(millerIndices, "hkl");
      Set<List<Integer>> seen = new HashSet<>();
      List<int[]> copy = new ArrayList<>();
      for (int[] v : millerIndices) {
        if (v == null || v.length != 3) {
          throw new IllegalArgumentException("Miller indices " + Arrays.toString(v)
              + " must be 3 integers");
        }
        if (v[0] == 0 && v[1] == 0 && v[2] == 0) {
          throw new IllegalArgumentException(
              "Miller indices (0, 0, 0) carry no information (the feature is always 1)");
        }
        if (!seen.add(List.of(v[0], v[1], v[2]))) {
          throw new IllegalArgumentException("Miller indices " + Arrays.toString(v)
              + " are listed twice");
        }
        copy.add(v.clone());
      }
      this.hkl = copy;
      return this;
    }

    /** Sets the site weights of the Fourier features (default atomic number). */
    public Builder optFourierWeighting(FourierWeighting weighting) {
      this.fourierWeighting = Objects.requireNonNull(weighting, "fourierWeighting");
      return this;
    }

    /**
     * Encodes these numeric structure properties (e.g. {@code heat_ref} in eV/atom) as
     * normalised targets, in this order.
     *
     * @param names distinct, non-blank property names
     */
    public Builder optProperties(List<String> names) {
      Objects.requireNonNull(names, "property names");
      Set<String> seen = new HashSet<>();
      for (String n : names) {
        if (n == null || n.isBlank()) {
          throw new IllegalArgumentException("property name '" + n + "' is blank");
        }
        if (!seen.add(n)) {
          throw new IllegalArgumentException("property '" + n + "' is listed twice");
        }
      }
      this.propertyNames = List.copyOf(names);
      return this;
    }

    /** Same as {@link #optProperties(List)}. */
    public Builder optProperties(String... names) {
      return optProperties(Arrays.asList(names));
    }

    /** Sets what decoding does with lattices that make no cell (default repair). */
    public Builder optInvalidLatticePolicy(InvalidLatticePolicy policy) {
      this.invalidLatticePolicy = Objects.requireNonNull(policy, "invalidLatticePolicy");
      return this;
    }

    /** The options. */
    public EncoderOptions build() {
      return new EncoderOptions(this);
    }
  }
}
