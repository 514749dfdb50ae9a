package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;

/**
 * A port object saved as a stream of zip entries (for large or binary content). Subclasses have a
 * public no-arg constructor and a nested {@code Serializer} extending {@link
 * AbstractPortObjectSerializer}.
 */
public abstract class AbstractPortObject implements PortObject {

  /** For the serializer. */
  public AbstractPortObject() {
  }

  /** Writes the content as zip entries of its own. */
  protected abstract void save(final PortObjectZipOutputStream out, ExecutionMonitor exec)
      throws IOException, CanceledExecutionException;

  /** Reads the content written by {@link #save}. */
  protected abstract void load(final PortObjectZipInputStream in, final PortObjectSpec spec,
      final ExecutionMonitor exec) throws IOException, CanceledExecutionException;

  /**
   * Writes a {@code meta.xml} entry naming the class, then the object's own entries; reading
   * creates the object with its no-arg constructor and lets it load.
   */
  public abstract static class AbstractPortObjectSerializer<T extends AbstractPortObject>
      extends PortObjectSerializer<T> {

    @Override
    public T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
      ZipEntries.expect(in, "meta.xml");
      ModelContentRO meta = ModelContent.loadFromXML(ZipEntries.entryIn(in));
      Class<? extends AbstractPortObject> c = ZipEntries.typeArgument(getClass(),
          AbstractPortObjectSerializer.class, AbstractPortObject.class);
      try {
        String saved = meta.getString("class_name");
        if (!saved.equals(c.getName())) {
          throw new IOException("the stream holds a " + saved + ", not a " + c.getName());
        }
      } catch (InvalidSettingsException e) {
        throw new IOException("Unable to load settings", e);
      }
      AbstractPortObject result = ZipEntries.instantiate(c);
      result.load(in, spec, exec);
      @SuppressWarnings("unchecked")
      T t = (T) result;
      return t;
    }

    @Override
    public void savePortObject(final T portObject, final PortObjectZipOutputStream out,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
      out.putNextEntry(new ZipEntry("meta.xml"));
      ModelContent meta = new ModelContent("meta.xml");
      meta.addInt("version", 1);
      meta.addString("class_name", portObject.getClass().getName());
      meta.saveToXML(ZipEntries.entryOut(out));
      portObject.save(out, exec);
    }
  }
}
