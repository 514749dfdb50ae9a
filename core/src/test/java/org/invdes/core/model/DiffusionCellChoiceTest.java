package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.encoding.CellChoice;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Training on Niggli-reduced cells ({@link DiffusionConfig#cellChoice()}): rock-salt crystals
 * (the fcc lattice with a two-atom basis) given in skewed bases of their primitive lattice encode
 * the Niggli cell, a = b = c = a_conv/√2 with three 60° angles, so the fitted lattice
 * normalisation is that of the reduced cells; the choice is recorded and a start of the other
 * choice is refused.
 */
class DiffusionCellChoiceTest {
  /** Conventional cubic constants (Å), around NaCl's 5.64 Å. */
  static final double[] CONVENTIONAL = {5.40, 5.52, 5.64, 5.76, 5.88, 6.00};

  /**
   * Rock salt of conventional constant a in the basis (v1, v1 + v2, v1 + v2 + v3) of the fcc
   * primitive vectors v1 = (0, a/2, a/2), v2 = (a/2, 0, a/2), v3 = (a/2, a/2, 0): Na at the
   * origin, Cl at the Cartesian (a/2, a/2, a/2).
   */
  static Structure skewedRockSalt(double a, int i) {
    double h = a / 2;
    double[] v1 = {0, h, h};
    double[] v2 = {h, 0, h};
    double[] v3 = {h, h, 0};
    double[][] rows = {v1, add(v1, v2), add(add(v1, v2), v3)};
    Lattice lattice = Lattice.fromMatrix(rows);
    double[] cl = lattice.toFractional(new double[] {h, h, h});
    return Structure.of(lattice, List.of(Site.of(Element.of("Na"), 0, 0, 0),
        Site.of(Element.of("Cl"), Structure.wrap(cl[0]), Structure.wrap(cl[1]),
            Structure.wrap(cl[2]))), Map.of("id", "rs" + i, "y", 0.1 * i));
  }

  private static double[] add(double[] x, double[] y) {
    return new double[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]};
  }

  static List<Structure> data() {
    List<Structure> out = new ArrayList<>();
    for (int i = 0; i < CONVENTIONAL.length; i++) {
      out.add(skewedRockSalt(CONVENTIONAL[i], i));
    }
    return out;
  }

  static DiffusionConfig tiny(CellChoice cells) {
    return DiffusionConfig.builder().optHiddenDim(8).optLayers(1).optFrequencies(2)
        .optTimeDim(8).optTimesteps(20).optSampleSteps(2).optMaxEpochs(1).optBatchSize(8)
        .optValidationFraction(0).optThreads(1).optSeed(3).optCellChoice(cells).build();
  }

  @Test
  void niggliTrainingEncodesTheReducedCells() {
    try (DiffusionModel m = DiffusionTrainer.trainReporting(data(), List.of("y"),
        tiny(CellChoice.NIGGLI), ProgressMonitor.NONE, w -> { }, e -> { }, null)) {
      assertEquals(CellChoice.NIGGLI, m.encoder().config().cellChoice());
      assertEquals(CellChoice.NIGGLI, m.manifest().hyperParameters().cellChoice());
      double[] mean = m.encoder().config().latticeMean();
      double lnA = 0;
      for (double a : CONVENTIONAL) {
        lnA += Math.log(a / Math.sqrt(2)) / CONVENTIONAL.length;
      }
      for (int k = 0; k < 3; k++) {
        assertEquals(lnA, mean[k], 1e-9, "ln length " + k);
        assertEquals(60, mean[3 + k], 1e-6, "angle " + k);
      }
    }
  }

  @Test
  void asGivenTrainingKeepsTheSkewedCellsAndRefusesToGoOnWithNiggliCells() {
    try (DiffusionModel m = DiffusionTrainer.trainReporting(data(), List.of("y"),
        tiny(CellChoice.AS_GIVEN), ProgressMonitor.NONE, w -> { }, e -> { }, null)) {
      assertEquals(CellChoice.AS_GIVEN, m.encoder().config().cellChoice());
      // the third basis vector v1 + v2 + v3 has length a·√3 (|(a, a, a)|), not a/√2
      double lnC = 0;
      for (double a : CONVENTIONAL) {
        lnC += Math.log(a * Math.sqrt(3)) / CONVENTIONAL.length;
      }
      assertEquals(lnC, m.encoder().config().latticeMean()[2], 1e-9);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DiffusionTrainer.checkStart(m, List.of("y"), tiny(CellChoice.NIGGLI)));
      assertTrue(e.getMessage().contains("as-given cells")
          && e.getMessage().contains("Niggli-reduced"), e.getMessage());
      DiffusionTrainer.checkStart(m, List.of("y"), tiny(CellChoice.AS_GIVEN));
    }
  }

  @Test
  void theCellChoiceSurvivesJsonAndOlderHyperParametersMeanAsGiven() {
    DiffusionConfig niggli = tiny(CellChoice.NIGGLI);
    assertEquals(niggli, DiffusionConfig.fromJsonNode(niggli.toJsonNode()));
    ObjectNode old = niggli.toJsonNode();
    old.remove("cellChoice");
    assertEquals(CellChoice.AS_GIVEN, DiffusionConfig.fromJsonNode(old).cellChoice());
    CvaeConfig vae = CvaeConfig.builder().optCellChoice(CellChoice.NIGGLI).build();
    assertEquals(vae, CvaeConfig.fromJsonNode(vae.toJsonNode()));
    ObjectNode bad = vae.toJsonNode();
    bad.put("cellChoice", "PRIMITIVE");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CvaeConfig.fromJsonNode(bad));
    assertTrue(e.getMessage().contains("PRIMITIVE") && e.getMessage().contains("NIGGLI"),
        e.getMessage());
  }
}
