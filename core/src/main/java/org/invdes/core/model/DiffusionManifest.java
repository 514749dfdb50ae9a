package org.invdes.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.invdes.core.encoding.EncodingConfig;

/**
 * The {@value ModelManifest#FILE_NAME} of a saved diffusion generator. Immutable. The same
 * envelope as {@link ModelManifest} ({@code format} {@value ModelManifest#FORMAT}, {@code
 * formatVersion} (here {@value #FORMAT_VERSION}), {@code invdesVersion}, {@code weights}, {@code
 * encoding}, {@code vocabulary}, {@code properties}, {@code trainingData}) with {@code modelType}
 * = {@value #MODEL_TYPE}, plus:
 *
 * <ul>
 *   <li>{@code atomCounts}: how many training cells had 0, 1, …, N atoms (the distribution the
 *       sampler draws the atom count from);
 *   <li>{@code trainingConditions} (since 0.3.0; empty when absent): the normalised condition
 *       of each training row (at most {@value #MAX_CONDITION_ROWS}, a seeded subset of larger
 *       sets), null where the row lacks the property, so that sampling can draw conditions as
 *       the data has them ({@link #trainingConditions()});
 *   <li>{@code hyperParameters}: {@link DiffusionConfig#toJsonNode()};
 *   <li>{@code metrics}: epochs run, best epoch, early stop, seconds, and the loss terms
 *       ({@link DiffusionLossTerms}) of training and validation at the best epoch; after a
 *       training with a {@link CheckpointSelection} (since 0.3.0) also {@code selection}: its
 *       {@code criterion} and the {@code scores} of the scored epochs, the best epoch being the
 *       one kept.
 * </ul>
 *
 * A conditional-VAE directory read as a diffusion model (or the reverse, through {@link
 * ModelManifest}) fails with a message naming both types; {@link #modelType(Path)} tells them
 * apart.
 */
public final class DiffusionManifest {
  /** The {@code modelType} value. */
  public static final String MODEL_TYPE = "diffusion";

  /**
   * The {@code formatVersion} of diffusion manifests this library writes and reads. 3: the
   * hyper-parameters record {@link DiffusionConfig#typeLoss()} (the type output may be logits of
   * x̂₀). Format 2, the conditional VAE's, was the first diffusion format: type output ε̂ always,
   * and trained before DJL's scalar operands were kept alive for the backward pass.
   */
  public static final int FORMAT_VERSION = 3;

  /** Most training rows whose conditions the manifest records. */
  public static final int MAX_CONDITION_ROWS = 10_000;

  private final String invdesVersion;
  private final String weights;
  private final EncodingConfig encoding;
  private final List<PropertyRange> properties;
  private final int[] atomCounts;
  private final float[][] trainingConditions;
  private final TrainingRows rows;
  private final DiffusionConfig hyperParameters;
  private final int epochsRun;
  private final int bestEpoch;
  private final boolean earlyStopped;
  private final double seconds;
  private final DiffusionLossTerms train;
  private final DiffusionLossTerms validation;
  private final String selectionCriterion;
  private final List<CheckpointScore> checkpointScores;

  private DiffusionManifest(String invdesVersion, String weights, EncodingConfig encoding,
      List<PropertyRange> properties, int[] atomCounts, float[][] trainingConditions,
      TrainingRows rows, DiffusionConfig hyperParameters, int epochsRun, int bestEpoch,
      boolean earlyStopped, double seconds, DiffusionLossTerms train,
      DiffusionLossTerms validation, String selectionCriterion,
      List<CheckpointScore> checkpointScores) {
    this.invdesVersion = invdesVersion;
    this.weights = weights;
    this.encoding = Objects.requireNonNull(encoding, "encoding");
    this.properties = List.copyOf(properties);
    this.atomCounts = atomCounts.clone();
    this.trainingConditions = new float[trainingConditions.length][];
    for (int i = 0; i < trainingConditions.length; i++) {
      if (trainingConditions[i].length != this.properties.size()) {
        throw new IllegalArgumentException("training condition row " + i + " has "
            + trainingConditions[i].length + " values; the model has " + this.properties.size()
            + " properties");
      }
      this.trainingConditions[i] = trainingConditions[i].clone();
    }
    this.rows = Objects.requireNonNull(rows, "rows");
    this.hyperParameters = Objects.requireNonNull(hyperParameters, "hyperParameters");
    this.epochsRun = epochsRun;
    this.bestEpoch = bestEpoch;
    this.earlyStopped = earlyStopped;
    this.seconds = seconds;
    this.train = train;
    this.validation = validation;
    this.selectionCriterion = selectionCriterion;
    this.checkpointScores = List.copyOf(checkpointScores);
  }

  /** A manifest for a freshly trained model, stamped with this library's version. */
  static DiffusionManifest of(String weights, TrainingData data, int[] atomCounts,
      float[][] trainingConditions, int trainRows, int validationRows, DiffusionConfig config,
      int epochsRun, int bestEpoch, boolean earlyStopped, double seconds,
      DiffusionLossTerms train, DiffusionLossTerms validation, String selectionCriterion,
      List<CheckpointScore> checkpointScores) {
    TrainingRows rows = new TrainingRows(data.inputRows, data.skipped, trainRows,
        validationRows, data.fingerprint, data.warning);
    return new DiffusionManifest(ModelManifest.invdesVersion(), weights, data.encoder.config(),
        data.ranges, atomCounts, trainingConditions, rows, config, epochsRun, bestEpoch,
        earlyStopped, seconds, train, validation, selectionCriterion, checkpointScores);
  }

  /**
   * The {@code modelType} of the model directory's manifest ({@value ModelManifest#MODEL_TYPE}
   * or {@value #MODEL_TYPE}), so a front end can pick the loader.
   *
   * @throws NoSuchFileException if the directory or its manifest is missing
   * @throws IllegalArgumentException naming the file if it is not an invdes model manifest
   */
  public static String modelType(Path dir) throws IOException {
    String type = ModelFiles.readManifest(dir, ManifestJson::parse).path("modelType").asText("");
    if (type.isEmpty()) {
      throw new IllegalArgumentException(ModelFiles.manifest(dir) + " has no \"modelType\"");
    }
    return type;
  }

  /** The invdes version that wrote the model. */
  public String writtenBy() {
    return invdesVersion;
  }

  /** The DJL parameter file inside the model directory. */
  public String weights() {
    return weights;
  }

  /** The fitted encoding (vocabulary, lattice normalisation, site budget, properties). */
  public EncodingConfig encoding() {
    return encoding;
  }

  /** The conditioning properties with their training ranges. */
  public List<PropertyRange> properties() {
    return properties;
  }

  /** The property names, in condition order. */
  public List<String> propertyNames() {
    return ManifestJson.names(properties);
  }

  /** Training cells by atom count: element n is the number of cells with n atoms. */
  public int[] atomCounts() {
    return atomCounts.clone();
  }

  /**
   * The normalised conditions of the training rows (or of a seeded subset of at most {@value
   * #MAX_CONDITION_ROWS}), one row of {@link #propertyNames()}-many values each, NaN where the
   * row lacks the property; empty for models saved before they were recorded.
   */
  public float[][] trainingConditions() {
    float[][] out = new float[trainingConditions.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = trainingConditions[i].clone();
    }
    return out;
  }

  /** Rows given to training. */
  public int inputRows() {
    return rows.inputRows();
  }

  /** Rows skipped. */
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

  /** SHA-256 (hex) of the encoded training rows. */
  public String fingerprint() {
    return rows.sha256();
  }

  /** The consolidated skip warning, or null. */
  public String skipWarning() {
    return rows.skipWarning();
  }

  /** The hyper-parameters. */
  public DiffusionConfig hyperParameters() {
    return hyperParameters;
  }

  /** Epochs run. */
  public int epochsRun() {
    return epochsRun;
  }

  /** The epoch whose weights were kept. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** True if early stopping ended training. */
  public boolean earlyStopped() {
    return earlyStopped;
  }

  /** Wall-clock seconds of training. */
  public double seconds() {
    return seconds;
  }

  /** Training loss at the best epoch. */
  public DiffusionLossTerms trainLoss() {
    return train;
  }

  /** Validation loss at the best epoch, or null without a validation split. */
  public DiffusionLossTerms validationLoss() {
    return validation;
  }

  /**
   * What the kept epoch was chosen by ({@link CheckpointSelection#criterion()}), or null when it
   * was the lowest validation (or training) loss.
   */
  public String selectionCriterion() {
    return selectionCriterion;
  }

  /** The scores of the epochs a {@link CheckpointSelection} scored, in order; empty without. */
  public List<CheckpointScore> checkpointScores() {
    return checkpointScores;
  }

  /** The manifest as pretty-printed JSON. */
  public String toJson() {
    ObjectNode o = ManifestJson.header(MODEL_TYPE, FORMAT_VERSION, invdesVersion, weights);
    o.set("encoding", encoding.toJsonNode());
    ManifestJson.putVocabulary(o, encoding.vocabulary());
    ManifestJson.putProperties(o, properties);
    ArrayNode counts = o.putArray("atomCounts");
    for (int c : atomCounts) {
      counts.add(c);
    }
    ArrayNode conditions = o.putArray("trainingConditions");
    for (float[] row : trainingConditions) {
      ArrayNode r = conditions.addArray();
      for (float v : row) {
        if (Float.isNaN(v)) {
          r.addNull();
        } else {
          r.add(v);
        }
      }
    }
    rows.putInto(o);
    o.set("hyperParameters", hyperParameters.toJsonNode());
    ObjectNode m = o.putObject("metrics");
    m.put("epochsRun", epochsRun);
    m.put("bestEpoch", bestEpoch);
    m.put("earlyStopped", earlyStopped);
    m.put("trainingSeconds", seconds);
    m.set("train", terms(train));
    if (validation != null) {
      m.set("validation", terms(validation));
    }
    if (selectionCriterion != null) {
      ObjectNode sel = m.putObject("selection");
      sel.put("criterion", selectionCriterion);
      ArrayNode scores = sel.putArray("scores");
      for (CheckpointScore c : checkpointScores) {
        ObjectNode e = scores.addObject();
        e.put("epoch", c.epoch());
        if (Double.isNaN(c.score())) {
          e.putNull("score");
        } else {
          e.put("score", c.score());
        }
      }
    }
    return ManifestJson.text(o);
  }

  private static ObjectNode terms(DiffusionLossTerms t) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("total", t.total());
    o.put("lattice", t.lattice());
    o.put("coordinates", t.coordinates());
    o.put("types", t.types());
    return o;
  }

  private static DiffusionLossTerms terms(JsonNode o) {
    return new DiffusionLossTerms(o.path("total").asDouble(), o.path("lattice").asDouble(),
        o.path("coordinates").asDouble(), o.path("types").asDouble());
  }

  /**
   * Reads a manifest.
   *
   * @param source where it came from, for messages
   * @throws IllegalArgumentException naming the source if it is not a model manifest, has another
   *     format version, holds another model type (naming it) or lacks a field
   */
  public static DiffusionManifest fromJson(String json, String source) {
    JsonNode o = ManifestJson.parse(json, source);
    ManifestJson.requireType(o, source, MODEL_TYPE, "diffusion generator",
        type -> "load it as a '" + type + "' model");
    ManifestJson.requireVersion(o, source, "diffusion model", FORMAT_VERSION,
        "retrain the model with 'invdes train --generator diffusion' (format " + FORMAT_VERSION
            + " records how the atom-type output is trained, "
            + DiffusionConfig.TypeLoss.CROSS_ENTROPY.jsonName() + " by default)");
    try {
      EncodingConfig encoding = EncodingConfig.fromJsonNode(ManifestJson.require(o, "encoding"));
      List<PropertyRange> props = ManifestJson.properties(o);
      JsonNode countsNode = ManifestJson.require(o, "atomCounts");
      int[] counts = new int[countsNode.size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = countsNode.get(i).asInt();
      }
      if (counts.length != encoding.maxSites() + 1) {
        throw new IllegalArgumentException("atomCounts has " + counts.length
            + " entries; the encoding's site budget " + encoding.maxSites() + " needs "
            + (encoding.maxSites() + 1));
      }
      JsonNode conditionsNode = o.path("trainingConditions");
      float[][] conditions = new float[conditionsNode.size()][];
      for (int i = 0; i < conditions.length; i++) {
        JsonNode row = conditionsNode.get(i);
        conditions[i] = new float[row.size()];
        for (int j = 0; j < row.size(); j++) {
          conditions[i][j] = row.get(j).isNull() ? Float.NaN : (float) row.get(j).asDouble();
        }
      }
      TrainingRows rows = TrainingRows.of(o);
      JsonNode m = ManifestJson.require(o, "metrics");
      JsonNode sel = m.path("selection");
      List<CheckpointScore> scores = new ArrayList<>();
      for (JsonNode e : sel.path("scores")) {
        scores.add(new CheckpointScore(e.path("epoch").asInt(),
            e.path("score").isNumber() ? e.get("score").asDouble() : Double.NaN));
      }
      return new DiffusionManifest(o.path("invdesVersion").asText("unknown"),
          ManifestJson.require(o, "weights").asText(), encoding, props, counts, conditions, rows,
          DiffusionConfig.fromJsonNode(ManifestJson.require(o, "hyperParameters")),
          m.path("epochsRun").asInt(), m.path("bestEpoch").asInt(),
          m.path("earlyStopped").asBoolean(), m.path("trainingSeconds").asDouble(),
          terms(ManifestJson.require(m, "train")),
          m.has("validation") ? terms(m.get("validation")) : null,
          sel.hasNonNull("criterion") ? sel.get("criterion").asText() : null, scores);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "DiffusionManifest[properties " + propertyNames() + ", " + rows.trainRows()
        + " training rows, sha256 " + rows.sha256() + "]";
  }
}
