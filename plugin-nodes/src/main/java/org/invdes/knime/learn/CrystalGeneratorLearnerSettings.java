package org.invdes.knime.learn;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.model.CvaeConfig;
import org.invdes.knime.NodeOptions;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The options of the Crystal Generator Learner: those of {@code invdes train}, with the same
 * defaults ({@link CvaeConfig#defaults()}), and the generator type (one value for now, {@value
 * #CVAE}).
 */
public final class CrystalGeneratorLearnerSettings extends NodeOptions {
  /** The conditional VAE generator. */
  static final String CVAE = "CVAE (conditional variational autoencoder)";
  private static final CvaeConfig D = CvaeConfig.defaults();

  final SettingsModelString structureColumn =
      option("structure_column", "Structure column").column("", 0, true, StringValue.class);
  final SettingsModelString properties =
      option("properties", "Properties (comma-separated columns; empty: every numeric column)")
          .text("");
  final SettingsModelString generatorType =
      option("generator_type", "Generator type").choice(CVAE, CVAE);
  final SettingsModelIntegerBounded epochs =
      option("epochs", "Epochs (most)").group("Training").integer(D.maxEpochs(), 1, 100_000);
  final SettingsModelIntegerBounded latent =
      option("latent", "Latent size").group("Network").integer(D.latentDim(), 1, 1024);
  final SettingsModelIntegerBounded hidden =
      option("hidden", "Hidden units per layer").group("Network")
          .integer(D.hiddenDim(), 1, 8192);
  final SettingsModelIntegerBounded batch =
      option("batch", "Batch size (rows)").group("Training").integer(D.batchSize(), 1, 65_536);
  final SettingsModelDoubleBounded learningRate =
      option("learning_rate", "Learning rate").group("Training")
          .number(D.learningRate(), 1e-9, 1, 1e-4);
  final SettingsModelDoubleBounded beta =
      option("beta", "KL weight (beta)").group("Training").number(D.beta(), 0, 1000, 0.05);
  final SettingsModelIntegerBounded patience =
      option("patience", "Early-stopping patience (epochs)").group("Training")
          .integer(D.patience(), 1, 100_000);
  final SettingsModelDoubleBounded validation =
      option("validation", "Validation fraction").group("Training")
          .number(D.validationFraction(), 0, 0.5, 0.05);
  final SettingsModelIntegerBounded maxSites =
      option("max_sites", "Maximum sites (0: the largest cell)").group("Network")
          .integer(0, 0, 1000);
  final SettingsModelIntegerBounded seed =
      option("seed", "Seed").group("Reproducibility").integer((int) D.seed(), 0,
          Integer.MAX_VALUE);
  final SettingsModelIntegerBounded threads =
      option("threads", "Threads (0: one per processor)").group("Reproducibility")
          .integer(0, 0, 1024);

  @Override
  protected void check() throws InvalidSettingsException {
    if (!CVAE.equals(generatorType.getStringValue())) {
      throw new InvalidSettingsException("'Generator type' is '" + generatorType.getStringValue()
          + "', which this version does not know; choose '" + CVAE + "'.");
    }
    propertyList();
    config();
  }

  @Override
  protected CrystalGeneratorLearnerSettings newInstance() {
    return new CrystalGeneratorLearnerSettings();
  }

  /**
   * @return the property columns typed in, in order, without blanks; empty for "every numeric
   *     column"
   * @throws InvalidSettingsException if a name repeats
   */
  List<String> propertyList() throws InvalidSettingsException {
    List<String> out = new ArrayList<>();
    String text = properties.getStringValue();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String p : text.split(",")) {
      String name = p.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (out.contains(name)) {
        throw new InvalidSettingsException("'Properties' names '" + name + "' twice; list each"
            + " property column once.");
      }
      out.add(name);
    }
    return out;
  }

  /**
   * @return the training configuration of these options
   * @throws InvalidSettingsException naming the value the core rejects
   */
  CvaeConfig config() throws InvalidSettingsException {
    try {
      CvaeConfig.Builder b = CvaeConfig.builder().optMaxEpochs(epochs.getIntValue())
          .optLatentDim(latent.getIntValue()).optHiddenDim(hidden.getIntValue())
          .optBatchSize(batch.getIntValue()).optLearningRate(learningRate.getDoubleValue())
          .optBeta(beta.getDoubleValue()).optPatience(patience.getIntValue())
          .optValidationFraction(validation.getDoubleValue()).optSeed(seed.getIntValue())
          .optThreads(threads.getIntValue() > 0 ? threads.getIntValue()
              : Runtime.getRuntime().availableProcessors());
      if (maxSites.getIntValue() > 0) {
        b.optMaxSites(maxSites.getIntValue());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The training options do not work together: "
          + e.getMessage() + "; change it in the dialog.", e);
    }
  }
}
