package org.invdes.knimeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import javax.swing.JComponent;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.knime.core.node.port.PortHarness;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** Port types without OSGi, and the stream-based port object and simple spec serializers. */
class PortTest {

  /** A spec with one name, saved as model content. */
  public static final class NamedSpec extends AbstractSimplePortObjectSpec {
    private String name = "";

    public NamedSpec() {
    }

    NamedSpec(String name) {
      this.name = name;
    }

    @Override
    protected void save(ModelContentWO model) {
      model.addString("name", name);
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
      name = model.getString("name");
    }

    public static final class Serializer
        extends AbstractSimplePortObjectSpecSerializer<NamedSpec> {
    }
  }

  /** A port object holding raw doubles in a zip entry of its own. */
  public static final class Weights extends AbstractPortObject {
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(Weights.class);
    private NamedSpec spec = new NamedSpec("w");
    private double[] values = new double[0];

    public Weights() {
    }

    Weights(double... values) {
      this.values = values;
    }

    @Override
    public String getSummary() {
      return values.length + " weights";
    }

    @Override
    public NamedSpec getSpec() {
      return spec;
    }

    @Override
    public JComponent[] getViews() {
      return new JComponent[0];
    }

    @Override
    protected void save(PortObjectZipOutputStream out, ExecutionMonitor exec) throws IOException {
      out.putNextEntry(new ZipEntry("weights.bin"));
      DataOutputStream d = new DataOutputStream(out);
      d.writeInt(values.length);
      for (double v : values) {
        d.writeDouble(v);
      }
      d.flush();
      out.closeEntry();
    }

    @Override
    protected void load(PortObjectZipInputStream in, PortObjectSpec s, ExecutionMonitor exec)
        throws IOException {
      in.getNextEntry();
      DataInputStream d = new DataInputStream(in);
      values = new double[d.readInt()];
      for (int i = 0; i < values.length; i++) {
        values[i] = d.readDouble();
      }
      spec = (NamedSpec) s;
    }

    public static final class Serializer extends AbstractPortObjectSerializer<Weights> {
    }
  }

  @Test
  void portTypesWorkWithoutOsgi() {
    assertEquals("Table", BufferedDataTable.TYPE.getName());
    assertEquals(DataTableSpec.class, BufferedDataTable.TYPE.getPortObjectSpecClass());
    assertTrue(BufferedDataTable.TYPE_OPTIONAL.isOptional());
    assertFalse(BufferedDataTable.TYPE.isOptional());
    assertEquals(BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL, "equal by class");
    assertEquals(NamedSpec.class, Weights.TYPE.getPortObjectSpecClass());
    assertEquals(PortType.DEFAULT_COLOR, Weights.TYPE.getColor());
    assertTrue(PortObject.TYPE.isSuperTypeOf(Weights.TYPE));
    assertFalse(Weights.TYPE.acceptsPortObjectSpec(new DataTableSpec()));
  }

  @Test
  void streamPortObjectsRoundTrip() throws Exception {
    Weights w = new Weights(1.5, -2.25, Double.MIN_VALUE);
    ExecutionMonitor exec = new ExecutionMonitor();
    Weights.Serializer s = new Weights.Serializer();
    byte[] bytes = PortHarness.save(s, w, exec);
    Weights back = PortHarness.load(s, bytes, new NamedSpec("loaded"), exec);
    assertArrayEquals(w.values, back.values);
    assertEquals(new NamedSpec("loaded"), back.getSpec());
  }

  @Test
  void simpleSpecsRoundTripAndCompareByContent() throws Exception {
    NamedSpec.Serializer s = new NamedSpec.Serializer();
    NamedSpec back = PortHarness.loadSpec(s, PortHarness.saveSpec(s, new NamedSpec("gen-1")));
    assertEquals(new NamedSpec("gen-1"), back);
    assertEquals(new NamedSpec("gen-1").hashCode(), back.hashCode());
    assertNotEquals(new NamedSpec("gen-2"), back);
  }
}
