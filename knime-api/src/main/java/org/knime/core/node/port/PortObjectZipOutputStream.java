package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** The zip stream a serializer gets; created by the framework (and the test harness). */
public class PortObjectZipOutputStream extends ZipOutputStream {

  PortObjectZipOutputStream(final OutputStream outStream) {
    super(outStream);
  }
}
