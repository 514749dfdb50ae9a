package org.invdes.core.encoding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.invdes.core.structure.Element;

/**
 * The fitted state of an {@link Encoder}: everything needed to encode and decode the same way
 * again. Immutable, with exact {@link #equals}; created by {@link Encoder#fit} or read back with
 * {@link #fromJson(String)}.
 *
 * <p><b>Lattice normalisation.</b> The six lattice components are u = (ln a, ln b, ln c, α, β,
 * γ), lengths in Å (so ln of the number of Å) and angles in degrees. Lengths are log-scaled so
 * that any real output of a model decodes to a positive length and relative errors are uniform
 * across cell sizes. Each component is standardised with the training statistics: z = (u −
 * mean) / scale, where mean and standard deviation (population, over the training cells) are
 * fitted per component and scale = max(standard deviation, floor), the floor being {@value
 * #LOG_LENGTH_SCALE_FLOOR} for ln-lengths (about 1 % in length) and {@value
 * #ANGLE_SCALE_FLOOR_DEG}° for angles. The floor keeps constant components (all Perov-5 angles
 * are 90°) finite: they encode as 0. Storing z as a float32 rounds it to 2⁻²⁴ relative, which
 * moves u by at most |u − mean| · 2⁻²⁴ whatever the scale: below 7·10⁻⁷ relative on any length
 * from 0.1 Å to 10⁴ Å (|ln a − mean| &lt; 12), below 10⁻⁵° on any angle.
 *
 * <p><b>Property normalisation.</b> Each property is standardised the same way with the mean and
 * population standard deviation of its finite training values (scale 1 when they are all equal);
 * missing values encode as NaN.
 *
 * <p><b>JSON.</b> {@link #toJson()} writes a self-describing document with {@code format} =
 * {@value #FORMAT} and {@code formatVersion} = {@value #FORMAT_VERSION}; numbers are written in
 * shortest round-trip form, so a loaded configuration {@link #equals} the saved one and encodes
 * bit for bit alike. Reading another format or version fails with a message naming both.
 */
public final class EncodingConfig {
  /** The {@code format} value of the JSON form. */
  public static final String FORMAT = "invdes-encoding-ftcp";
  /** The {@code formatVersion} this library writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /**
   * Identifier of the canonical site order (see {@link Encoder}), stored in the JSON so that a
   * future change of the order cannot silently reinterpret old encoders.
   */
  public static final String SITE_ORDER = "z-descending/grid-240/xyz";
  /** Smallest scale of an ln-length component (dimensionless, ≈ 1 % in length). */
  public static final double LOG_LENGTH_SCALE_FLOOR = 0.01;
  /** Smallest scale of an angle component, degrees. */
  public static final double ANGLE_SCALE_FLOOR_DEG = 1.0;

  private static final List<String> LATTICE_COMPONENTS =
      List.of("ln_a", "ln_b", "ln_c", "alpha_deg", "beta_deg", "gamma_deg");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final int maxSites;
  private final List<Element> vocabulary;
  private final boolean occupancyChannel;
  private final DisorderPolicy disorderPolicy;
  private final CellChoice cellChoice;
  private final InvalidLatticePolicy invalidLatticePolicy;
  private final double[] latticeMean;
  private final double[] latticeScale;
  private final int[][] hkl;
  private final FourierWeighting fourierWeighting;
  private final List<String> propertyNames;
  private final double[] propertyMean;
  private final double[] propertyScale;
  private final EncodingLayout layout;

  private EncodingConfig(int maxSites, List<Element> vocabulary, boolean occupancyChannel,
      DisorderPolicy disorderPolicy, CellChoice cellChoice,
      InvalidLatticePolicy invalidLatticePolicy, double[] latticeMean, double[] latticeScale,
      int[][] hkl, FourierWeighting fourierWeighting, List<String> propertyNames,
      double[] propertyMean, double[] propertyScale) {
    this.maxSites = maxSites;
    this.vocabulary = vocabulary;
    this.occupancyChannel = occupancyChannel;
    this.disorderPolicy = disorderPolicy;
    this.cellChoice = cellChoice;
    this.invalidLatticePolicy = invalidLatticePolicy;
    this.latticeMean = latticeMean;
    this.latticeScale = latticeScale;
    this.hkl = hkl;
    this.fourierWeighting = fourierWeighting;
    this.propertyNames = propertyNames;
    this.propertyMean = propertyMean;
    this.propertyScale = propertyScale;
    this.layout = new EncodingLayout(maxSites, vocabulary.size() + 1, occupancyChannel,
        hkl.length, propertyNames.size());
  }

  /** Validating factory used by fitting and by the JSON reader; copies every array. */
  static EncodingConfig of(int maxSites, List<Element> vocabulary, boolean occupancyChannel,
      DisorderPolicy disorderPolicy, CellChoice cellChoice,
      InvalidLatticePolicy invalidLatticePolicy, double[] latticeMean, double[] latticeScale,
      List<int[]> hkl, FourierWeighting fourierWeighting, List<String> propertyNames,
      double[] propertyMean, double[] propertyScale) {
    if (maxSites < 1) {
      throw new IllegalArgumentException("maxSites is " + maxSites + "; must be at least 1");
    }
    Objects.requireNonNull(vocabulary, "vocabulary");
    if (vocabulary.isEmpty()) {
      throw new IllegalArgumentException("vocabulary is empty");
    }
    for (int i = 1; i < vocabulary.size(); i++) {
      if (vocabulary.get(i).number() <= vocabulary.get(i - 1).number()) {
        throw new IllegalArgumentException("vocabulary " + vocabulary
            + " must list distinct elements in ascending atomic number");
      }
    }
    checkStats("lattice", LATTICE_COMPONENTS, latticeMean, latticeScale);
    checkStats("property", propertyNames, propertyMean, propertyScale);
    int[][] h = new int[hkl.size()][];
    for (int i = 0; i < h.length; i++) {
      h[i] = hkl.get(i).clone();
    }
    return new EncodingConfig(maxSites, List.copyOf(vocabulary), occupancyChannel,
        Objects.requireNonNull(disorderPolicy, "disorderPolicy"),
        Objects.requireNonNull(cellChoice, "cellChoice"),
        Objects.requireNonNull(invalidLatticePolicy, "invalidLatticePolicy"),
        latticeMean.clone(), latticeScale.clone(), h,
        Objects.requireNonNull(fourierWeighting, "fourierWeighting"), List.copyOf(propertyNames),
        propertyMean.clone(), propertyScale.clone());
  }

  private static void checkStats(String what, List<String> names, double[] mean,
      double[] scale) {
    if (mean.length != names.size() || scale.length != names.size()) {
      throw new IllegalArgumentException(what + " statistics have " + mean.length + " means and "
          + scale.length + " scales for " + names.size() + " components " + names);
    }
    for (int i = 0; i < mean.length; i++) {
      if (!Double.isFinite(mean[i])) {
        throw new IllegalArgumentException(
            what + " '" + names.get(i) + "' has mean " + mean[i] + "; must be finite");
      }
      if (!(scale[i] > 0) || !Double.isFinite(scale[i])) {
        throw new IllegalArgumentException(
            what + " '" + names.get(i) + "' has scale " + scale[i] + "; must be finite and > 0");
      }
    }
  }

  /** N: the number of site rows, i.e. the largest number of sites an encoding holds. */
  public int maxSites() {
    return maxSites;
  }

  /**
   * The element vocabulary in ascending atomic number; element {@code vocabulary().get(i)} has
   * class index i + 1 (class 0 is "no atom").
   */
  public List<Element> vocabulary() {
    return vocabulary;
  }

  /**
   * The class index of an element: 1..vocabulary size.
   *
   * @throws IllegalArgumentException if the element is not in the vocabulary
   */
  public int classOf(Element element) {
    int i = Collections.binarySearch(vocabulary, element);
    if (i < 0) {
      throw new IllegalArgumentException(element + " is not in the vocabulary "
          + vocabulary);
    }
    return i + 1;
  }

  /**
   * The element of a class index.
   *
   * @param classIndex 1..vocabulary size
   * @throws IllegalArgumentException for 0 ("no atom") or an index beyond the vocabulary
   */
  public Element elementOf(int classIndex) {
    if (classIndex < 1 || classIndex > vocabulary.size()) {
      throw new IllegalArgumentException("class index " + classIndex + " is outside 1.."
          + vocabulary.size() + (classIndex == 0 ? " (0 is 'no atom')" : ""));
    }
    return vocabulary.get(classIndex - 1);
  }

  /** Whether site rows carry an occupancy channel. */
  public boolean occupancyChannel() {
    return occupancyChannel;
  }

  /** What encoding does with disordered sites. */
  public DisorderPolicy disorderPolicy() {
    return disorderPolicy;
  }

  /** Which cell is encoded. */
  public CellChoice cellChoice() {
    return cellChoice;
  }

  /** What decoding does with lattice parameters that make no cell. */
  public InvalidLatticePolicy invalidLatticePolicy() {
    return invalidLatticePolicy;
  }

  /** Fitted means of (ln a, ln b, ln c, α, β, γ) (ln of Å; degrees); a copy. */
  public double[] latticeMean() {
    return latticeMean.clone();
  }

  /** Fitted scales of (ln a, ln b, ln c, α, β, γ) (dimensionless; degrees); a copy. */
  public double[] latticeScale() {
    return latticeScale.clone();
  }

  /**
   * The Miller indices (h, k, l) of the Fourier features, in feature order; empty when the
   * features are off. Feature 2r is Re F̂ and 2r + 1 is Im F̂ of reflection r, where F̂(hkl) =
   * Σⱼ wⱼ exp(2πi (h xⱼ + k yⱼ + l zⱼ)) / Σⱼ wⱼ over the sites, in [−1, 1].
   */
  public List<int[]> hkl() {
    List<int[]> out = new ArrayList<>(hkl.length);
    for (int[] v : hkl) {
      out.add(v.clone());
    }
    return out;
  }

  int[][] hklArray() {
    return hkl;
  }

  /** The site weights of the Fourier features. */
  public FourierWeighting fourierWeighting() {
    return fourierWeighting;
  }

  /** Names of the encoded properties, in channel order. */
  public List<String> propertyNames() {
    return propertyNames;
  }

  /** Fitted means of the properties, in their units; a copy. */
  public double[] propertyMean() {
    return propertyMean.clone();
  }

  /** Fitted scales of the properties, in their units; a copy. */
  public double[] propertyScale() {
    return propertyScale.clone();
  }

  /** Where each quantity sits in an encoded vector. */
  public EncodingLayout layout() {
    return layout;
  }

  /**
   * The name of every feature, in vector order, for tables that hold encoded vectors as columns:
   * {@code ln_a ln_b ln_c alpha beta gamma}; per site row i (from 0) {@code s<i>_none} and {@code
   * s<i>_<element>} (the one-hot classes), {@code s<i>_x}, {@code s<i>_y}, {@code s<i>_z} and,
   * with the occupancy channel, {@code s<i>_occ}; {@code F(h,k,l)_re} and {@code F(h,k,l)_im} per
   * reflection; {@code p_<property>} per property.
   *
   * @return an unmodifiable list of {@link EncodingLayout#length()} distinct names
   */
  public List<String> featureNames() {
    EncodingLayout l = layout;
    String[] names = new String[l.length()];
    String[] lattice = {"ln_a", "ln_b", "ln_c", "alpha", "beta", "gamma"};
    System.arraycopy(lattice, 0, names, l.latticeOffset(), lattice.length);
    for (int i = 0; i < l.maxSites(); i++) {
      int row = l.siteOffset(i);
      for (int c = 0; c < l.elementClasses(); c++) {
        names[row + l.elementChannel() + c] = "s" + i + "_"
            + (c == 0 ? "none" : elementOf(c).symbol());
      }
      names[row + l.coordinateChannel()] = "s" + i + "_x";
      names[row + l.coordinateChannel() + 1] = "s" + i + "_y";
      names[row + l.coordinateChannel() + 2] = "s" + i + "_z";
      if (l.hasOccupancy()) {
        names[row + l.occupancyChannel()] = "s" + i + "_occ";
      }
    }
    List<int[]> reflections = hkl();
    for (int r = 0; r < reflections.size(); r++) {
      int[] h = reflections.get(r);
      String m = "F(" + h[0] + "," + h[1] + "," + h[2] + ")";
      names[l.fourierOffset() + 2 * r] = m + "_re";
      names[l.fourierOffset() + 2 * r + 1] = m + "_im";
    }
    for (int p = 0; p < l.propertyCount(); p++) {
      names[l.propertiesOffset() + p] = "p_" + propertyNames().get(p);
    }
    return List.of(names);
  }

  // ------------------------------------------------------------------ JSON

  /** The JSON form as a tree, to embed in a larger document (e.g. a saved-model manifest). */
  public ObjectNode toJsonNode() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("siteOrder", SITE_ORDER);
    root.put("maxSites", maxSites);
    ArrayNode vocab = root.putArray("vocabulary");
    for (Element e : vocabulary) {
      vocab.add(e.symbol());
    }
    root.put("occupancyChannel", occupancyChannel);
    root.put("disorderPolicy", disorderPolicy.name());
    root.put("cellChoice", cellChoice.name());
    root.put("invalidLatticePolicy", invalidLatticePolicy.name());
    ObjectNode lattice = root.putObject("lattice");
    ArrayNode comps = lattice.putArray("components");
    LATTICE_COMPONENTS.forEach(comps::add);
    putDoubles(lattice.putArray("mean"), latticeMean);
    putDoubles(lattice.putArray("scale"), latticeScale);
    ObjectNode fourier = root.putObject("fourier");
    fourier.put("weighting", fourierWeighting.name());
    ArrayNode hklNode = fourier.putArray("hkl");
    for (int[] v : hkl) {
      hklNode.addArray().add(v[0]).add(v[1]).add(v[2]);
    }
    ArrayNode props = root.putArray("properties");
    for (int i = 0; i < propertyNames.size(); i++) {
      ObjectNode p = props.addObject();
      p.put("name", propertyNames.get(i));
      p.put("mean", propertyMean[i]);
      p.put("scale", propertyScale[i]);
    }
    return root;
  }

  /** The JSON form as indented text; identical for equal configurations. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toJsonNode()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an encoding configuration as JSON", e);
    }
  }

  /**
   * Reads the JSON form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if the text is not JSON, is another format or {@code
   *     formatVersion}, or a field is missing, unknown or invalid; the message names the field
   *     and value
   */
  public static EncodingConfig fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "encoding configuration is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromJsonNode(node);
  }

  private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("format",
      "formatVersion", "siteOrder", "maxSites", "vocabulary", "occupancyChannel",
      "disorderPolicy", "cellChoice", "invalidLatticePolicy", "lattice", "fourier",
      "properties"));

  /**
   * Reads the JSON form from a tree (see {@link #fromJson(String)}).
   *
   * @throws IllegalArgumentException as {@link #fromJson(String)}
   */
  public static EncodingConfig fromJsonNode(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("encoding configuration must be a JSON object, got "
          + (root == null ? "nothing" : root.getNodeType()));
    }
    String format = text(root, "format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("not an invdes FTCP encoding: format is '" + format
          + "', expected '" + FORMAT + "'");
    }
    int version = integer(root, "formatVersion");
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("encoding configuration has formatVersion " + version
          + "; this version of invdes reads formatVersion " + FORMAT_VERSION + " only");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("encoding configuration has unknown field '" + name
            + "'; formatVersion " + FORMAT_VERSION + " has " + FIELDS);
      }
    }
    String order = text(root, "siteOrder");
    if (!SITE_ORDER.equals(order)) {
      throw new IllegalArgumentException("encoding configuration uses site order '" + order
          + "'; this version of invdes implements '" + SITE_ORDER + "' only");
    }
    List<Element> vocabulary = new ArrayList<>();
    for (JsonNode s : array(root, "vocabulary")) {
      if (!s.isTextual()) {
        throw new IllegalArgumentException("vocabulary entry " + s + " is not a symbol");
      }
      vocabulary.add(Element.lookup(s.asText()).orElseThrow(() -> new IllegalArgumentException(
          "vocabulary entry '" + s.asText() + "' is not an element symbol")));
    }
    JsonNode lattice = object(root, "lattice");
    List<String> comps = new ArrayList<>();
    for (JsonNode c : array(lattice, "components")) {
      comps.add(c.asText());
    }
    if (!comps.equals(LATTICE_COMPONENTS)) {
      throw new IllegalArgumentException("lattice components are " + comps + "; expected "
          + LATTICE_COMPONENTS);
    }
    JsonNode fourier = object(root, "fourier");
    List<int[]> hkl = new ArrayList<>();
    for (JsonNode v : array(fourier, "hkl")) {
      if (!v.isArray() || v.size() != 3 || !v.get(0).isInt() || !v.get(1).isInt()
          || !v.get(2).isInt()) {
        throw new IllegalArgumentException("fourier.hkl entry " + v + " is not 3 integers");
      }
      hkl.add(new int[] {v.get(0).intValue(), v.get(1).intValue(), v.get(2).intValue()});
    }
    // reuse the options' validation of the indices (no 000, no duplicates)
    EncoderOptions.builder().optFourierHkl(hkl);
    JsonNode props = array(root, "properties");
    List<String> names = new ArrayList<>();
    double[] pMean = new double[props.size()];
    double[] pScale = new double[props.size()];
    for (int i = 0; i < props.size(); i++) {
      JsonNode p = props.get(i);
      names.add(text(p, "name"));
      pMean[i] = number(p, "mean");
      pScale[i] = number(p, "scale");
    }
    EncoderOptions.builder().optProperties(names);
    return of(integer(root, "maxSites"), vocabulary, bool(root, "occupancyChannel"),
        enumValue(DisorderPolicy.class, root, "disorderPolicy"),
        enumValue(CellChoice.class, root, "cellChoice"),
        enumValue(InvalidLatticePolicy.class, root, "invalidLatticePolicy"),
        doubles(lattice, "mean"), doubles(lattice, "scale"), hkl,
        enumValue(FourierWeighting.class, fourier, "weighting"), names, pMean, pScale);
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("encoding configuration lacks field '" + name + "'");
    }
    return v;
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' is " + v + "; expected a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isInt()) {
      throw new IllegalArgumentException(
          "field '" + name + "' is " + v + "; expected an integer");
    }
    return v.intValue();
  }

  private static boolean bool(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("field '" + name + "' is " + v + "; expected true/false");
    }
    return v.booleanValue();
  }

  private static double number(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isNumber()) {
      throw new IllegalArgumentException("field '" + name + "' is " + v + "; expected a number");
    }
    return v.doubleValue();
  }

  private static JsonNode array(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isArray()) {
      throw new IllegalArgumentException("field '" + name + "' is " + v + "; expected an array");
    }
    return v;
  }

  private static JsonNode object(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isObject()) {
      throw new IllegalArgumentException("field '" + name + "' is " + v + "; expected an object");
    }
    return v;
  }

  private static double[] doubles(JsonNode node, String name) {
    JsonNode a = array(node, name);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      if (!a.get(i).isNumber()) {
        throw new IllegalArgumentException(
            "field '" + name + "' entry " + i + " is " + a.get(i) + "; expected a number");
      }
      out[i] = a.get(i).doubleValue();
    }
    return out;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String name) {
    String v = text(node, name);
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "' is '" + v + "'; expected one of "
          + Arrays.toString(type.getEnumConstants()), e);
    }
  }

  private static void putDoubles(ArrayNode node, double[] values) {
    for (double v : values) {
      node.add(v);
    }
  }

  // ------------------------------------------------------------------ equality

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EncodingConfig)) {
      return false;
    }
    EncodingConfig c = (EncodingConfig) o;
    return maxSites == c.maxSites && vocabulary.equals(c.vocabulary)
        && occupancyChannel == c.occupancyChannel && disorderPolicy == c.disorderPolicy
        && cellChoice == c.cellChoice && invalidLatticePolicy == c.invalidLatticePolicy
        && Arrays.equals(latticeMean, c.latticeMean) && Arrays.equals(latticeScale, c.latticeScale)
        && Arrays.deepEquals(hkl, c.hkl) && fourierWeighting == c.fourierWeighting
        && propertyNames.equals(c.propertyNames) && Arrays.equals(propertyMean, c.propertyMean)
        && Arrays.equals(propertyScale, c.propertyScale);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxSites, vocabulary, occupancyChannel, disorderPolicy, cellChoice,
        invalidLatticePolicy, Arrays.hashCode(latticeMean), Arrays.hashCode(latticeScale),
        Arrays.deepHashCode(hkl), fourierWeighting, propertyNames, Arrays.hashCode(propertyMean),
        Arrays.hashCode(propertyScale));
  }

  @Override
  public String toString() {
    return "EncodingConfig[maxSites=" + maxSites + ", vocabulary=" + vocabulary.size()
        + " elements, cell=" + cellChoice + ", occupancy=" + occupancyChannel + ", reflections="
        + hkl.length + ", properties=" + propertyNames + ", " + layout + "]";
  }
}
