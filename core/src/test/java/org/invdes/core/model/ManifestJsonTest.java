package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.invdes.core.structure.Element;
import org.invdes.core.surrogate.SurrogateManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest envelope all model types share, and the model directory on disk. */
class ManifestJsonTest {

  private static JsonNode read(ObjectNode o) {
    return ManifestJson.parse(ManifestJson.text(o), "m.json");
  }

  @Test
  void theHeaderIsWhatTheReadersCheck() {
    JsonNode o = read(ManifestJson.header("diffusion", 3, "0.9.0", "w-0000.params"));
    assertEquals("invdes-model", o.get("format").asText());
    assertEquals("w-0000.params", o.get("weights").asText());
    ManifestJson.requireType(o, "m.json", "diffusion", "diffusion generator", t -> "");
    ManifestJson.requireVersion(o, "m.json", "diffusion model", 3, "");
  }

  @Test
  void textThatIsNotAManifestIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ManifestJson.parse("{not json", "/x/manifest.json"));
    assertTrue(e.getMessage().startsWith("/x/manifest.json is not valid JSON"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ManifestJson.parse("{\"format\": \"other\"}", "/x/manifest.json"));
    assertEquals("/x/manifest.json is not an invdes model manifest (no \"format\":"
        + " \"invdes-model\")", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ManifestJson.parse("[1, 2]", "/x/manifest.json"));
    assertTrue(e.getMessage().contains("not an invdes model manifest"), e.getMessage());
  }

  @Test
  void anotherModelTypeIsNamedWithTheAdvice() {
    JsonNode o = read(ManifestJson.header("cvae", 3, "0.9.0", "w"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ManifestJson.requireType(o, "m.json", "surrogate", "formation-energy surrogate",
            t -> "train one (found " + t + ")"));
    assertEquals("m.json holds a model of type 'cvae', not a formation-energy surrogate"
        + " ('surrogate'); train one (found cvae)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ManifestJson.requireType(o, "m.json", "diffusion", "diffusion generator",
            t -> ""));
    assertTrue(e.getMessage().endsWith("('diffusion')"), e.getMessage());
  }

  @Test
  void anOlderVersionGetsTheAdviceANewerOneDoesNot() {
    String advice = "retrain it";
    IllegalArgumentException older = assertThrows(IllegalArgumentException.class,
        () -> ManifestJson.requireVersion(read(ManifestJson.header("diffusion", 2, "0.1.0",
            "w")), "m.json", "diffusion model", 3, advice));
    assertTrue(older.getMessage().startsWith("m.json has diffusion model format version 2"
        + " (written by invdes 0.1.0); this invdes "), older.getMessage());
    assertTrue(older.getMessage().endsWith("reads diffusion model format version 3: retrain it"),
        older.getMessage());
    IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
        () -> ManifestJson.requireVersion(read(ManifestJson.header("diffusion", 4, "9.0.0",
            "w")), "m.json", "diffusion model", 3, advice));
    assertTrue(newer.getMessage().endsWith("reads diffusion model format version 3"),
        newer.getMessage());
  }

  @Test
  void aMissingFieldIsNamedOnce() {
    ObjectNode o = ManifestJson.header("surrogate", SurrogateManifest.FORMAT_VERSION, "0.9.0",
        "w");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SurrogateManifest.fromJson(ManifestJson.text(o), "/m/manifest.json"));
    assertEquals("/m/manifest.json: lacks the field \"vocabulary\"", e.getMessage());
    ObjectNode d = ManifestJson.header("diffusion", DiffusionManifest.FORMAT_VERSION, "0.9.0",
        "w");
    e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionManifest.fromJson(ManifestJson.text(d), "/m/manifest.json"));
    assertEquals("/m/manifest.json: lacks the field \"encoding\"", e.getMessage());
  }

  @Test
  void eachReaderRefusesTheOthersTypes() {
    String cvae = ManifestJson.text(ManifestJson.header("cvae", 3, "0.9.0", "w"));
    String diffusion = ManifestJson.text(ManifestJson.header("diffusion", 3, "0.9.0", "w"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelManifest.fromJson(diffusion, "d.json"));
    assertTrue(e.getMessage().contains("type 'diffusion', not a conditional VAE generator"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionManifest.fromJson(cvae, "c.json"));
    assertTrue(e.getMessage().contains("type 'cvae', not a diffusion generator"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SurrogateManifest.fromJson(cvae, "c.json"));
    assertTrue(e.getMessage().contains("train one with invdes train-surrogate"), e.getMessage());
  }

  @Test
  void propertiesAndVocabularyRoundTrip() {
    List<PropertyRange> props = List.of(new PropertyRange("heat_ref", -0.5, 3.25, 40),
        new PropertyRange("charge_balanced", 0, 1, 39));
    ObjectNode o = ManifestJson.header("cvae", 3, "0.9.0", "w");
    ManifestJson.putProperties(o, props);
    ManifestJson.putVocabulary(o, List.of(Element.of("Sr"), Element.of("Ti"), Element.of("O")));
    JsonNode back = read(o);
    assertEquals(props, ManifestJson.properties(back));
    assertEquals(List.of("heat_ref", "charge_balanced"), ManifestJson.names(props));
    assertEquals("[\"Sr\",\"Ti\",\"O\"]", back.get("vocabulary").toString());
  }

  @Property(tries = 100)
  void trainingRowsRoundTrip(@ForAll @IntRange(min = 0, max = 1_000_000) int input,
      @ForAll @IntRange(min = 0, max = 1000) int skipped, @ForAll String sha,
      @ForAll boolean warned) {
    TrainingRows rows = new TrainingRows(input, skipped, input / 2, input - input / 2, sha,
        warned ? skipped + " rows skipped, e.g. line 7" : null);
    ObjectNode o = ManifestJson.header("cvae", 3, "0.9.0", "w");
    rows.putInto(o);
    JsonNode back = read(o);
    assertEquals(rows, TrainingRows.of(back));
    assertEquals(warned, back.get("trainingData").has("skipWarning"));
  }

  @Test
  void aManifestWithoutTrainingDataIsRefused() {
    JsonNode o = read(ManifestJson.header("cvae", 3, "0.9.0", "w"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRows.of(o));
    assertEquals("lacks the field \"trainingData\"", e.getMessage());
  }

  @Test
  void aMissingDirectoryAndAMissingManifestAreToldApart(@TempDir Path tmp) throws Exception {
    NoSuchFileException none = assertThrows(NoSuchFileException.class,
        () -> ModelFiles.manifest(tmp.resolve("nowhere")));
    assertEquals("no such model directory", none.getReason());
    NoSuchFileException empty = assertThrows(NoSuchFileException.class,
        () -> ModelFiles.manifest(tmp));
    assertEquals("not a model directory: it has no manifest.json", empty.getReason());
    assertTrue(empty.getFile().endsWith("manifest.json"), empty.getFile());
    Files.writeString(tmp.resolve("manifest.json"), "{}");
    assertEquals("{}", ModelFiles.readManifest(tmp, (text, source) -> text));
    assertEquals(tmp.resolve("manifest.json"), ModelFiles.manifest(tmp));
  }
}
