package org.invdes.core.surrogate;

import static org.invdes.core.model.ManifestJson.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invdes.core.model.ManifestJson;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.model.TrainingRows;
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

  private final String invdesVersion;
  private final String weights;
  private final String property;
  private final double mean;
  private final double sd;
  private final List<Element> vocabulary;
  private final SurrogateConfig config;
  private final TrainingRows rows;
  private final SurrogateMetrics metrics;

  private SurrogateManifest(String invdesVersion, String weights, String property, double mean,
      double sd, List<Element> vocabulary, SurrogateConfig config, TrainingRows rows,
      SurrogateMetrics metrics) {
    this.invdesVersion = invdesVersion;
    this.weights = weights;
    this.property = property;
    this.mean = mean;
    this.sd = sd;
    this.vocabulary = List.copyOf(vocabulary);
    this.config = config;
    this.rows = rows;
    this.metrics = metrics;
  }

  static SurrogateManifest of(String weights, String property, double mean, double sd,
      List<Element> vocabulary, SurrogateConfig config, int inputRows, int skippedRows,
      int trainRows, int validationRows, String fingerprint, String skipWarning,
      SurrogateMetrics metrics) {
    return new SurrogateManifest(ModelManifest.invdesVersion(), weights, property, mean, sd,
        vocabulary, config, new TrainingRows(inputRows, skippedRows, trainRows, validationRows,
            fingerprint, skipWarning), metrics);
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
    return rows.inputRows();
  }

  /** Rows skipped (no numeric value, disordered, unknown …). */
  public int skippedRows() {
    return rows.skippedRows();
  }

  /** Rows trained on. */
  public int trainRows() {
    return rows.trainRows();
  }

  /** Rows held out for early stopping. */
  public int validationRows() {
    return rows.validationRows();
  }

  /** SHA-256 (hex) of the training graphs and targets. */
  public String fingerprint() {
    return rows.sha256();
  }

  /** The consolidated warning about skipped rows, if any. */
  public Optional<String> skipWarning() {
    return Optional.ofNullable(rows.skipWarning());
  }

  /** The training outcome. */
  public SurrogateMetrics metrics() {
    return metrics;
  }

  /** The manifest as pretty-printed JSON. */
  public String toJson() {
    ObjectNode o = ManifestJson.header(MODEL_TYPE, FORMAT_VERSION, invdesVersion, weights);
    o.put("property", property);
    ObjectNode norm = o.putObject("normalisation");
    norm.put("mean", mean);
    norm.put("sd", sd);
    ManifestJson.putVocabulary(o, vocabulary);
    o.set("hyperParameters", config.toJsonNode());
    rows.putInto(o);
    ObjectNode m = o.putObject("metrics");
    m.put("epochsRun", metrics.epochsRun());
    m.put("bestEpoch", metrics.bestEpoch());
    m.put("earlyStopped", metrics.earlyStopped());
    m.put("trainMae", metrics.trainMae());
    if (!Double.isNaN(metrics.validationMae())) {
      m.put("validationMae", metrics.validationMae());
    }
    m.put("trainingSeconds", metrics.seconds());
    return ManifestJson.text(o);
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
    JsonNode o = ManifestJson.parse(json, source);
    ManifestJson.requireType(o, source, MODEL_TYPE, "formation-energy surrogate",
        type -> "train one with invdes train-surrogate");
    ManifestJson.requireVersion(o, source, "surrogate", FORMAT_VERSION, "");
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
      TrainingRows rows = TrainingRows.of(o);
      JsonNode m = require(o, "metrics");
      SurrogateMetrics metrics = new SurrogateMetrics(m.path("epochsRun").asInt(),
          m.path("bestEpoch").asInt(), m.path("earlyStopped").asBoolean(),
          m.path("trainMae").asDouble(Double.NaN), m.path("validationMae").asDouble(Double.NaN),
          m.path("trainingSeconds").asDouble());
      return new SurrogateManifest(o.path("invdesVersion").asText("unknown"),
          require(o, "weights").asText(), require(o, "property").asText(),
          require(norm, "mean").asDouble(), sd, vocab,
          SurrogateConfig.fromJsonNode(require(o, "hyperParameters")), rows, metrics);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SurrogateManifest[" + property + ", " + vocabulary.size() + " elements, "
        + rows.trainRows() + " training rows, sha256 " + rows.sha256() + "]";
  }
}
