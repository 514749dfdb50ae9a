package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The moving average of the weights against the recurrence worked by hand for constant weights
 * w: from avg₀ = 0, δ₀ = min(d, 1/10) = 0.1 gives avg₁ = 0.9 w, δ₁ = min(d, 2/11) gives avg₂ =
 * (2/11) · 0.9 w + (9/11) w = (10.8/11) w; with d = 0.05 below both, avg₂ = 0.9975 w.
 */
class DiffusionWeightAverageTest {
  private static List<float[]> run(double decay, int updates) {
    DiffusionBlock block = DiffusionBlock.builder().setSize(2, 3).setPropertyCount(1)
        .optArchitecture(DiffusionConfig.builder().optHiddenDim(4).optLayers(1)
            .optFrequencies(1).optTimeDim(2).build()).build();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, block.inputShapes(1));
      List<float[]> zeros = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        zeros.add(new float[(int) p.getValue().getArray().size()]);
      }
      DiffusionTrainer.WeightAverage avg = new DiffusionTrainer.WeightAverage(zeros, decay);
      for (int k = 0; k < updates; k++) {
        avg.update(block);
      }
      List<float[]> out = new ArrayList<>();
      out.add(block.getParameters().get(0).getValue().getArray().toFloatArray());
      out.add(avg.weights.get(0));
      return out;
    }
  }

  @Test
  void theAverageFollowsTheWarmedUpRecurrence() {
    List<float[]> r = run(0.999, 2);
    float[] w = r.get(0);
    float[] avg = r.get(1);
    for (int j = 0; j < w.length; j++) {
      assertEquals(10.8 / 11 * w[j], avg[j], 1e-6 * (1 + Math.abs(w[j])));
    }
    r = run(0.05, 2);
    for (int j = 0; j < r.get(0).length; j++) {
      assertEquals(0.9975 * r.get(0)[j], r.get(1)[j], 1e-6 * (1 + Math.abs(r.get(0)[j])));
    }
  }
}
