package org.invdes.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What became of the rows given to a training, as every manifest records it under {@code
 * trainingData}.
 *
 * @param inputRows rows given to training
 * @param skippedRows rows skipped (could not be encoded, had no listed property, …)
 * @param trainRows rows trained on
 * @param validationRows rows held out for early stopping
 * @param sha256 SHA-256 (hex) fingerprint of what was trained on
 * @param skipWarning the consolidated warning about the skipped rows, or null when none was
 */
public record TrainingRows(int inputRows, int skippedRows, int trainRows, int validationRows,
    String sha256, String skipWarning) {

  /** Writes the {@code trainingData} object into the manifest object. */
  public void putInto(ObjectNode manifest) {
    ObjectNode data = manifest.putObject("trainingData");
    data.put("inputRows", inputRows);
    data.put("skippedRows", skippedRows);
    data.put("trainRows", trainRows);
    data.put("validationRows", validationRows);
    data.put("sha256", sha256);
    if (skipWarning != null) {
      data.put("skipWarning", skipWarning);
    }
  }

  /**
   * Reads the {@code trainingData} object of a manifest.
   *
   * @throws IllegalArgumentException if the manifest lacks it
   */
  public static TrainingRows of(JsonNode manifest) {
    JsonNode data = ManifestJson.require(manifest, "trainingData");
    return new TrainingRows(data.path("inputRows").asInt(), data.path("skippedRows").asInt(),
        data.path("trainRows").asInt(), data.path("validationRows").asInt(),
        data.path("sha256").asText(),
        data.hasNonNull("skipWarning") ? data.get("skipWarning").asText() : null);
  }
}
