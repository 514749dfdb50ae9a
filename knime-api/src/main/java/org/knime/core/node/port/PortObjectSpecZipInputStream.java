package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** The zip stream a serializer gets; created by the framework (and the test harness). */
public class PortObjectSpecZipInputStream extends ZipInputStream {

  PortObjectSpecZipInputStream(final InputStream inStream) {
    super(inStream);
  }
}
