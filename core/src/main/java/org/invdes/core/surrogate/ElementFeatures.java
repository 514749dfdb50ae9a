package org.invdes.core.surrogate;

import java.util.List;
import org.invdes.core.model.ElementDescriptors;
import org.invdes.core.structure.Element;

/**
 * Descriptors of elements that seed the surrogate's learned element embedding, so that chemically
 * similar elements start close together: atomic number, period, position in the period, Pauling
 * electronegativity (0 plus a flag where undefined), covalent radius (Å), atomic mass, metal
 * flag, mean common oxidation state. Each column is standardised over the given vocabulary
 * (columns without spread are 0).
 */
final class ElementFeatures {
  /** The descriptors per element. */
  static final int COUNT = 9;

  private ElementFeatures() {
  }

  /** [E][COUNT] standardised descriptors, one row per vocabulary element. */
  static double[][] standardised(List<Element> vocabulary) {
    int e = vocabulary.size();
    double[][] f = new double[e][];
    for (int i = 0; i < e; i++) {
      f[i] = raw(vocabulary.get(i));
    }
    ElementDescriptors.standardise(f, COUNT);
    return f;
  }

  private static double[] raw(Element el) {
    double chi = el.electronegativity();
    boolean hasChi = Double.isFinite(chi) && chi > 0;
    double r = el.covalentRadius();
    List<Integer> ox = el.commonOxidationStates();
    double meanOx = 0;
    for (int o : ox) {
      meanOx += o;
    }
    meanOx = ox.isEmpty() ? 0 : meanOx / ox.size();
    return new double[] {el.number(), ElementDescriptors.period(el),
        ElementDescriptors.periodPosition(el), hasChi ? chi : 0, hasChi ? 0 : 1,
        Double.isFinite(r) ? r : 0, el.atomicMass(), el.isMetal() ? 1 : 0, meanOx};
  }
}
