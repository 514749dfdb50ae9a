package org.invdes.knime.learn;

import org.invdes.knime.port.GeneratorPortObject;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortObject;

/** Tiny learner configurations for the tests of this and other nodes. */
public final class CrystalGeneratorLearnerTesting {
  private CrystalGeneratorLearnerTesting() {}

  /** @return a learner with a tiny network, one thread, no early stop */
  public static CrystalGeneratorLearnerNodeModel tinyLearner(int epochs) {
    CrystalGeneratorLearnerNodeModel m = new CrystalGeneratorLearnerNodeFactory().createNodeModel();
    CrystalGeneratorLearnerSettings o = m.options();
    o.epochs.setIntValue(epochs);
    o.latent.setIntValue(4);
    o.hidden.setIntValue(32);
    o.batch.setIntValue(8);
    o.learningRate.setDoubleValue(3e-3);
    o.threads.setIntValue(1);
    o.seed.setIntValue(7);
    return m;
  }

  /**
   * @return a learner of the diffusion generator with a tiny denoiser (16 hidden units, one
   *     layer, T = 20, 5 default sampling steps), one thread, no early stop
   */
  public static CrystalGeneratorLearnerNodeModel tinyDiffusionLearner(int epochs) {
    CrystalGeneratorLearnerNodeModel m = new CrystalGeneratorLearnerNodeFactory().createNodeModel();
    CrystalGeneratorLearnerSettings o = m.options();
    o.generatorType.setStringValue(CrystalGeneratorLearnerSettings.DIFFUSION);
    o.diffusionEpochs.setIntValue(epochs);
    o.diffusionHidden.setIntValue(16);
    o.diffusionLayers.setIntValue(1);
    o.diffusionBatch.setIntValue(8);
    o.diffusionLearningRate.setDoubleValue(3e-3);
    o.diffusionPatience.setIntValue(100);
    o.diffusionTimesteps.setIntValue(20);
    o.diffusionSampleSteps.setIntValue(5);
    o.threads.setIntValue(1);
    o.seed.setIntValue(7);
    return m;
  }

  /** @return the diffusion generator a tiny diffusion learner trains on the table */
  public static GeneratorPortObject trainDiffusion(BufferedDataTable table, int epochs)
      throws Exception {
    PortObject[] out = NodeHarness.execute(tinyDiffusionLearner(epochs),
        NodeHarness.executionContext(), table, null);
    return (GeneratorPortObject) out[0];
  }

  /** @return a learner with the default network and these epochs, threads and seed */
  public static CrystalGeneratorLearnerNodeModel learner(String properties, int epochs,
      int threads, int seed) {
    CrystalGeneratorLearnerNodeModel m = new CrystalGeneratorLearnerNodeFactory().createNodeModel();
    CrystalGeneratorLearnerSettings o = m.options();
    o.properties.setStringValue(properties);
    o.epochs.setIntValue(epochs);
    o.threads.setIntValue(threads);
    o.seed.setIntValue(seed);
    return m;
  }

  /** @return a diffusion learner with its default network and these epochs, threads and seed */
  public static CrystalGeneratorLearnerNodeModel diffusionLearner(String properties, int epochs,
      int threads, int seed) {
    CrystalGeneratorLearnerNodeModel m = new CrystalGeneratorLearnerNodeFactory().createNodeModel();
    CrystalGeneratorLearnerSettings o = m.options();
    o.generatorType.setStringValue(CrystalGeneratorLearnerSettings.DIFFUSION);
    o.properties.setStringValue(properties);
    o.diffusionEpochs.setIntValue(epochs);
    o.threads.setIntValue(threads);
    o.seed.setIntValue(seed);
    return m;
  }

  /** Sets the property columns. */
  public static void properties(org.invdes.knime.InvdesNodeModel<?> m, String properties) {
    ((CrystalGeneratorLearnerNodeModel) m).options().properties.setStringValue(properties);
  }

  /** @return the generator a tiny learner trains on the table */
  public static GeneratorPortObject train(BufferedDataTable table, int epochs) throws Exception {
    PortObject[] out = NodeHarness.execute(tinyLearner(epochs), NodeHarness.executionContext(),
        table, null);
    return (GeneratorPortObject) out[0];
  }
}
