package org.invdes.knimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings models: their stored form (KNIME's) and their validation. */
class SettingsModelTest {

  /** The stored form as KNIME writes it: value, then {@code <name>_Internals}. */
  @Test
  void storesValueAndInternals() throws Exception {
    NodeSettings s = new NodeSettings("model");
    new SettingsModelString("column", "structure").saveSettingsTo(s);
    new SettingsModelInteger("n", 4).saveSettingsTo(s);
    new SettingsModelDouble("x", 0.5).saveSettingsTo(s);
    new SettingsModelBoolean("b", true).saveSettingsTo(s);
    assertEquals(List.of("column_Internals", "column", "n_Internals", "n", "x_Internals", "x",
        "b_Internals", "b"), List.copyOf(s.keySet()));
    assertEquals("SMID_string", s.getConfig("column_Internals").getString("SettingsModelID"));
    assertEquals("SMID_integer", s.getConfig("n_Internals").getString("SettingsModelID"));
    assertEquals("SMID_double", s.getConfig("x_Internals").getString("SettingsModelID"));
    assertEquals("SMID_boolean", s.getConfig("b_Internals").getString("SettingsModelID"));
    assertTrue(s.getConfig("column_Internals").getBoolean("EnabledStatus"));
    assertEquals("structure", s.getString("column"));
    assertEquals(4, s.getInt("n"));
  }

  @Test
  void loadsWithoutInternalsAsOlderNodesWroteThem() throws Exception {
    NodeSettings s = new NodeSettings("model");
    s.addString("column", "cif");
    SettingsModelString m = new SettingsModelString("column", "structure");
    m.validateSettings(s);
    m.loadSettingsFrom(s);
    assertEquals("cif", m.getStringValue());
  }

  @Test
  void boundedModelsRejectValuesOutOfRange() {
    NodeSettings s = new NodeSettings("model");
    new SettingsModelInteger("threads", 0).saveSettingsTo(s);
    SettingsModelIntegerBounded m = new SettingsModelIntegerBounded("threads", 1, 1, 64);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> m.validateSettings(s));
    assertTrue(e.getMessage().contains("[1...64]"), e.getMessage());
    assertThrows(InvalidSettingsException.class, () -> m.loadSettingsFrom(s));
    assertEquals(1, m.getIntValue(), "a rejected value is not taken");
    assertThrows(IllegalArgumentException.class,
        () -> new SettingsModelDoubleBounded("d", 2.0, 0.0, 1.0));
  }

  @Test
  void aDisabledModelIsNotValidated() throws Exception {
    SettingsModelIntegerBounded m = new SettingsModelIntegerBounded("k", 5, 1, 10);
    m.setEnabled(false);
    NodeSettings s = new NodeSettings("model");
    m.saveSettingsTo(s);
    s.addInt("k", 99); // out of range, but saved disabled
    SettingsModelIntegerBounded fresh = new SettingsModelIntegerBounded("k", 5, 1, 10);
    fresh.validateSettings(s);
    assertTrue(fresh.isEnabled(), "validation leaves the enabled status alone");
    fresh.loadSettingsFrom(s);
    assertFalse(fresh.isEnabled(), "loading takes the saved status");
    assertEquals(5, fresh.getIntValue());
  }

  @Test
  void aValueWrittenByAnotherModelTypeIsRejected() {
    NodeSettings s = new NodeSettings("model");
    new SettingsModelString("k", "x").saveSettingsTo(s);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> new SettingsModelInteger("k", 1).loadSettingsFrom(s));
    assertTrue(e.getMessage().contains("SMID_string"), e.getMessage());
  }

  @Test
  void cloneWithValidatedValueLeavesTheModelAlone() throws Exception {
    NodeSettings s = new NodeSettings("model");
    new SettingsModelDouble("x", 2.5).saveSettingsTo(s);
    SettingsModelDouble m = new SettingsModelDouble("x", 1.0);
    SettingsModelDouble c = m.createCloneWithValidatedValue(s);
    assertEquals(2.5, c.getDoubleValue());
    assertEquals(1.0, m.getDoubleValue());
  }
}
