package org.invdes.core.stability;

import java.util.List;
import org.invdes.core.structure.Structure;

/** The {@link StabilityCheck} contract for {@link CovalentDistanceCheck}. */
class CovalentDistanceCheckContractTest extends StabilityCheckContract {
  @Override
  StabilityCheck check() {
    return CovalentDistanceCheck.standard();
  }

  @Override
  List<Structure> passing() {
    return List.of(Fixtures.nacl(), Fixtures.cu3au(), Fixtures.diamond());
  }

  @Override
  List<Structure> failing() {
    return List.of(Fixtures.pair("I", "I", 1.0, 6.0), Fixtures.pair("H", "H", 0.2, 6.0));
  }
}
