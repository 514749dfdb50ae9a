package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The denoiser with element descriptors ({@link DiffusionConfig#elementFeatures()}): the
 * descriptors of known elements, a model trained with them whose network takes them in and
 * whose saved form loads into the same network, and training that goes on only with the same
 * setting.
 */
class DiffusionElementFeaturesTest {
  static DiffusionModel described;

  static DiffusionConfig tiny(boolean features) {
    return DiffusionBatchingTest.tiny(true).toBuilder().optElementFeatures(features).build();
  }

  @BeforeAll
  static void train() {
    described = DiffusionTrainer.train(DiffusionBatchingTest.data(), List.of("y"), tiny(true),
        ProgressMonitor.NONE, w -> { }, e -> { });
  }

  @AfterAll
  static void close() {
    if (described != null) {
      described.close();
    }
  }

  static int state(int oxidation) {
    return ElementDescriptors.SCALED + oxidation - ElementDescriptors.LOWEST_STATE;
  }

  @Test
  void descriptorsMarkCommonOxidationStatesAndScaleThePeriodicTablePosition() {
    List<Element> vocabulary = List.of(Element.of("O"), Element.of("Na"), Element.of("Cl"),
        Element.of("Fe"));
    float[][] d = ElementDescriptors.of(vocabulary);
    assertEquals(4, d.length);
    assertEquals(ElementDescriptors.COUNT, d[0].length);
    assertEquals(1f, d[0][state(-2)], "O2-");
    assertEquals(0f, d[0][state(2)], "no O2+");
    assertEquals(1f, d[1][state(1)], "Na+");
    assertEquals(0f, d[1][state(-1)], "no Na-");
    assertEquals(1f, d[2][state(-1)], "Cl-");
    assertEquals(1f, d[3][state(2)], "Fe2+");
    assertEquals(1f, d[3][state(3)], "Fe3+");
    // periods 2, 3, 3, 4 standardised: mean 3, standard deviation sqrt(1/2)
    double sd = Math.sqrt(0.5);
    assertEquals(-1 / sd, d[0][0], 1e-6);
    assertEquals(0, d[1][0], 1e-6);
    assertEquals(1 / sd, d[3][0], 1e-6);
    // metal flag: Na and Fe of 4, mean 1/2, standard deviation 1/2
    assertEquals(-1, d[0][4], 1e-6);
    assertEquals(1, d[1][4], 1e-6);
    // electronegativity orders O > Cl > Fe > Na
    assertTrue(d[0][2] > d[2][2] && d[2][2] > d[3][2] && d[3][2] > d[1][2]);
  }

  @Test
  void theNetworkTakesTheDescriptorsInAndTheSettingIsRecorded() {
    DiffusionBlock block = described.block();
    int a = described.types();
    Parameter embed = null;
    for (ai.djl.util.Pair<String, ai.djl.nn.Block> child : block.getChildren()) {
      if (child.getKey().endsWith("embed")) {
        embed = child.getValue().getParameters().get("weight");
      }
    }
    long inputs = embed.getArray().getShape().get(1);
    assertEquals(a + ElementDescriptors.COUNT + 8 + 2, inputs,
        "types, their descriptors, time embedding, condition and its mask");
    assertTrue(described.manifest().hyperParameters().elementFeatures());
    assertFalse(DiffusionConfig.defaults().elementFeatures());
    ObjectNode json = tiny(true).toJsonNode();
    assertEquals(tiny(true), DiffusionConfig.fromJsonNode(json));
    json.remove("elementFeatures");
    assertFalse(DiffusionConfig.fromJsonNode(json).elementFeatures());
  }

  @Test
  void theSavedModelLoadsWithTheSameOutputs(@TempDir Path dir) throws Exception {
    DiffusionBatchingTest.assertSavedModelDenoisesAlike(described, dir);
  }

  @Test
  void trainingGoesOnOnlyWithTheSameSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionTrainer.checkStart(described, List.of("y"), tiny(false)));
    assertTrue(e.getMessage().contains("sees element descriptors"), e.getMessage());
    DiffusionTrainer.checkStart(described, List.of("y"), tiny(true));
  }
}
