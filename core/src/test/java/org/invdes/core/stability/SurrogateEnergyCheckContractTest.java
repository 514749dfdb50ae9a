package org.invdes.core.stability;

import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.TinySurrogate;

/** The {@link StabilityCheck} contract for {@link SurrogateEnergyCheck}. */
class SurrogateEnergyCheckContractTest extends StabilityCheckContract {
  @Override
  StabilityCheck check() {
    return SurrogateEnergyCheck.of(TinySurrogate.shared());
  }

  @Override
  List<Structure> passing() {
    return TinySurrogate.perovskites(4, 3);
  }

  @Override
  List<Structure> failing() {
    Structure p = TinySurrogate.perovskites(1, 4).get(0);
    Structure disordered = p.withSites(List.of(p.site(0), p.site(1), p.site(2), p.site(3),
        Site.of(Map.of(Element.of("O"), 0.5), p.site(4).frac(), "O3")));
    return List.of(Fixtures.nacl(), disordered);
  }
}
