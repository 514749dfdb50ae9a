package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.DiffusionSchedule;
import org.invdes.core.model.DiffusionTrainer;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateModel;
import org.invdes.core.surrogate.TinySurrogate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masked (absorbing) type process ({@link DiffusionConfig.TypeLoss#MASKED}): the reveal step
 * against its definition, and a tiny model trained with it sampling reproducibly within the
 * allowed elements.
 */
class MaskedTypesTest {
  @TempDir static Path tmp;
  static DiffusionModel model;

  @BeforeAll
  static void train() throws IOException {
    model = trainMasked(tmp.resolve("masked"), b -> b);
  }

  /**
   * A tiny model with masked types on {@link DiffusionSamplerTest#tinyData()}, configured
   * further by {@code more}, saved to {@code dir} and loaded back.
   */
  static DiffusionModel trainMasked(Path dir, UnaryOperator<DiffusionConfig.Builder> more)
      throws IOException {
    DiffusionTrainer.trainAndSave(DiffusionSamplerTest.tinyData(), List.of("y"),
        more.apply(DiffusionSamplerTest.tiny().toBuilder()
            .optTypeLoss(DiffusionConfig.TypeLoss.MASKED)).build(), dir, ProgressMonitor.NONE,
        w -> { }, e -> { });
    return DiffusionModel.load(dir);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Logits (0, ln 2, 0, 5) over A = 4 types: softmax (1/4, 1/2, 1/4, 0) when 3 is excluded. */
  private static final float[] LOGITS = {0, (float) Math.log(2), 0, 5};
  private static final boolean[] NOT_THREE = {true, true, true, false};
  /** The linear schedule: revealed from t to s with probability (t − s)/t. */
  private static final DiffusionSchedule LINEAR = DiffusionSchedule.of(1000, 0.005, 0.5);

  @Test
  void aRevealedTypeStaysAndReportsItsElement() {
    float[] typ = {0, 0, 1, 0};
    for (int k = 0; k < 50; k++) {
      assertEquals(2, DiffusionSampler.reveal(typ, LOGITS, 0, 4, NOT_THREE,
          LINEAR.revealProbability(500, 400), false, new SplittableRandom(k)));
    }
    assertEquals(List.of(0f, 0f, 1f, 0f), List.of(typ[0], typ[1], typ[2], typ[3]));
  }

  @Test
  void hiddenTypesAreRevealedAtRateTMinusSOverTWithTheSoftmaxOfTheAllowedElements() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 20_000;
    int revealed = 0;
    int[] counts = new int[4];
    for (int k = 0; k < n; k++) {
      float[] typ = new float[4];
      int kind = DiffusionSampler.reveal(typ, LOGITS, 0, 4, NOT_THREE,
          LINEAR.revealProbability(10, 6), false, rng);
      float sum = typ[0] + typ[1] + typ[2] + typ[3];
      if (sum > 0) {
        revealed++;
        assertEquals(1f, sum);
        assertEquals(1f, typ[kind]);
        counts[kind]++;
      } else {
        assertEquals(1, kind, "a hidden atom reports its most probable allowed element");
      }
    }
    // P(reveal) = (10 − 6)/10 = 0.4; sd of the rate sqrt(0.24/n) = 0.0035
    assertEquals(0.4, (double) revealed / n, 0.015);
    assertEquals(0, counts[3], "an excluded element is never revealed");
    assertEquals(0.5, (double) counts[1] / revealed, 0.03);
    assertEquals(0.25, (double) counts[0] / revealed, 0.03);
  }

  @Test
  void theLastStepRevealsEveryHiddenAtomAndGreedyTakesTheMostProbable() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int k = 0; k < 200; k++) {
      float[] typ = new float[4];
      int kind = DiffusionSampler.reveal(typ, LOGITS, 0, 4, NOT_THREE,
          LINEAR.revealProbability(7, 0), false, rng);
      assertEquals(1f, typ[kind]);
      float[] greedy = new float[4];
      assertEquals(1, DiffusionSampler.reveal(greedy, LOGITS, 0, 4, NOT_THREE,
          LINEAR.revealProbability(7, 0), true, rng));
      assertEquals(1f, greedy[1]);
    }
  }

  @Test
  void aMaskedModelSamplesReproduciblyWithinTheAllowedElements() {
    List<Element> allowed = List.of(Element.of("Ba"), Element.of("O"), Element.of("Ti"));
    SamplingRequest request = SamplingRequest.builder().setCount(8).optSeed(4)
        .optElements(ElementConstraint.allowed(allowed)).build();
    SampleResult a = DiffusionSampler.of(model).sample(request, ProgressMonitor.NONE);
    SampleResult b = DiffusionSampler.of(model).sample(request, ProgressMonitor.NONE);
    assertEquals(8, a.structures().size(), a.warnings().toString());
    for (int i = 0; i < 8; i++) {
      Structure s = a.structures().get(i);
      assertTrue(allowed.containsAll(s.composition().elements()), s.toString());
      assertEquals(DiffusionSamplerTest.describe(s),
          DiffusionSamplerTest.describe(b.structures().get(i)));
    }
    assertEquals(DiffusionConfig.TypeLoss.MASKED, model.manifest().hyperParameters().typeLoss());
  }

  @Test
  void energyGuidedOptimisationIsRefusedWithTheReason() {
    SurrogateModel surrogate = TinySurrogate.shared();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionSampler.of(model).optimize(TinySurrogate.perovskites(2, 1),
            new DiffusionSampler.EnergyGuidance(surrogate, PropertyObjective.minimize("y"), 1,
                0.5, 2), 1, ProgressMonitor.NONE));
    assertTrue(e.getMessage().contains("masked types"), e.getMessage());
  }
}
