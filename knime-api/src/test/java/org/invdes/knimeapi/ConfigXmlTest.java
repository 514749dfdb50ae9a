package org.invdes.knimeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/** Settings storage and KNIME's XMLConfig format. */
class ConfigXmlTest {

  static String xml(NodeSettings s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.saveToXML(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static NodeSettingsRO read(String xml) throws IOException {
    return NodeSettings.loadFromXML(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyTypeSurvivesAnXmlRoundTrip() throws Exception {
    NodeSettings s = new NodeSettings("model");
    s.addString("text", "a \"quoted\" <tag> & 'x'");
    s.addString("null text", null);
    s.addString("control", "line1\nline2\ttab %% percent");
    s.addInt("int", -7);
    s.addLong("long", 1L << 40);
    s.addDouble("double", 0.1 + 0.2);
    s.addDouble("nan", Double.NaN);
    s.addBoolean("flag", true);
    s.addStringArray("strings", "a", null, "c");
    s.addIntArray("ints", 1, 2, 3);
    s.addDoubleArray("doubles", 1.5, -0.0);
    NodeSettingsWO sub = s.addNodeSettings("sub");
    sub.addString("inner", "v");
    NodeSettingsRO r = read(xml(s));
    assertEquals("model", r.getKey());
    assertEquals("a \"quoted\" <tag> & 'x'", r.getString("text"));
    assertNull(r.getString("null text"));
    assertTrue(r.containsKey("null text"));
    assertEquals("line1\nline2\ttab %% percent", r.getString("control"));
    assertEquals(-7, r.getInt("int"));
    assertEquals(1L << 40, r.getLong("long"));
    assertEquals(0.1 + 0.2, r.getDouble("double"));
    assertTrue(Double.isNaN(r.getDouble("nan")));
    assertTrue(r.getBoolean("flag"));
    assertArrayEquals(new String[] {"a", null, "c"}, r.getStringArray("strings"));
    assertArrayEquals(new int[] {1, 2, 3}, r.getIntArray("ints"));
    assertArrayEquals(new double[] {1.5, -0.0}, r.getDoubleArray("doubles"));
    assertEquals("v", r.getNodeSettings("sub").getString("inner"));
    assertEquals(xml(s), xml((NodeSettings) r), "saving what was read gives the same bytes");
  }

  /** Control characters and "%%" are escaped as KNIME's XMLUtils does: %% and 5 digits. */
  @Test
  void escapesLikeKnime() throws Exception {
    NodeSettings s = new NodeSettings("k");
    s.addString("v", "a\nb%%c");
    String x = xml(s);
    // '\n' is char 10 -> %%00010; a '%' followed by '%' is char 37 -> %%00037, then the second %
    assertTrue(x.contains("value=\"a%%00010b%%00037%c\""), x);
  }

  /** A settings file as KNIME writes it (hand-written from XMLConfig_2008_09.xsd). */
  @Test
  void readsKnimesFormat() throws Exception {
    String file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<config xmlns=\"http://www.knime.org/2008/09/XMLConfig\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + "xsi:schemaLocation=\"http://www.knime.org/2008/09/XMLConfig "
        + "http://www.knime.org/XMLConfig_2008_09.xsd\" key=\"settings.xml\">\n"
        + "  <entry key=\"node_file\" type=\"xstring\" value=\"settings.xml\"/>\n"
        + "  <config key=\"model\">\n"
        + "    <entry key=\"threshold\" type=\"xdouble\" value=\"0.1\"/>\n"
        + "    <entry key=\"missing\" type=\"xstring\" value=\"\" isnull=\"true\"/>\n"
        + "    <config key=\"columns\">\n"
        + "      <entry key=\"array-size\" type=\"xint\" value=\"2\"/>\n"
        + "      <entry key=\"0\" type=\"xstring\" value=\"a\"/>\n"
        + "      <entry key=\"1\" type=\"xstring\" value=\"b\"/>\n"
        + "    </config>\n"
        + "  </config>\n"
        + "</config>\n";
    NodeSettingsRO s = read(file);
    assertEquals("settings.xml", s.getKey());
    NodeSettingsRO model = s.getNodeSettings("model");
    assertEquals(0.1, model.getDouble("threshold"));
    assertNull(model.getString("missing"));
    assertArrayEquals(new String[] {"a", "b"}, model.getStringArray("columns"));
  }

  @Test
  void rejectsUnknownEntryTypes() {
    String bad = "<config key=\"k\"><entry key=\"x\" type=\"xweird\" value=\"1\"/></config>";
    IOException e = assertThrows(IOException.class, () -> read(bad));
    assertTrue(e.getMessage().contains("xweird"), e.getMessage());
  }

  /** Getters are type-strict as in KNIME: an int is not a long, a missing key throws. */
  @Test
  void gettersAreTypeStrict() {
    NodeSettings s = new NodeSettings("k");
    s.addInt("n", 3);
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> s.getLong("n"));
    assertEquals("Long for key \"n\" not found.", e.getMessage());
    assertThrows(InvalidSettingsException.class, () -> s.getString("absent"));
    assertEquals(5L, s.getLong("n", 5L));
    assertEquals("d", s.getString("absent", "d"));
    assertFalse(s.containsKey("absent"));
  }

  @Test
  void copyToIsDeep() throws Exception {
    NodeSettings a = new NodeSettings("a");
    a.addNodeSettings("sub").addInt("x", 1);
    NodeSettings b = new NodeSettings("b");
    a.copyTo(b);
    a.getNodeSettings("sub").addInt("x", 2);
    assertEquals(1, b.getNodeSettings("sub").getInt("x"));
  }
}
