package org.invdes.core.model;

import java.util.List;
import org.invdes.core.structure.Element;

/**
 * Fixed chemical descriptors of the elements of a vocabulary, the denoiser's element features
 * ({@link DiffusionConfig#elementFeatures()}): period, position in the period, Pauling
 * electronegativity (0 where undefined), covalent radius (Å) and a metal flag, each standardised
 * over the vocabulary (0 without spread), then one 0/1 column per oxidation state from {@value
 * #LOWEST_STATE} to {@value #HIGHEST_STATE} marking the element's common ones. Shared by all
 * elements, they let what the network learns of one element carry over to chemically similar
 * ones, and the oxidation states are what charge balance is made of.
 */
public final class ElementDescriptors {
  /** The lowest oxidation state with a column. */
  public static final int LOWEST_STATE = -4;
  /** The highest oxidation state with a column. */
  public static final int HIGHEST_STATE = 7;
  /** The standardised columns before the oxidation-state ones. */
  public static final int SCALED = 5;
  /** Columns per element. */
  public static final int COUNT = SCALED + HIGHEST_STATE - LOWEST_STATE + 1;
  private static final int[] NOBLE = {0, 2, 10, 18, 36, 54, 86, 118};

  private ElementDescriptors() {
  }

  /** The element's period (row of the periodic table), 1 to 7. */
  public static int period(Element element) {
    int z = element.number();
    int period = 1;
    while (period < NOBLE.length - 1 && z > NOBLE[period]) {
      period++;
    }
    return period;
  }

  /** The element's position in its period, 1 for the alkali metals (1 for H). */
  public static int periodPosition(Element element) {
    return element.number() - NOBLE[period(element) - 1];
  }

  /**
   * Standardises the first {@code columns} columns of the rows in place over the rows: (x −
   * mean)/standard deviation (population), 0 for a column without spread.
   */
  public static void standardise(double[][] rows, int columns) {
    int e = rows.length;
    for (int c = 0; c < columns; c++) {
      double mean = 0;
      for (double[] row : rows) {
        mean += row[c];
      }
      mean /= e;
      double var = 0;
      for (double[] row : rows) {
        var += (row[c] - mean) * (row[c] - mean);
      }
      double sd = Math.sqrt(var / e);
      for (double[] row : rows) {
        row[c] = sd > 1e-12 ? (row[c] - mean) / sd : 0;
      }
    }
  }

  /** [E][{@value #COUNT}]: the descriptors of each vocabulary element, in vocabulary order. */
  static float[][] of(List<Element> vocabulary) {
    int e = vocabulary.size();
    double[][] f = new double[e][COUNT];
    for (int i = 0; i < e; i++) {
      Element el = vocabulary.get(i);
      double chi = el.electronegativity();
      double r = el.covalentRadius();
      f[i][0] = period(el);
      f[i][1] = periodPosition(el);
      f[i][2] = Double.isFinite(chi) && chi > 0 ? chi : 0;
      f[i][3] = Double.isFinite(r) ? r : 0;
      f[i][4] = el.isMetal() ? 1 : 0;
      for (int o : el.commonOxidationStates()) {
        if (o >= LOWEST_STATE && o <= HIGHEST_STATE) {
          f[i][SCALED + o - LOWEST_STATE] = 1;
        }
      }
    }
    standardise(f, SCALED);
    float[][] out = new float[e][COUNT];
    for (int i = 0; i < e; i++) {
      for (int c = 0; c < COUNT; c++) {
        out[i][c] = (float) f[i][c];
      }
    }
    return out;
  }
}
