package org.invdes.core.stability;

import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/** The {@link StabilityCheck} contract for {@link GeometricValidity}. */
class GeometricValidityContractTest extends StabilityCheckContract {
  @Override
  StabilityCheck check() {
    return GeometricValidity.standard();
  }

  @Override
  List<Structure> passing() {
    return List.of(Fixtures.nacl(), Fixtures.cu3au(), Fixtures.diamond());
  }

  @Override
  List<Structure> failing() {
    return List.of(Fixtures.pair("Na", "Cl", 0.3, 5.0),
        Structure.of(Lattice.cubic(0.4), List.of(Site.of(Element.of("C"), 0, 0, 0))));
  }
}
