package org.invdes.knime.write;

import org.invdes.knime.InvdesNodeModel;

/** Sets the writer's package-private options from other test packages. */
public final class CrystalWriterTesting {
  private CrystalWriterTesting() {}

  /** Sets the output folder. */
  public static void folder(InvdesNodeModel<?> m, String path) {
    ((CrystalWriterNodeModel) m).options().folder.setStringValue(path);
  }
}
