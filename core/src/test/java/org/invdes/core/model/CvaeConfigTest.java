package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.invdes.core.sampling.SamplingRequest;
import org.junit.jupiter.api.Test;

/** The hyper-parameters: JSON round trip, validation messages, required builder settings. */
class CvaeConfigTest {

  @Property(tries = 100)
  void jsonRoundTripKeepsEveryValue(@ForAll @IntRange(min = 1, max = 256) int latent,
      @ForAll @IntRange(min = 1, max = 1024) int hidden,
      @ForAll @DoubleRange(min = 1e-6, max = 1) @Scale(7) double lr,
      @ForAll @DoubleRange(min = 0, max = 5) double beta,
      @ForAll @DoubleRange(min = 0, max = 0.5) double validation, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 6) int fourier) {
    CvaeConfig c = CvaeConfig.builder().optLatentDim(latent).optHiddenDim(hidden)
        .optLearningRate(lr).optBeta(beta).optValidationFraction(validation).optSeed(seed)
        .optFourierIndex(fourier).optMaxSites(20).build();
    CvaeConfig back = CvaeConfig.fromJsonNode(c.toJsonNode());
    assertEquals(c, back);
    assertEquals(lr, back.learningRate(), 0.0);
    assertEquals(seed, back.seed());
    assertEquals(20, back.maxSites().getAsInt());
  }

  @Test
  void invalidValuesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CvaeConfig.builder().optLearningRate(2));
    assertTrue(e.getMessage().contains("learning rate is 2.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> CvaeConfig.builder().optValidationFraction(0.9));
    assertTrue(e.getMessage().contains("0.9"), e.getMessage());
    ObjectNode json = CvaeConfig.defaults().toJsonNode();
    json.put("dropuot", 0.1);
    e = assertThrows(IllegalArgumentException.class, () -> CvaeConfig.fromJsonNode(json));
    assertTrue(e.getMessage().contains("'dropuot'"), e.getMessage());
  }

  @Test
  void buildersNameTheMissingRequiredSetting() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CvaeBlock.builder().setPropertyCount(1).build());
    assertTrue(e.getMessage().contains("setLayout"), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> SamplingRequest.builder().build());
    assertTrue(e.getMessage().contains("setCount"), e.getMessage());
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> CvaeBlock.builder().setPropertyCount(0));
    assertTrue(a.getMessage().contains("at least one property"), a.getMessage());
  }
}
