package org.knime.core.node.port;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Helpers of the serializers: entry streams that do not close the zip, generic arguments. */
final class ZipEntries {
  private ZipEntries() {}

  /** A stream into the current entry; closing it closes the entry, not the zip. */
  static OutputStream entryOut(ZipOutputStream zip) {
    return new FilterOutputStream(zip) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
        zip.closeEntry();
      }
    };
  }

  /** A stream over the current entry; closing it does not close the zip. */
  static InputStream entryIn(ZipInputStream zip) {
    return new FilterInputStream(zip) {
      @Override
      public void close() {
        // the zip stays open for the next entry
      }
    };
  }

  /** Opens the next entry and checks its name. */
  static void expect(ZipInputStream in, String name) throws IOException {
    ZipEntry e = in.getNextEntry();
    if (e == null || !e.getName().equals(name)) {
      throw new IOException("Expected zip entry " + name + ", got "
          + (e == null ? "the end of the stream" : e.getName()));
    }
  }

  /** The class given as the generic argument to {@code base} by a serializer subclass. */
  static <B> Class<? extends B> typeArgument(Class<?> serializer, Class<?> base, Class<B> bound) {
    for (Class<?> c = serializer; c != null && c != Object.class; c = c.getSuperclass()) {
      Type t = c.getGenericSuperclass();
      if (t instanceof ParameterizedType && ((ParameterizedType) t).getRawType() == base) {
        Type arg = ((ParameterizedType) t).getActualTypeArguments()[0];
        if (arg instanceof Class && bound.isAssignableFrom((Class<?>) arg)) {
          return ((Class<?>) arg).asSubclass(bound);
        }
      }
    }
    throw new IllegalStateException(serializer.getName() + " does not name the class it"
        + " serializes as the type argument of " + base.getSimpleName());
  }

  /** A new instance through the public no-arg constructor. */
  static <T> T instantiate(Class<T> c) {
    try {
      return c.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Failed to instantiate class \"" + c.getSimpleName()
          + "\" (failed to invoke no-arg constructor): " + e, e);
    }
  }
}
