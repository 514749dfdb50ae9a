package org.invdes.knime.metrics;

import org.invdes.core.metrics.EvaluationOptions;
import org.invdes.knime.NodeOptions;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** The options of Generation Metrics (those of {@code invdes evaluate}). */
public final class GenerationMetricsSettings extends NodeOptions {
  /** No benchmark dataset: no coverage thresholds, no published values. */
  static final String NONE = "none";
  static final String[] DATASETS = {NONE, "perov_5", "carbon_24", "mp_20"};

  final SettingsModelString generatedColumn =
      option("generated_column", "Structure column (generated)")
          .column("", 0, true, StringValue.class);
  final SettingsModelString referenceColumn =
      option("reference_column", "Structure column (reference)")
          .column("", 1, true, StringValue.class);
  final SettingsModelString trainingColumn =
      option("training_column", "Structure column (training)")
          .column("", 2, false, StringValue.class);
  final SettingsModelString property =
      option("property", "Property (a numeric column of both tables; empty: none)").text("");
  final SettingsModelString dataset =
      option("dataset", "Benchmark dataset").choice(NONE, DATASETS);
  final SettingsModelIntegerBounded samples =
      option("samples", "Valid structures drawn for the distances").group("Sampling")
          .integer(EvaluationOptions.DEFAULT_SAMPLE_SIZE, 1, 10_000_000);
  final SettingsModelIntegerBounded seed =
      option("seed", "Seed").group("Sampling")
          .integer((int) EvaluationOptions.DEFAULT_SEED, 0, Integer.MAX_VALUE);
  final SettingsModelIntegerBounded threads =
      option("threads", "Threads (0: one per processor)").integer(0, 0, 1024);

  @Override
  protected void check() throws InvalidSettingsException {
    String d = dataset.getStringValue();
    if (!java.util.List.of(DATASETS).contains(d)) {
      throw new InvalidSettingsException("'Benchmark dataset' is '" + d + "'; choose one of "
          + String.join(", ", DATASETS) + ".");
    }
  }

  @Override
  protected GenerationMetricsSettings newInstance() {
    return new GenerationMetricsSettings();
  }

  /** @return the property name, or null for none */
  String propertyName() {
    String p = property.getStringValue();
    return p == null || p.isBlank() ? null : p.strip();
  }

  /** @return the number of threads to use */
  int threadCount() {
    int t = threads.getIntValue();
    return t > 0 ? t : Runtime.getRuntime().availableProcessors();
  }
}
