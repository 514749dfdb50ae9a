package org.invdes.core.encoding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.NiggliReduction;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * An FTCP-style invertible, fixed-size encoding of crystal structures (after Ren et al., Matter
 * 5, 314 (2022)): lattice, one-hot elements, fractional coordinates, optional occupancies,
 * optional reciprocal-space features and optional target properties, in one {@code float[]}
 * laid out as {@link EncodingLayout} documents. Immutable and thread-safe.
 *
 * <p><b>Encoding</b> ({@link #encode}) of a structure s:
 *
 * <ol>
 *   <li>Check s ({@link #problem}): at most N = {@link EncodingConfig#maxSites()} sites; every
 *       site ordered, or resolved to its major element under {@link
 *       DisorderPolicy#MAJOR_ELEMENT}; every encoded element in the vocabulary; every listed
 *       property absent, NaN or a finite number; the lattice (after step 2) in the decodable
 *       range below. Otherwise an {@link IllegalArgumentException} names the structure (its
 *       {@code id} property if any, and its reduced formula), the value and the limit.
 *   <li>Choose the cell ({@link CellChoice}): as given, or Niggli-reduced with the coordinates
 *       re-expressed in it.
 *   <li>Wrap every fractional coordinate into [0, 1) ({@link Structure#wrap}).
 *   <li>Sort the sites canonically: atomic number descending, then the coordinates snapped to a
 *       grid of 240 steps per cell edge (x, then y, then z), then the exact coordinates, then
 *       occupancy descending. The grid makes the order stable under noise for sites on special
 *       positions and across the 0/1 wrap (details on the package-private {@code SiteOrder});
 *       the last two keys make the encoding exactly invariant under permutation of the input
 *       sites and under integer translations of any of them.
 *   <li>Write the lattice as z = (u − mean) / scale for u = (ln a, ln b, ln c, α, β, γ) (Å,
 *       degrees; see {@link EncodingConfig}); the sites in canonical order as one-hot class,
 *       coordinates (a float that rounds up to 1.0 is stored as 0) and occupancy; padding rows
 *       as class 0 with zeros elsewhere; the Fourier features F̂(hkl) of the sorted sites; the
 *       normalised properties (NaN when absent).
 * </ol>
 *
 * <p><b>Decoding</b> ({@link #decode(float[])}) of any vector of the right length, e.g. a model
 * output:
 *
 * <ol>
 *   <li>Lattice: u = z · scale + mean, lengths = exp(u). The parameters are valid when every
 *       length is in [{@value #MIN_LENGTH_ANGSTROM}, {@value #MAX_LENGTH_ANGSTROM}] Å, every angle
 *       in [{@value #MIN_ANGLE_DEG}°, {@value #MAX_ANGLE_DEG}°] and the cell-shape factor s = 1 −
 *       cos²α − cos²β − cos²γ + 2 cosα cosβ cosγ = (V / abc)² is at least {@value #MIN_SHAPE}
 *       (the flattest MP-20 cell has 1.5·10⁻⁴). Invalid parameters are, under {@link
 *       InvalidLatticePolicy#REJECT}, an {@link IllegalArgumentException}; under {@link
 *       InvalidLatticePolicy#REPAIR}: (a) lengths and angles are clamped into their ranges;
 *       (b) if s is still below {@value #MIN_SHAPE}, the angles are moved along the straight
 *       line toward (90°, 90°, 90°) (where s = 1), θ(t) = 90° + t·(θ − 90°), to the largest t
 *       in [0, 1] with s ≥ {@value #MIN_SHAPE}, found by 60 bisection steps. A NaN is never
 *       repaired. The lattice is built with {@link Lattice#fromParameters} (pymatgen orientation).
 *   <li>Sites: each row's class is the argmax of its one-hot channels (ties to the lower class,
 *       NaN ignored, so an all-zero row is "no atom"); "no atom" rows are skipped wherever they
 *       are; coordinates are wrapped into [0, 1) (a NaN is an error); with the occupancy
 *       channel, the occupancy is clamped into [{@value #MIN_OCCUPANCY}, 1], otherwise 1.
 *   <li>Properties: z · scale + mean, NaN ones left out, stored as Double properties.
 *   <li>A vector with no atom at all is an {@link IllegalArgumentException}.
 * </ol>
 *
 * <p>{@code decode(encode(s))} gives back s's composition, lattice parameters (to float32
 * precision: lengths within 7·10⁻⁷ relative, angles within 10⁻⁵°; see {@link EncodingConfig})
 * and sites (within 3·10⁻⁸ fractional, the float32 rounding of a value in [0, 1)) in canonical
 * order, wrapped into [0, 1), with the listed properties; site labels and other properties are
 * not encoded.
 */
public final class Encoder {
  /** Smallest decodable cell length, Å. */
  public static final double MIN_LENGTH_ANGSTROM = 0.1;
  /** Largest decodable cell length, Å. */
  public static final double MAX_LENGTH_ANGSTROM = 1.0e4;
  /** Smallest decodable cell angle, degrees. */
  public static final double MIN_ANGLE_DEG = 1.0;
  /** Largest decodable cell angle, degrees. */
  public static final double MAX_ANGLE_DEG = 179.0;
  /** Smallest decodable cell-shape factor (V / abc)², dimensionless. */
  public static final double MIN_SHAPE = 1.0e-6;
  /** Smallest decoded occupancy (dimensionless) when the occupancy channel is on. */
  public static final double MIN_OCCUPANCY = 0.01;

  private static final int REPAIR_BISECTIONS = 60;

  private final EncodingConfig config;
  private final EncodingLayout layout;
  private final int[][] hkl;
  private final double[] latticeMean;
  private final double[] latticeScale;
  private final double[] propertyMean;
  private final double[] propertyScale;

  private Encoder(EncodingConfig config) {
    this.config = config;
    this.layout = config.layout();
    this.hkl = config.hklArray();
    this.latticeMean = config.latticeMean();
    this.latticeScale = config.latticeScale();
    this.propertyMean = config.propertyMean();
    this.propertyScale = config.propertyScale();
  }

  /** An encoder with a fitted (e.g. loaded) configuration. */
  public static Encoder of(EncodingConfig config) {
    return new Encoder(Objects.requireNonNull(config, "config"));
  }

  // ------------------------------------------------------------------ fitting

  /**
   * Fits an encoder on training structures:
   *
   * <ol>
   *   <li>Resolve each site to its encoded element by the disorder policy (a disordered site
   *       under {@link DisorderPolicy#REJECT} fails).
   *   <li>Vocabulary: the options' if given (a training element outside it fails), else every
   *       encoded element, in ascending atomic number.
   *   <li>N: the options' {@code maxSites} if given (a larger training cell fails), else the
   *       largest training cell.
   *   <li>Lattice statistics over the chosen cells (see {@link EncodingConfig}): per component,
   *       mean and population standard deviation, each sum taken over the values in ascending
   *       order, so the result does not depend on the order of {@code training}; scale = max(sd,
   *       floor).
   *   <li>Property statistics likewise over the finite values of each property (scale 1 when
   *       the standard deviation is 0); a property without any finite value fails.
   * </ol>
   *
   * Fitting is deterministic: equal inputs give equal configurations, in any order.
   *
   * @param training at least one structure
   * @param options fixed choices
   * @throws IllegalArgumentException naming the training structure (index, id, formula), the
   *     value and the limit, if any structure cannot be encoded under the options
   */
  public static Encoder fit(List<Structure> training, EncoderOptions options) {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(options, "options");
    if (training.isEmpty()) {
      throw new IllegalArgumentException("cannot fit an encoder on no training structures");
    }
    // steps 1-3
    TreeSet<Element> seen = new TreeSet<>();
    int largest = 0;
    for (int i = 0; i < training.size(); i++) {
      Structure s = Objects.requireNonNull(training.get(i), "training structure");
      for (int j = 0; j < s.size(); j++) {
        String why = disorderProblem(s, j, options.disorderPolicy());
        if (why != null) {
          throw new IllegalArgumentException("training structure #" + i + ": " + why);
        }
        seen.add(encodedElement(s.site(j)));
      }
      largest = Math.max(largest, s.size());
    }
    List<Element> vocabulary = options.vocabulary().orElse(new ArrayList<>(seen));
    int maxSites = options.maxSites().orElse(largest);
    double[] zeroMean = new double[options.propertyNames().size()];
    double[] unitScale = new double[zeroMean.length];
    Arrays.fill(unitScale, 1.0);
    // a provisional configuration with neutral statistics, to run every check of encode()
    EncodingConfig provisional = EncodingConfig.of(maxSites, vocabulary,
        options.occupancyChannel(), options.disorderPolicy(), options.cellChoice(),
        options.invalidLatticePolicy(), new double[6], new double[] {1, 1, 1, 1, 1, 1},
        options.hkl(), options.fourierWeighting(), options.propertyNames(), zeroMean, unitScale);
    Encoder check = new Encoder(provisional);
    double[][] lattice = new double[6][training.size()];
    for (int i = 0; i < training.size(); i++) {
      Structure s = training.get(i);
      String why = check.problem(s).orElse(null);
      if (why != null) {
        throw new IllegalArgumentException("training structure #" + i + ": " + why);
      }
      double[] u = components(check.chooseCell(s).lattice);
      for (int k = 0; k < 6; k++) {
        lattice[k][i] = u[k];
      }
    }
    // step 4
    double[] mean = new double[6];
    double[] scale = new double[6];
    for (int k = 0; k < 6; k++) {
      double[] ms = meanAndStd(lattice[k]);
      mean[k] = ms[0];
      double floor = k < 3 ? EncodingConfig.LOG_LENGTH_SCALE_FLOOR
          : EncodingConfig.ANGLE_SCALE_FLOOR_DEG;
      scale[k] = Math.max(ms[1], floor);
    }
    // step 5
    List<String> names = options.propertyNames();
    double[] pMean = new double[names.size()];
    double[] pScale = new double[names.size()];
    for (int p = 0; p < names.size(); p++) {
      double[] values = new double[training.size()];
      int n = 0;
      for (Structure s : training) {
        double v = propertyValue(s, names.get(p));
        if (!Double.isNaN(v)) {
          values[n++] = v;
        }
      }
      if (n == 0) {
        throw new IllegalArgumentException("property '" + names.get(p) + "' has no numeric value"
            + " in any of the " + training.size() + " training structures");
      }
      double[] ms = meanAndStd(Arrays.copyOf(values, n));
      pMean[p] = ms[0];
      pScale[p] = ms[1] > 0 ? ms[1] : 1.0;
    }
    return new Encoder(EncodingConfig.of(maxSites, vocabulary, options.occupancyChannel(),
        options.disorderPolicy(), options.cellChoice(), options.invalidLatticePolicy(), mean,
        scale, options.hkl(), options.fourierWeighting(), names, pMean, pScale));
  }

  /** Mean and population standard deviation, sums over the values in ascending order. */
  private static double[] meanAndStd(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double mean = sum / v.length;
    double[] dev = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      dev[i] = (v[i] - mean) * (v[i] - mean);
    }
    Arrays.sort(dev);
    double ss = 0;
    for (double d : dev) {
      ss += d;
    }
    return new double[] {mean, Math.sqrt(ss / v.length)};
  }

  // ------------------------------------------------------------------ accessors, JSON

  /** The fitted configuration. */
  public EncodingConfig config() {
    return config;
  }

  /** The layout of the encoded vectors. */
  public EncodingLayout layout() {
    return layout;
  }

  /** The configuration as JSON ({@link EncodingConfig#toJson()}). */
  public String toJson() {
    return config.toJson();
  }

  /**
   * An encoder from the JSON of {@link #toJson()}.
   *
   * @throws IllegalArgumentException as {@link EncodingConfig#fromJson(String)}
   */
  public static Encoder fromJson(String json) {
    return of(EncodingConfig.fromJson(json));
  }

  /**
   * Writes the configuration as JSON (UTF-8) to a file, through a temporary file beside it that
   * is then moved into place, so that the file is never left half written.
   */
  public void save(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path tmp = org.invdes.core.io.AtomicFiles.tempFileBeside(file);
    try {
      Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
      org.invdes.core.io.AtomicFiles.commit(tmp, file);
    } finally {
      org.invdes.core.io.AtomicFiles.deleteTree(tmp);
    }
  }

  /**
   * Reads an encoder written by {@link #save(Path)}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file if its content is not a valid encoding
   *     configuration of this format version
   */
  public static Encoder load(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ encoding

  /**
   * Why a structure cannot be encoded, or empty if it can. Callers that skip such rows collect
   * these messages into one warning.
   */
  public Optional<String> problem(Structure s) {
    Objects.requireNonNull(s, "structure");
    if (s.size() > config.maxSites()) {
      return Optional.of(describe(s) + " has " + s.size() + " sites; the encoding holds at most "
          + config.maxSites() + " (maxSites)");
    }
    for (int j = 0; j < s.size(); j++) {
      String why = disorderProblem(s, j, config.disorderPolicy());
      if (why != null) {
        return Optional.of(why);
      }
      Element e = encodedElement(s.site(j));
      if (!config.vocabulary().contains(e)) {
        return Optional.of(describe(s) + " contains " + e + ", which is not in the encoding's"
            + " vocabulary of " + config.vocabulary().size() + " elements "
            + config.vocabulary());
      }
    }
    for (String name : config.propertyNames()) {
      Object v = s.properties().get(name);
      if (v != null && !(v instanceof Double || v instanceof Long)) {
        return Optional.of(describe(s) + " has property '" + name + "' = " + v + " ("
            + v.getClass().getSimpleName() + "); the encoding needs a number");
      }
      if (v instanceof Double && Double.isInfinite((Double) v)) {
        return Optional.of(describe(s) + " has property '" + name + "' = " + v
            + "; the encoding needs a finite number (or NaN for missing)");
      }
    }
    Lattice lattice = chooseCell(s).lattice;
    String why = latticeProblem(lattice.lengths(), lattice.angles());
    if (why != null) {
      return Optional.of(describe(s) + ": " + why
          + (config.cellChoice() == CellChoice.NIGGLI ? " (Niggli cell)" : ""));
    }
    return Optional.empty();
  }

  /**
   * Encodes a structure (steps in the class description).
   *
   * @throws IllegalArgumentException with the message of {@link #problem} if it cannot be
   *     encoded
   */
  public Encoded encode(Structure s) {
    String why = problem(s).orElse(null);
    if (why != null) {
      throw new IllegalArgumentException(why);
    }
    Cell cell = chooseCell(s);
    int n = s.size();
    int[] z = new int[n];
    double[] occ = new double[n];
    Element[] el = new Element[n];
    for (int j = 0; j < n; j++) {
      Site site = s.site(j);
      el[j] = encodedElement(site);
      z[j] = el[j].number();
      occ[j] = site.species().get(el[j]);
    }
    int[] order = SiteOrder.order(z, cell.frac, occ);

    float[] f = new float[layout.length()];
    double[] u = components(cell.lattice);
    for (int k = 0; k < 6; k++) {
      f[layout.latticeOffset() + k] = (float) ((u[k] - latticeMean[k]) / latticeScale[k]);
    }
    double[][] sortedFrac = new double[n][];
    double[] weights = new double[n];
    for (int r = 0; r < layout.maxSites(); r++) {
      int row = layout.siteOffset(r);
      if (r >= n) {
        f[row + layout.elementChannel()] = 1f;
        continue;
      }
      int j = order[r];
      f[row + layout.elementChannel() + config.classOf(el[j])] = 1f;
      for (int k = 0; k < 3; k++) {
        float x = (float) cell.frac[j][k];
        f[row + layout.coordinateChannel() + k] = x >= 1f ? 0f : x;
      }
      if (layout.hasOccupancy()) {
        f[row + layout.occupancyChannel()] = (float) occ[j];
      }
      sortedFrac[r] = cell.frac[j];
      weights[r] = (config.fourierWeighting() == FourierWeighting.ATOMIC_NUMBER ? z[j] : 1)
          * occ[j];
    }
    if (hkl.length > 0) {
      FourierFeatures.compute(hkl, sortedFrac, weights, f, layout.fourierOffset());
    }
    List<String> names = config.propertyNames();
    for (int p = 0; p < names.size(); p++) {
      double v = propertyValue(s, names.get(p));
      f[layout.propertiesOffset() + p] =
          Double.isNaN(v) ? Float.NaN : normaliseProperty(p, v);
    }
    return Encoded.wrap(layout, f);
  }

  /**
   * Encodes structures into a [B, length] matrix, ready for a batch tensor.
   *
   * @throws IllegalArgumentException for the first structure that cannot be encoded, naming its
   *     index; check them first with {@link #problem} to skip such rows
   */
  public float[][] encodeAll(List<Structure> structures) {
    float[][] out = new float[structures.size()][];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = encode(structures.get(i)).features();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("structure #" + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * The site blocks of a batch as a [B, N, C] tensor (see {@link EncodingLayout}).
   *
   * @param batch [B, length] as from {@link #encodeAll}
   */
  public float[][][] siteTensor(float[][] batch) {
    float[][][] out = new float[batch.length][][];
    for (int b = 0; b < batch.length; b++) {
      checkLength(batch[b], "row " + b);
      out[b] = Encoded.wrap(layout, batch[b]).siteMatrix();
    }
    return out;
  }

  /** The normalised value of property p. */
  private float normaliseProperty(int p, double value) {
    return (float) ((value - propertyMean[p]) / propertyScale[p]);
  }

  /**
   * Normalises a property value as the encoding stores it, (value − mean) / scale, e.g. to
   * set a sampling target.
   *
   * @param name one of {@link EncodingConfig#propertyNames()}
   * @param value in the property's unit
   */
  public float normaliseProperty(String name, double value) {
    return normaliseProperty(propertyIndex(name), value);
  }

  /**
   * The inverse of {@link #normaliseProperty(String, double)}: z · scale + mean.
   *
   * @param name one of {@link EncodingConfig#propertyNames()}
   */
  public double denormaliseProperty(String name, float normalised) {
    int p = propertyIndex(name);
    return normalised * propertyScale[p] + propertyMean[p];
  }

  private int propertyIndex(String name) {
    int p = config.propertyNames().indexOf(name);
    if (p < 0) {
      throw new IllegalArgumentException("property '" + name + "' is not encoded; the encoding"
          + " holds " + config.propertyNames());
    }
    return p;
  }

  // ------------------------------------------------------------------ decoding

  /**
   * Decodes an encoded structure.
   *
   * @throws IllegalArgumentException if its layout is not this encoder's, or as {@link
   *     #decode(float[])}
   */
  public Structure decode(Encoded encoded) {
    if (!encoded.layout().equals(layout)) {
      throw new IllegalArgumentException("encoded layout " + encoded.layout()
          + " is not this encoder's " + layout);
    }
    return decode(encoded.features());
  }

  /**
   * Decodes a feature vector (steps in the class description).
   *
   * @param features {@code layout().length()} floats
   * @throws IllegalArgumentException if the length is wrong, a needed value is NaN, the lattice
   *     is invalid under {@link InvalidLatticePolicy#REJECT}, or no row holds an atom
   */
  public Structure decode(float[] features) {
    checkLength(features, "feature vector");
    double[] u = new double[6];
    for (int k = 0; k < 6; k++) {
      u[k] = features[layout.latticeOffset() + k] * latticeScale[k] + latticeMean[k];
    }
    Lattice lattice = decodeLattice(
        new double[] {Math.exp(u[0]), Math.exp(u[1]), Math.exp(u[2])},
        new double[] {u[3], u[4], u[5]});

    List<Site> sites = new ArrayList<>();
    for (int r = 0; r < layout.maxSites(); r++) {
      int row = layout.siteOffset(r);
      int cls = Encoded.argmaxClass(features, layout, row);
      if (cls == 0) {
        continue;
      }
      double[] frac = new double[3];
      for (int k = 0; k < 3; k++) {
        float x = features[row + layout.coordinateChannel() + k];
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException("decoded site row " + r + " has coordinate " + x);
        }
        frac[k] = Structure.wrap(x);
      }
      Element element = config.elementOf(cls);
      if (layout.hasOccupancy()) {
        float o = features[row + layout.occupancyChannel()];
        if (Float.isNaN(o)) {
          throw new IllegalArgumentException("decoded site row " + r + " has occupancy NaN");
        }
        double occ = Math.min(1.0, Math.max(MIN_OCCUPANCY, o));
        sites.add(occ == 1.0 ? Site.of(element, frac) : Site.of(Map.of(element, occ), frac, null));
      } else {
        sites.add(Site.of(element, frac));
      }
    }
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("decoded vector holds no atom: all "
          + layout.maxSites() + " site rows are class 0 ('no atom')");
    }
    Map<String, Object> props = new LinkedHashMap<>();
    List<String> names = config.propertyNames();
    for (int p = 0; p < names.size(); p++) {
      float v = features[layout.propertiesOffset() + p];
      if (!Float.isNaN(v)) {
        props.put(names.get(p), denormaliseProperty(names.get(p), v));
      }
    }
    return Structure.of(lattice, sites, props);
  }

  /**
   * Decodes a [B, length] batch.
   *
   * @throws IllegalArgumentException for the first row that cannot be decoded, naming its index
   */
  public List<Structure> decodeAll(float[][] batch) {
    List<Structure> out = new ArrayList<>(batch.length);
    for (int b = 0; b < batch.length; b++) {
      try {
        out.add(decode(batch[b]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + b + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private void checkLength(float[] features, String what) {
    Objects.requireNonNull(features, what);
    if (features.length != layout.length()) {
      throw new IllegalArgumentException(what + " has " + features.length
          + " floats; this encoding has " + layout.length() + " (" + layout + ")");
    }
  }

  /** Lattice from decoded parameters, applying the invalid-lattice policy. */
  private Lattice decodeLattice(double[] lengths, double[] angles) {
    for (int k = 0; k < 3; k++) {
      if (Double.isNaN(lengths[k]) || Double.isNaN(angles[k])) {
        throw new IllegalArgumentException("decoded lattice has NaN parameters: lengths "
            + Arrays.toString(lengths) + " Å, angles " + Arrays.toString(angles) + "°");
      }
    }
    String why = latticeProblem(lengths, angles);
    if (why != null) {
      if (config.invalidLatticePolicy() == InvalidLatticePolicy.REJECT) {
        throw new IllegalArgumentException("decoded " + why);
      }
      repair(lengths, angles);
    }
    return Lattice.fromParameters(lengths[0], lengths[1], lengths[2], angles[0], angles[1],
        angles[2]);
  }

  /** Repair steps (a) and (b) of the class description, in place. */
  static void repair(double[] lengths, double[] angles) {
    for (int k = 0; k < 3; k++) {
      lengths[k] = Math.min(MAX_LENGTH_ANGSTROM, Math.max(MIN_LENGTH_ANGSTROM, lengths[k]));
      angles[k] = Math.min(MAX_ANGLE_DEG, Math.max(MIN_ANGLE_DEG, angles[k]));
    }
    if (shape(angles, 1.0) >= MIN_SHAPE) {
      return;
    }
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < REPAIR_BISECTIONS; i++) {
      double mid = 0.5 * (lo + hi);
      if (shape(angles, mid) >= MIN_SHAPE) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    for (int k = 0; k < 3; k++) {
      angles[k] = 90 + lo * (angles[k] - 90);
    }
  }

  /** The shape factor of the angles 90° + t·(θ − 90°). */
  private static double shape(double[] anglesDeg, double t) {
    double ca = Math.cos(Math.toRadians(90 + t * (anglesDeg[0] - 90)));
    double cb = Math.cos(Math.toRadians(90 + t * (anglesDeg[1] - 90)));
    double cg = Math.cos(Math.toRadians(90 + t * (anglesDeg[2] - 90)));
    return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
  }

  /** Null if the parameters are in the decodable range, else a description naming them. */
  static String latticeProblem(double[] lengths, double[] angles) {
    String params = String.format(Locale.ROOT,
        "lattice a=%s Å, b=%s Å, c=%s Å, alpha=%s°, beta=%s°, gamma=%s°", lengths[0],
        lengths[1], lengths[2], angles[0], angles[1], angles[2]);
    for (int k = 0; k < 3; k++) {
      if (!(lengths[k] >= MIN_LENGTH_ANGSTROM && lengths[k] <= MAX_LENGTH_ANGSTROM)) {
        return params + " has a length outside [" + MIN_LENGTH_ANGSTROM + ", "
            + MAX_LENGTH_ANGSTROM + "] Å";
      }
      if (!(angles[k] >= MIN_ANGLE_DEG && angles[k] <= MAX_ANGLE_DEG)) {
        return params + " has an angle outside [" + MIN_ANGLE_DEG + ", " + MAX_ANGLE_DEG + "]°";
      }
    }
    double s = shape(angles, 1.0);
    if (!(s >= MIN_SHAPE)) {
      return params + " has cell-shape factor (V/abc)² = " + s + ", below " + MIN_SHAPE
          + " (the angles close no cell, or a nearly flat one)";
    }
    return null;
  }

  // ------------------------------------------------------------------ helpers

  /** The chosen cell: lattice and wrapped fractional coordinates in it. */
  private static final class Cell {
    final Lattice lattice;
    final double[][] frac;

    Cell(Lattice lattice, double[][] frac) {
      this.lattice = lattice;
      this.frac = frac;
    }
  }

  private Cell chooseCell(Structure s) {
    double[][] frac = new double[s.size()][];
    Lattice lattice = s.lattice();
    NiggliReduction niggli = null;
    if (config.cellChoice() == CellChoice.NIGGLI) {
      niggli = NiggliReduction.reduce(lattice);
      lattice = niggli.reduced();
    }
    for (int j = 0; j < s.size(); j++) {
      double[] f = s.site(j).frac();
      if (niggli != null) {
        f = niggli.toReducedFractional(f);
      }
      for (int k = 0; k < 3; k++) {
        f[k] = Structure.wrap(f[k]);
      }
      frac[j] = f;
    }
    return new Cell(lattice, frac);
  }

  /** u = (ln a, ln b, ln c, α, β, γ), ln of Å and degrees. */
  private static double[] components(Lattice l) {
    return new double[] {Math.log(l.a()), Math.log(l.b()), Math.log(l.c()), l.alpha(),
        l.beta(), l.gamma()};
  }

  /**
   * The element a site is encoded as: its only element, or the one with the largest occupancy
   * (ties to the larger atomic number).
   */
  private static Element encodedElement(Site site) {
    Element best = null;
    double occ = -1;
    for (Map.Entry<Element, Double> e : site.species().entrySet()) {
      double o = e.getValue();
      if (o > occ || (o == occ && e.getKey().number() > best.number())) {
        best = e.getKey();
        occ = o;
      }
    }
    return best;
  }

  private static String disorderProblem(Structure s, int site, DisorderPolicy policy) {
    Site x = s.site(site);
    if (policy == DisorderPolicy.REJECT && !x.isOrdered()) {
      return describe(s) + " has a disordered site " + site + " (" + x.speciesString()
          + "); the encoding takes ordered structures only (disorder policy REJECT;"
          + " MAJOR_ELEMENT encodes the major element)";
    }
    return null;
  }

  /** The property as a double: NaN when absent or NaN; callers have checked its type. */
  private static double propertyValue(Structure s, String name) {
    Object v = s.properties().get(name);
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v != null) {
      throw new IllegalArgumentException(describe(s) + " has property '" + name + "' = " + v
          + " (" + v.getClass().getSimpleName() + "); the encoding needs a number");
    }
    return Double.NaN;
  }

  /** "structure 'mp-1234' (NaCl)" or "structure NaCl (no id)". */
  static String describe(Structure s) {
    Object id = s.properties().get("id");
    String formula = s.composition().reducedFormula();
    return id != null ? "structure '" + id + "' (" + formula + ")"
        : "structure " + formula + " (no id)";
  }

  @Override
  public String toString() {
    return "Encoder[" + config + "]";
  }
}
