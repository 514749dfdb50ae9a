package org.invdes.knime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.invdes.core.sampling.DiffusionSampler;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import org.invdes.knime.GeneratorFixtures;
import org.invdes.knime.InvdesNodeFactory;
import org.invdes.knime.NodeContractTest;
import org.invdes.knime.NodeTests;
import org.invdes.knime.StructureCells;
import org.invdes.knime.port.GeneratorPortObject;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortHarness;
import org.knime.core.node.port.PortObjectSpec;

class ConditionalCrystalSamplerNodeTest
    extends NodeContractTest<ConditionalCrystalSamplerNodeModel> {
  static final DataTableSpec TARGETS = new DataTableSpec(
      new String[] {GeneratorFixtures.PROPERTY, "count", "elements", "note"},
      new DataType[] {DoubleCell.TYPE, IntCell.TYPE, StringCell.TYPE, StringCell.TYPE});

  @Override
  protected InvdesNodeFactory<ConditionalCrystalSamplerNodeModel> factory() {
    return new ConditionalCrystalSamplerNodeFactory();
  }

  @Override
  protected ConditionalCrystalSamplerNodeModel changedModel() {
    ConditionalCrystalSamplerNodeModel m = factory().createNodeModel();
    ConditionalCrystalSamplerSettings o = m.options();
    o.count.setIntValue(7);
    o.targets.setStringValue(GeneratorFixtures.PROPERTY + "=12.5");
    o.elements.setStringValue("Sr, Ti, O");
    o.chemicalSystem.setBooleanValue(true);
    o.temperature.setDoubleValue(0.8);
    o.tolerance.setDoubleValue(0.5);
    o.meanLattice.setBooleanValue(true);
    o.diffusionSteps.setIntValue(10);
    o.diffusionGuidance.setDoubleValue(2.0);
    o.diffusionCorrectorStep.setDoubleValue(2e-5);
    o.diffusionMinDistance.setDoubleValue(0.5);
    o.diffusionMinDistanceStart.setDoubleValue(0.8);
    o.diffusionOverlapRadius.setDoubleValue(0.9);
    o.diffusionGreedyTypes.setDoubleValue(0.6);
    o.diffusionDrawConditions.setBooleanValue(true);
    o.seed.setIntValue(3);
    o.threads.setIntValue(2);
    return m;
  }

  @Override
  protected PortObjectSpec[] goodSpecs() throws Exception {
    return new PortObjectSpec[] {GeneratorFixtures.generator().getSpec(), null};
  }

  static ConditionalCrystalSamplerNodeModel sampler(int count, String targets, int seed) {
    ConditionalCrystalSamplerNodeModel m = new ConditionalCrystalSamplerNodeFactory()
        .createNodeModel();
    m.options().count.setIntValue(count);
    m.options().targets.setStringValue(targets);
    m.options().seed.setIntValue(seed);
    m.options().threads.setIntValue(1);
    return m;
  }

  static BufferedDataTable run(ConditionalCrystalSamplerNodeModel m, BufferedDataTable targets)
      throws Exception {
    return (BufferedDataTable) NodeHarness.execute(m, NodeHarness.executionContext(),
        GeneratorFixtures.generator(), targets)[0];
  }

  @Test
  void configureGivesOneColumnPerGeneratorProperty() throws Exception {
    PortObjectSpec[] out = NodeHarness.configure(sampler(5, "", 0), goodSpecs());
    assertEquals(List.of("id", "formula", "structure", GeneratorFixtures.PROPERTY,
        "target set"), List.of(((DataTableSpec) out[0]).getColumnNames()));
  }

  @Test
  void configureExplainsWhatIsWrong() throws Exception {
    PortObjectSpec g = GeneratorFixtures.generator().getSpec();
    assertTrue(message(sampler(5, "band_gap=1", 0), g, null).startsWith("'Targets' names"
        + " 'band_gap', but the generator was trained on [volume_per_atom]"));
    ConditionalCrystalSamplerNodeModel uranium = sampler(5, "", 0);
    uranium.options().elements.setStringValue("U, O");
    uranium.options().chemicalSystem.setBooleanValue(true);
    assertTrue(message(uranium, g, null).startsWith("'Allowed elements': the generator cannot"
        + " place [U]"), message(uranium, g, null));
    ConditionalCrystalSamplerNodeModel tolerance = sampler(5, "", 0);
    tolerance.options().tolerance.setDoubleValue(0.1);
    assertTrue(message(tolerance, g, null).startsWith("'Tolerance on the targets' is set but"
        + " no target is given"));
    DataTableSpec doubleCount = new DataTableSpec(new String[] {"count"},
        new DataType[] {DoubleCell.TYPE});
    assertTrue(message(sampler(5, "", 0), g, doubleCount).startsWith("The targets table's"
        + " column 'count' holds"));
    DataTableSpec nothing = new DataTableSpec(new String[] {"note"},
        new DataType[] {StringCell.TYPE});
    assertTrue(message(sampler(5, "", 0), g, nothing).startsWith("The targets table has none"
        + " of the columns the sampler reads"));
  }

  @Test
  void badTargetTextIsRefusedWhenSettingsAreValidated() throws Exception {
    org.knime.core.node.NodeSettings s = NodeHarness.saveSettings(changedModel());
    s.addString("targets", "volume_per_atom:12");
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
    assertTrue(e.getMessage().startsWith("'Targets' holds 'volume_per_atom:12', which is not"
        + " name=number"), e.getMessage());
    s.addString("targets", "");
    s.addString("elements", "Sr, Xx");
    e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
    assertTrue(e.getMessage().contains("'Xx' is not an element symbol"), e.getMessage());
  }

  /** Ten readable structures with predictions; the same seed repeats them, another does not. */
  @Test
  void samplesStructuresWithPredictedProperties() throws Exception {
    ConditionalCrystalSamplerNodeModel m = sampler(10, GeneratorFixtures.PROPERTY + "=12.0", 4);
    BufferedDataTable out = run(m, null);
    List<DataRow> rows = NodeTests.rows(out);
    assertEquals(10, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      DataRow r = rows.get(i);
      assertEquals("sample-" + (i + 1), r.getKey().getString());
      assertEquals("sample-" + (i + 1),
          ((StringValue) NodeTests.cell(out, r, "id")).getStringValue());
      Structure s = StructureCells.structure(NodeTests.cell(out, r, "structure"));
      assertEquals(s.composition().reducedFormula(),
          ((StringValue) NodeTests.cell(out, r, "formula")).getStringValue());
      assertTrue(Double.isFinite(((DoubleValue) NodeTests.cell(out, r,
          GeneratorFixtures.PROPERTY)).getDoubleValue()));
      assertEquals(0, ((IntValue) NodeTests.cell(out, r, "target set")).getIntValue());
    }
    assertEquals(10, NodeHarness.flowVariables(m).get(
        ConditionalCrystalSamplerNodeModel.VAR_GENERATED));
    assertEquals(rows.toString(), NodeTests.rows(run(sampler(10,
        GeneratorFixtures.PROPERTY + "=12.0", 4), null)).toString());
    assertNotEquals(rows.toString(), NodeTests.rows(run(sampler(10,
        GeneratorFixtures.PROPERTY + "=12.0", 5), null)).toString());
  }

  /**
   * Three target rows: 3 structures of Sr, Ti and O only; 2 of Ca, Zr and O only with no
   * target; a row without a count, which gives nothing and a warning.
   */
  @Test
  void aTargetsTableGivesOneSetPerRow() throws Exception {
    BufferedDataTable targets = NodeHarness.table(TARGETS,
        new DefaultRow("t0", new DoubleCell(11.5), new IntCell(3), new StringCell("Sr,Ti,O"),
            new StringCell("a")),
        new DefaultRow("t1", DataType.getMissingCell(), new IntCell(2),
            new StringCell("Ca Zr O"), new StringCell("b")),
        new DefaultRow("t2", new DoubleCell(12.0), DataType.getMissingCell(),
            DataType.getMissingCell(), new StringCell("c")));
    ConditionalCrystalSamplerNodeModel m = sampler(50, "", 1);
    BufferedDataTable out = run(m, targets);
    List<DataRow> rows = NodeTests.rows(out);
    assertEquals(5, rows.size());
    List<Integer> sets = new ArrayList<>();
    for (DataRow r : rows) {
      int set = ((IntValue) NodeTests.cell(out, r, "target set")).getIntValue();
      sets.add(set);
      Set<Element> allowed = set == 0
          ? Set.of(Element.of("Sr"), Element.of("Ti"), Element.of("O"))
          : Set.of(Element.of("Ca"), Element.of("Zr"), Element.of("O"));
      Structure s = StructureCells.structure(NodeTests.cell(out, r, "structure"));
      assertTrue(allowed.containsAll(s.composition().elements()), s.composition().toString());
    }
    assertEquals(List.of(0, 0, 0, 1, 1), sets);
    assertTrue(NodeHarness.warning(m).startsWith("1 of 3 rows failed (no structures for that"
        + " target set): t2: the count is missing"), NodeHarness.warning(m));
  }

  @Test
  void cancelStopsSampling() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.generator();
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 2);
    assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(
        sampler(20_000, "", 0), exec, g, null));
  }

  /**
   * The tiny diffusion generator (T = 20, 5 default steps): 6 structures, guided toward a
   * target, with the elements of its training data, ids over the set, no predicted property (a
   * diffusion generator has no property head); the same seed repeats them, another does not,
   * and more steps give other structures.
   */
  @Test
  void samplesFromADiffusionGenerator() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.diffusionGenerator();
    ConditionalCrystalSamplerNodeModel m = sampler(6, GeneratorFixtures.PROPERTY + "=12.0", 2);
    BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m,
        NodeHarness.executionContext(), g, null)[0];
    assertEquals(List.of("id", "formula", "structure", GeneratorFixtures.PROPERTY,
        "target set"), List.of(out.getDataTableSpec().getColumnNames()));
    List<DataRow> rows = NodeTests.rows(out);
    assertEquals(6, rows.size());
    Set<Element> trained = Set.of(Element.of("Ca"), Element.of("Sr"), Element.of("Ba"),
        Element.of("Ti"), Element.of("Zr"), Element.of("O"));
    for (int i = 0; i < rows.size(); i++) {
      DataRow r = rows.get(i);
      assertEquals("sample-" + (i + 1), r.getKey().getString());
      Structure s = StructureCells.structure(NodeTests.cell(out, r, "structure"));
      assertTrue(s.sites().size() >= 1 && s.sites().size() <= 5, s.toString());
      assertTrue(trained.containsAll(s.composition().elements()), s.composition().toString());
      assertEquals(s.composition().reducedFormula(),
          ((StringValue) NodeTests.cell(out, r, "formula")).getStringValue());
      assertTrue(NodeTests.cell(out, r, GeneratorFixtures.PROPERTY).isMissing());
    }
    assertEquals(6, NodeHarness.flowVariables(m).get(
        ConditionalCrystalSamplerNodeModel.VAR_GENERATED));
    assertEquals(rows.toString(), NodeTests.rows((BufferedDataTable) NodeHarness.execute(
        sampler(6, GeneratorFixtures.PROPERTY + "=12.0", 2), NodeHarness.executionContext(), g,
        null)[0]).toString());
    assertNotEquals(rows.toString(), NodeTests.rows((BufferedDataTable) NodeHarness.execute(
        sampler(6, GeneratorFixtures.PROPERTY + "=12.0", 3), NodeHarness.executionContext(), g,
        null)[0]).toString());
    ConditionalCrystalSamplerNodeModel moreSteps = sampler(6,
        GeneratorFixtures.PROPERTY + "=12.0", 2);
    moreSteps.options().diffusionSteps.setIntValue(20);
    moreSteps.options().diffusionGuidance.setDoubleValue(0);
    assertNotEquals(rows.toString(), NodeTests.rows((BufferedDataTable) NodeHarness.execute(
        moreSteps, NodeHarness.executionContext(), g, null)[0]).toString());
  }

  /**
   * The mean cell keeps every structure's atoms and changes its cell; a diffusion generator
   * ignores it with a warning.
   */
  @Test
  void meanCellKeepsTheAtomsAndChangesTheCell() throws Exception {
    List<DataRow> drawnRows = NodeTests.rows(run(sampler(8, "", 6), null));
    ConditionalCrystalSamplerNodeModel mean = sampler(8, "", 6);
    mean.options().meanLattice.setBooleanValue(true);
    BufferedDataTable meanOut = run(mean, null);
    BufferedDataTable drawnOut = run(sampler(8, "", 6), null);
    List<DataRow> meanRows = NodeTests.rows(meanOut);
    assertEquals(8, meanRows.size());
    for (int i = 0; i < 8; i++) {
      Structure a = StructureCells.structure(NodeTests.cell(drawnOut, drawnRows.get(i),
          "structure"));
      Structure b = StructureCells.structure(NodeTests.cell(meanOut, meanRows.get(i),
          "structure"));
      assertEquals(a.composition(), b.composition());
      assertNotEquals(a.lattice(), b.lattice(), "row " + i);
    }
    ConditionalCrystalSamplerNodeModel diffusion = sampler(2, "", 0);
    diffusion.options().meanLattice.setBooleanValue(true);
    NodeHarness.configure(diffusion, GeneratorFixtures.diffusionGenerator().getSpec(), null);
    assertEquals("'CVAE: mean cell (no lattice draw)' does not apply to a diffusion generator"
        + " (it has no temperature and no property head) and is ignored; reset it to silence"
        + " this", NodeHarness.warning(diffusion));
  }

  /**
   * Options of the other generator type are ignored with a warning naming them; sampling steps
   * beyond the diffusion generator's T fail, naming the option.
   */
  @Test
  void optionsOfTheOtherGeneratorTypeAreIgnoredWithAWarning() throws Exception {
    ConditionalCrystalSamplerNodeModel hot = sampler(2, GeneratorFixtures.PROPERTY + "=12.0", 0);
    hot.options().temperature.setDoubleValue(0.5);
    hot.options().tolerance.setDoubleValue(0.1);
    NodeHarness.configure(hot, GeneratorFixtures.diffusionGenerator().getSpec(), null);
    assertEquals("'Temperature' (0.5) and 'Tolerance on the targets' (0.1) do not apply to a"
        + " diffusion generator (it has no temperature and no property head) and are ignored;"
        + " reset them to silence this", NodeHarness.warning(hot));
    BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(hot,
        NodeHarness.executionContext(), GeneratorFixtures.diffusionGenerator(), null)[0];
    assertEquals(2, out.size());
    assertTrue(NodeHarness.warning(hot).startsWith("'Temperature' (0.5) and"),
        NodeHarness.warning(hot));

    ConditionalCrystalSamplerNodeModel steps = sampler(2, "", 0);
    steps.options().diffusionSteps.setIntValue(30);
    NodeHarness.configure(steps, GeneratorFixtures.generator().getSpec(), null);
    assertEquals("'Diffusion: sampling steps' (30) does not apply to a conditional VAE and is"
        + " ignored; reset it to silence this", NodeHarness.warning(steps));
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.execute(steps, NodeHarness.executionContext(),
            GeneratorFixtures.diffusionGenerator(), null));
    assertTrue(e.getMessage().startsWith("The diffusion sampling options do not fit the"
        + " generator: "), e.getMessage());
    assertTrue(e.getMessage().contains("'Diffusion: sampling steps'"), e.getMessage());
  }

  @Test
  void aGuidanceBetweenTheDefaultAndZeroIsRefused() throws Exception {
    org.knime.core.node.NodeSettings s = NodeHarness.saveSettings(changedModel());
    s.addDouble("diffusion_guidance", -0.5);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
    assertTrue(e.getMessage().startsWith("'Diffusion: guidance strength' is -0.5; set -1"),
        e.getMessage());
  }

  /**
   * The sampler's settings as the example workflow stored them before diffusion generators
   * (plug-in 0.2) load with the generator's own steps and guidance (0 and -1).
   */
  @Test
  void settingsFromBeforeTheDiffusionOptionsLoadWithDefaults() throws Exception {
    org.knime.core.node.NodeSettingsRO old;
    try (java.io.InputStream in = getClass().getResourceAsStream("settings-before-0.3.0.xml")) {
      old = org.knime.core.node.NodeSettings.loadFromXML(in).getNodeSettings("model");
    }
    assertTrue(!old.containsKey("diffusion_steps"));
    ConditionalCrystalSamplerNodeModel m = factory().createNodeModel();
    NodeHarness.validateSettings(m, old);
    NodeHarness.loadSettings(m, old);
    assertEquals(0, m.options().diffusionSteps.getIntValue());
    assertEquals(-1.0, m.options().diffusionGuidance.getDoubleValue(), 0.0);
    assertEquals(-1.0, m.options().diffusionCorrectorStep.getDoubleValue(), 0.0);
    assertTrue(!old.containsKey("diffusion_draw_conditions"));
    assertTrue(!m.options().diffusionDrawConditions.getBooleanValue());
  }

  /**
   * The corrector step starts at "the generator's default" (-1), which samples exactly as the
   * generator's own recorded step does; other steps (0: predictor only, or a larger one) change
   * the structures of the same seed, and each repeats its own.
   */
  @Test
  void theCorrectorStepChangesTheDiffusionSamplesAndDefaultsToTheGenerators() throws Exception {
    assertEquals(-1.0, new ConditionalCrystalSamplerSettings().diffusionCorrectorStep
        .getDoubleValue(), 0.0);
    double own = GeneratorFixtures.diffusionGenerator().diffusionManifest().hyperParameters()
        .correctorStep();
    assertTrue(own > 0, "the tiny generator has a corrector: " + own);
    String defaults = diffusionRows(diffusionSampler());
    ConditionalCrystalSamplerNodeModel same = diffusionSampler();
    same.options().diffusionCorrectorStep.setDoubleValue(own);
    assertEquals(defaults, diffusionRows(same), "-1 is the generator's own corrector step");

    String noneRows = repeatedRows(o -> o.diffusionCorrectorStep.setDoubleValue(0));
    assertNotEquals(defaults, noneRows, "predictor only");

    ConditionalCrystalSamplerNodeModel larger = diffusionSampler();
    larger.options().diffusionCorrectorStep.setDoubleValue(own * 10);
    String largerRows = diffusionRows(larger);
    assertNotEquals(defaults, largerRows, "a larger corrector step");
    assertNotEquals(noneRows, largerRows);
    assertEquals(null, NodeHarness.warning(larger));
  }

  /**
   * A CVAE ignores a corrector step with the warning; a negative step other than -1 is refused
   * naming the option; settings saved before the option (no key) load with -1.
   */
  @Test
  void theCorrectorStepIsIgnoredByACvaeRefusedBelowZeroAndAbsentFromOldSettings()
      throws Exception {
    ConditionalCrystalSamplerNodeModel cvae = sampler(2, "", 0);
    cvae.options().diffusionCorrectorStep.setDoubleValue(0);
    assertEquals(2, run(cvae, null).size());
    assertEquals("'Diffusion: corrector step' (0.0) does not apply to a conditional VAE and is"
        + " ignored; reset it to silence this", NodeHarness.warning(cvae));

    org.knime.core.node.NodeSettings s = NodeHarness.saveSettings(changedModel());
    s.addDouble("diffusion_corrector_step", -0.5);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
    assertTrue(e.getMessage().startsWith("'Diffusion: corrector step' is -0.5; set -1 for the"
        + " generator's default"), e.getMessage());
    org.knime.core.node.NodeSettings big = NodeHarness.saveSettings(changedModel());
    big.addDouble("diffusion_corrector_step", 0.5);
    e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), big));
    assertTrue(e.getMessage().contains("diffusion_corrector_step"), e.getMessage());

    ConditionalCrystalSamplerNodeModel changed = changedModel();
    org.knime.core.node.NodeSettings old = new org.knime.core.node.NodeSettings("model");
    for (org.invdes.knime.Option<?> o : changed.options().options()) {
      if (!o.key().equals("diffusion_corrector_step")) {
        o.model().saveSettingsTo(old);
      }
    }
    assertTrue(!old.containsKey("diffusion_corrector_step"));
    ConditionalCrystalSamplerNodeModel m = factory().createNodeModel();
    NodeHarness.loadSettings(m, old);
    assertEquals(-1.0, m.options().diffusionCorrectorStep.getDoubleValue(), 0.0);
    assertEquals(0.6, m.options().diffusionGreedyTypes.getDoubleValue(), 0.0);
  }

  /** The rows of the tiny diffusion generator for 6 structures at a target, seed 2. */
  static String diffusionRows(ConditionalCrystalSamplerNodeModel m) throws Exception {
    return NodeTests.rows((BufferedDataTable) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.diffusionGenerator(), null)[0])
        .toString();
  }

  static ConditionalCrystalSamplerNodeModel diffusionSampler() {
    return sampler(6, GeneratorFixtures.PROPERTY + "=12.0", 2);
  }

  /**
   * The new options start at the core's defaults; switching the minimum-distance step off or
   * drawing the types to the end changes the structures of the same seed, and each setting
   * repeats its own structures.
   */
  @Test
  void theMinimumDistanceStepAndTheGreedyTypesChangeTheDiffusionSamples() throws Exception {
    ConditionalCrystalSamplerSettings d = new ConditionalCrystalSamplerSettings();
    assertEquals(DiffusionSampler.Repulsion.DEFAULT, d.repulsion());
    assertEquals(DiffusionSampler.DEFAULT_GREEDY_TYPES, d.diffusionGreedyTypes.getDoubleValue());

    String defaults = diffusionRows(diffusionSampler());
    assertEquals(defaults, diffusionRows(diffusionSampler()));

    String offRows = repeatedRows(o -> o.diffusionMinDistance.setDoubleValue(0));
    assertNotEquals(defaults, offRows, "the minimum-distance step off");
    String drawnRows = repeatedRows(o -> o.diffusionGreedyTypes.setDoubleValue(0));
    assertNotEquals(defaults, drawnRows, "greedy types 0");
  }

  /**
   * The rows of the diffusion sampler with {@code set} applied to its options, checked to be
   * the same in a second run with the same settings.
   */
  private static String repeatedRows(Consumer<ConditionalCrystalSamplerSettings> set)
      throws Exception {
    ConditionalCrystalSamplerNodeModel first = diffusionSampler();
    set.accept(first.options());
    String rows = diffusionRows(first);
    ConditionalCrystalSamplerNodeModel again = diffusionSampler();
    set.accept(again.options());
    assertEquals(rows, diffusionRows(again), "the same settings sample the same rows");
    return rows;
  }

  /** A CVAE ignores the diffusion-only options set away from their defaults, naming them. */
  @Test
  void aCvaeIgnoresTheMinimumDistanceAndGreedyTypeOptionsWithAWarning() throws Exception {
    ConditionalCrystalSamplerNodeModel defaults = sampler(2, "", 0);
    NodeHarness.configure(defaults, GeneratorFixtures.generator().getSpec(), null);
    assertEquals(null, NodeHarness.warning(defaults));

    ConditionalCrystalSamplerNodeModel off = sampler(2, "", 0);
    off.options().diffusionMinDistance.setDoubleValue(0);
    NodeHarness.configure(off, GeneratorFixtures.generator().getSpec(), null);
    assertEquals("'Diffusion: minimum-distance step' (0.0) does not apply to a conditional VAE"
        + " and is ignored; reset it to silence this", NodeHarness.warning(off));

    ConditionalCrystalSamplerNodeModel all = sampler(2, "", 0);
    all.options().diffusionMinDistanceStart.setDoubleValue(0.25);
    all.options().diffusionOverlapRadius.setDoubleValue(1.0);
    all.options().diffusionGreedyTypes.setDoubleValue(0);
    BufferedDataTable out = run(all, null);
    assertEquals(2, out.size());
    assertEquals("'Diffusion: minimum-distance start' (0.25) and 'Diffusion: overlap radius'"
        + " (1.0) and 'Diffusion: greedy types from' (0.0) do not apply to a conditional VAE"
        + " and are ignored; reset them to silence this", NodeHarness.warning(all));
  }

  /** Settings saved before the four options (their keys absent) load with the defaults. */
  @Test
  void settingsWithoutTheMinimumDistanceAndGreedyTypeOptionsLoadWithDefaults()
      throws Exception {
    Set<String> added = Set.of("diffusion_min_distance", "diffusion_min_distance_start",
        "diffusion_overlap_radius", "diffusion_greedy_types");
    ConditionalCrystalSamplerNodeModel changed = changedModel();
    org.knime.core.node.NodeSettings old = new org.knime.core.node.NodeSettings("model");
    int kept = 0;
    for (org.invdes.knime.Option<?> o : changed.options().options()) {
      if (!added.contains(o.key())) {
        o.model().saveSettingsTo(old);
        kept++;
      }
    }
    assertEquals(changed.options().options().size() - added.size(), kept);
    for (String key : added) {
      assertTrue(!old.containsKey(key), key);
    }
    ConditionalCrystalSamplerNodeModel m = factory().createNodeModel();
    NodeHarness.validateSettings(m, old);
    NodeHarness.loadSettings(m, old);
    assertEquals(DiffusionSampler.Repulsion.DEFAULT, m.options().repulsion());
    assertEquals(DiffusionSampler.DEFAULT_GREEDY_TYPES,
        m.options().diffusionGreedyTypes.getDoubleValue(), 0.0);
    assertEquals(2.0, m.options().diffusionGuidance.getDoubleValue(), 0.0);
  }

  /**
   * A minimum-distance start or overlap radius of 0 (the dialog's lower bound; the step needs
   * both above 0) and values outside the bounds are refused, naming the option.
   */
  @Test
  void aZeroStartOrRadiusOfTheMinimumDistanceStepIsRefused() throws Exception {
    org.knime.core.node.NodeSettings s = NodeHarness.saveSettings(changedModel());
    s.addDouble("diffusion_min_distance_start", 0.0);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), s));
    assertTrue(e.getMessage().startsWith("'Diffusion: minimum-distance start' is 0.0; set a"
        + " fraction of the diffusion times T above 0"), e.getMessage());

    org.knime.core.node.NodeSettings r = NodeHarness.saveSettings(changedModel());
    r.addDouble("diffusion_overlap_radius", 0.0);
    e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), r));
    assertTrue(e.getMessage().startsWith("'Diffusion: overlap radius' is 0.0; set a factor"),
        e.getMessage());

    org.knime.core.node.NodeSettings g = NodeHarness.saveSettings(changedModel());
    g.addDouble("diffusion_greedy_types", 1.5);
    e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), g));
    assertTrue(e.getMessage().contains("diffusion_greedy_types"), e.getMessage());

    ConditionalCrystalSamplerNodeModel direct = diffusionSampler();
    direct.options().diffusionOverlapRadius.setDoubleValue(0);
    assertTrue(message(direct, GeneratorFixtures.diffusionGenerator().getSpec(), null)
        .contains("'Diffusion: overlap radius'"));
  }

  /** The rows of the tiny diffusion generator for 6 untargeted structures, seed 2. */
  private static String untargetedRows(boolean drawConditions) throws Exception {
    ConditionalCrystalSamplerNodeModel m = sampler(6, "", 2);
    m.options().diffusionDrawConditions.setBooleanValue(drawConditions);
    BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m,
        NodeHarness.executionContext(), GeneratorFixtures.diffusionGenerator(), null)[0];
    assertEquals(6, out.size());
    assertEquals(null, NodeHarness.warning(m));
    return NodeTests.rows(out).toString();
  }

  /**
   * Drawn conditions (off by default) give the requested rows, the same ones again with the same
   * seed, and others than the unconditional samples of that seed; a targets table with only a
   * count column (no target) samples with them.
   */
  @Test
  void drawnConditionsSampleReproduciblyAndOtherwiseThanUnconditionally() throws Exception {
    assertTrue(!new ConditionalCrystalSamplerSettings().diffusionDrawConditions
        .getBooleanValue());
    assertTrue(GeneratorFixtures.diffusionGenerator().diffusionManifest().trainingConditions()
        .length > 0, "the tiny generator records its training rows' conditions");
    String drawn = untargetedRows(true);
    assertEquals(drawn, untargetedRows(true), "the same seed gives the same rows");
    assertNotEquals(untargetedRows(false), drawn, "drawn conditions vs the unconditional mode");

    DataTableSpec counts = new DataTableSpec(new String[] {"count"},
        new DataType[] {IntCell.TYPE});
    ConditionalCrystalSamplerNodeModel table = sampler(50, "", 2);
    table.options().diffusionDrawConditions.setBooleanValue(true);
    BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(table,
        NodeHarness.executionContext(), GeneratorFixtures.diffusionGenerator(),
        NodeHarness.table(counts, new DefaultRow("r0", new IntCell(3))))[0];
    assertEquals(3, out.size());
  }

  /**
   * Drawn conditions with targets configure and run: the targets replace the drawn values, so
   * with the generator's one property targeted the rows are the targeted ones; a targets table
   * with a target column configures too; a CVAE ignores the option with the warning.
   */
  @Test
  void drawnConditionsGiveWayToTargetsAndACvaeIgnoresThem() throws Exception {
    PortObjectSpec g = GeneratorFixtures.diffusionGenerator().getSpec();
    List<String> rows = new ArrayList<>();
    for (boolean draw : new boolean[] {true, false}) {
      ConditionalCrystalSamplerNodeModel targeted = sampler(4, GeneratorFixtures.PROPERTY
          + "=12.0", 0);
      targeted.options().diffusionDrawConditions.setBooleanValue(draw);
      NodeHarness.configure(targeted, g, null);
      BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(targeted,
          NodeHarness.executionContext(), GeneratorFixtures.diffusionGenerator(), null)[0];
      assertEquals(4, out.size());
      rows.add(NodeTests.rows(out).toString());
    }
    assertEquals(rows.get(1), rows.get(0));
    ConditionalCrystalSamplerNodeModel table = sampler(5, "", 0);
    table.options().diffusionDrawConditions.setBooleanValue(true);
    NodeHarness.configure(table, g, TARGETS);

    ConditionalCrystalSamplerNodeModel cvae = sampler(2, GeneratorFixtures.PROPERTY + "=12.0",
        0);
    cvae.options().diffusionDrawConditions.setBooleanValue(true);
    assertEquals(2, run(cvae, null).size());
    assertEquals("'Diffusion: draw conditions from the training rows' does not apply to a"
        + " conditional VAE and is ignored; reset it to silence this", NodeHarness.warning(cvae));
  }

  /**
   * A generator saved without its training rows' conditions (as before invdes 0.3.0) fails the
   * node with core's reason when drawn conditions are asked for, and samples without them.
   */
  @Test
  void aGeneratorWithoutRecordedConditionsIsRefusedWithCoresReason() throws Exception {
    GeneratorPortObject g = GeneratorFixtures.diffusionGenerator();
    // the generator as a workflow saved it, its manifest without the conditions
    byte[] saved = PortHarness.save(new GeneratorPortObject.Serializer(), g,
        NodeHarness.executionContext());
    ByteArrayOutputStream edited = new ByteArrayOutputStream();
    ObjectMapper json = new ObjectMapper();
    boolean removed = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(saved));
        ZipOutputStream out = new ZipOutputStream(edited)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals("model/manifest.json")) {
          ObjectNode tree = (ObjectNode) json.readTree(content);
          removed = tree.remove("trainingConditions") != null;
          content = json.writeValueAsBytes(tree);
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    assertTrue(removed, "the manifest recorded the conditions");
    GeneratorPortObject old = PortHarness.load(new GeneratorPortObject.Serializer(),
        edited.toByteArray(), g.getSpec(), NodeHarness.executionContext());
    assertEquals(0, old.diffusionManifest().trainingConditions().length);
    ConditionalCrystalSamplerNodeModel draw = sampler(3, "", 0);
    draw.options().diffusionDrawConditions.setBooleanValue(true);
    NodeHarness.configure(draw, old.getSpec(), null);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.execute(draw, NodeHarness.executionContext(), old, null));
    assertTrue(e.getMessage().startsWith("The generator cannot sample with 'Diffusion: draw"
        + " conditions from the training rows' (uncheck it to sample unconditionally): the"
        + " model does not record its training rows' conditions"), e.getMessage());
    assertEquals(3, ((BufferedDataTable) NodeHarness.execute(sampler(3, "", 0),
        NodeHarness.executionContext(), old, null)[0]).size());
  }

  static String message(ConditionalCrystalSamplerNodeModel m, PortObjectSpec g,
      DataTableSpec t) {
    return assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m, g, t))
        .getMessage();
  }
}
