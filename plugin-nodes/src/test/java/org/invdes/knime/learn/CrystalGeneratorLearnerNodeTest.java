package org.invdes.knime.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.PropertyRange;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.sampling.DiffusionSampler;
import org.invdes.core.sampling.Sampler;
import org.invdes.core.sampling.SamplingRequest;
import org.invdes.core.structure.Structure;
import org.invdes.knime.GeneratorFixtures;
import org.invdes.knime.InvdesNodeFactory;
import org.invdes.knime.NodeContractTest;
import org.invdes.knime.NodeTests;
import org.invdes.knime.port.GeneratorPortObject;
import org.invdes.knime.port.GeneratorPortObjectSpec;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortHarness;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class CrystalGeneratorLearnerNodeTest extends NodeContractTest<CrystalGeneratorLearnerNodeModel> {

  @Override
  protected InvdesNodeFactory<CrystalGeneratorLearnerNodeModel> factory() {
    return new CrystalGeneratorLearnerNodeFactory();
  }

  /**
   * Every option off its default: the diffusion generator (its options enabled, the CVAE's
   * disabled) with changed values for both.
   */
  @Override
  protected CrystalGeneratorLearnerNodeModel changedModel() {
    CrystalGeneratorLearnerNodeModel m = factory().createNodeModel();
    CrystalGeneratorLearnerSettings o = m.options();
    o.generatorType.setStringValue(CrystalGeneratorLearnerSettings.DIFFUSION);
    o.diffusionEpochs.setIntValue(2);
    o.diffusionHidden.setIntValue(16);
    o.diffusionLayers.setIntValue(2);
    o.diffusionBatch.setIntValue(6);
    o.diffusionLearningRate.setDoubleValue(2e-3);
    o.diffusionPatience.setIntValue(9);
    o.diffusionTimesteps.setIntValue(50);
    o.diffusionSampleSteps.setIntValue(20);
    o.diffusionGuidance.setDoubleValue(1.5);
    o.diffusionConditionDropout.setDoubleValue(0.2);
    o.diffusionTypeLoss.setStringValue(CrystalGeneratorLearnerSettings.MASKED);
    o.diffusionAtomCountInput.setBooleanValue(true);
    o.diffusionElementFeatures.setBooleanValue(true);
    o.diffusionSelfCondition.setBooleanValue(true);
    o.diffusionMaskExponent.setDoubleValue(2.0);
    o.diffusionEmaDecay.setDoubleValue(0.99);
    o.diffusionAtomCountBatches.setBooleanValue(false);
    o.diffusionSelectSamples.setIntValue(4);
    o.diffusionSelectEvery.setIntValue(3);
    o.diffusionSelectFrom.setIntValue(2);
    o.diffusionSelectSteps.setIntValue(3);
    o.diffusionSelectGuidance.setDoubleValue(0.5);
    o.diffusionSelectMaxDensityEmd.setDoubleValue(0.8);
    o.structureColumn.setStringValue("structure");
    o.properties.setStringValue(GeneratorFixtures.PROPERTY);
    o.epochs.setIntValue(3);
    o.latent.setIntValue(4);
    o.hidden.setIntValue(32);
    o.batch.setIntValue(8);
    o.learningRate.setDoubleValue(3e-3);
    o.beta.setDoubleValue(0.5);
    o.patience.setIntValue(10);
    o.validation.setDoubleValue(0.2);
    o.maxSites.setIntValue(6);
    o.cell.setStringValue(CrystalGeneratorLearnerSettings.NIGGLI);
    o.seed.setIntValue(7);
    o.threads.setIntValue(1);
    return m;
  }

  @Override
  protected PortObjectSpec[] goodSpecs() {
    return new PortObjectSpec[] {GeneratorFixtures.SPEC, null};
  }

  @Test
  void configurePromisesTheHistoryAndLeavesTheGeneratorSpecToExecution() throws Exception {
    PortObjectSpec[] out = NodeHarness.configure(CrystalGeneratorLearnerTesting.tinyLearner(2),
        GeneratorFixtures.SPEC, null);
    assertNull(out[0], "vocabulary and ranges are known after training");
    DataTableSpec h = (DataTableSpec) out[1];
    assertEquals("epoch", h.getColumnNames()[0]);
    assertTrue(h.containsName("validation loss"));
    assertTrue(h.containsName("property loss"));
    PortObjectSpec[] diffusion = NodeHarness.configure(changedModel(), GeneratorFixtures.SPEC,
        null);
    assertNull(diffusion[0]);
    assertEquals(List.of("epoch", "loss", "lattice loss", "coordinate loss", "type loss",
        "validation loss", "validation lattice loss", "validation coordinate loss",
        "validation type loss", "best epoch", "checkpoint score"),
        List.of(((DataTableSpec) diffusion[1]).getColumnNames()));
    assertEquals(DoubleCell.TYPE, ((DataTableSpec) diffusion[1]).getColumnSpec(
        CrystalGeneratorLearnerNodeModel.CHECKPOINT_SCORE).getType());
  }

  /**
   * A conditional VAE ignores the diffusion options: those set away from their defaults are
   * named in a warning at configure time and after training, as the sampler names the options
   * that do not apply to its generator.
   */
  @Test
  void aVaeWarnsOfTheDiffusionOptionsItIgnores() throws Exception {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyLearner(2);
    NodeHarness.configure(m, GeneratorFixtures.SPEC, null);
    assertNull(NodeHarness.warning(m));
    m.options().diffusionEpochs.setIntValue(7);
    m.options().diffusionElementFeatures.setBooleanValue(true);
    String expected = "'Diffusion: epochs (most)' and 'Diffusion: element features' do not"
        + " apply to a conditional VAE and are ignored; reset them to silence this";
    NodeHarness.configure(m, GeneratorFixtures.SPEC, null);
    assertEquals(expected, NodeHarness.warning(m));
    m.options().diffusionElementFeatures.setBooleanValue(false);
    NodeHarness.configure(m, GeneratorFixtures.SPEC, null);
    assertEquals("'Diffusion: epochs (most)' does not apply to a conditional VAE and is ignored;"
        + " reset it to silence this", NodeHarness.warning(m));
    GeneratorPortObject g = (GeneratorPortObject) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0];
    assertEquals(GeneratorPortObjectSpec.CVAE, g.getSpec().generatorType());
    assertEquals(2, g.manifest().metrics().epochsRun(), "the CVAE's own epochs");
    assertTrue(NodeHarness.warning(m).contains("'Diffusion: epochs (most)' does not apply"),
        NodeHarness.warning(m));
    CrystalGeneratorLearnerNodeModel typeOptions = CrystalGeneratorLearnerTesting.tinyLearner(2);
    typeOptions.options().diffusionSelfCondition.setBooleanValue(true);
    typeOptions.options().diffusionMaskExponent.setDoubleValue(0.5);
    NodeHarness.configure(typeOptions, GeneratorFixtures.SPEC, null);
    assertEquals("'Diffusion: self-conditioning' and 'Diffusion: mask exponent (masked types)'"
        + " do not apply to a conditional VAE and are ignored; reset them to silence this",
        NodeHarness.warning(typeOptions));
    CrystalGeneratorLearnerNodeModel selecting = CrystalGeneratorLearnerTesting.tinyLearner(2);
    selecting.options().diffusionSelectSamples.setIntValue(4);
    selecting.options().diffusionSelectFrom.setIntValue(50);
    NodeHarness.configure(selecting, GeneratorFixtures.SPEC, null);
    assertEquals("'Diffusion: keep the epoch by validity of N samples (0: lowest validation"
        + " loss)' and 'Diffusion: keep the epoch by validity: from epoch (0: half of the"
        + " epochs)' do not apply to a conditional VAE and are ignored; reset them to silence"
        + " this", NodeHarness.warning(selecting), "and the CVAE does not check them");
  }

  /**
   * charge_balanced, not a column of the table, is derived from the structures: every
   * perovskite of the fixture balances (A2+ B4+ and three O2-), so the generator records the
   * range [1, 1]; another name that is no column is refused with the derivable ones.
   */
  @Test
  void chargeBalancedIsDerivedWhenTheTableHasNoSuchColumn() throws Exception {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyDiffusionLearner(1);
    m.options().properties.setStringValue(GeneratorFixtures.PROPERTY + ", charge_balanced");
    NodeHarness.configure(m, GeneratorFixtures.SPEC, null);
    GeneratorPortObject g = (GeneratorPortObject) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0];
    assertEquals(List.of(GeneratorFixtures.PROPERTY, "charge_balanced"),
        g.getSpec().propertyNames());
    PropertyRange range = g.diffusionManifest().properties().get(1);
    assertEquals(1.0, range.min());
    assertEquals(1.0, range.max());
    m.options().properties.setStringValue(GeneratorFixtures.PROPERTY + ", band_gap");
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.configure(m, GeneratorFixtures.SPEC, null));
    assertTrue(e.getMessage().startsWith("The property 'band_gap' in 'Properties' is not a"
        + " column of the training table, nor one derived from the structures"
        + " [charge_balanced]; its columns: "), e.getMessage());
  }

  /** A diffusion option the core refuses is named at configure time. */
  @Test
  void diffusionOptionsThatDoNotFitAreRefused() throws Exception {
    CrystalGeneratorLearnerNodeModel m = changedModel();
    m.options().diffusionSampleSteps.setIntValue(60);
    String message = message(m, GeneratorFixtures.SPEC);
    assertTrue(message.startsWith("The diffusion options do not work together: sampleSteps 60"
        + " exceeds the diffusion times T = 50"), message);
    CrystalGeneratorLearnerNodeModel epsilon = changedModel();
    epsilon.options().diffusionTypeLoss.setStringValue(CrystalGeneratorLearnerSettings.EPSILON);
    epsilon.options().diffusionMaskExponent.setDoubleValue(1.0);
    assertEquals("The diffusion options do not work together: self-conditioning needs the"
        + " crossEntropy or masked type loss; the type loss is epsilon; change it in the"
        + " dialog.", message(epsilon, GeneratorFixtures.SPEC));
    CrystalGeneratorLearnerNodeModel exponent = changedModel();
    exponent.options().diffusionTypeLoss.setStringValue(
        CrystalGeneratorLearnerSettings.CROSS_ENTROPY);
    assertEquals("The diffusion options do not work together: a mask exponent (2.0) needs the"
        + " masked type loss; the type loss is crossEntropy; change it in the dialog.",
        message(exponent, GeneratorFixtures.SPEC), "the type loss left at its default");
    exponent.options().diffusionTypeLoss.setStringValue(CrystalGeneratorLearnerSettings.EPSILON);
    exponent.options().diffusionSelfCondition.setBooleanValue(false);
    assertEquals("The diffusion options do not work together: a mask exponent (2.0) needs the"
        + " masked type loss; the type loss is epsilon; change it in the dialog.",
        message(exponent, GeneratorFixtures.SPEC));
    NodeSettings s = NodeHarness.saveSettings(m);
    assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
  }

  /**
   * The options of the kept epoch that do not fit the training are refused at configure time
   * with core's reason, as {@code invdes train --select-by-validity} refuses them: a first
   * scored epoch after the last epoch (given, or half of the epochs by default, which always
   * fits), sampling steps above the diffusion times T; a negative density bound is refused with
   * the settings. With N = 0 the other options are not checked but named in a warning, as they
   * do not apply (the CLI refuses them without {@code --select-by-validity}).
   */
  @Test
  void selectionOptionsThatDoNotFitAreRefused() throws Exception {
    CrystalGeneratorLearnerNodeModel late = changedModel();
    late.options().diffusionSelectFrom.setIntValue(9);
    assertEquals("The options of 'Diffusion: keep the epoch by validity of N samples' do not"
        + " fit the training: the first scored checkpoint, epoch 9, is after the last epoch, 2;"
        + " score from an earlier epoch; change them in the dialog.",
        message(late, GeneratorFixtures.SPEC));
    late.options().diffusionSelectFrom.setIntValue(0);
    NodeHarness.configure(late, GeneratorFixtures.SPEC, null);
    late.options().diffusionEpochs.setIntValue(1);
    NodeHarness.configure(late, GeneratorFixtures.SPEC, null);
    CrystalGeneratorLearnerNodeModel steps = changedModel();
    steps.options().diffusionSelectSteps.setIntValue(51);
    assertEquals("The options of 'Diffusion: keep the epoch by validity of N samples' do not"
        + " fit the training: checkpoint sampling steps 51 exceed the diffusion times T = 50;"
        + " change them in the dialog.", message(steps, GeneratorFixtures.SPEC));
    steps.options().diffusionSelectSamples.setIntValue(0);
    steps.options().diffusionSelectFrom.setIntValue(9);
    NodeHarness.configure(steps, GeneratorFixtures.SPEC, null);
    assertEquals("'Diffusion: keep the epoch by validity: every K epochs' and 'Diffusion: keep"
        + " the epoch by validity: from epoch (0: half of the epochs)' and 'Diffusion: keep the"
        + " epoch by validity: sampling steps (0: the generator's)' and 'Diffusion: keep the"
        + " epoch by validity: guidance (negative: the generator's)' and 'Diffusion: keep the"
        + " epoch by validity: max density EMD g/cm³ (0: no bound)' apply only when 'Diffusion:"
        + " keep the epoch by validity of N samples (0: lowest validation loss)' is above 0 and"
        + " are ignored; set N or reset them to silence this", NodeHarness.warning(steps),
        "off, they are not checked but named");
    CrystalGeneratorLearnerNodeModel plain = changedModel();
    NodeHarness.configure(plain, GeneratorFixtures.SPEC, null);
    assertNull(NodeHarness.warning(plain), "they apply");
    NodeSettings negative = NodeHarness.saveSettings(changedModel());
    negative.addDouble("diffusion_select_max_density_emd", -0.5);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), negative));
    assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
  }

  /**
   * The options of the type not chosen are disabled, in the model and after loading settings
   * in which a flow variable switched the type without touching the stored enabled states.
   */
  @Test
  void onlyTheChosenGeneratorsOptionsAreEnabled() throws Exception {
    CrystalGeneratorLearnerNodeModel m = factory().createNodeModel();
    CrystalGeneratorLearnerSettings o = m.options();
    assertTrue(o.epochs.isEnabled() && o.latent.isEnabled() && o.beta.isEnabled());
    assertTrue(!o.diffusionEpochs.isEnabled() && !o.diffusionGuidance.isEnabled());
    o.generatorType.setStringValue(CrystalGeneratorLearnerSettings.DIFFUSION);
    assertTrue(!o.epochs.isEnabled() && !o.latent.isEnabled() && !o.beta.isEnabled());
    assertTrue(o.diffusionEpochs.isEnabled() && o.diffusionGuidance.isEnabled());
    assertTrue(o.diffusionTypeLoss.isEnabled() && o.diffusionAtomCountInput.isEnabled()
        && o.diffusionEmaDecay.isEnabled() && o.diffusionAtomCountBatches.isEnabled()
        && o.diffusionElementFeatures.isEnabled() && o.diffusionSelfCondition.isEnabled()
        && o.diffusionMaskExponent.isEnabled());
    o.generatorType.setStringValue(CrystalGeneratorLearnerSettings.CVAE);
    assertTrue(!o.diffusionTypeLoss.isEnabled() && !o.diffusionAtomCountInput.isEnabled()
        && !o.diffusionEmaDecay.isEnabled() && !o.diffusionAtomCountBatches.isEnabled()
        && !o.diffusionElementFeatures.isEnabled() && !o.diffusionSelfCondition.isEnabled()
        && !o.diffusionMaskExponent.isEnabled(), "a CVAE does not use them");
    for (var selection : List.of(o.diffusionSelectSamples, o.diffusionSelectEvery,
        o.diffusionSelectFrom, o.diffusionSelectSteps, o.diffusionSelectGuidance,
        o.diffusionSelectMaxDensityEmd)) {
      assertTrue(!selection.isEnabled(), "a CVAE keeps no epoch by validity");
    }
    o.generatorType.setStringValue(CrystalGeneratorLearnerSettings.DIFFUSION);
    assertTrue(o.validation.isEnabled() && o.seed.isEnabled() && o.maxSites.isEnabled(),
        "shared options stay enabled");
    assertTrue(o.diffusionSelectSamples.isEnabled() && o.diffusionSelectEvery.isEnabled()
        && o.diffusionSelectFrom.isEnabled() && o.diffusionSelectSteps.isEnabled()
        && o.diffusionSelectGuidance.isEnabled() && o.diffusionSelectMaxDensityEmd.isEnabled());

    CrystalGeneratorLearnerNodeModel tiny = CrystalGeneratorLearnerTesting.tinyLearner(2);
    tiny.options().structureColumn.setStringValue("structure");
    NodeSettings cvae = NodeHarness.saveSettings(tiny);
    cvae.addString("generator_type", CrystalGeneratorLearnerSettings.DIFFUSION);
    CrystalGeneratorLearnerNodeModel loaded = factory().createNodeModel();
    NodeHarness.loadSettings(loaded, cvae);
    assertTrue(loaded.options().diffusionEpochs.isEnabled());
    assertTrue(!loaded.options().epochs.isEnabled());
    NodeDialogPane dialog = NodeHarness.createDialog(factory());
    NodeHarness.loadDialog(dialog, cvae, goodSpecs());
    NodeSettings fromDialog = NodeHarness.saveDialog(dialog);
    assertEquals(NodeTests.xml(NodeHarness.saveSettings(loaded)), NodeTests.xml(fromDialog),
        "the dialog enables the same options");
  }

  /**
   * A learner with the settings of the saved test resource {@code name} validated and loaded,
   * after checking that they lack the keys added since.
   */
  private CrystalGeneratorLearnerNodeModel loadSaved(String name, String... absentKeys)
      throws Exception {
    NodeSettingsRO old;
    try (java.io.InputStream in = getClass().getResourceAsStream(name)) {
      old = NodeSettings.loadFromXML(in).getNodeSettings("model");
    }
    for (String key : absentKeys) {
      assertTrue(!old.containsKey(key), name + " has " + key);
    }
    CrystalGeneratorLearnerNodeModel m = factory().createNodeModel();
    NodeHarness.validateSettings(m, old);
    NodeHarness.loadSettings(m, old);
    return m;
  }

  /**
   * The learner's settings as the example workflow stored them before the diffusion generator
   * (plug-in 0.2) lack every diffusion key: they load as a CVAE, and the diffusion options get
   * the defaults of {@code invdes train --generator diffusion} (300 epochs, 128 hidden units, 3
   * layers, batches of 64, learning rate 0.001, patience 40, T = 1000, 200 sampling steps,
   * guidance 1, condition dropout 0.1), disabled.
   */
  @Test
  void settingsFromBeforeTheDiffusionGeneratorLoadWithDefaults() throws Exception {
    CrystalGeneratorLearnerSettings o = loadSaved("settings-before-0.3.0.xml",
        "diffusion_epochs").options();
    assertEquals(CrystalGeneratorLearnerSettings.CVAE, o.generatorType.getStringValue());
    assertEquals("heat_ref", o.properties.getStringValue());
    assertEquals(300, o.diffusionEpochs.getIntValue());
    assertEquals(128, o.diffusionHidden.getIntValue());
    assertEquals(3, o.diffusionLayers.getIntValue());
    assertEquals(64, o.diffusionBatch.getIntValue());
    assertEquals(1e-3, o.diffusionLearningRate.getDoubleValue(), 0.0);
    assertEquals(40, o.diffusionPatience.getIntValue());
    assertEquals(1000, o.diffusionTimesteps.getIntValue());
    assertEquals(200, o.diffusionSampleSteps.getIntValue());
    assertEquals(1.0, o.diffusionGuidance.getDoubleValue(), 0.0);
    assertEquals(0.1, o.diffusionConditionDropout.getDoubleValue(), 0.0);
    assertEquals(CrystalGeneratorLearnerSettings.CROSS_ENTROPY,
        o.diffusionTypeLoss.getStringValue());
    assertTrue(!o.diffusionAtomCountInput.getBooleanValue());
    assertEquals(0.0, o.diffusionEmaDecay.getDoubleValue(), 0.0);
    assertTrue(o.diffusionAtomCountBatches.getBooleanValue());
    assertTrue(!o.diffusionElementFeatures.getBooleanValue());
    assertTrue(!o.diffusionSelfCondition.getBooleanValue());
    assertEquals(1.0, o.diffusionMaskExponent.getDoubleValue(), 0.0);
    assertTrue(!o.diffusionEpochs.isEnabled() && o.epochs.isEnabled());
    assertTrue(!o.diffusionTypeLoss.isEnabled() && !o.diffusionAtomCountBatches.isEnabled()
        && !o.diffusionElementFeatures.isEnabled() && !o.diffusionSelfCondition.isEnabled()
        && !o.diffusionMaskExponent.isEnabled());
    assertEquals(CrystalGeneratorLearnerSettings.AS_GIVEN, o.cell.getStringValue());
  }

  /**
   * 'Cell' Niggli-reduced trains either generator on Niggli cells (the encoding and the
   * diffusion hyper-parameters record it); going on from an as-given start with it is refused
   * with the core's reason, left as given it takes the start's choice; an unknown value is
   * refused naming the option.
   */
  @Test
  void niggliCellsAreAnOptionOfBothGenerators() throws Exception {
    CrystalGeneratorLearnerNodeModel d = CrystalGeneratorLearnerTesting.tinyDiffusionLearner(1);
    d.options().cell.setStringValue(CrystalGeneratorLearnerSettings.NIGGLI);
    GeneratorPortObject g = (GeneratorPortObject) NodeHarness.execute(d,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0];
    assertEquals(org.invdes.core.encoding.CellChoice.NIGGLI,
        g.diffusionManifest().encoding().cellChoice());
    assertEquals(org.invdes.core.encoding.CellChoice.NIGGLI,
        g.diffusionManifest().hyperParameters().cellChoice());
    CrystalGeneratorLearnerNodeModel v = CrystalGeneratorLearnerTesting.tinyLearner(1);
    v.options().cell.setStringValue(CrystalGeneratorLearnerSettings.NIGGLI);
    GeneratorPortObject vae = (GeneratorPortObject) NodeHarness.execute(v,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0];
    assertEquals(org.invdes.core.encoding.CellChoice.NIGGLI, vae.manifest().encoding()
        .cellChoice());

    GeneratorPortObject start = GeneratorFixtures.diffusionGenerator();
    CrystalGeneratorLearnerNodeModel on = continuing(1);
    on.options().cell.setStringValue(CrystalGeneratorLearnerSettings.NIGGLI);
    assertTrue(on.options().overridingOptions().contains("Cell"),
        on.options().overridingOptions()::toString);
    Exception e = assertThrows(Exception.class, () -> NodeHarness.execute(on,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), start));
    assertTrue(String.valueOf(e.getMessage()).contains("the starting model encodes as-given"
        + " cells; its training cannot go on with Niggli-reduced ones"), e.getMessage());
    CrystalGeneratorLearnerNodeModel niggliOn = continuing(1);
    GeneratorPortObject more = (GeneratorPortObject) NodeHarness.execute(niggliOn,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), g)[0];
    assertEquals(org.invdes.core.encoding.CellChoice.NIGGLI,
        more.diffusionManifest().encoding().cellChoice());

    NodeSettings s = NodeHarness.saveSettings(changedModel());
    s.addString("cell", "Primitive");
    InvalidSettingsException bad = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
    assertTrue(bad.getMessage().startsWith("'Cell' is 'Primitive'; choose 'As given' or"
        + " 'Niggli-reduced'."), bad.getMessage());
  }

  /**
   * The diffusion learner on 12 rows (one held out for validation): the port's spec names the
   * diffusion type, the property range of the data (a³/5 at the extreme lattice constants), its
   * elements and the default sampling steps and guidance chosen in the learner; the history has
   * one row per epoch with the diffusion loss terms; the flow variables report the epochs.
   */
  @Test
  void trainsADiffusionGenerator() throws Exception {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyDiffusionLearner(2);
    PortObject[] out = NodeHarness.execute(m, NodeHarness.executionContext(),
        GeneratorFixtures.table(12), null);
    GeneratorPortObject g = (GeneratorPortObject) out[0];
    GeneratorPortObjectSpec spec = g.getSpec();
    assertEquals(GeneratorPortObjectSpec.DIFFUSION, spec.generatorType());
    assertEquals(GeneratorPortObjectSpec.DIFFUSION, g.generatorType());
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 12; i++) {
      double a = GeneratorFixtures.latticeConstant(i);
      min = Math.min(min, a * a * a / 5);
      max = Math.max(max, a * a * a / 5);
    }
    assertEquals(GeneratorFixtures.PROPERTY, spec.properties().get(0).name());
    assertEquals(min, spec.properties().get(0).min(), 1e-9);
    assertEquals(max, spec.properties().get(0).max(), 1e-9);
    assertEquals(Set.of("Ca", "Sr", "Ba", "Ti", "Zr", "O"), Set.copyOf(spec.elements()));
    assertEquals(5, spec.maxSites());
    assertEquals(5, spec.sampleSteps());
    assertEquals(1.0, spec.guidance(), 0.0);
    assertEquals(0, spec.latentDim());
    assertEquals(20, g.diffusionManifest().hyperParameters().timesteps());
    assertThrows(IllegalStateException.class, g::openModel, "not a CVAE");
    assertThrows(IllegalStateException.class, g::manifest);

    BufferedDataTable history = (BufferedDataTable) out[1];
    List<DataRow> h = NodeTests.rows(history);
    assertEquals(2, h.size());
    assertEquals(2, ((IntValue) NodeTests.cell(history, h.get(1), "epoch")).getIntValue());
    assertTrue(!NodeTests.cell(history, h.get(1), "validation type loss").isMissing());
    Map<String, Object> vars = NodeHarness.flowVariables(m);
    assertEquals(2, vars.get(CrystalGeneratorLearnerNodeModel.VAR_EPOCHS));
    assertTrue(vars.containsKey(CrystalGeneratorLearnerNodeModel.VAR_LOSS));
    assertTrue(g.getSummary().startsWith("diffusion: " + GeneratorFixtures.PROPERTY),
        g.getSummary());
  }

  /**
   * A diffusion generator's port object and spec survive KNIME's save and load: the files are
   * identical byte for byte, the spec is equal (steps and guidance included), and the reopened
   * model samples the same structures.
   */
  @Test
  void aDiffusionPortObjectSurvivesSaveAndLoad() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.diffusionGenerator();
    GeneratorPortObjectSpec spec = PortHarness.loadSpec(new GeneratorPortObjectSpec.Serializer(),
        PortHarness.saveSpec(new GeneratorPortObjectSpec.Serializer(), g.getSpec()));
    assertEquals(g.getSpec(), spec);
    assertEquals(5, spec.sampleSteps());
    assertTrue(spec.isDiffusion());
    byte[] bytes = PortHarness.save(new GeneratorPortObject.Serializer(), g,
        NodeHarness.executionContext());
    GeneratorPortObject loaded = PortHarness.load(new GeneratorPortObject.Serializer(), bytes,
        spec, NodeHarness.executionContext());
    assertEquals(g.files().keySet(), loaded.files().keySet());
    for (String f : g.files().keySet()) {
      assertArrayEquals(g.files().get(f), loaded.files().get(f), f);
    }
    assertEquals(g.getSpec(), loaded.getSpec());
    SamplingRequest request = SamplingRequest.builder().setCount(3).optSeed(4).optThreads(1)
        .build();
    try (DiffusionModel before = g.openDiffusionModel();
        DiffusionModel after = loaded.openDiffusionModel()) {
      assertEquals(DiffusionSampler.of(before).sample(request, ProgressMonitor.NONE)
          .structures(), DiffusionSampler.of(after).sample(request, ProgressMonitor.NONE)
          .structures());
    }
    GeneratorPortObjectSpec cvae = GeneratorFixtures.generator().getSpec();
    assertTrue(!cvae.equals(spec));
    assertThrows(java.io.IOException.class, () -> PortHarness.load(
        new GeneratorPortObject.Serializer(), bytes, cvae, NodeHarness.executionContext()),
        "a diffusion generator does not fit a CVAE's saved spec");
  }

  /** A diffusion learner with the node's defaults but one thread, seed 11 and these epochs. */
  static CrystalGeneratorLearnerNodeModel continuing(int epochs) {
    CrystalGeneratorLearnerNodeModel m = new CrystalGeneratorLearnerNodeFactory()
        .createNodeModel();
    CrystalGeneratorLearnerSettings o = m.options();
    o.generatorType.setStringValue(CrystalGeneratorLearnerSettings.DIFFUSION);
    o.diffusionEpochs.setIntValue(epochs);
    o.threads.setIntValue(1);
    o.seed.setIntValue(11);
    return m;
  }

  /**
   * Training goes on from the tiny diffusion generator (16 hidden units, one layer, T = 20, 5
   * sampling steps, batches of 8, trained on 24 rows) on 12 other rows with the node's defaults
   * except epochs and a learning rate too small to move the weights: the options left at their
   * defaults take the start's hyper-parameters, the changed ones override them, empty
   * 'Properties' takes the start's, the data are encoded with the start's encoder (a fit to
   * the 12 rows would scale the lattice otherwise), the epochs ran, and the continued generator
   * samples what the start samples (it starts from its weights).
   */
  @Test
  void goesOnFromAStartingDiffusionGenerator() throws Exception {
    GeneratorPortObject start = GeneratorFixtures.diffusionGenerator();
    org.invdes.core.model.DiffusionConfig had = start.diffusionManifest().hyperParameters();
    CrystalGeneratorLearnerSettings defaults = new CrystalGeneratorLearnerSettings();
    assertTrue(had.hiddenDim() != defaults.diffusionHidden.getIntValue()
        && had.timesteps() != defaults.diffusionTimesteps.getIntValue()
        && had.batchSize() != defaults.diffusionBatch.getIntValue(),
        "the start's hyper-parameters are not the node's defaults");
    CrystalGeneratorLearnerNodeModel m = continuing(2);
    m.options().diffusionLearningRate.setDoubleValue(1e-9);
    assertEquals(List.of("Diffusion: epochs (most)", "Diffusion: learning rate"),
        m.options().overridingOptions());
    PortObject[] out = NodeHarness.execute(m, NodeHarness.executionContext(),
        GeneratorFixtures.table(12), start);
    GeneratorPortObject g = (GeneratorPortObject) out[0];
    org.invdes.core.model.DiffusionManifest after = g.diffusionManifest();
    org.invdes.core.model.DiffusionConfig h = after.hyperParameters();
    assertEquals(had.hiddenDim(), h.hiddenDim());
    assertEquals(had.layers(), h.layers());
    assertEquals(had.timesteps(), h.timesteps());
    assertEquals(had.sampleSteps(), h.sampleSteps());
    assertEquals(had.batchSize(), h.batchSize());
    assertEquals(had.patience(), h.patience());
    assertEquals(had.guidance(), h.guidance(), 0.0);
    assertEquals(had.conditionDropout(), h.conditionDropout(), 0.0);
    assertEquals(had.correctorStep(), h.correctorStep(), 0.0);
    assertEquals(2, h.maxEpochs());
    assertEquals(1e-9, h.learningRate(), 0.0);
    assertEquals(11, h.seed());
    assertEquals(start.diffusionManifest().encoding(), after.encoding(), "the start's encoder");
    assertEquals(List.of(GeneratorFixtures.PROPERTY), after.propertyNames());
    assertEquals(16, g.getSpec().hiddenDim());
    assertEquals(1, g.getSpec().layers());
    assertEquals(2, after.epochsRun());
    assertEquals(2, NodeTests.rows((BufferedDataTable) out[1]).size());
    assertEquals(2, NodeHarness.flowVariables(m).get(CrystalGeneratorLearnerNodeModel.VAR_EPOCHS));

    SamplingRequest request = SamplingRequest.builder().setCount(4).optSeed(5).optThreads(1)
        .build();
    try (DiffusionModel before = start.openDiffusionModel();
        DiffusionModel continued = g.openDiffusionModel()) {
      List<Structure> a = DiffusionSampler.of(before).sample(request, ProgressMonitor.NONE)
          .structures();
      List<Structure> b = DiffusionSampler.of(continued).sample(request, ProgressMonitor.NONE)
          .structures();
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertTrue(a.get(i).approxEquals(b.get(i), 1e-3, 1e-2, 1e-4),
            "sample " + i + ": " + a.get(i) + " vs " + b.get(i));
      }
    }
  }

  /**
   * Starts the node cannot go on from are refused in configure, naming what to change: with the
   * CVAE chosen, a CVAE as start, other properties, another denoiser size or site budget; a
   * spec without the denoiser size (saved by an earlier version) passes configure, and execute
   * refuses the denoiser size from the opened start.
   */
  @Test
  void startsThatDoNotFitAreRefusedWithTheReason() throws Exception {
    GeneratorPortObject start = GeneratorFixtures.diffusionGenerator();
    GeneratorPortObjectSpec s = start.getSpec();
    CrystalGeneratorLearnerNodeModel cvae = CrystalGeneratorLearnerTesting.tinyLearner(2);
    assertTrue(startMessage(cvae, GeneratorFixtures.SPEC, s).startsWith("A starting generator"
        + " is connected to the second input, which only the diffusion generator can go on"
        + " from; set 'Generator type' to 'Diffusion"));
    assertTrue(startMessage(continuing(2), GeneratorFixtures.SPEC,
        GeneratorFixtures.generator().getSpec()).startsWith("The starting generator (second"
        + " input) is a '" + GeneratorPortObjectSpec.CVAE + "' generator; training can only go"
        + " on from a diffusion generator"));

    DataTableSpec twoProperties = new DataTableSpec(
        new String[] {"id", "structure", GeneratorFixtures.PROPERTY, "density"},
        new DataType[] {StringCell.TYPE, StringCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE});
    CrystalGeneratorLearnerNodeModel density = continuing(2);
    density.options().properties.setStringValue("density");
    assertEquals("'Properties' names [density] but the starting generator (second input) is"
        + " conditioned on [" + GeneratorFixtures.PROPERTY + "]; list the same properties in the"
        + " same order, or leave 'Properties' empty to take the starting generator's.",
        startMessage(density, twoProperties, s));
    DataTableSpec noProperty = new DataTableSpec(new String[] {"structure", "density"},
        new DataType[] {StringCell.TYPE, DoubleCell.TYPE});
    assertTrue(startMessage(continuing(2), noProperty, s).startsWith("The starting generator"
        + " (second input) is conditioned on '" + GeneratorFixtures.PROPERTY + "', which is not"
        + " a column of the training table"));
    assertNull(NodeHarness.configure(continuing(2), twoProperties, s)[0],
        "empty 'Properties' takes the start's even beside another numeric column");

    CrystalGeneratorLearnerNodeModel wider = continuing(2);
    wider.options().diffusionHidden.setIntValue(32);
    String wide = "'Diffusion: hidden units' is 32 but the starting generator (second input)"
        + " has a denoiser of 16 hidden units, which cannot change when training goes on from"
        + " it; set the option to its default (128) to take the starting generator's, or"
        + " disconnect the starting generator to train a new one.";
    assertEquals(wide, startMessage(wider, GeneratorFixtures.SPEC, s));
    CrystalGeneratorLearnerNodeModel deeper = continuing(2);
    deeper.options().diffusionLayers.setIntValue(2);
    assertTrue(startMessage(deeper, GeneratorFixtures.SPEC, s).startsWith("'Diffusion:"
        + " message-passing layers' is 2 but the starting generator (second input) has 1"
        + " message-passing layers"));
    CrystalGeneratorLearnerNodeModel sites = continuing(2);
    sites.options().maxSites.setIntValue(8);
    assertTrue(startMessage(sites, GeneratorFixtures.SPEC, s).startsWith("'Maximum sites (0:"
        + " the largest cell)' is 8 but the starting generator (second input) has an encoding"
        + " of at most 5 sites"));

    // an older spec does not tell the denoiser size: execute finds it in the opened start
    NodeHarness.configure(wider, GeneratorFixtures.SPEC, s.withoutDenoiserSize());
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> wider.execute(new PortObject[] {GeneratorFixtures.table(6), start},
            NodeHarness.executionContext()));
    assertEquals(wide, e.getMessage());
  }

  /** @return a tiny diffusion learner trained for one epoch with these type options */
  private static GeneratorPortObject trainTiny(String typeLoss, boolean countInput,
      double emaDecay, boolean countBatches) throws Exception {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyDiffusionLearner(1);
    CrystalGeneratorLearnerSettings o = m.options();
    o.diffusionTypeLoss.setStringValue(typeLoss);
    o.diffusionAtomCountInput.setBooleanValue(countInput);
    o.diffusionEmaDecay.setDoubleValue(emaDecay);
    o.diffusionAtomCountBatches.setBooleanValue(countBatches);
    return (GeneratorPortObject) NodeHarness.execute(m, NodeHarness.executionContext(),
        GeneratorFixtures.table(12), null)[0];
  }

  /**
   * Type loss, atom-count input, EMA decay and atom-count batches reach the trained
   * generator's hyper-parameters, as {@code invdes train --type-loss masked --atom-count-input
   * --ema-decay 0.5 --atom-count-batches false} and {@code --type-loss epsilon} record them.
   */
  @Test
  void theTypeLossCountInputEmaAndBatchingOptionsReachTheGenerator() throws Exception {
    DiffusionConfig masked = trainTiny(CrystalGeneratorLearnerSettings.MASKED, true, 0.5, false)
        .diffusionManifest().hyperParameters();
    assertEquals(DiffusionConfig.TypeLoss.MASKED, masked.typeLoss());
    assertTrue(masked.atomCountInput());
    assertEquals(0.5, masked.emaDecay(), 0.0);
    assertTrue(!masked.atomCountBatches());
    GeneratorPortObject epsilonGenerator = trainTiny(CrystalGeneratorLearnerSettings.EPSILON,
        false, 0, true);
    DiffusionConfig epsilon = epsilonGenerator.diffusionManifest().hyperParameters();
    GeneratorPortObjectSpec spec = epsilonGenerator.getSpec();
    assertEquals(DiffusionConfig.TypeLoss.EPSILON, spec.typeLoss(), "the spec records it");
    assertTrue(!spec.atomCountInput() && !spec.elementFeatures());
    assertEquals(DiffusionConfig.TypeLoss.EPSILON, epsilon.typeLoss());
    assertTrue(!epsilon.atomCountInput());
    assertEquals(0.0, epsilon.emaDecay(), 0.0);
    assertTrue(epsilon.atomCountBatches());
  }

  /**
   * A diffusion learner's settings saved before the node offered type loss, atom-count input,
   * EMA decay and atom-count batches lack their keys: they load, and train, as the node did
   * then, with core's defaults (cross-entropy, no atom-count input, no weight average, batches
   * of one atom count each), which differ from what a manifest without them reads for the
   * batching.
   */
  @Test
  void diffusionSettingsFromBeforeTheTypeOptionsTrainAsBefore() throws Exception {
    CrystalGeneratorLearnerNodeModel m = loadSaved("settings-diffusion-before-type-loss.xml",
        "diffusion_type_loss", "diffusion_atom_count_input", "diffusion_ema_decay",
        "diffusion_atom_count_batches");
    CrystalGeneratorLearnerSettings o = m.options();
    assertEquals(CrystalGeneratorLearnerSettings.DIFFUSION, o.generatorType.getStringValue());
    assertEquals(16, o.diffusionHidden.getIntValue(), "the saved options are taken");
    assertTrue(o.diffusionTypeLoss.isEnabled() && o.diffusionAtomCountBatches.isEnabled());
    DiffusionConfig before = DiffusionConfig.defaults();
    DiffusionConfig h = ((GeneratorPortObject) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0])
        .diffusionManifest().hyperParameters();
    assertEquals(DiffusionConfig.TypeLoss.CROSS_ENTROPY, h.typeLoss());
    assertTrue(!h.atomCountInput());
    assertEquals(0.0, h.emaDecay(), 0.0);
    assertTrue(h.atomCountBatches(), "as the learner batched before");
    assertEquals(List.of(before.typeLoss(), before.atomCountInput(), before.emaDecay(),
        before.atomCountBatches()), List.of(h.typeLoss(), h.atomCountInput(), h.emaDecay(),
        h.atomCountBatches()), "what the learner built from DiffusionConfig's defaults");
    assertEquals(16, h.hiddenDim());
  }

  /**
   * Going on from a start: type loss, atom-count input, EMA decay and batching left at their
   * defaults take the start's (a masked start with atom-count input, EMA 0.5 and mixed
   * batches); EMA decay and batching set away from their defaults override it; a type loss or
   * atom-count input other than the start's is refused with core's reason: in configure, from
   * the start's spec, and, when the spec was saved before it recorded them, in execute.
   */
  @Test
  void goingOnTakesOrOverridesTheTypeOptionsAndRefusesAnotherTypeProcess() throws Exception {
    GeneratorPortObject masked = trainTiny(CrystalGeneratorLearnerSettings.MASKED, true, 0.5,
        false);
    CrystalGeneratorLearnerNodeModel same = continuing(1);
    assertEquals(List.of("Diffusion: epochs (most)"), same.options().overridingOptions());
    DiffusionConfig h = ((GeneratorPortObject) NodeHarness.execute(same,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), masked)[0])
        .diffusionManifest().hyperParameters();
    assertEquals(DiffusionConfig.TypeLoss.MASKED, h.typeLoss());
    assertTrue(h.atomCountInput());
    assertEquals(0.5, h.emaDecay(), 0.0);
    assertTrue(!h.atomCountBatches(), "the start's batching");

    GeneratorPortObject plain = GeneratorFixtures.diffusionGenerator();
    DiffusionConfig had = plain.diffusionManifest().hyperParameters();
    assertTrue(had.emaDecay() == 0 && had.atomCountBatches(), had::toString);
    CrystalGeneratorLearnerNodeModel tuned = continuing(1);
    tuned.options().diffusionEmaDecay.setDoubleValue(0.9);
    tuned.options().diffusionAtomCountBatches.setBooleanValue(false);
    assertEquals(List.of("Diffusion: epochs (most)",
        "Diffusion: EMA decay of the weights (0: none)",
        "Diffusion: batches of one atom count each"), tuned.options().overridingOptions());
    DiffusionConfig t = ((GeneratorPortObject) NodeHarness.execute(tuned,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), plain)[0])
        .diffusionManifest().hyperParameters();
    assertEquals(0.9, t.emaDecay(), 0.0);
    assertTrue(!t.atomCountBatches());
    assertEquals(had.typeLoss(), t.typeLoss());

    CrystalGeneratorLearnerNodeModel epsilon = continuing(1);
    epsilon.options().diffusionTypeLoss.setStringValue(CrystalGeneratorLearnerSettings.EPSILON);
    assertRefusedInConfigureAndExecute(epsilon, masked, "Training cannot go on from the"
        + " starting generator (second input): the starting model was trained with type loss"
        + " masked; its type inputs and outputs mean something else under epsilon, so it cannot"
        + " change.");
    CrystalGeneratorLearnerNodeModel counting = continuing(1);
    counting.options().diffusionAtomCountInput.setBooleanValue(true);
    assertRefusedInConfigureAndExecute(counting, plain, "Training cannot go on from the"
        + " starting generator (second input): the starting model's denoiser does not see each"
        + " cell's atom count; this is part of its size and cannot change.");
  }

  /**
   * Asserts that the learner refuses the start with this message in configure (from the
   * start's spec) and, configured with the start's spec as saved before the type process was
   * recorded, in execute (core's {@code DiffusionTrainer.checkStart} on the opened start).
   */
  private static void assertRefusedInConfigureAndExecute(CrystalGeneratorLearnerNodeModel m,
      GeneratorPortObject start, String message) throws Exception {
    assertEquals(message, startMessage(m, GeneratorFixtures.SPEC, start.getSpec()));
    NodeHarness.configure(m, GeneratorFixtures.SPEC, start.getSpec().withoutTypeProcess());
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> m.execute(new PortObject[] {GeneratorFixtures.table(6), start},
            NodeHarness.executionContext()));
    assertEquals(message, e.getMessage(), "core's reason");
  }

  /**
   * 'Diffusion: element features' reaches the trained generator's manifest hyper-parameters
   * and its spec, as {@code invdes train --element-features} records them. Going on from a
   * start, the option left off takes the start's; set on against a start without element
   * features it is refused with core's reason.
   */
  @Test
  void elementFeaturesReachTheGeneratorAndCannotChangeFromAStart() throws Exception {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyDiffusionLearner(1);
    m.options().diffusionElementFeatures.setBooleanValue(true);
    GeneratorPortObject featured = (GeneratorPortObject) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0];
    assertTrue(featured.diffusionManifest().hyperParameters().elementFeatures());
    assertTrue(featured.getSpec().elementFeatures());
    try (DiffusionModel opened = featured.openDiffusionModel()) {
      assertTrue(opened.manifest().hyperParameters().elementFeatures(), "the saved model");
    }
    GeneratorPortObject plain = GeneratorFixtures.diffusionGenerator();
    assertTrue(!plain.diffusionManifest().hyperParameters().elementFeatures());
    assertTrue(!plain.getSpec().elementFeatures());

    CrystalGeneratorLearnerNodeModel same = continuing(1);
    assertEquals(List.of("Diffusion: epochs (most)"), same.options().overridingOptions());
    DiffusionConfig h = ((GeneratorPortObject) NodeHarness.execute(same,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), featured)[0])
        .diffusionManifest().hyperParameters();
    assertTrue(h.elementFeatures(), "left off, the option takes the start's");

    CrystalGeneratorLearnerNodeModel on = continuing(1);
    on.options().diffusionElementFeatures.setBooleanValue(true);
    assertEquals(List.of("Diffusion: epochs (most)", "Diffusion: element features"),
        on.options().overridingOptions());
    assertRefusedInConfigureAndExecute(on, plain, "Training cannot go on from the starting"
        + " generator (second input): the starting model's denoiser does not see element"
        + " descriptors; this is part of its size and cannot change.");
  }

  /**
   * A diffusion learner's settings saved before the node offered element features (a masked
   * learner with atom-count input) lack its key: they load with the saved options and train
   * without element features, as the node did then.
   */
  @Test
  void diffusionSettingsFromBeforeElementFeaturesTrainWithout() throws Exception {
    CrystalGeneratorLearnerNodeModel m = loadSaved(
        "settings-diffusion-before-element-features.xml", "diffusion_element_features");
    CrystalGeneratorLearnerSettings o = m.options();
    assertEquals(CrystalGeneratorLearnerSettings.MASKED, o.diffusionTypeLoss.getStringValue());
    assertTrue(o.diffusionAtomCountInput.getBooleanValue(), "the saved options are taken");
    assertTrue(!o.diffusionElementFeatures.getBooleanValue());
    assertTrue(o.diffusionElementFeatures.isEnabled());
    DiffusionConfig h = ((GeneratorPortObject) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0])
        .diffusionManifest().hyperParameters();
    assertTrue(!h.elementFeatures(), "as the learner trained before");
    assertEquals(DiffusionConfig.defaults().elementFeatures(), h.elementFeatures());
    assertEquals(DiffusionConfig.TypeLoss.MASKED, h.typeLoss());
    assertTrue(h.atomCountInput());
    assertEquals(16, h.hiddenDim());
  }

  /**
   * 'Diffusion: self-conditioning' and 'Diffusion: mask exponent (masked types)' reach the
   * trained generator's manifest hyper-parameters, and self-conditioning its spec, as {@code
   * invdes train --type-loss masked --self-condition --mask-exponent 2} records them. Going on
   * from that start, self-conditioning left off takes the start's and the mask exponent set
   * away from 1 overrides the start's; self-conditioning set on against a start without it is
   * refused with core's reason, and a mask exponent against a start whose type loss is not
   * masked with core's wording.
   */
  @Test
  void selfConditioningAndTheMaskExponentReachTheGenerator() throws Exception {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyDiffusionLearner(1);
    m.options().diffusionTypeLoss.setStringValue(CrystalGeneratorLearnerSettings.MASKED);
    m.options().diffusionSelfCondition.setBooleanValue(true);
    m.options().diffusionMaskExponent.setDoubleValue(2.0);
    GeneratorPortObject selfConditioned = (GeneratorPortObject) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0];
    DiffusionConfig trained = selfConditioned.diffusionManifest().hyperParameters();
    assertTrue(trained.selfCondition());
    assertEquals(2.0, trained.maskExponent(), 0.0);
    assertTrue(selfConditioned.getSpec().selfCondition(), "the spec records it");
    assertTrue(savedAndLoaded(selfConditioned.getSpec()).selfCondition(), "and saves it");
    try (DiffusionModel opened = selfConditioned.openDiffusionModel()) {
      assertTrue(opened.manifest().hyperParameters().selfCondition(), "the saved model");
      assertEquals(2.0, opened.manifest().hyperParameters().maskExponent(), 0.0);
    }
    GeneratorPortObject plain = GeneratorFixtures.diffusionGenerator();
    assertTrue(!plain.diffusionManifest().hyperParameters().selfCondition());
    assertTrue(!plain.getSpec().selfCondition());

    CrystalGeneratorLearnerNodeModel earlier = continuing(1);
    earlier.options().diffusionMaskExponent.setDoubleValue(0.5);
    assertEquals(List.of("Diffusion: epochs (most)", "Diffusion: mask exponent (masked types)"),
        earlier.options().overridingOptions());
    // the type loss left at its default may be the start's: the settings alone are valid
    NodeHarness.validateSettings(factory().createNodeModel(),
        NodeHarness.saveSettings(earlier));
    DiffusionConfig h = ((GeneratorPortObject) NodeHarness.execute(earlier,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), selfConditioned)[0])
        .diffusionManifest().hyperParameters();
    assertTrue(h.selfCondition(), "left off, self-conditioning takes the start's");
    assertEquals(DiffusionConfig.TypeLoss.MASKED, h.typeLoss());
    assertEquals(0.5, h.maskExponent(), 0.0, "the mask exponent may change");

    CrystalGeneratorLearnerNodeModel on = continuing(1);
    on.options().diffusionSelfCondition.setBooleanValue(true);
    assertRefusedInConfigureAndExecute(on, plain, "Training cannot go on from the starting"
        + " generator (second input): the starting model's denoiser is not self-conditioned;"
        + " this is part of its size and cannot change.");
    CrystalGeneratorLearnerNodeModel exponent = continuing(1);
    exponent.options().diffusionMaskExponent.setDoubleValue(0.5);
    assertEquals("The diffusion options do not work together: a mask exponent (0.5) needs the"
        + " masked type loss; the type loss is crossEntropy; change it in the dialog.",
        startMessage(exponent, GeneratorFixtures.SPEC, plain.getSpec()));
  }

  /**
   * A diffusion learner's settings saved before the node offered self-conditioning and the
   * mask exponent (a masked learner with element features) lack their keys: they load with the
   * saved options and train without self-conditioning and with the linear mask schedule, as
   * the node did then.
   */
  @Test
  void diffusionSettingsFromBeforeSelfConditioningTrainWithout() throws Exception {
    CrystalGeneratorLearnerNodeModel m = loadSaved(
        "settings-diffusion-before-self-condition.xml", "diffusion_self_condition",
        "diffusion_mask_exponent", "diffusion_select_samples", "diffusion_select_every",
        "diffusion_select_from", "diffusion_select_steps", "diffusion_select_guidance",
        "diffusion_select_max_density_emd");
    CrystalGeneratorLearnerSettings o = m.options();
    assertEquals(0, o.diffusionSelectSamples.getIntValue(), "no epoch kept by validity");
    assertTrue(!o.selectsByValidity());
    assertEquals(CrystalGeneratorLearnerSettings.MASKED, o.diffusionTypeLoss.getStringValue());
    assertTrue(o.diffusionElementFeatures.getBooleanValue(), "the saved options are taken");
    assertTrue(!o.diffusionSelfCondition.getBooleanValue());
    assertEquals(1.0, o.diffusionMaskExponent.getDoubleValue(), 0.0);
    assertTrue(o.diffusionSelfCondition.isEnabled() && o.diffusionMaskExponent.isEnabled());
    PortObject[] out = NodeHarness.execute(m, NodeHarness.executionContext(),
        GeneratorFixtures.table(12), null);
    DiffusionManifest manifest = ((GeneratorPortObject) out[0]).diffusionManifest();
    assertNull(manifest.selectionCriterion(), "the lowest validation loss keeps the epoch");
    assertTrue(manifest.checkpointScores().isEmpty());
    BufferedDataTable history = (BufferedDataTable) out[1];
    for (DataRow r : NodeTests.rows(history)) {
      assertTrue(NodeTests.cell(history, r, CrystalGeneratorLearnerNodeModel.CHECKPOINT_SCORE)
          .isMissing());
    }
    DiffusionConfig h = manifest.hyperParameters();
    assertTrue(!h.selfCondition(), "as the learner trained before");
    assertEquals(1.0, h.maskExponent(), 0.0);
    assertEquals(List.of(DiffusionConfig.defaults().selfCondition(),
        DiffusionConfig.defaults().maskExponent()), List.of(h.selfCondition(), h.maskExponent()));
    assertEquals(DiffusionConfig.TypeLoss.MASKED, h.typeLoss());
    assertTrue(h.elementFeatures());
  }

  /**
   * 'Diffusion: keep the epoch by validity of N samples' and its options reach the trainer as
   * {@code invdes train --select-by-validity 4 --select-every 1 --select-from 2 --select-steps
   * 3 --select-max-density-emd 5} passes them: epochs 2 and 3 of 3 are scored on samples seeded
   * with the node's seed, the density bound's reference is the densities of the 12 training
   * structures, the manifest records the criterion and the scores, the kept epoch (and the
   * flow variable) is the first best-scored, and the history's checkpoint score column holds
   * each scored epoch's score and is missing at epoch 1. A bound of 10⁻⁴ g/cm³, which no
   * sample set meets, lowers every score by 1 (same seed, same samples).
   */
  @Test
  void theEpochKeptByValidityIsTheBestScored() throws Exception {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyDiffusionLearner(3);
    CrystalGeneratorLearnerSettings o = m.options();
    o.diffusionSelectSamples.setIntValue(4);
    o.diffusionSelectEvery.setIntValue(1);
    o.diffusionSelectFrom.setIntValue(2);
    o.diffusionSelectSteps.setIntValue(3);
    o.diffusionSelectMaxDensityEmd.setDoubleValue(5);
    PortObject[] out = NodeHarness.execute(m, NodeHarness.executionContext(),
        GeneratorFixtures.table(12), null);
    DiffusionManifest manifest = ((GeneratorPortObject) out[0]).diffusionManifest();
    String criterion = manifest.selectionCriterion();
    assertTrue(criterion != null && criterion.startsWith("composition validity of 4 samples (3"
        + " steps, guidance default,") && criterion.contains("seed 7)")
        && criterion.contains("against 12 reference densities exceeds 5"), criterion);
    List<Integer> scored = new ArrayList<>();
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestScored = 0;
    for (var c : manifest.checkpointScores()) {
      scored.add(c.epoch());
      assertTrue(c.score() >= -1 && c.score() <= 1, "a fraction, minus 1 beyond the bound");
      if (c.score() > bestScore) {
        bestScore = c.score();
        bestScored = c.epoch();
      }
    }
    assertEquals(List.of(2, 3), scored);
    assertEquals(bestScored, manifest.bestEpoch(), "the kept epoch is the best-scored");
    assertEquals(bestScored, NodeHarness.flowVariables(m)
        .get(CrystalGeneratorLearnerNodeModel.VAR_BEST_EPOCH));
    BufferedDataTable history = (BufferedDataTable) out[1];
    List<DataRow> rows = NodeTests.rows(history);
    assertEquals(3, rows.size());
    assertTrue(NodeTests.cell(history, rows.get(0),
        CrystalGeneratorLearnerNodeModel.CHECKPOINT_SCORE).isMissing(), "epoch 1 not scored");
    for (int i = 1; i < 3; i++) {
      assertEquals(manifest.checkpointScores().get(i - 1).score(),
          ((DoubleValue) NodeTests.cell(history, rows.get(i),
              CrystalGeneratorLearnerNodeModel.CHECKPOINT_SCORE)).getDoubleValue(), 0.0);
    }

    // a bound no sample set meets: each checkpoint scores its validity minus 1
    o.diffusionSelectMaxDensityEmd.setDoubleValue(1e-4);
    DiffusionManifest bounded = ((GeneratorPortObject) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.table(12), null)[0])
        .diffusionManifest();
    for (int i = 0; i < 2; i++) {
      assertEquals(manifest.checkpointScores().get(i).score() - 1,
          bounded.checkpointScores().get(i).score(), 1e-12, "the same samples, beyond the bound");
    }
  }

  /**
   * Going on from a starting generator, the options of the kept epoch override none of its
   * hyper-parameters, and the first scored epoch is checked against the epochs training will
   * run once the start is open: with 'Diffusion: epochs (most)' set to 1, epoch
   * 2 is refused with core's reason when the node executes.
   */
  @Test
  void goingOnTheFirstScoredEpochIsCheckedAgainstTheEpochs() throws Exception {
    GeneratorPortObject start = GeneratorFixtures.diffusionGenerator();
    CrystalGeneratorLearnerNodeModel m = continuing(1);
    m.options().diffusionSelectSamples.setIntValue(4);
    m.options().diffusionSelectFrom.setIntValue(2);
    assertEquals(List.of("Diffusion: epochs (most)"), m.options().overridingOptions(),
        "the kept epoch's options are no hyper-parameters of the start");
    NodeHarness.configure(m, GeneratorFixtures.SPEC, start.getSpec());
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> m.execute(new PortObject[] {GeneratorFixtures.table(6), start},
            NodeHarness.executionContext()));
    assertEquals("The options of 'Diffusion: keep the epoch by validity of N samples' do not"
        + " fit the training: the first scored checkpoint, epoch 2, is after the last epoch, 1;"
        + " score from an earlier epoch; change them in the dialog.", e.getMessage());
  }

  /**
   * The starting generator is an optional second input of the generator port type, so
   * workflows whose learner has only the table connected stay valid and train as before.
   */
  @Test
  void theStartingGeneratorIsAnOptionalInput() {
    org.knime.core.node.port.PortType[] in =
        NodeHarness.inPortTypes(factory().createNodeModel());
    assertEquals(2, in.length);
    assertTrue(!in[0].isOptional());
    assertTrue(in[1].isOptional());
    assertEquals(GeneratorPortObject.class, in[1].getPortObjectClass());
  }

  /**
   * A diffusion generator's spec saved before the denoiser size was recorded loads with 0 for
   * it, and the saved generator loads against that spec.
   */
  @Test
  void aDiffusionSpecWithoutTheDenoiserSizeLoads() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.diffusionGenerator();
    GeneratorPortObjectSpec old = g.getSpec().withoutDenoiserSize();
    GeneratorPortObjectSpec loaded = savedAndLoaded(old);
    assertEquals(0, loaded.hiddenDim());
    assertEquals(0, loaded.layers());
    assertEquals(old, loaded);
    assertLoadsAgainstOlderSpec(g, loaded);
  }

  /** The spec saved as model content and loaded again. */
  private static GeneratorPortObjectSpec savedAndLoaded(GeneratorPortObjectSpec spec)
      throws Exception {
    return PortHarness.loadSpec(new GeneratorPortObjectSpec.Serializer(),
        PortHarness.saveSpec(new GeneratorPortObjectSpec.Serializer(), spec));
  }

  /** The saved generator loads against {@code older}, a spec that differs from its own. */
  private static void assertLoadsAgainstOlderSpec(GeneratorPortObject g,
      GeneratorPortObjectSpec older) throws Exception {
    assertTrue(!g.getSpec().equals(older));
    byte[] bytes = PortHarness.save(new GeneratorPortObject.Serializer(), g,
        NodeHarness.executionContext());
    GeneratorPortObject reloaded = PortHarness.load(new GeneratorPortObject.Serializer(), bytes,
        older, NodeHarness.executionContext());
    assertEquals(g.getSpec(), reloaded.getSpec());
  }

  /**
   * A diffusion generator's spec saved before the type loss, atom-count input and element
   * features were recorded loads without them (type loss null, both flags off) but with the
   * denoiser size, and the saved generator loads against that spec; the current spec round
   * trips with them.
   */
  @Test
  void aDiffusionSpecWithoutTheTypeProcessLoads() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.diffusionGenerator();
    assertEquals(DiffusionConfig.TypeLoss.CROSS_ENTROPY, g.getSpec().typeLoss());
    GeneratorPortObjectSpec old = g.getSpec().withoutTypeProcess();
    GeneratorPortObjectSpec loaded = savedAndLoaded(old);
    assertNull(loaded.typeLoss());
    assertTrue(!loaded.atomCountInput() && !loaded.elementFeatures());
    assertEquals(16, loaded.hiddenDim());
    assertEquals(old, loaded);
    assertLoadsAgainstOlderSpec(g, loaded);
    GeneratorPortObjectSpec current = savedAndLoaded(g.getSpec());
    assertEquals(g.getSpec(), current);
    assertEquals(DiffusionConfig.TypeLoss.CROSS_ENTROPY, current.typeLoss());
  }

  /**
   * A diffusion generator's spec saved before self-conditioning was recorded (with the type
   * loss, atom-count input and element features) loads with it off, as every generator of that
   * time was trained, and equal to the current spec of such a generator, against which it
   * loads.
   */
  @Test
  void aDiffusionSpecWithoutSelfConditioningLoadsWithItOff() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.diffusionGenerator();
    byte[] saved = PortHarness.saveSpec(new GeneratorPortObjectSpec.Serializer(), g.getSpec());
    byte[] older = withoutEntry(saved, "self_condition");
    assertTrue(older.length < saved.length, "the current spec saves the key");
    GeneratorPortObjectSpec loaded = PortHarness.loadSpec(
        new GeneratorPortObjectSpec.Serializer(), older);
    assertTrue(!loaded.selfCondition());
    assertEquals(DiffusionConfig.TypeLoss.CROSS_ENTROPY, loaded.typeLoss());
    assertEquals(g.getSpec(), loaded);
    GeneratorPortObject reloaded = PortHarness.load(new GeneratorPortObject.Serializer(),
        PortHarness.save(new GeneratorPortObject.Serializer(), g,
            NodeHarness.executionContext()), loaded, NodeHarness.executionContext());
    assertEquals(g.getSpec(), reloaded.getSpec());
  }

  /** The saved spec (a zip of one {@code content.xml}) without the model entry {@code key}. */
  private static byte[] withoutEntry(byte[] spec, String key) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
        new java.io.ByteArrayInputStream(spec));
        java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String without = xml.replaceAll("\\s*<entry key=\"" + key + "\"[^>]*/>", "");
        out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        out.write(without.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static String startMessage(CrystalGeneratorLearnerNodeModel m, DataTableSpec table,
      GeneratorPortObjectSpec start) {
    return assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.configure(m, table, start)).getMessage();
  }

  @Test
  void configureExplainsWhatIsWrong() {
    DataTableSpec noNumbers = new DataTableSpec(new String[] {"structure", "name"},
        new DataType[] {StringCell.TYPE, StringCell.TYPE});
    assertTrue(message(factory().createNodeModel(), noNumbers)
        .startsWith("The training table has no numeric column"));
    CrystalGeneratorLearnerNodeModel unknown = changedModel();
    unknown.options().properties.setStringValue("band_gap");
    assertTrue(message(unknown, GeneratorFixtures.SPEC).startsWith("The property 'band_gap' in"
        + " 'Properties' is not a column of the training table"));
    CrystalGeneratorLearnerNodeModel text = changedModel();
    text.options().properties.setStringValue("id");
    assertTrue(message(text, GeneratorFixtures.SPEC).startsWith("The property column 'id' holds"));
    DataTableSpec noStructure = new DataTableSpec(new String[] {"x"},
        new DataType[] {DoubleCell.TYPE});
    assertTrue(message(factory().createNodeModel(), noStructure)
        .startsWith("No structure column in the training table"));
  }

  @Test
  void badSettingsAreRefusedWithTheOptionNamed() throws Exception {
    NodeSettings s = NodeHarness.saveSettings(changedModel());
    s.addString("generator_type", "GAN");
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
    assertTrue(e.getMessage().startsWith("'Generator type' is 'GAN', which this version does"
        + " not know; choose 'CVAE"), e.getMessage());
    NodeSettings twice = NodeHarness.saveSettings(changedModel());
    twice.addString("properties", "a, b, a");
    e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), twice));
    assertTrue(e.getMessage().contains("names 'a' twice"), e.getMessage());
    NodeSettings gumbel = NodeHarness.saveSettings(changedModel());
    gumbel.addString("diffusion_type_loss", "Gumbel");
    e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), gumbel));
    assertEquals("'Diffusion: type loss' is 'Gumbel'; choose 'Cross-entropy', 'Epsilon"
        + " (DiffCSP)' or 'Masked (absorbing)'.", e.getMessage());
  }

  /**
   * 18 readable rows and one without a structure: the generator's spec has the property range of
   * the readable rows (a³/5 at their extreme lattice constants), the elements of the data, and
   * the history one row per epoch.
   */
  @Test
  void trainsAGeneratorAndItsHistory() throws Exception {
    List<DataRow> rows = new ArrayList<>(NodeTests.rows(GeneratorFixtures.table(18)));
    rows.add(new DefaultRow("broken", new StringCell("x"), new StringCell("not a CIF"),
        new DoubleCell(1.0)));
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyLearner(2);
    PortObject[] out = NodeHarness.execute(m, NodeHarness.executionContext(),
        NodeHarness.table(GeneratorFixtures.SPEC, rows), null);
    GeneratorPortObject g = (GeneratorPortObject) out[0];
    GeneratorPortObjectSpec spec = g.getSpec();
    assertEquals(GeneratorPortObjectSpec.CVAE, spec.generatorType());
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 18; i++) {
      double a = GeneratorFixtures.latticeConstant(i);
      min = Math.min(min, a * a * a / 5);
      max = Math.max(max, a * a * a / 5);
    }
    PropertyRange r = spec.properties().get(0);
    assertEquals(GeneratorFixtures.PROPERTY, r.name());
    assertEquals(min, r.min(), 1e-9);
    assertEquals(max, r.max(), 1e-9);
    assertEquals(Set.of("Ca", "Sr", "Ba", "Ti", "Zr", "O"), Set.copyOf(spec.elements()));
    assertEquals(5, spec.maxSites());
    assertEquals(4, spec.latentDim());

    BufferedDataTable history = (BufferedDataTable) out[1];
    List<DataRow> h = NodeTests.rows(history);
    assertEquals(2, h.size());
    assertEquals(1, ((IntValue) NodeTests.cell(history, h.get(0), "epoch")).getIntValue());
    assertEquals(2, ((IntValue) NodeTests.cell(history, h.get(1), "epoch")).getIntValue());
    assertTrue(!NodeTests.cell(history, h.get(1), "validation loss").isMissing());
    assertTrue(NodeHarness.warning(m).startsWith("1 of 19 rows failed (skipped: no readable"
        + " structure): broken: "), NodeHarness.warning(m));
    Map<String, Object> vars = NodeHarness.flowVariables(m);
    assertEquals(2, vars.get(CrystalGeneratorLearnerNodeModel.VAR_EPOCHS));
    assertTrue(vars.containsKey(CrystalGeneratorLearnerNodeModel.VAR_LOSS));
  }

  /** The same table and seed on one thread give the same weights, bit for bit. */
  @Test
  void theSameSeedGivesTheSameGenerator() throws Exception {
    GeneratorPortObject a = CrystalGeneratorLearnerTesting.train(GeneratorFixtures.table(12), 2);
    GeneratorPortObject b = CrystalGeneratorLearnerTesting.train(GeneratorFixtures.table(12), 2);
    assertEquals(a.files().keySet(), b.files().keySet());
    for (String f : a.files().keySet()) {
      if (!f.equals("manifest.json")) {
        assertArrayEquals(a.files().get(f), b.files().get(f), f);
      }
    }
  }

  /**
   * KNIME saves the port object and its spec through their serializers and loads them back: the
   * files (weights included) are identical byte for byte, the spec is equal, and the reopened
   * model predicts and samples exactly as the original.
   */
  @Test
  void thePortObjectSurvivesSaveAndLoad() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.generator();
    byte[] specBytes = PortHarness.saveSpec(new GeneratorPortObjectSpec.Serializer(),
        g.getSpec());
    GeneratorPortObjectSpec spec = PortHarness.loadSpec(new GeneratorPortObjectSpec.Serializer(),
        specBytes);
    assertEquals(g.getSpec(), spec);
    assertEquals(g.getSpec().toString(), spec.toString());
    byte[] bytes = PortHarness.save(new GeneratorPortObject.Serializer(), g,
        NodeHarness.executionContext());
    GeneratorPortObject loaded = PortHarness.load(new GeneratorPortObject.Serializer(), bytes,
        spec, NodeHarness.executionContext());
    assertEquals(g.files().keySet(), loaded.files().keySet());
    for (String f : g.files().keySet()) {
      assertArrayEquals(g.files().get(f), loaded.files().get(f), f);
    }
    List<Structure> probe = List.of(GeneratorFixtures.perovskite(0),
        GeneratorFixtures.perovskite(7));
    SamplingRequest request = SamplingRequest.builder().setCount(5).optSeed(3).optThreads(1)
        .build();
    try (CvaeModel before = g.openModel(); CvaeModel after = loaded.openModel()) {
      double[][] p = Sampler.of(before).predict(probe);
      assertArrayEquals(p[0], Sampler.of(after).predict(probe)[0], 0.0);
      assertArrayEquals(p[1], Sampler.of(after).predict(probe)[1], 0.0);
      assertEquals(Sampler.of(before).sample(request,
          org.invdes.core.progress.ProgressMonitor.NONE).structures(),
          Sampler.of(after).sample(request, org.invdes.core.progress.ProgressMonitor.NONE)
              .structures());
    }
    assertTrue(g.getSummary().contains(GeneratorFixtures.PROPERTY), g.getSummary());
  }

  @Test
  void aSavedGeneratorWithAForeignEntryIsRefused() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    byte[] good = PortHarness.save(new GeneratorPortObject.Serializer(),
        GeneratorFixtures.generator(), NodeHarness.executionContext());
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
        new java.io.ByteArrayInputStream(good));
        java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      java.util.zip.ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        out.write(in.readAllBytes());
      }
      out.putNextEntry(new java.util.zip.ZipEntry("weights.bin"));
      out.write(1);
    }
    java.io.IOException x = assertThrows(java.io.IOException.class,
        () -> PortHarness.load(new GeneratorPortObject.Serializer(), bytes.toByteArray(), null,
            NodeHarness.executionContext()));
    assertTrue(x.getMessage().contains("unexpected entry 'weights.bin'"), x.getMessage());
  }

  @Test
  void cancelStopsTraining() {
    CrystalGeneratorLearnerNodeModel m = CrystalGeneratorLearnerTesting.tinyLearner(50);
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 30);
    assertThrows(CanceledExecutionException.class,
        () -> NodeHarness.execute(m, exec, GeneratorFixtures.table(24), null));
    assertTrue(NodeHarness.isCancelled(exec));
  }

  static String message(CrystalGeneratorLearnerNodeModel m, DataTableSpec spec) {
    return assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.configure(m, spec, null)).getMessage();
  }
}
