package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON form: save → load gives identical encodings; other versions and bad input fail. */
class EncodingJsonTest {
  private static final List<Structure> TRAINING =
      TestCrystals.randomStructures(42L, 150, TestCrystals.POOL, 20);
  private static final Encoder ENCODER = Encoder.fit(TRAINING, EncoderOptions.builder()
      .optOccupancyChannel(true).optFourier(2).optFourierWeighting(FourierWeighting.UNIFORM)
      .optProperties("e").optCellChoice(CellChoice.NIGGLI)
      .optDisorderPolicy(DisorderPolicy.MAJOR_ELEMENT)
      .optInvalidLatticePolicy(InvalidLatticePolicy.REJECT).build());

  @Test
  void saveThenLoadGivesIdenticalEncodings(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoder.json");
    ENCODER.save(file);
    Encoder loaded = Encoder.load(file);
    assertEquals(ENCODER.config(), loaded.config());
    List<Structure> others = TestCrystals.randomStructures(43L, 100, TestCrystals.POOL, 20);
    for (Structure s : others) {
      assertEquals(ENCODER.encode(s), loaded.encode(s));
    }
    float[][] batch = ENCODER.encodeAll(others);
    assertEquals(ENCODER.decodeAll(batch), loaded.decodeAll(batch));
    // saving again writes the same text, and nothing else is left in the directory
    Path again = dir.resolve("again.json");
    loaded.save(again);
    assertEquals(Files.readString(file), Files.readString(again));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count());
    }
  }

  /** The tree form embeds in a larger document, as the saved-model manifest will do. */
  @Test
  void treeFormEmbedsInAManifest() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode manifest = mapper.createObjectNode();
    manifest.put("model", "vae");
    manifest.set("encoding", ENCODER.config().toJsonNode());
    JsonNode read = mapper.readTree(mapper.writeValueAsString(manifest));
    assertEquals(ENCODER.config(), EncodingConfig.fromJsonNode(read.get("encoding")));
  }

  private static ObjectNode tree() {
    return ENCODER.config().toJsonNode();
  }

  private static String fail(ObjectNode node) {
    return assertThrows(IllegalArgumentException.class,
        () -> EncodingConfig.fromJsonNode(node)).getMessage();
  }

  @Test
  void anotherFormatVersionFailsNamingBoth() {
    ObjectNode n = tree();
    n.put("formatVersion", 2);
    assertEquals("encoding configuration has formatVersion 2; this version of invdes reads"
        + " formatVersion 1 only", fail(n));
    n = tree();
    n.put("format", "djl-model");
    assertEquals("not an invdes FTCP encoding: format is 'djl-model', expected '"
        + EncodingConfig.FORMAT + "'", fail(n));
    n = tree();
    n.put("siteOrder", "lexicographic");
    assertTrue(fail(n).contains("site order 'lexicographic'"));
  }

  @Test
  void badFieldsAreNamed() {
    ObjectNode n = tree();
    n.remove("maxSites");
    assertEquals("encoding configuration lacks field 'maxSites'", fail(n));
    n = tree();
    n.put("maxSite", 3);
    assertTrue(fail(n).startsWith("encoding configuration has unknown field 'maxSite'"));
    n = tree();
    ((ArrayNode) n.get("vocabulary")).add("Xx");
    assertEquals("vocabulary entry 'Xx' is not an element symbol", fail(n));
    n = tree();
    ((ArrayNode) n.get("vocabulary")).insert(0, "U");
    assertTrue(fail(n).contains("ascending atomic number"));
    n = tree();
    ((ArrayNode) n.get("lattice").get("scale")).set(2, 0.0);
    assertEquals("lattice 'ln_c' has scale 0.0; must be finite and > 0", fail(n));
    n = tree();
    n.put("cellChoice", "PRIMITIVE");
    assertEquals("field 'cellChoice' is 'PRIMITIVE'; expected one of [AS_GIVEN, NIGGLI]",
        fail(n));
    n = tree();
    ((ArrayNode) n.get("fourier").get("hkl")).addArray().add(0).add(0).add(0);
    assertTrue(fail(n).contains("(0, 0, 0)"));
    n = tree();
    n.put("maxSites", "20");
    assertEquals("field 'maxSites' is \"20\"; expected an integer", fail(n));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Encoder.fromJson("{\"format\": "));
    assertTrue(e.getMessage().startsWith("encoding configuration is not valid JSON"));
  }

  @Test
  void loadNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("old.json");
    ObjectNode n = tree();
    n.put("formatVersion", 0);
    Files.writeString(file, n.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Encoder.load(file));
    assertTrue(e.getMessage().startsWith(file + ": encoding configuration has formatVersion 0"),
        e.getMessage());
    assertThrows(IOException.class, () -> Encoder.load(dir.resolve("missing.json")));
  }
}
