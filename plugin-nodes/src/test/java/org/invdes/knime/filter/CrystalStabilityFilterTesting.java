package org.invdes.knime.filter;

import org.invdes.knime.InvdesNodeModel;

/** Sets the filter's package-private options from other test packages. */
public final class CrystalStabilityFilterTesting {
  private CrystalStabilityFilterTesting() {}

  /** Sets the candidates' and the reference's formation energy columns. */
  public static void energies(InvdesNodeModel<?> m, String candidates, String reference) {
    CrystalStabilityFilterSettings o = ((CrystalStabilityFilterNodeModel) m).options();
    o.energyColumn.setStringValue(candidates);
    o.referenceEnergyColumn.setStringValue(reference);
  }

  /** Uses the surrogate in the folder; {@code decides}: for every candidate. */
  public static void surrogate(InvdesNodeModel<?> m, String folder, boolean decides) {
    CrystalStabilityFilterSettings o = ((CrystalStabilityFilterNodeModel) m).options();
    o.useSurrogate.setBooleanValue(true);
    o.surrogate.setStringValue(folder);
    o.surrogateDecides.setBooleanValue(decides);
  }
}
