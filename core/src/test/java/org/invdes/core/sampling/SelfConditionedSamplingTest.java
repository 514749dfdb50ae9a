package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.progress.ProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sampling a self-conditioned diffusion model ({@link DiffusionConfig#selfCondition()}): each
 * denoiser call gets the previous call's type estimate of the same branch, none on the first
 * call, never on shown atoms or padding.
 */
class SelfConditionedSamplingTest {
  @TempDir static Path tmp;
  static DiffusionModel model;

  @BeforeAll
  static void train() throws IOException {
    model = MaskedTypesTest.trainMasked(tmp.resolve("self"), b -> b.optSelfCondition(true));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** One denoiser call: types, the estimate passed in, mask and the type logits returned. */
  record Call(float[] types, float[] estimate, float[] mask, float[] logits) {
  }

  static List<Call> record(DiffusionSampler sampler, SamplingRequest request) {
    List<Call> calls = new ArrayList<>();
    DiffusionSampler.Denoiser recording = new DiffusionSampler.Denoiser() {
      @Override
      public float[][] denoise(float[] types, float[] coords, float[] lattice, int[] times,
          float[] condition, float[] known, float[] mask) {
        throw new AssertionError("a self-conditioned model was called without an estimate");
      }

      @Override
      public float[][] denoise(float[] types, float[] estimate, float[] coords, float[] lattice,
          int[] times, float[] condition, float[] known, float[] mask) {
        float[][] o = model.denoise(types, estimate, coords, lattice, times, condition, known,
            mask);
        calls.add(new Call(types.clone(), estimate.clone(), mask.clone(), o[2].clone()));
        return o;
      }
    };
    DiffusionSampler.of(model, recording).withSteps(sampler.steps())
        .withGuidance(sampler.guidance()).withCorrectorStep(0).sample(request,
            ProgressMonitor.NONE);
    return calls;
  }

  @Test
  void eachCallGetsThePreviousSoftmaxOnTheAtomsStillHidden() {
    int a = model.types();
    SamplingRequest request = SamplingRequest.builder().setCount(6).optSeed(3)
        .optTarget("y", 0.2).build();
    List<Call> calls = record(DiffusionSampler.of(model).withSteps(5).withGuidance(1),
        request);
    assertEquals(5, calls.size());
    for (float v : calls.get(0).estimate()) {
      assertEquals(0f, v, "no estimate before the first call");
    }
    int fed = 0;
    for (int k = 1; k < calls.size(); k++) {
      Call before = calls.get(k - 1);
      Call now = calls.get(k);
      assertEquals(now.mask().length * a, now.estimate().length,
          "guided: a conditional and an unconditional estimate");
      for (int row = 0; row < now.mask().length; row++) {
        boolean shown = false;
        for (int j = 0; j < a; j++) {
          shown |= now.types()[row * a + j] > 0.5f;
        }
        float[] got = java.util.Arrays.copyOfRange(now.estimate(), row * a, row * a + a);
        if (now.mask()[row] == 0 || shown) {
          assertArrayEquals(new float[a], got, "padding or shown, call " + k + " row " + row);
          continue;
        }
        fed++;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < a; j++) {
          max = Math.max(max, before.logits()[row * a + j]);
        }
        double sum = 0;
        for (int j = 0; j < a; j++) {
          sum += Math.exp(before.logits()[row * a + j] - max);
        }
        for (int j = 0; j < a; j++) {
          assertEquals(Math.exp(before.logits()[row * a + j] - max) / sum, got[j], 1e-6,
              "call " + k + " row " + row);
        }
      }
    }
    assertTrue(fed > 0, "no hidden atom was ever given an estimate");
  }

  @Test
  void samplesAreReproducibleAndTheEstimateChangesThem() {
    SamplingRequest request = SamplingRequest.builder().setCount(8).optSeed(11).build();
    DiffusionSampler sampler = DiffusionSampler.of(model).withSteps(6);
    double[] first = volumes(sampler.sample(request, ProgressMonitor.NONE));
    assertArrayEquals(first, volumes(sampler.sample(request, ProgressMonitor.NONE)));
    DiffusionSampler.Denoiser blind = (types, coords, lattice, times, cond, known, mask) ->
        model.denoise(types, coords, lattice, times, cond, known, mask);
    double[] without = volumes(DiffusionSampler.of(model, blind).withSteps(6)
        .sample(request, ProgressMonitor.NONE));
    double change = 0;
    for (int i = 0; i < first.length; i++) {
      change = Math.max(change, Math.abs(first[i] - without[i]));
    }
    assertTrue(change > 1e-6, "the cells do not depend on the estimate");
  }

  private static double[] volumes(SampleResult result) {
    return result.structures().stream().mapToDouble(s -> s == null ? -1 : s.volume()).toArray();
  }
}
