package org.invdes.knime;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.invdes.knime.learn.CrystalGeneratorLearnerTesting;
import org.invdes.knime.port.GeneratorPortObject;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeHarness;

/**
 * Hand-made training data for the generator nodes and one tiny generator trained on it once per
 * test JVM.
 *
 * <p>The data: cubic ABO₃ perovskites in the SrTiO₃ arrangement (A at the origin, B at the body
 * centre, O at the face centres), A from {Ca, Sr, Ba}, B from {Ti, Zr}, lattice constant a =
 * 3.80 Å + 0.05 Å · (A index) + 0.10 Å · (B index) + 0.01 Å · (row / 6), with the exactly
 * computable property {@value #PROPERTY} = a³ / 5 (Å³ per atom).
 */
public final class GeneratorFixtures {
  /** The property column. */
  public static final String PROPERTY = "volume_per_atom";
  /** The training table's columns. */
  public static final DataTableSpec SPEC = new DataTableSpec(
      new String[] {"id", "structure", PROPERTY},
      new DataType[] {StringCell.TYPE, StringCell.TYPE, DoubleCell.TYPE});
  static final String[] A = {"Ca", "Sr", "Ba"};
  static final String[] B = {"Ti", "Zr"};

  private static GeneratorPortObject generator;
  private static GeneratorPortObject diffusionGenerator;

  private GeneratorFixtures() {}

  /** @return the lattice constant of row i, Å */
  public static double latticeConstant(int i) {
    return 3.80 + 0.05 * (i % 3) + 0.10 * ((i / 3) % 2) + 0.01 * (i / 6);
  }

  /** @return the perovskite of row i */
  public static Structure perovskite(int i) {
    double a = latticeConstant(i);
    return Structure.of(Lattice.cubic(a), List.of(Element.of(A[i % 3]),
        Element.of(B[(i / 3) % 2]), Element.of("O"), Element.of("O"), Element.of("O")),
        List.of(new double[] {0, 0, 0}, new double[] {.5, .5, .5}, new double[] {.5, .5, 0},
            new double[] {.5, 0, .5}, new double[] {0, .5, .5}));
  }

  /** @return n training rows: id, structure (CIF), volume per atom */
  public static BufferedDataTable table(int n) {
    List<DataRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = latticeConstant(i);
      rows.add(new DefaultRow("Row" + i, new StringCell("p" + i),
          StructureCells.cell(perovskite(i), "p" + i), new DoubleCell(a * a * a / 5)));
    }
    return NodeHarness.table(SPEC, rows);
  }

  /** @return a generator trained (tiny network, 3 epochs, one thread) on 24 rows, once */
  public static synchronized GeneratorPortObject generator() throws Exception {
    if (generator == null) {
      generator = CrystalGeneratorLearnerTesting.train(table(24), 3);
    }
    return generator;
  }

  /**
   * @return a diffusion generator trained (tiny denoiser, 2 epochs, T = 20, 5 default sampling
   *     steps, one thread) on 24 rows, once
   */
  public static synchronized GeneratorPortObject diffusionGenerator() throws Exception {
    if (diffusionGenerator == null) {
      diffusionGenerator = CrystalGeneratorLearnerTesting.trainDiffusion(table(24), 2);
    }
    return diffusionGenerator;
  }
}
