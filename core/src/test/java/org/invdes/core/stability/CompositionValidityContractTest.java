package org.invdes.core.stability;

import java.util.List;
import org.invdes.core.structure.Structure;

/** The {@link StabilityCheck} contract for {@link CompositionValidity}. */
class CompositionValidityContractTest extends StabilityCheckContract {
  @Override
  StabilityCheck check() {
    return CompositionValidity.standard();
  }

  @Override
  List<Structure> passing() {
    return List.of(Fixtures.nacl(), Fixtures.cu3au(), Fixtures.diamond());
  }

  @Override
  List<Structure> failing() {
    return List.of(Fixtures.spread("Na", "Na", "Cl", "Cl", "Cl"), Fixtures.spread("Ar", "Cl"));
  }
}
