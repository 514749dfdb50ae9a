package org.invdes.knime.read;

import org.invdes.knime.InvdesNodeModel;

/** Sets the reader's package-private options from other test packages. */
public final class CrystalReaderTesting {
  private CrystalReaderTesting() {}

  /** @return the reader's factory */
  public static CrystalReaderNodeFactory factory() {
    return new CrystalReaderNodeFactory();
  }

  /** Sets the location. */
  public static void location(InvdesNodeModel<?> m, String path) {
    ((CrystalReaderNodeModel) m).options().location.setStringValue(path);
  }
}
