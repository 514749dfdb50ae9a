package org.invdes.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings persistence of the node base: old keys, options added later, whole checks. */
class NodeOptionsTest {

  /** Version 2 of an imaginary node: "column" was "structure_col" in version 1. */
  static final class Version2 extends NodeOptions {
    final SettingsModelString column = option("column", "Structure column")
        .oldKeys("structure_col").text("structure");
    final SettingsModelIntegerBounded min = option("min", "Minimum").integer(1, 0, 100);
    final SettingsModelIntegerBounded max = option("max", "Maximum").integer(10, 0, 100);
    final SettingsModelDoubleBounded tolerance = option("tolerance", "Tolerance (Å)")
        .addedIn("0.2.0").number(0.5, 0, 10, 0.1);

    @Override
    protected void check() throws InvalidSettingsException {
      if (min.getIntValue() > max.getIntValue()) {
        throw new InvalidSettingsException("'Minimum' (" + min.getIntValue()
            + ") is above 'Maximum' (" + max.getIntValue() + "); lower it or raise 'Maximum'.");
      }
    }

    @Override
    protected Version2 newInstance() {
      return new Version2();
    }
  }

  /** Settings as version 1 wrote them: old key, no tolerance, no internals. */
  static NodeSettings version1() {
    NodeSettings s = new NodeSettings("model");
    s.addString("structure_col", "cif");
    s.addInt("min", 2);
    s.addInt("max", 3);
    return s;
  }

  @Test
  void settingsOfAnOlderVersionLoad() throws Exception {
    Version2 o = new Version2();
    o.validate(version1());
    o.load(version1());
    assertEquals("cif", o.column.getStringValue(), "read from the old key");
    assertEquals(2, o.min.getIntValue());
    assertEquals(0.5, o.tolerance.getDoubleValue(), "added later: keeps its default");
    NodeSettings saved = new NodeSettings("model");
    o.save(saved);
    assertEquals("cif", saved.getString("column"), "saved under the new key");
    assertTrue(!saved.containsKey("structure_col"));
  }

  @Test
  void validationChecksTheWholeWithoutTakingIt() {
    NodeSettings s = version1();
    s.addInt("min", 5);
    Version2 o = new Version2();
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> o.validate(s));
    assertEquals("'Minimum' (5) is above 'Maximum' (3); lower it or raise 'Maximum'.",
        e.getMessage());
    assertEquals(1, o.min.getIntValue(), "validation takes nothing");
  }

  @Test
  void anOriginalOptionMustBePresent() {
    NodeSettings s = new NodeSettings("model");
    s.addString("column", "cif");
    s.addInt("max", 3);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> new Version2().validate(s));
    assertTrue(e.getMessage().startsWith("The settings lack the option 'Minimum' (key 'min')"),
        e.getMessage());
  }

  @Test
  void boundsAreChecked() {
    NodeSettings s = version1();
    s.addDouble("tolerance", 11.0);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> new Version2().validate(s));
    assertTrue(e.getMessage().contains("[0.0...10.0]"), e.getMessage());
  }
}
