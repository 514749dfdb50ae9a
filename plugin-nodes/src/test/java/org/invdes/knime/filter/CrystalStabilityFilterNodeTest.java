package org.invdes.knime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.invdes.knime.InvdesNodeFactory;
import org.invdes.knime.NodeContractTest;
import org.invdes.knime.NodeTests;
import org.invdes.knime.StructureCells;
import org.invdes.knime.SurrogateFixtures;
import org.invdes.core.surrogate.SurrogateModel;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class CrystalStabilityFilterNodeTest extends NodeContractTest<CrystalStabilityFilterNodeModel> {
  static final DataTableSpec CANDIDATES = new DataTableSpec(
      new String[] {"id", "structure", "e_pred"},
      new DataType[] {StringCell.TYPE, StringCell.TYPE, DoubleCell.TYPE});
  static final DataTableSpec REFERENCE = new DataTableSpec(
      new String[] {"structure", "formation_energy_per_atom"},
      new DataType[] {StringCell.TYPE, DoubleCell.TYPE});

  @Override
  protected InvdesNodeFactory<CrystalStabilityFilterNodeModel> factory() {
    return new CrystalStabilityFilterNodeFactory();
  }

  @Override
  protected CrystalStabilityFilterNodeModel changedModel() throws Exception {
    CrystalStabilityFilterNodeModel m = filter();
    CrystalStabilityFilterSettings o = m.options();
    o.geometric.setBooleanValue(false);
    o.minDistance.setDoubleValue(0.7);
    o.minVolume.setDoubleValue(1.0);
    o.covalent.setBooleanValue(false);
    o.covalentFactor.setDoubleValue(0.6);
    o.composition.setBooleanValue(false);
    o.pauling.setBooleanValue(false);
    o.alloys.setBooleanValue(false);
    o.energyColumn.setStringValue("e_pred");
    o.referenceStructureColumn.setStringValue("structure");
    o.referenceEnergyColumn.setStringValue("formation_energy_per_atom");
    o.threshold.setDoubleValue(0.2);
    o.useSurrogate.setBooleanValue(true);
    o.surrogate.setStringValue(SurrogateFixtures.folder().toString());
    o.surrogateDecides.setBooleanValue(true);
    o.rejectDuplicates.setBooleanValue(false);
    o.rejectKnown.setBooleanValue(false);
    o.threads.setIntValue(2);
    return m;
  }

  @Override
  protected PortObjectSpec[] goodSpecs() {
    return new PortObjectSpec[] {CANDIDATES, REFERENCE};
  }

  static CrystalStabilityFilterNodeModel filter() {
    CrystalStabilityFilterNodeModel m = new CrystalStabilityFilterNodeFactory().createNodeModel();
    m.options().structureColumn.setStringValue("structure");
    return m;
  }

  static DefaultRow candidate(int i, Structure s, Double energy) {
    DataCell c = s == null ? DataType.getMissingCell() : StructureCells.cell(s, "c" + i);
    return new DefaultRow("Row" + i, new StringCell("c" + i), c,
        energy == null ? DataType.getMissingCell() : new DoubleCell(energy));
  }

  /** Na at the origin, Cl at (½, 0, 0) and (0, ½, 0) of a 5 Å cube: composition NaCl2. */
  static Structure naCl2() {
    return Structure.of(Lattice.cubic(5.0), List.of(Element.of("Na"), Element.of("Cl"),
        Element.of("Cl")), List.of(new double[] {0, 0, 0}, new double[] {.5, 0, 0},
        new double[] {0, .5, 0}));
  }

  static BufferedDataTable[] run(CrystalStabilityFilterNodeModel m, BufferedDataTable candidates,
      BufferedDataTable reference) throws Exception {
    PortObject[] out = NodeHarness.execute(m, NodeHarness.executionContext(), candidates,
        reference);
    return new BufferedDataTable[] {(BufferedDataTable) out[0], (BufferedDataTable) out[1]};
  }

  static double score(BufferedDataTable t, DataRow r, String column) {
    return ((DoubleValue) NodeTests.cell(t, r, column)).getDoubleValue();
  }

  static String reason(BufferedDataTable t, DataRow r) {
    return ((StringValue) NodeTests.cell(t, r, CrystalStabilityFilterNodeModel.REASON))
        .getStringValue();
  }

  @Test
  void configureGivesScoreColumnsPerCheck() throws Exception {
    PortObjectSpec[] out = NodeHarness.configure(filter(), CANDIDATES, null);
    assertEquals(out[0], out[1]);
    assertEquals(List.of("id", "structure", "e_pred", "min distance (Å)",
        "covalent distance ratio", "composition valid", "duplicate of", "reason"),
        List.of(((DataTableSpec) out[0]).getColumnNames()));
    PortObjectSpec[] withHull = NodeHarness.configure(filter(), CANDIDATES, REFERENCE);
    assertTrue(((DataTableSpec) withHull[0]).containsName("energy above hull (eV/atom)"));
    assertTrue(((DataTableSpec) withHull[0]).containsName("matches reference"));
  }

  @Test
  void configureExplainsWhatIsWrong() {
    CrystalStabilityFilterNodeModel none = filter();
    none.options().geometric.setBooleanValue(false);
    none.options().covalent.setBooleanValue(false);
    none.options().composition.setBooleanValue(false);
    assertTrue(message(none, CANDIDATES, null).startsWith("Every check is switched off"),
        message(none, CANDIDATES, null));
    DataTableSpec noEnergy = new DataTableSpec(new String[] {"structure", "gap", "density"},
        new DataType[] {StringCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE});
    String m = message(filter(), noEnergy, REFERENCE);
    assertTrue(m.startsWith("With a reference table connected, the energy above hull check"
        + " needs the candidates' formation energies"), m);
    CrystalStabilityFilterNodeModel wrong = filter();
    wrong.options().energyColumn.setStringValue("id");
    assertTrue(message(wrong, CANDIDATES, REFERENCE).startsWith("'Formation energy column"
        + " (candidates)' is 'id', which is not numeric"), message(wrong, CANDIDATES, REFERENCE));
  }

  static String message(CrystalStabilityFilterNodeModel m, DataTableSpec c, DataTableSpec r) {
    return assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(m, c, r))
        .getMessage();
  }

  /**
   * Rock salt (a = 5.64 Å): nearest Na–Cl at a/2 = 2.82 Å; with Cordero's radii Na 1.66 Å and
   * Cl 1.02 Å the smallest ratio is 2.82 / 2.68 = 1.0522; NaCl balances as Na+ Cl−. Squeezed to
   * a = 0.8 Å its atoms are 0.4 Å apart, under 0.5 Å. NaCl2 has no charge-neutral assignment.
   */
  @Test
  void splitsCandidatesWithScoresAndReasons() throws Exception {
    CrystalStabilityFilterNodeModel m = filter();
    BufferedDataTable[] out = run(m, NodeHarness.table(CANDIDATES,
        candidate(0, NodeTests.rockSalt(5.64), null), candidate(1, NodeTests.rockSalt(0.8), null),
        candidate(2, naCl2(), null), candidate(3, null, null)), null);
    List<DataRow> kept = NodeTests.rows(out[0]);
    List<DataRow> rejected = NodeTests.rows(out[1]);
    assertEquals(1, kept.size());
    assertEquals("Row0", kept.get(0).getKey().getString());
    assertEquals(2.82, score(out[0], kept.get(0), "min distance (Å)"), 1e-9);
    assertEquals(2.82 / 2.68, score(out[0], kept.get(0), "covalent distance ratio"), 1e-9);
    assertEquals(1.0, score(out[0], kept.get(0), "composition valid"), 0.0);
    assertTrue(NodeTests.cell(out[0], kept.get(0), "reason").isMissing());

    assertEquals(List.of("Row1", "Row2", "Row3"), rejected.stream()
        .map(r -> r.getKey().getString()).collect(java.util.stream.Collectors.toList()));
    assertEquals(0.4, score(out[1], rejected.get(0), "min distance (Å)"), 1e-9);
    assertTrue(reason(out[1], rejected.get(0)).contains("closer than 0.5 Å"),
        reason(out[1], rejected.get(0)));
    assertEquals(0.0, score(out[1], rejected.get(1), "composition valid"), 0.0);
    assertTrue(reason(out[1], rejected.get(1)).startsWith("composition validity: "),
        reason(out[1], rejected.get(1)));
    assertEquals("the structure cannot be read: the structure cell is missing",
        reason(out[1], rejected.get(2)));
    assertTrue(NodeTests.cell(out[1], rejected.get(2), "min distance (Å)").isMissing());
    assertEquals("1 of 4 rows failed (rejected, with missing scores): Row3: the structure cell"
        + " is missing", NodeHarness.warning(m));
    assertEquals(1, NodeHarness.flowVariables(m).get(CrystalStabilityFilterNodeModel.VAR_KEPT));
    assertEquals(3,
        NodeHarness.flowVariables(m).get(CrystalStabilityFilterNodeModel.VAR_REJECTED));
  }

  /**
   * Hand-made hull: NaCl at −2.0 eV/atom plus the elements at 0. A NaCl candidate at −1.95 lies
   * 0.05 above it, one at −1.5 lies 0.5 above. NaCl2 (x_Cl = 2/3) sits over the tie line from
   * NaCl (x = ½) to Cl (x = 1): E_hull = ⅔ · (−2.0) = −4/3, so −1.3 is 1/30 eV/atom above.
   */
  @Test
  void withReferencePhasesTheHullDecides() throws Exception {
    CrystalStabilityFilterNodeModel m = filter();
    m.options().composition.setBooleanValue(false);
    m.options().rejectKnown.setBooleanValue(false);
    BufferedDataTable reference = NodeHarness.table(REFERENCE,
        new DefaultRow("ref0", StructureCells.cell(NodeTests.rockSalt(5.64), "NaCl"),
            new DoubleCell(-2.0)),
        new DefaultRow("ref1", DataType.getMissingCell(), new DoubleCell(-1.0)));
    BufferedDataTable[] out = run(m, NodeHarness.table(CANDIDATES,
        candidate(0, NodeTests.rockSalt(5.5), -1.95), candidate(1, NodeTests.rockSalt(5.6), -1.5),
        candidate(2, naCl2(), -1.3), candidate(3, NodeTests.rockSalt(5.64), null)), reference);
    assertEquals("e_pred", m.options().energyColumn.getStringValue(),
        "the only numeric candidate column");
    List<DataRow> kept = NodeTests.rows(out[0]);
    List<DataRow> rejected = NodeTests.rows(out[1]);
    assertEquals(List.of("Row0", "Row2"), kept.stream().map(r -> r.getKey().getString())
        .collect(java.util.stream.Collectors.toList()));
    assertEquals(0.05, score(out[0], kept.get(0), "energy above hull (eV/atom)"), 1e-9);
    assertEquals(1.0 / 30, score(out[0], kept.get(1), "energy above hull (eV/atom)"), 1e-9);
    assertEquals(0.5, score(out[1], rejected.get(0), "energy above hull (eV/atom)"), 1e-9);
    assertTrue(reason(out[1], rejected.get(0)).contains("above the convex hull"),
        reason(out[1], rejected.get(0)));
    assertTrue(reason(out[1], rejected.get(1)).contains("has no property 'e_pred'"),
        reason(out[1], rejected.get(1)));
    assertTrue(NodeHarness.warning(m).startsWith("1 of 2 reference rows were skipped (ref1: the"
        + " structure cell is missing)"), NodeHarness.warning(m));
  }

  /**
   * Rock salt at 5.64 Å and 5.5 Å match (the matcher scales volumes), so Row1 duplicates Row0;
   * bcc Fe matches the reference's Fe (ref1); the squeezed rock salt (Row3) fails the checks and
   * is never compared. Keeping duplicates and known structures keeps the columns, not the
   * rejections.
   */
  @Test
  void rejectsDuplicatesAndKnownStructures() throws Exception {
    BufferedDataTable reference = NodeHarness.table(REFERENCE,
        new DefaultRow("ref0", StructureCells.cell(naCl2(), "NaCl2"), new DoubleCell(-1.0)),
        new DefaultRow("ref1", StructureCells.cell(NodeTests.bccIron(), "Fe"),
            new DoubleCell(0.0)));
    BufferedDataTable candidates = NodeHarness.table(CANDIDATES,
        candidate(0, NodeTests.rockSalt(5.64), -3.0), candidate(1, NodeTests.rockSalt(5.5), -3.0),
        candidate(2, NodeTests.bccIron(), -0.5), candidate(3, NodeTests.rockSalt(0.8), -3.0));
    CrystalStabilityFilterNodeModel m = filter();
    BufferedDataTable[] out = run(m, candidates, reference);
    assertEquals(List.of("Row0"), NodeTests.rows(out[0]).stream()
        .map(r -> r.getKey().getString()).collect(java.util.stream.Collectors.toList()));
    List<DataRow> rejected = NodeTests.rows(out[1]);
    assertEquals("Row1", rejected.get(0).getKey().getString());
    assertEquals("duplicate of Row0", reason(out[1], rejected.get(0)));
    assertEquals("Row0", ((StringValue) NodeTests.cell(out[1], rejected.get(0),
        "duplicate of")).getStringValue());
    assertEquals("not novel: matches reference ref1", reason(out[1], rejected.get(1)));
    assertEquals("ref1", ((StringValue) NodeTests.cell(out[1], rejected.get(1),
        "matches reference")).getStringValue());
    assertTrue(NodeTests.cell(out[1], rejected.get(2), "duplicate of").isMissing());
    assertTrue(reason(out[1], rejected.get(2)).contains("closer than 0.5 Å"));

    CrystalStabilityFilterNodeModel keep = filter();
    keep.options().rejectDuplicates.setBooleanValue(false);
    keep.options().rejectKnown.setBooleanValue(false);
    BufferedDataTable[] all = run(keep, candidates, reference);
    assertEquals(3, all[0].size());
    assertEquals("Row0", ((StringValue) NodeTests.cell(all[0], NodeTests.rows(all[0]).get(1),
        "duplicate of")).getStringValue());
  }

  /** Settings saved before the duplicate options existed load, with both options on. */
  @Test
  void settingsWithoutTheDuplicateOptionsLoad() throws Exception {
    org.knime.core.node.NodeSettings old = NodeHarness.saveSettings(changedModel());
    org.knime.core.node.NodeSettings without = new org.knime.core.node.NodeSettings("model");
    for (org.invdes.knime.Option<?> o : changedModel().options().options()) {
      if (!o.key().startsWith("reject_")) {
        o.model().saveSettingsTo(without);
      }
    }
    assertTrue(old.containsKey("reject_known"));
    CrystalStabilityFilterNodeModel m = filter();
    m.options().rejectKnown.setBooleanValue(false);
    NodeHarness.loadSettings(m, without);
    assertEquals(false, m.options().rejectKnown.getBooleanValue(), "kept, not reset");
    CrystalStabilityFilterNodeModel fresh = filter();
    NodeHarness.loadSettings(fresh, without);
    assertTrue(fresh.options().rejectDuplicates.getBooleanValue());
    assertTrue(fresh.options().rejectKnown.getBooleanValue());
  }

  @Test
  void theResultDoesNotDependOnTheThreads() throws Exception {
    List<DefaultRow> rows = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      rows.add(candidate(i, NodeTests.rockSalt(0.5 + 0.3 * i), null));
    }
    BufferedDataTable in = NodeHarness.table(CANDIDATES, rows.toArray(new DefaultRow[0]));
    List<String> results = new ArrayList<>();
    for (int threads : new int[] {1, 4}) {
      CrystalStabilityFilterNodeModel m = filter();
      m.options().threads.setIntValue(threads);
      BufferedDataTable[] out = run(m, in, null);
      results.add(NodeTests.rows(out[0]).toString() + NodeTests.rows(out[1]).toString());
    }
    assertEquals(results.get(0), results.get(1));
  }

  @Test
  void cancelStopsTheChecks() {
    List<DefaultRow> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(candidate(i, NodeTests.rockSalt(5 + 0.01 * i), null));
    }
    CrystalStabilityFilterNodeModel m = filter();
    ExecutionContext exec = NodeHarness.executionContext();
    NodeHarness.cancelAtReport(exec, 5);
    assertThrows(CanceledExecutionException.class, () -> NodeHarness.execute(m, exec,
        NodeHarness.table(CANDIDATES, rows.toArray(new DefaultRow[0])), null));
  }

  static CrystalStabilityFilterNodeModel withSurrogate() throws Exception {
    CrystalStabilityFilterNodeModel m = filter();
    m.options().useSurrogate.setBooleanValue(true);
    m.options().surrogate.setStringValue(SurrogateFixtures.folder().toString());
    return m;
  }

  /** The surrogate's own prediction for a structure, for comparison. */
  static double predicted(Structure s) throws Exception {
    try (SurrogateModel model = org.invdes.knime.DjlSupport.call(
        () -> SurrogateModel.load(SurrogateFixtures.folder()))) {
      return model.predict(s);
    }
  }

  /**
   * Without a reference table the surrogate adds its column after the other scores: rock salt
   * NaCl gets the surrogate's prediction and passes; bcc Fe (iron is not in the surrogate's
   * vocabulary) is rejected with the reason and a missing prediction.
   */
  @Test
  void aSurrogateAddsItsPredictionAndRejectsWhatItCannotPredict() throws Exception {
    CrystalStabilityFilterNodeModel m = withSurrogate();
    String column = "predicted_" + SurrogateFixtures.PROPERTY;
    PortObjectSpec[] specs = NodeHarness.configure(m, CANDIDATES, null);
    assertEquals(List.of("id", "structure", "e_pred", "min distance (Å)",
        "covalent distance ratio", "composition valid", column, "duplicate of", "reason"),
        List.of(((DataTableSpec) specs[0]).getColumnNames()));
    BufferedDataTable[] out = run(m, NodeHarness.table(CANDIDATES,
        candidate(0, NodeTests.rockSalt(5.64), null), candidate(1, NodeTests.bccIron(), null)),
        null);
    List<DataRow> kept = NodeTests.rows(out[0]);
    assertEquals(1, kept.size());
    assertEquals(predicted(NodeTests.rockSalt(5.64)), score(out[0], kept.get(0), column), 1e-5);
    DataRow fe = NodeTests.rows(out[1]).get(0);
    assertTrue(NodeTests.cell(out[1], fe, column).isMissing());
    assertTrue(reason(out[1], fe).contains("Fe, an element the surrogate was not trained on"),
        reason(out[1], fe));
  }

  /**
   * With the NaCl hull (−2.0 eV/atom) the energy above hull takes the surrogate's prediction for
   * a candidate without an energy (pred + 2.0), and the candidate's own energy (−1.95: 0.05
   * above) otherwise — unless the surrogate decides, when every candidate gets pred + 2.0.
   */
  @Test
  void theHullTakesThePredictionWhereNeeded() throws Exception {
    BufferedDataTable reference = NodeHarness.table(REFERENCE,
        new DefaultRow("ref0", StructureCells.cell(NodeTests.rockSalt(5.64), "NaCl"),
            new DoubleCell(-2.0)));
    BufferedDataTable candidates = NodeHarness.table(CANDIDATES,
        candidate(0, NodeTests.rockSalt(5.5), -1.95), candidate(1, NodeTests.rockSalt(5.8),
            null));
    double p0 = predicted(NodeTests.rockSalt(5.5));
    double p1 = predicted(NodeTests.rockSalt(5.8));
    String hull = "energy above hull (eV/atom)";
    for (boolean decides : new boolean[] {false, true}) {
      CrystalStabilityFilterNodeModel m = withSurrogate();
      m.options().energyColumn.setStringValue("e_pred");
      m.options().surrogateDecides.setBooleanValue(decides);
      m.options().threshold.setDoubleValue(10);
      m.options().rejectDuplicates.setBooleanValue(false);
      m.options().rejectKnown.setBooleanValue(false);
      BufferedDataTable[] out = run(m, candidates, reference);
      List<DataRow> kept = NodeTests.rows(out[0]);
      assertEquals(2, kept.size(), NodeTests.rows(out[1]).toString());
      assertEquals(decides ? p0 + 2.0 : 0.05, score(out[0], kept.get(0), hull), 1e-5);
      assertEquals(p1 + 2.0, score(out[0], kept.get(1), hull), 1e-5);
    }
  }

  /**
   * Without a chosen energy column, a candidate column named like the surrogate's property gives
   * the candidates' own energies; other numeric columns are not guessed.
   */
  @Test
  void withASurrogateOnlyTheColumnOfItsPropertyIsTaken() throws Exception {
    DataTableSpec named = new DataTableSpec(new String[] {"structure", "volume",
        SurrogateFixtures.PROPERTY}, new DataType[] {StringCell.TYPE, DoubleCell.TYPE,
        DoubleCell.TYPE});
    BufferedDataTable reference = NodeHarness.table(REFERENCE,
        new DefaultRow("ref0", StructureCells.cell(NodeTests.rockSalt(5.64), "NaCl"),
            new DoubleCell(-2.0)));
    CrystalStabilityFilterNodeModel m = withSurrogate();
    m.options().rejectKnown.setBooleanValue(false);
    BufferedDataTable[] out = run(m, NodeHarness.table(named, new DefaultRow("Row0",
        StructureCells.cell(NodeTests.rockSalt(5.5), "c0"), new DoubleCell(40.0),
        new DoubleCell(-1.95))), reference);
    assertEquals(0.05, score(out[0], NodeTests.rows(out[0]).get(0),
        "energy above hull (eV/atom)"), 1e-9);
    DataTableSpec unnamed = new DataTableSpec(new String[] {"structure", "volume"},
        new DataType[] {StringCell.TYPE, DoubleCell.TYPE});
    CrystalStabilityFilterNodeModel p = withSurrogate();
    p.options().rejectKnown.setBooleanValue(false);
    p.options().threshold.setDoubleValue(10);
    out = run(p, NodeHarness.table(unnamed, new DefaultRow("Row0",
        StructureCells.cell(NodeTests.rockSalt(5.5), "c0"), new DoubleCell(40.0))), reference);
    assertEquals(predicted(NodeTests.rockSalt(5.5)) + 2.0, score(out[0],
        NodeTests.rows(out[0]).get(0), "energy above hull (eV/atom)"), 1e-5);
    assertNull(p.options().energyColumn.getStringValue(), "nothing guessed");
  }

  /** A folder that is not a surrogate model is refused when the node is configured. */
  @Test
  void aFolderThatIsNotASurrogateIsRefused() throws Exception {
    CrystalStabilityFilterNodeModel missing = withSurrogate();
    missing.options().surrogate.setStringValue(tmp.resolve("nowhere").toString());
    assertTrue(message(missing, CANDIDATES, null).startsWith("'Surrogate model folder' is '"
        + tmp.resolve("nowhere") + "', which does not exist"), message(missing, CANDIDATES,
        null));
    CrystalStabilityFilterNodeModel empty = withSurrogate();
    empty.options().surrogate.setStringValue(tmp.toString());
    assertTrue(message(empty, CANDIDATES, null).contains("which is not a surrogate model: it has"
        + " no manifest.json"), message(empty, CANDIDATES, null));
    java.nio.file.Path generator = tmp.resolve("generator");
    java.nio.file.Files.createDirectory(generator);
    for (java.util.Map.Entry<String, byte[]> f
        : org.invdes.knime.GeneratorFixtures.generator().files().entrySet()) {
      java.nio.file.Files.write(generator.resolve(f.getKey()), f.getValue());
    }
    CrystalStabilityFilterNodeModel cvae = withSurrogate();
    cvae.options().surrogate.setStringValue(generator.toString());
    String m = message(cvae, CANDIDATES, null);
    assertTrue(m.startsWith("'Surrogate model folder' is '" + generator + "', which is not a"
        + " usable surrogate model: "), m);
    assertTrue(m.contains("holds a model of type 'cvae', not a formation-energy surrogate"), m);
    CrystalStabilityFilterNodeModel blank = withSurrogate();
    blank.options().surrogate.setStringValue("");
    assertTrue(message(blank, CANDIDATES, null).startsWith("'Use a formation-energy surrogate'"
        + " is ticked but no 'Surrogate model folder' is chosen"));
  }

  /**
   * The folder and the "decides" box are enabled only with "Use a formation-energy surrogate";
   * the filter's settings as the example workflow stored them before the surrogate (plug-in
   * 0.2) load without one.
   */
  @Test
  void settingsFromBeforeTheSurrogateLoadWithoutOne() throws Exception {
    CrystalStabilityFilterNodeModel m = filter();
    assertTrue(!m.options().surrogate.isEnabled() && !m.options().surrogateDecides.isEnabled());
    m.options().useSurrogate.setBooleanValue(true);
    assertTrue(m.options().surrogate.isEnabled() && m.options().surrogateDecides.isEnabled());
    org.knime.core.node.NodeSettingsRO old;
    try (java.io.InputStream in = getClass().getResourceAsStream("settings-before-0.3.0.xml")) {
      old = org.knime.core.node.NodeSettings.loadFromXML(in).getNodeSettings("model");
    }
    assertTrue(!old.containsKey("use_surrogate"));
    CrystalStabilityFilterNodeModel fresh = new CrystalStabilityFilterNodeFactory()
        .createNodeModel();
    NodeHarness.validateSettings(fresh, old);
    NodeHarness.loadSettings(fresh, old);
    assertTrue(!fresh.options().useSurrogate.getBooleanValue());
    assertEquals("", fresh.options().surrogate.getStringValue());
    assertTrue(!fresh.options().surrogateDecides.getBooleanValue());
    assertTrue(!fresh.options().surrogate.isEnabled());
  }

  /** bcc Fe: one element (valid), nearest neighbours a√3/2 = 2.485 Å apart. */
  @Test
  void aValidStructureIsKeptWithoutReasonOrWarning() throws Exception {
    CrystalStabilityFilterNodeModel m = filter();
    BufferedDataTable[] out = run(m, NodeHarness.table(CANDIDATES,
        candidate(0, NodeTests.bccIron(), null)), null);
    assertEquals(1, out[0].size());
    assertEquals(0, out[1].size());
    DataRow r = NodeTests.rows(out[0]).get(0);
    assertEquals(2.87 * Math.sqrt(3) / 2, score(out[0], r, "min distance (Å)"), 1e-9);
    assertTrue(NodeTests.cell(out[0], r, "reason").isMissing());
    assertNull(NodeHarness.warning(m));
  }
}
