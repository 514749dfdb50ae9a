package org.invdes.core.stability;

import java.util.List;
import org.invdes.core.structure.Structure;

/** The {@link StabilityCheck} contract for {@link EnergyAboveHullCheck}. */
class EnergyAboveHullCheckContractTest extends StabilityCheckContract {
  @Override
  StabilityCheck check() {
    return EnergyAboveHullCheck.of(EnergyAboveHullCheckTest.HULL);
  }

  @Override
  List<Structure> passing() {
    return List.of(EnergyAboveHullCheckTest.naclWith(-2.0),
        EnergyAboveHullCheckTest.naclWith(-2.5),
        Fixtures.cu3au().withProperty("formation_energy_per_atom", -0.07));
  }

  @Override
  List<Structure> failing() {
    return List.of(EnergyAboveHullCheckTest.naclWith(-1.0), Fixtures.nacl(),
        Fixtures.cu3au().withProperty("formation_energy_per_atom", 0.3));
  }
}
