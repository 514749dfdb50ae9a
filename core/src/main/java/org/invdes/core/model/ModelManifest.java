package org.invdes.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.structure.Element;

/**
 * The {@value #FILE_NAME} of a saved model: what is needed to rebuild, check and describe it.
 * Immutable. JSON fields:
 *
 * <ul>
 *   <li>{@code format} = {@value #FORMAT}, {@code formatVersion} = {@value #FORMAT_VERSION}: a
 *       reader refuses any other (naming both versions);
 *   <li>{@code invdesVersion}: the library version that wrote it;
 *   <li>{@code modelType} = {@value #MODEL_TYPE};
 *   <li>{@code weights}: the DJL parameter file beside the manifest;
 *   <li>{@code encoding}: the fitted {@link EncodingConfig} (its own versioned JSON);
 *   <li>{@code vocabulary}: element symbols in class order (class 0 is "no atom");
 *   <li>{@code properties}: name, min, max and count of each conditioning property in training;
 *   <li>{@code trainingData}: rows given, skipped, used for training and for validation, the
 *       SHA-256 fingerprint of the encoded training rows and the skip warning;
 *   <li>{@code hyperParameters}: {@link CvaeConfig#toJsonNode()};
 *   <li>{@code metrics}: {@link TrainingSummary};
 *   <li>{@code latticeNoise}: the decoder's lattice noise N(0, Σ) ({@link MultivariateNormal}:
 *       mean and covariance), added in format version 3;
 *   <li>{@code latentPrior}: the Gaussian fitted to the training rows' posteriors, which
 *       unconditional sampling draws z from ({@link MultivariateNormal}), added in format
 *       version 3.
 * </ul>
 */
public final class ModelManifest {
  /** The file name inside a model directory. */
  public static final String FILE_NAME = "manifest.json";
  /** The {@code format} value. */
  public static final String FORMAT = "invdes-model";
  /** The manifest format version this library writes and reads. */
  public static final int FORMAT_VERSION = 3;
  /** The only model type so far. */
  public static final String MODEL_TYPE = "cvae";

  private final String invdesVersion;
  private final String weights;
  private final EncodingConfig encoding;
  private final List<PropertyRange> properties;
  private final TrainingRows rows;
  private final CvaeConfig hyperParameters;
  private final TrainingSummary metrics;
  private final MultivariateNormal latticeNoise;
  private final MultivariateNormal latentPrior;

  private ModelManifest(String invdesVersion, String weights, EncodingConfig encoding,
      List<PropertyRange> properties, TrainingRows rows, CvaeConfig hyperParameters,
      TrainingSummary metrics, MultivariateNormal latticeNoise, MultivariateNormal latentPrior) {
    this.invdesVersion = invdesVersion;
    this.weights = weights;
    this.encoding = encoding;
    this.properties = List.copyOf(properties);
    this.rows = Objects.requireNonNull(rows, "rows");
    this.hyperParameters = hyperParameters;
    this.metrics = metrics;
    this.latticeNoise = Objects.requireNonNull(latticeNoise, "latticeNoise");
    this.latentPrior = Objects.requireNonNull(latentPrior, "latentPrior");
    if (latticeNoise.dimension() != 6) {
      throw new IllegalArgumentException("the lattice noise has " + latticeNoise.dimension()
          + " components; the lattice has 6");
    }
    if (latentPrior.dimension() != hyperParameters.latentDim()) {
      throw new IllegalArgumentException("the latent prior has " + latentPrior.dimension()
          + " components; the latent space has " + hyperParameters.latentDim());
    }
  }

  /** A manifest for a freshly trained model, stamped with this library's version. */
  static ModelManifest of(String weights, EncodingConfig encoding,
      List<PropertyRange> properties, int inputRows, int skippedRows, int trainRows,
      int validationRows, String fingerprint, String skipWarning, CvaeConfig hyperParameters,
      TrainingSummary metrics, MultivariateNormal latticeNoise, MultivariateNormal latentPrior) {
    return new ModelManifest(invdesVersion(), weights, Objects.requireNonNull(encoding),
        properties, new TrainingRows(inputRows, skippedRows, trainRows, validationRows,
            fingerprint, skipWarning), hyperParameters, metrics, latticeNoise, latentPrior);
  }

  /** The version of this library, from the Maven-filtered {@code invdes.properties}. */
  public static String invdesVersion() {
    try (InputStream in = ModelManifest.class.getResourceAsStream("invdes.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The invdes version that wrote the model. */
  public String writtenBy() {
    return invdesVersion;
  }

  /** The DJL parameter file name inside the model directory. */
  public String weights() {
    return weights;
  }

  /** The fitted encoding. */
  public EncodingConfig encoding() {
    return encoding;
  }

  /** The element vocabulary in class order (class i + 1 is element i). */
  public List<Element> vocabulary() {
    return encoding.vocabulary();
  }

  /** The conditioning properties with their training ranges, in condition order. */
  public List<PropertyRange> properties() {
    return properties;
  }

  /** The property names, in condition order. */
  public List<String> propertyNames() {
    return ManifestJson.names(properties);
  }

  /** Rows given to training. */
  public int inputRows() {
    return rows.inputRows();
  }

  /** Rows skipped because they could not be encoded or had no listed property. */
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

  /** SHA-256 (hex) of the encoded training rows, see {@code TrainingData}. */
  public String fingerprint() {
    return rows.sha256();
  }

  /** The consolidated warning about skipped rows, or null when none was skipped. */
  public String skipWarning() {
    return rows.skipWarning();
  }

  /** The hyper-parameters. */
  public CvaeConfig hyperParameters() {
    return hyperParameters;
  }

  /** The training outcome. */
  public TrainingSummary metrics() {
    return metrics;
  }

  /**
   * The decoder's lattice noise N(0, Σ) over the 6 normalised lattice components, drawn from
   * when sampling ({@link MultivariateNormal}).
   */
  public MultivariateNormal latticeNoise() {
    return latticeNoise;
  }

  /**
   * The latent prior of unconditional sampling: the Gaussian fitted to the aggregate posterior
   * of the training rows ({@link MultivariateNormal}).
   */
  public MultivariateNormal latentPrior() {
    return latentPrior;
  }

  // ------------------------------------------------------------------ JSON

  /** The manifest as pretty-printed JSON. */
  public String toJson() {
    ObjectNode o = ManifestJson.header(MODEL_TYPE, FORMAT_VERSION, invdesVersion, weights);
    o.set("encoding", encoding.toJsonNode());
    ManifestJson.putVocabulary(o, encoding.vocabulary());
    ManifestJson.putProperties(o, properties);
    rows.putInto(o);
    o.set("hyperParameters", hyperParameters.toJsonNode());
    ObjectNode m = o.putObject("metrics");
    m.put("epochsRun", metrics.epochsRun());
    m.put("bestEpoch", metrics.bestEpoch());
    m.put("earlyStopped", metrics.earlyStopped());
    m.put("trainingSeconds", metrics.seconds());
    m.set("train", terms(metrics.train()));
    if (metrics.validation() != null) {
      m.set("validation", terms(metrics.validation()));
    }
    o.set("latticeNoise", latticeNoise.toJsonNode());
    o.set("latentPrior", latentPrior.toJsonNode());
    return ManifestJson.text(o);
  }

  private static ObjectNode terms(LossTerms t) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("total", t.total());
    o.put("elements", t.elements());
    o.put("coordinates", t.coordinates());
    o.put("lattice", t.lattice());
    o.put("kl", t.kl());
    o.put("property", t.property());
    o.put("distance", t.distance());
    return o;
  }

  private static LossTerms terms(JsonNode o) {
    return new LossTerms(o.path("total").asDouble(), o.path("elements").asDouble(),
        o.path("coordinates").asDouble(), o.path("lattice").asDouble(), o.path("kl").asDouble(),
        o.path("property").asDouble(), o.path("distance").asDouble());
  }

  /**
   * Reads a manifest.
   *
   * @param json the JSON text
   * @param source where it came from, for messages (e.g. the file path)
   * @throws IllegalArgumentException naming the source if it is not a model manifest, is of
   *     another format version (naming both versions) or another model type, or lacks a field
   */
  public static ModelManifest fromJson(String json, String source) {
    JsonNode o = ManifestJson.parse(json, source);
    ManifestJson.requireType(o, source, MODEL_TYPE, "conditional VAE generator",
        type -> DiffusionManifest.MODEL_TYPE.equals(type)
            ? "load it as a diffusion generator" : "");
    ManifestJson.requireVersion(o, source, "model", FORMAT_VERSION, "");
    try {
      EncodingConfig encoding = EncodingConfig.fromJsonNode(ManifestJson.require(o, "encoding"));
      List<PropertyRange> props = ManifestJson.properties(o);
      if (!encoding.propertyNames().equals(ManifestJson.names(props))) {
        throw new IllegalArgumentException("properties " + ManifestJson.names(props)
            + " differ from the encoding's " + encoding.propertyNames());
      }
      TrainingRows rows = TrainingRows.of(o);
      JsonNode m = ManifestJson.require(o, "metrics");
      CvaeConfig hyper = CvaeConfig.fromJsonNode(ManifestJson.require(o, "hyperParameters"));
      TrainingSummary metrics = new TrainingSummary(m.path("epochsRun").asInt(),
          m.path("bestEpoch").asInt(), m.path("earlyStopped").asBoolean(),
          terms(ManifestJson.require(m, "train")),
          m.has("validation") ? terms(m.get("validation")) : null,
          m.path("trainingSeconds").asDouble());
      return new ModelManifest(o.path("invdesVersion").asText("unknown"),
          ManifestJson.require(o, "weights").asText(), encoding, props, rows, hyper, metrics,
          MultivariateNormal.fromJsonNode(ManifestJson.require(o, "latticeNoise"), 6,
              "latticeNoise"),
          MultivariateNormal.fromJsonNode(ManifestJson.require(o, "latentPrior"),
              hyper.latentDim(), "latentPrior"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ModelManifest[" + MODEL_TYPE + ", properties " + propertyNames() + ", "
        + rows.trainRows() + " training rows, sha256 " + rows.sha256() + "]";
  }
}
