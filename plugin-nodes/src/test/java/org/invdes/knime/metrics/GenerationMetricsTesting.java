package org.invdes.knime.metrics;

import org.invdes.knime.InvdesNodeModel;

/** Sets the metrics node's package-private options from other test packages. */
public final class GenerationMetricsTesting {
  private GenerationMetricsTesting() {}

  /** Sets the benchmark dataset and the property. */
  public static void benchmark(InvdesNodeModel<?> m, String dataset, String property) {
    GenerationMetricsSettings o = ((GenerationMetricsNodeModel) m).options();
    o.dataset.setStringValue(dataset);
    o.property.setStringValue(property);
  }
}
