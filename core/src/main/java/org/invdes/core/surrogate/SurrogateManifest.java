package org.invdes.core.surrogate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.structure.Element;

/**
 * The {@value ModelManifest#FILE_NAME} of a saved surrogate. Immutable. JSON fields:
 *
 * <ul>
 *   <li>{@code format} = {@value ModelManifest#FORMAT} (shared with the generators),
 *       {@code modelType} = {@value #MODEL_TYPE}, {@code formatVersion} = {@value
 *       #FORMAT_VERSION}; a reader refuses another type or version, naming both;
 *   <li>{@code invdesVersion}: the library version that wrote it;
 *   <li>{@code weights}: the DJL parameter file beside the manifest;
 *   <li>{@code property}: the predicted column; {@code normalisation}: its training mean and
 *       standard deviation (prediction = network output · sd + mean);
 *   <li>{@code vocabulary}: element symbols in class order;
 *   <li>{@code hyperParameters}: {@link SurrogateConfig#toJsonNode()} (cut-off, neighbours,
 *       Gaussian step, widths, training settings);
 *   <li>{@code trainingData}: rows given, skipped, trained on and held out, the SHA-256
 *       fingerprint of the training graphs and targets, the skip warning;
 *   <li>{@code metrics}: {@link SurrogateMetrics}.
 * </ul>
 */
public final class SurrogateManifest {
  /** The model type of a surrogate. */
  public static final String MODEL_TYPE = "surrogate";
  /** The surrogate manifest version this library writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String invdesVersion;
  private final String weights;
  private final String property;
  private final double mean;
  private final double sd;
  private final List<Element> vocabulary;
  private final SurrogateConfig config;
  private final int inputRows;
  private final int skippedRows;
  private final int trainRows;
  private final int validationRows;
  private final String fingerprint;
  private final String skipWarning;
  private final SurrogateMetrics metrics;

  private SurrogateManifest(String invdesVersion, String weights, String property, double mean,
      double sd, List<Element> vocabulary, SurrogateConfig config, int inputRows,
      int skippedRows, int trainRows, int validationRows, String fingerprint, String skipWarning,
      SurrogateMetrics metrics) {
    this.invdesVersion = invdesVersion;
    this.weights = weights;
    this.property = property;
    this.mean = mean;
    this.sd = sd;
    this.vocabulary = List.copyOf(vocabulary);
    this.config = config;
    this.inputRows = inputRows;
    this.skippedRows = skippedRows;
    this.trainRows = trainRows;
    this.validationRows = validationRows;
    this.fingerprint = fingerprint;
    this.skipWarning = skipWarning;
    this.metrics = metrics;
  }

  static SurrogateManifest of(String weights, String property, double mean, double sd,
      List<Element> vocabulary, SurrogateConfig config, int inputRows, int skippedRows,
      int trainRows, int validationRows, String fingerprint, String skipWarning,
      SurrogateMetrics metrics) {
    return new SurrogateManifest(ModelManifest.invdesVersion(), weights, property, mean, sd,
        vocabulary, config, inputRows, skippedRows, trainRows, validationRows, fingerprint,
        skipWarning, metrics);
  }

  /** The invdes version that wrote it. */
  public String writtenBy() {
    return invdesVersion;
  }

  /** The weight file name inside the model directory. */
  public String weights() {
    return weights;
  }

  /** The predicted property (a dataset column, e.g. {@code heat_ref}). */
  public String property() {
    return property;
  }

  /** Training mean of the property. */
  public double mean() {
    return mean;
  }

  /** Training standard deviation of the property (1 when all values were equal). */
  public double sd() {
    return sd;
  }

  /** The elements the surrogate knows, in class order. */
  public List<Element> vocabulary() {
    return vocabulary;
  }

  /** The hyper-parameters (graph, network, training). */
  public SurrogateConfig config() {
    return config;
  }

  /** Rows given to training. */
  public int inputRows() {
    return inputRows;
  }

  /** Rows skipped (no numeric value, disordered, unknown …). */
  public int skippedRows() {
    return skippedRows;
  }

  /** Rows trained on. */
  public int trainRows() {
    return trainRows;
  }

  /** Rows held out for early stopping. */
  public int validationRows() {
    return validationRows;
  }

  /** SHA-256 (hex) of the training graphs and targets. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The consolidated warning about skipped rows, if any. */
  public Optional<String> skipWarning() {
    return Optional.ofNullable(skipWarning);
  }

  /** The training outcome. */
  public SurrogateMetrics metrics() {
    return metrics;
  }

  /** The manifest as pretty-printed JSON. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", ModelManifest.FORMAT);
    o.put("modelType", MODEL_TYPE);
    o.put("formatVersion", FORMAT_VERSION);
    o.put("invdesVersion", invdesVersion);
    o.put("weights", weights);
    o.put("property", property);
    ObjectNode norm = o.putObject("normalisation");
    norm.put("mean", mean);
    norm.put("sd", sd);
    ArrayNode vocab = o.putArray("vocabulary");
    for (Element e : vocabulary) {
      vocab.add(e.symbol());
    }
    o.set("hyperParameters", config.toJsonNode());
    ObjectNode data = o.putObject("trainingData");
    data.put("inputRows", inputRows);
    data.put("skippedRows", skippedRows);
    data.put("trainRows", trainRows);
    data.put("validationRows", validationRows);
    data.put("sha256", fingerprint);
    if (skipWarning != null) {
      data.put("skipWarning", skipWarning);
    }
    ObjectNode m = o.putObject("metrics");
    m.put("epochsRun", metrics.epochsRun());
    m.put("bestEpoch", metrics.bestEpoch());
    m.put("earlyStopped", metrics.earlyStopped());
    m.put("trainMae", metrics.trainMae());
    if (!Double.isNaN(metrics.validationMae())) {
      m.put("validationMae", metrics.validationMae());
    }
    m.put("trainingSeconds", metrics.seconds());
    try {
      return JSON.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest as JSON", e);
    }
  }

  /**
   * Reads a manifest.
   *
   * @param json the JSON text
   * @param source where it came from, for messages
   * @throws IllegalArgumentException naming the source if it is not an invdes model manifest,
   *     holds another model type (e.g. a generator), has another format version (both named),
   *     or lacks a field
   */
  public static SurrogateManifest fromJson(String json, String source) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()
        || !ModelManifest.FORMAT.equals(o.path("format").asText(null))) {
      throw new IllegalArgumentException(source + " is not an invdes model manifest (no"
          + " \"format\": \"" + ModelManifest.FORMAT + "\")");
    }
    String type = o.path("modelType").asText("");
    if (!MODEL_TYPE.equals(type)) {
      throw new IllegalArgumentException(source + " holds a model of type '" + type
          + "', not a formation-energy surrogate ('" + MODEL_TYPE + "'); train one with"
          + " invdes train-surrogate");
    }
    int version = o.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(source + " has surrogate format version " + version
          + " (written by invdes " + o.path("invdesVersion").asText("unknown") + "); this invdes "
          + ModelManifest.invdesVersion() + " reads surrogate format version " + FORMAT_VERSION);
    }
    try {
      List<Element> vocab = new ArrayList<>();
      for (JsonNode e : require(o, "vocabulary")) {
        vocab.add(Element.of(e.asText()));
      }
      if (vocab.isEmpty()) {
        throw new IllegalArgumentException("the vocabulary is empty");
      }
      JsonNode norm = require(o, "normalisation");
      double sd = require(norm, "sd").asDouble();
      if (!(sd > 0)) {
        throw new IllegalArgumentException("normalisation sd is " + sd + "; must be positive");
      }
      JsonNode data = require(o, "trainingData");
      JsonNode m = require(o, "metrics");
      SurrogateMetrics metrics = new SurrogateMetrics(m.path("epochsRun").asInt(),
          m.path("bestEpoch").asInt(), m.path("earlyStopped").asBoolean(),
          m.path("trainMae").asDouble(Double.NaN), m.path("validationMae").asDouble(Double.NaN),
          m.path("trainingSeconds").asDouble());
      return new SurrogateManifest(o.path("invdesVersion").asText("unknown"),
          require(o, "weights").asText(), require(o, "property").asText(),
          require(norm, "mean").asDouble(), sd, vocab,
          SurrogateConfig.fromJsonNode(require(o, "hyperParameters")),
          data.path("inputRows").asInt(), data.path("skippedRows").asInt(),
          data.path("trainRows").asInt(), data.path("validationRows").asInt(),
          data.path("sha256").asText(),
          data.hasNonNull("skipWarning") ? data.get("skipWarning").asText() : null, metrics);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode require(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("lacks the field \"" + field + "\"");
    }
    return v;
  }

  @Override
  public String toString() {
    return "SurrogateManifest[" + property + ", " + vocabulary.size() + " elements, "
        + trainRows + " training rows, sha256 " + fingerprint + "]";
  }
}
