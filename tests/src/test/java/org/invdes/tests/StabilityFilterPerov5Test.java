package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.Structures;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.CompositionValidity;
import org.invdes.core.stability.CovalentDistanceCheck;
import org.invdes.core.stability.GeometricValidity;
import org.invdes.core.stability.StabilityFilter;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * The stability filter on 1,000 real Perov-5 crystals (relaxed, real: at least 97 % kept) and
 * on deliberately broken copies of them (at least 99 % rejected, for the right reason): one
 * with an atom moved onto another, one with a charge-imbalanced substitution (A and B by alkali
 * metals, every anion by F: alkali metals are +1 at most and F is only -1, so +2 of cation
 * charge faces -3 of anion charge; with O, N or S left, an anion could turn cation against a
 * more electronegative one and balance the charge, as SMACT's rule allows).
 */
class StabilityFilterPerov5Test {
  private static final List<String> ALKALI = List.of("Li", "Na", "K", "Rb", "Cs");

  @Test
  void keepsRealCrystalsAndRejectsBrokenCopiesWithTheRightReason() throws Exception {
    Path file = Shared.shared("datasets/perov_5/val.csv");
    List<Structure> real = new ArrayList<>();
    for (ReadResult r : Structures.read(file, ReadOptions.relaxed())) {
      if (real.size() < 1000) {
        real.add(r.get());
      }
    }
    StabilityFilter filter = StabilityFilter.of(GeometricValidity.standard(),
        CovalentDistanceCheck.standard(), CompositionValidity.standard());
    long kept = filter.evaluateAll(real, ProgressMonitor.NONE).stream()
        .filter(StabilityFilter.Evaluation::passed).count();
    assertTrue(kept >= 970, "kept " + kept + " of 1000 real crystals");

    Random rnd = new Random(4);
    List<Structure> crushed = new ArrayList<>();
    List<Structure> imbalanced = new ArrayList<>();
    for (Structure s : real) {
      List<Site> sites = new ArrayList<>(s.sites());
      double[] onTop = s.site(0).frac();
      onTop[0] += 0.1 / s.lattice().a(); // 0.1 Å from atom 0
      sites.set(1, sites.get(1).withFrac(onTop));
      crushed.add(s.withSites(sites));
      List<Site> sub = new ArrayList<>();
      for (Site site : s.sites()) {
        Element e = site.majorElement();
        boolean anion = List.of("O", "N", "F", "S").contains(e.symbol());
        Element now = anion ? Element.of("F")
            : Element.of(ALKALI.get(rnd.nextInt(ALKALI.size())));
        sub.add(Site.of(now, site.frac()));
      }
      imbalanced.add(s.withSites(sub));
    }
    int rightCrushed = 0;
    for (StabilityFilter.Evaluation e : filter.evaluateAll(crushed, ProgressMonitor.NONE)) {
      if (!e.passed() && e.reason().contains("geometric validity")) {
        rightCrushed++;
      }
    }
    int rightImbalanced = 0;
    for (StabilityFilter.Evaluation e : filter.evaluateAll(imbalanced, ProgressMonitor.NONE)) {
      if (!e.passed() && e.reason().contains("composition validity")) {
        rightImbalanced++;
      }
    }
    System.out.printf("stability filter on Perov-5: kept %d/1000 real, rejected %d/1000 crushed"
        + " (geometric) and %d/1000 imbalanced (composition)%n", kept, rightCrushed,
        rightImbalanced);
    assertTrue(rightCrushed >= 990, rightCrushed + " of 1000 crushed copies rejected as such");
    assertTrue(rightImbalanced >= 990,
        rightImbalanced + " of 1000 imbalanced copies rejected as such");
  }
}
