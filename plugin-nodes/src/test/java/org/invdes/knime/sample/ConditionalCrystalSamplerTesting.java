package org.invdes.knime.sample;

import org.invdes.knime.InvdesNodeModel;

/** Sets the sampler's package-private options from other test packages. */
public final class ConditionalCrystalSamplerTesting {
  private ConditionalCrystalSamplerTesting() {}

  /** Sets the count, the targets and the seed. */
  public static void targets(InvdesNodeModel<?> m, int count, String targets, int seed) {
    ConditionalCrystalSamplerSettings o = ((ConditionalCrystalSamplerNodeModel) m).options();
    o.count.setIntValue(count);
    o.targets.setStringValue(targets);
    o.seed.setIntValue(seed);
  }

  /** Sets the diffusion sampling steps (0: the generator's default). */
  public static void diffusionSteps(InvdesNodeModel<?> m, int steps) {
    ((ConditionalCrystalSamplerNodeModel) m).options().diffusionSteps.setIntValue(steps);
  }
}
