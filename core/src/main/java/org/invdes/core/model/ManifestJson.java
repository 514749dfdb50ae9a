package org.invdes.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.invdes.core.structure.Element;

/**
 * The envelope every {@value ModelManifest#FILE_NAME} of this library shares ({@code format},
 * {@code formatVersion}, {@code invdesVersion}, {@code modelType}, {@code weights}, and where a
 * model has them {@code properties} and {@code trainingData}), written and checked in one place
 * so that the generators and the surrogate refuse a wrong file in the same words.
 */
public final class ManifestJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestJson() {
  }

  /** A new JSON object with the envelope's fields. */
  public static ObjectNode header(String modelType, int formatVersion, String invdesVersion,
      String weights) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", ModelManifest.FORMAT);
    o.put("formatVersion", formatVersion);
    o.put("invdesVersion", invdesVersion);
    o.put("modelType", modelType);
    o.put("weights", weights);
    return o;
  }

  /** The object as pretty-printed JSON text ending in a newline. */
  public static String text(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest as JSON", e);
    }
  }

  /**
   * Parses manifest text.
   *
   * @param source where it came from, for messages (e.g. the file path)
   * @throws IllegalArgumentException naming the source if it is not JSON or not an invdes model
   *     manifest (no {@code "format": "invdes-model"})
   */
  public static JsonNode parse(String json, String source) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject() || !ModelManifest.FORMAT.equals(o.path("format").asText(null))) {
      throw new IllegalArgumentException(source + " is not an invdes model manifest (no"
          + " \"format\": \"" + ModelManifest.FORMAT + "\")");
    }
    return o;
  }

  /**
   * Refuses a manifest of another model type: "SOURCE holds a model of type 'T', not a WHAT
   * ('EXPECTED'); ADVICE".
   *
   * @param what the expected kind of model in words, e.g. "diffusion generator"
   * @param advice what to do instead, given the type found; empty for no advice
   */
  public static void requireType(JsonNode o, String source, String modelType, String what,
      UnaryOperator<String> advice) {
    String type = o.path("modelType").asText("");
    if (!modelType.equals(type)) {
      String tip = advice.apply(type);
      throw new IllegalArgumentException(source + " holds a model of type '" + type + "', not a "
          + what + " ('" + modelType + "')" + (tip.isEmpty() ? "" : "; " + tip));
    }
  }

  /**
   * Refuses a manifest of another format version, naming both versions and the invdes that
   * wrote it: "SOURCE has KIND format version V (written by invdes X); this invdes Y reads KIND
   * format version W".
   *
   * @param kind e.g. "diffusion model"
   * @param olderAdvice appended after ": " when the file's version is the older one; empty for
   *     none
   */
  public static void requireVersion(JsonNode o, String source, String kind, int formatVersion,
      String olderAdvice) {
    int version = o.path("formatVersion").asInt(-1);
    if (version != formatVersion) {
      throw new IllegalArgumentException(source + " has " + kind + " format version " + version
          + " (written by invdes " + o.path("invdesVersion").asText("unknown") + "); this invdes "
          + ModelManifest.invdesVersion() + " reads " + kind + " format version " + formatVersion
          + (version < formatVersion && !olderAdvice.isEmpty() ? ": " + olderAdvice : ""));
    }
  }

  /**
   * The field's value.
   *
   * @throws IllegalArgumentException "lacks the field "NAME"" if it is absent or null (the
   *     caller adds the source)
   */
  public static JsonNode require(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("lacks the field \"" + field + "\"");
    }
    return v;
  }

  /** Writes {@code vocabulary}: the element symbols in class order. */
  public static void putVocabulary(ObjectNode o, List<Element> vocabulary) {
    ArrayNode vocab = o.putArray("vocabulary");
    for (Element e : vocabulary) {
      vocab.add(e.symbol());
    }
  }

  /** Writes {@code properties}: name, min, max and count of each. */
  public static void putProperties(ObjectNode o, List<PropertyRange> properties) {
    ArrayNode props = o.putArray("properties");
    for (PropertyRange r : properties) {
      ObjectNode p = props.addObject();
      p.put("name", r.name());
      p.put("min", r.min());
      p.put("max", r.max());
      p.put("count", r.count());
    }
  }

  /** Reads {@code properties}. */
  public static List<PropertyRange> properties(JsonNode o) {
    List<PropertyRange> props = new ArrayList<>();
    for (JsonNode p : require(o, "properties")) {
      props.add(new PropertyRange(p.path("name").asText(), p.path("min").asDouble(),
          p.path("max").asDouble(), p.path("count").asInt()));
    }
    return props;
  }

  /** The names of the properties, in order. */
  public static List<String> names(List<PropertyRange> properties) {
    List<String> out = new ArrayList<>();
    for (PropertyRange r : properties) {
      out.add(r.name());
    }
    return out;
  }
}
