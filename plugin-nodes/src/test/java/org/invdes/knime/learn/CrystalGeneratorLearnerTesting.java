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

  /** Sets the property columns. */
  public static void properties(org.invdes.knime.InvdesNodeModel<?> m, String properties) {
    ((CrystalGeneratorLearnerNodeModel) m).options().properties.setStringValue(properties);
  }

  /** @return the generator a tiny learner trains on the table */
  public static GeneratorPortObject train(BufferedDataTable table, int epochs) throws Exception {
    PortObject[] out = NodeHarness.execute(tinyLearner(epochs), NodeHarness.executionContext(),
        table);
    return (GeneratorPortObject) out[0];
  }
}
