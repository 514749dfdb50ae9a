package org.knime.core.node.port;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * Saves and loads port objects and specs through their serializers and the framework's zip
 * streams, as KNIME does when a workflow is saved and loaded. Test scope only (knime-testkit).
 */
public final class PortHarness {
  private PortHarness() {}

  /** @return the bytes the serializer writes for the object */
  public static <T extends PortObject> byte[] save(final PortObject.PortObjectSerializer<T> s,
      final T object, final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PortObjectZipOutputStream out = new PortObjectZipOutputStream(bytes)) {
      s.savePortObject(object, out, exec);
    }
    return bytes.toByteArray();
  }

  /** @return the object the serializer reads from the bytes */
  public static <T extends PortObject> T load(final PortObject.PortObjectSerializer<T> s,
      final byte[] bytes, final PortObjectSpec spec, final ExecutionMonitor exec)
      throws IOException, CanceledExecutionException {
    try (PortObjectZipInputStream in =
        new PortObjectZipInputStream(new ByteArrayInputStream(bytes))) {
      return s.loadPortObject(in, spec, exec);
    }
  }

  /** @return the bytes the serializer writes for the spec */
  public static <T extends PortObjectSpec> byte[] saveSpec(
      final PortObjectSpec.PortObjectSpecSerializer<T> s, final T spec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PortObjectSpecZipOutputStream out = new PortObjectSpecZipOutputStream(bytes)) {
      s.savePortObjectSpec(spec, out);
    }
    return bytes.toByteArray();
  }

  /** @return the spec the serializer reads from the bytes */
  public static <T extends PortObjectSpec> T loadSpec(
      final PortObjectSpec.PortObjectSpecSerializer<T> s, final byte[] bytes) throws IOException {
    try (PortObjectSpecZipInputStream in =
        new PortObjectSpecZipInputStream(new ByteArrayInputStream(bytes))) {
      return s.loadPortObjectSpec(in);
    }
  }
}
