package org.knime.core.node.port;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import javax.swing.JComponent;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * A spec saved as model content. Subclasses have a public no-arg constructor and a nested {@code
 * Serializer} extending {@link AbstractSimplePortObjectSpecSerializer}. Two specs are equal when
 * they are of the same class and save the same content.
 */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

  /** For the serializer. */
  public AbstractSimplePortObjectSpec() {
  }

  /** Writes the spec's content. */
  protected abstract void save(final ModelContentWO model);

  /** Reads the content written by {@link #save}. */
  protected abstract void load(final ModelContentRO model) throws InvalidSettingsException;

  /** Writes a {@code content.xml} entry with the class name and the content under "model". */
  public abstract static class AbstractSimplePortObjectSpecSerializer<
      T extends AbstractSimplePortObjectSpec> extends PortObjectSpecSerializer<T> {

    @Override
    public T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
      ZipEntries.expect(in, "content.xml");
      ModelContentRO model = ModelContent.loadFromXML(ZipEntries.entryIn(in));
      Class<? extends AbstractSimplePortObjectSpec> c = ZipEntries.typeArgument(getClass(),
          AbstractSimplePortObjectSpecSerializer.class, AbstractSimplePortObjectSpec.class);
      try {
        String saved = model.getString("class_name");
        if (!saved.equals(c.getName())) {
          throw new IOException("the stream holds a " + saved + ", not a " + c.getName());
        }
        AbstractSimplePortObjectSpec spec = ZipEntries.instantiate(c);
        spec.load(model.getModelContent("model"));
        @SuppressWarnings("unchecked")
        T t = (T) spec;
        return t;
      } catch (InvalidSettingsException e) {
        throw new IOException("Unable to load model content into \"" + c.getSimpleName()
            + "\": " + e.getMessage(), e);
      }
    }

    @Override
    public void savePortObjectSpec(final T portObject, final PortObjectSpecZipOutputStream out)
        throws IOException {
      ModelContent model = new ModelContent("model.xml");
      model.addString("class_name", portObject.getClass().getName());
      portObject.save(model.addModelContent("model"));
      out.putNextEntry(new ZipEntry("content.xml"));
      model.saveToXML(ZipEntries.entryOut(out));
    }
  }

  /** @return no views (this subset has no Swing views) */
  @Override
  public JComponent[] getViews() {
    return new JComponent[0];
  }

  private byte[] content() {
    ModelContent m = new ModelContent("ignored");
    save(m);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      m.saveToXML(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public boolean equals(final Object ospec) {
    return ospec == this || (ospec != null && ospec.getClass().equals(getClass())
        && Arrays.equals(content(), ((AbstractSimplePortObjectSpec) ospec).content()));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(content());
  }
}
