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
final class ElementDescriptors {
  static final int LOWEST_STATE = -4;
  static final int HIGHEST_STATE = 7;
  static final int SCALED = 5;
  /** Columns per element. */
  static final int COUNT = SCALED + HIGHEST_STATE - LOWEST_STATE + 1;
  private static final int[] NOBLE = {0, 2, 10, 18, 36, 54, 86, 118};

  private ElementDescriptors() {
  }

  /** [E][{@value #COUNT}]: the descriptors of each vocabulary element, in vocabulary order. */
  static float[][] of(List<Element> vocabulary) {
    int e = vocabulary.size();
    double[][] f = new double[e][COUNT];
    for (int i = 0; i < e; i++) {
      Element el = vocabulary.get(i);
      int z = el.number();
      int period = 1;
      while (period < NOBLE.length - 1 && z > NOBLE[period]) {
        period++;
      }
      double chi = el.electronegativity();
      double r = el.covalentRadius();
      f[i][0] = period;
      f[i][1] = z - NOBLE[period - 1];
      f[i][2] = Double.isFinite(chi) && chi > 0 ? chi : 0;
      f[i][3] = Double.isFinite(r) ? r : 0;
      f[i][4] = el.isMetal() ? 1 : 0;
      for (int o : el.commonOxidationStates()) {
        if (o >= LOWEST_STATE && o <= HIGHEST_STATE) {
          f[i][SCALED + o - LOWEST_STATE] = 1;
        }
      }
    }
    for (int c = 0; c < SCALED; c++) {
      double mean = 0;
      for (double[] row : f) {
        mean += row[c];
      }
      mean /= e;
      double var = 0;
      for (double[] row : f) {
        var += (row[c] - mean) * (row[c] - mean);
      }
      double sd = Math.sqrt(var / e);
      for (double[] row : f) {
        row[c] = sd > 1e-12 ? (row[c] - mean) / sd : 0;
      }
    }
    float[][] out = new float[e][COUNT];
    for (int i = 0; i < e; i++) {
      for (int c = 0; c < COUNT; c++) {
        out[i][c] = (float) f[i][c];
      }
    }
    return out;
  }
}
