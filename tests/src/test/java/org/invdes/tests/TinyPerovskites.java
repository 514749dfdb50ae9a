package org.invdes.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * The Nextflow test profile's data set (workflows-examples/nextflow/assets/test/
 * perovskites-tiny.csv), made up here and nowhere else: cubic ABO₃ perovskites of charge-balanced
 * pairs (A²⁺B⁴⁺ from {Ca, Sr, Ba} × {Ti, Zr, Sn}, A⁺B⁵⁺ from {Na, K} × {Nb, Ta}), lattice constant
 * a = 3.80 Å + 0.06 Å·(A rank) + 0.05 Å·(B rank) plus up to 0.01 Å of seeded jitter, and a
 * made-up formation energy {@code heat_ref} = −0.50 − 0.04·(A rank) − 0.03·(B rank) eV/atom plus
 * up to 0.02 eV/atom of jitter. Three rows per pair, ids {@code tiny-N}.
 */
final class TinyPerovskites {
  private TinyPerovskites() {}

  /** The seed of the jitter; changing it changes the committed asset. */
  static final long SEED = 20261127L;

  /** The made-up structures, in file order. */
  static List<Structure> structures() {
    String[][] pairs = {
        {"Ca", "Ti"}, {"Ca", "Zr"}, {"Ca", "Sn"}, {"Sr", "Ti"}, {"Sr", "Zr"}, {"Sr", "Sn"},
        {"Ba", "Ti"}, {"Ba", "Zr"}, {"Ba", "Sn"}, {"Na", "Nb"}, {"Na", "Ta"}, {"K", "Nb"},
        {"K", "Ta"}};
    List<String> aRank = List.of("Ca", "Na", "Sr", "K", "Ba");
    List<String> bRank = List.of("Ti", "Nb", "Ta", "Sn", "Zr");
    SplittableRandom r = new SplittableRandom(SEED);
    List<Structure> out = new ArrayList<>();
    int n = 0;
    for (int copy = 0; copy < 3; copy++) {
      for (String[] p : pairs) {
        int i = aRank.indexOf(p[0]);
        int j = bRank.indexOf(p[1]);
        double a = 3.80 + 0.06 * i + 0.05 * j + 0.01 * r.nextDouble();
        double heat = -0.50 - 0.04 * i - 0.03 * j + 0.02 * r.nextDouble();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", "tiny-" + (++n));
        props.put("heat_ref", Math.round(heat * 1e4) / 1e4);
        out.add(Structure.of(Lattice.cubic(Math.round(a * 1e4) / 1e4), List.of(
            Site.of(Element.of(p[0]), 0, 0, 0), Site.of(Element.of(p[1]), 0.5, 0.5, 0.5),
            Site.of(Element.of("O"), 0.5, 0.5, 0), Site.of(Element.of("O"), 0.5, 0, 0.5),
            Site.of(Element.of("O"), 0, 0.5, 0.5)), props));
      }
    }
    return out;
  }

  /** Writes the data set (atomically) to {@code file}. */
  static void write(Path file) throws IOException {
    DatasetCsv.write(file, structures());
  }

  /** Writes the data set to the path given as the only argument (to refresh the asset). */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]));
  }
}
