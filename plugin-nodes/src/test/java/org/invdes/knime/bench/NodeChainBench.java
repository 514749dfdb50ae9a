package org.invdes.knime.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.NodeTests;
import org.invdes.knime.filter.CrystalStabilityFilterNodeFactory;
import org.invdes.knime.filter.CrystalStabilityFilterTesting;
import org.invdes.knime.learn.CrystalGeneratorLearnerTesting;
import org.invdes.knime.metrics.GenerationMetricsNodeFactory;
import org.invdes.knime.metrics.GenerationMetricsTesting;
import org.invdes.knime.port.GeneratorPortObject;
import org.invdes.knime.read.CrystalReaderTesting;
import org.invdes.knime.sample.ConditionalCrystalSamplerNodeFactory;
import org.invdes.knime.sample.ConditionalCrystalSamplerTesting;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortHarness;
import org.knime.core.node.port.PortObject;

/**
 * Benchmark (not a test): the KNIME node chain of the "Inverse design of perovskites" example
 * workflow, run through {@link NodeHarness} on a dataset CSV: Reader → (seeded split) →
 * Learner → port save/load → Sampler (unconditional, and 1,000 at a target) → Stability Filter
 * of the targeted samples (against the training phases' hull, duplicates, known structures) →
 * Generation Metrics of the unconditional samples (against the held-out rows). Prints the
 * wall-clock time of every node and every figure. Run by {@code tests/bench/knime-nodes-perov5.sh}.
 *
 * <p>Arguments: DATA.csv TRAIN_ROWS HELDOUT_ROWS EPOCHS SAMPLES TARGET THREADS SEED
 * [GENERATOR [STEPS [SURROGATE]]]: GENERATOR {@code cvae} (default) or {@code diffusion} (the
 * learner's generator type; STEPS, default 0 = the generator's default, are the sampler's
 * diffusion steps), SURROGATE a formation-energy surrogate folder ({@code invdes
 * train-surrogate} on the same property) the filter uses with "the surrogate decides" (default
 * {@code -}: none; a diffusion generator predicts no property, so without a surrogate its
 * samples have no energy and the filter's hull check rejects them all).
 */
public final class NodeChainBench {
  private NodeChainBench() {}

  public static void main(String[] args) throws Exception {
    String data = args[0];
    int trainRows = Integer.parseInt(args[1]);
    int heldOutRows = Integer.parseInt(args[2]);
    int epochs = Integer.parseInt(args[3]);
    int samples = Integer.parseInt(args[4]);
    double target = Double.parseDouble(args[5]);
    int threads = Integer.parseInt(args[6]);
    int seed = Integer.parseInt(args[7]);
    boolean diffusion = args.length > 8 && args[8].equals("diffusion");
    int steps = args.length > 9 ? Integer.parseInt(args[9]) : 0;
    String surrogate = args.length > 10 && !args[10].equals("-") ? args[10] : null;
    String property = "heat_ref";

    long t = System.nanoTime();
    InvdesNodeModel<?> reader = (InvdesNodeModel<?>) NodeHarness.createModel(
        CrystalReaderTesting.factory());
    CrystalReaderTesting.location(reader, data);
    BufferedDataTable all = (BufferedDataTable) NodeHarness.execute(reader,
        NodeHarness.executionContext())[0];
    t = report("reader", t, all.size() + " rows");

    List<DataRow> rows = NodeTests.rows(all);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      DataRow x = rows.get(i);
      rows.set(i, rows.get(j));
      rows.set(j, x);
    }
    BufferedDataTable train = NodeHarness.table(all.getDataTableSpec(),
        rows.subList(0, trainRows));
    BufferedDataTable heldOut = NodeHarness.table(all.getDataTableSpec(),
        rows.subList(trainRows, trainRows + heldOutRows));

    InvdesNodeModel<?> learner = diffusion
        ? CrystalGeneratorLearnerTesting.diffusionLearner(property, epochs, threads, seed)
        : CrystalGeneratorLearnerTesting.learner(property, epochs, threads, seed);
    PortObject[] learned = NodeHarness.execute(learner, NodeHarness.executionContext(), train,
        null);
    GeneratorPortObject generator = (GeneratorPortObject) learned[0];
    t = report("learner", t, NodeHarness.flowVariables(learner) + "; " + generator.getSummary());

    byte[] saved = PortHarness.save(new GeneratorPortObject.Serializer(), generator,
        NodeHarness.executionContext());
    PortHarness.load(new GeneratorPortObject.Serializer(), saved, generator.getSpec(),
        NodeHarness.executionContext());
    t = report("port save+load", t, saved.length + " bytes");

    InvdesNodeModel<?> sampler = (InvdesNodeModel<?>) NodeHarness.createModel(
        new ConditionalCrystalSamplerNodeFactory());
    ConditionalCrystalSamplerTesting.targets(sampler, samples, "", seed);
    ConditionalCrystalSamplerTesting.diffusionSteps(sampler, steps);
    BufferedDataTable generated = (BufferedDataTable) NodeHarness.execute(sampler,
        NodeHarness.executionContext(), generator, null)[0];
    t = report("sampler (unconditional)", t, generated.size() + " structures");

    InvdesNodeModel<?> targeted = (InvdesNodeModel<?>) NodeHarness.createModel(
        new ConditionalCrystalSamplerNodeFactory());
    ConditionalCrystalSamplerTesting.targets(targeted, 1000,
        property + "=" + target, seed);
    ConditionalCrystalSamplerTesting.diffusionSteps(targeted, steps);
    BufferedDataTable atTarget = (BufferedDataTable) NodeHarness.execute(targeted,
        NodeHarness.executionContext(), generator, null)[0];
    t = report("sampler (" + property + "=" + target + ")", t, atTarget.size()
        + " structures, mean predicted " + property + " " + fmt(mean(atTarget, property))
        + " (unconditional: " + fmt(mean(generated, property)) + ", training: "
        + fmt(mean(train, property)) + ")");

    InvdesNodeModel<?> filter = (InvdesNodeModel<?>) NodeHarness.createModel(
        new CrystalStabilityFilterNodeFactory());
    CrystalStabilityFilterTesting.energies(filter, property, property);
    if (surrogate != null) {
      CrystalStabilityFilterTesting.surrogate(filter, surrogate, true);
    }
    PortObject[] split = NodeHarness.execute(filter, NodeHarness.executionContext(), atTarget,
        train);
    t = report("stability filter", t, "kept " + ((BufferedDataTable) split[0]).size()
        + ", rejected " + ((BufferedDataTable) split[1]).size() + "; "
        + NodeHarness.warning(filter));

    java.util.Map<String, Integer> reasons = new java.util.LinkedHashMap<>();
    BufferedDataTable rejected = (BufferedDataTable) split[1];
    int reasonColumn = rejected.getDataTableSpec().getNumColumns() - 1;
    for (DataRow r : rejected) {
      String reason = r.getCell(reasonColumn).toString();
      for (String kind : List.of("geometric validity", "covalent distances",
          "composition validity", "surrogate cannot predict", "energy above hull",
          "has no property", "duplicate of", "not novel")) {
        if (reason.contains(kind)) {
          reasons.merge(kind, 1, Integer::sum);
        }
      }
    }
    System.out.println("  rejection reasons (rows naming each): " + reasons);

    InvdesNodeModel<?> metrics = (InvdesNodeModel<?>) NodeHarness.createModel(
        new GenerationMetricsNodeFactory());
    GenerationMetricsTesting.benchmark(metrics, "perov_5", property);
    BufferedDataTable figures = (BufferedDataTable) NodeHarness.execute(metrics,
        NodeHarness.executionContext(), generated, heldOut, train)[0];
    report("generation metrics", t, figures.size() + " metrics");
    for (DataRow r : figures) {
      System.out.println(String.format(Locale.ROOT, "  %-20s %-45s %12s %12s",
          r.getKey().getString(), r.getCell(0), cell(r, 1), cell(r, 3)));
    }
  }

  private static String cell(DataRow r, int i) {
    return r.getCell(i).isMissing() ? "-" : fmt(((DoubleValue) r.getCell(i)).getDoubleValue());
  }

  private static double mean(BufferedDataTable t, String column) {
    int c = t.getDataTableSpec().findColumnIndex(column);
    double sum = 0;
    int n = 0;
    for (DataRow r : t) {
      if (!r.getCell(c).isMissing()) {
        sum += ((DoubleValue) r.getCell(c)).getDoubleValue();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static long report(String what, long start, String detail) {
    long now = System.nanoTime();
    System.out.println(String.format(Locale.ROOT, "%-32s %8.1f s  %s", what,
        (now - start) / 1e9, detail));
    return System.nanoTime();
  }
}
