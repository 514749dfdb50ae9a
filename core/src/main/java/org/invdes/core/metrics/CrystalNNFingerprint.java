package org.invdes.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.invdes.core.structure.Structure;

/**
 * The CrystalNN site fingerprint of matminer's {@code CrystalNNFingerprint.from_preset("ops")}
 * (61 numbers) and its average over the sites of a crystal, the structure fingerprint of CDVAE's
 * coverage metrics.
 *
 * <p>For coordination numbers CN = 1 … 24, in order, the site fingerprint lists the CN's weight w
 * ({@link CrystalNN}), then, for the motifs of that CN, w × the motif's order parameter ({@link
 * LocalOrderParameter}) computed on the CN's neighbours (0 when w = 0 or the parameter is
 * undefined). The motifs (matminer's {@code cn_target_motif_op.yaml}; parameters from pymatgen's
 * {@code cn_opt_params.yaml} where it has them, else pymatgen's defaults):
 * <ul>
 *   <li>CN 1: single bond;
 *   <li>CN 2: L-shaped, water-like, bent 120°, bent 150°, linear ({@code bent} with targets 0.5,
 *       0.58028, ⅔, ⅚ and 1 of 180°);
 *   <li>CN 3: trigonal planar, trigonal non-coplanar ({@code tet_max} with TA 0.60817, IGW 18.33),
 *       T-shaped;
 *   <li>CN 4: square co-planar, tetrahedral, rectangular see-saw, see-saw ({@code tri_bipyr} with
 *       IGW_SPP 12.75, IGW_EP 15.75), trigonal pyramidal;
 *   <li>CN 5: pentagonal planar, square pyramidal, trigonal bipyramidal;
 *   <li>CN 6: hexagonal planar, octahedral, pentagonal pyramidal;
 *   <li>CN 7: hexagonal pyramidal, pentagonal bipyramidal;
 *   <li>CN 8: body-centred cubic, hexagonal bipyramidal;
 *   <li>CN 9, 10, 11: q2, q4, q6;
 *   <li>CN 12: cuboctahedral, q2, q4, q6;
 *   <li>CN 13 … 24: the weight only.
 * </ul>
 * Stateless and thread-safe.
 */
public final class CrystalNNFingerprint {
  /** Number of values of a site (and structure) fingerprint. */
  public static final int LENGTH = 61;
  /** The largest coordination number the fingerprint covers. */
  public static final int MAX_CN = 24;

  private static final List<List<Motif>> MOTIFS = motifs();

  private record Motif(String name, LocalOrderParameter parameter) {
  }

  private CrystalNNFingerprint() {
  }

  private static List<List<Motif>> motifs() {
    List<List<Motif>> byCn = new ArrayList<>();
    for (int cn = 0; cn <= MAX_CN; cn++) {
      byCn.add(new ArrayList<>());
    }
    byCn.get(1).add(std("sgl_bd", LocalOrderParameter.Type.SGL_BD));
    byCn.get(2).add(new Motif("L-shaped", LocalOrderParameter.bent(0.5, 15.15)));
    byCn.get(2).add(new Motif("water-like", LocalOrderParameter.bent(0.5802777777777778, 13.95)));
    byCn.get(2).add(new Motif("bent 120 degrees", LocalOrderParameter.bent(0.666666666667,
        13.25)));
    byCn.get(2).add(new Motif("bent 150 degrees", LocalOrderParameter.bent(0.833333333333333,
        12.45)));
    byCn.get(2).add(new Motif("linear", LocalOrderParameter.bent(1, 8.667)));
    byCn.get(3).add(std("trigonal planar", LocalOrderParameter.Type.TRI_PLAN_MAX));
    byCn.get(3).add(new Motif("trigonal non-coplanar",
        LocalOrderParameter.tetMax(0.6081734479693927, 18.33, 1.5, 2)));
    byCn.get(3).add(std("T-shaped", LocalOrderParameter.Type.T));
    byCn.get(4).add(std("square co-planar", LocalOrderParameter.Type.SQ_PLAN_MAX));
    byCn.get(4).add(std("tetrahedral", LocalOrderParameter.Type.TET_MAX));
    byCn.get(4).add(std("rectangular see-saw-like", LocalOrderParameter.Type.SEE_SAW_RECT));
    byCn.get(4).add(new Motif("see-saw-like",
        LocalOrderParameter.triBipyr(2.356194490192345, 12.75, 15.75)));
    byCn.get(4).add(std("trigonal pyramidal", LocalOrderParameter.Type.TRI_PYR));
    byCn.get(5).add(std("pentagonal planar", LocalOrderParameter.Type.PENT_PLAN_MAX));
    byCn.get(5).add(std("square pyramidal", LocalOrderParameter.Type.SQ_PYR));
    byCn.get(5).add(std("trigonal bipyramidal", LocalOrderParameter.Type.TRI_BIPYR));
    byCn.get(6).add(std("hexagonal planar", LocalOrderParameter.Type.HEX_PLAN_MAX));
    byCn.get(6).add(std("octahedral", LocalOrderParameter.Type.OCT_MAX));
    byCn.get(6).add(std("pentagonal pyramidal", LocalOrderParameter.Type.PENT_PYR));
    byCn.get(7).add(std("hexagonal pyramidal", LocalOrderParameter.Type.HEX_PYR));
    byCn.get(7).add(std("pentagonal bipyramidal", LocalOrderParameter.Type.PENT_BIPYR));
    byCn.get(8).add(std("body-centered cubic", LocalOrderParameter.Type.BCC));
    byCn.get(8).add(std("hexagonal bipyramidal", LocalOrderParameter.Type.HEX_BIPYR));
    for (int cn = 9; cn <= 11; cn++) {
      addSteinhardt(byCn.get(cn));
    }
    byCn.get(12).add(std("cuboctahedral", LocalOrderParameter.Type.CUBOCT_MAX));
    addSteinhardt(byCn.get(12));
    List<List<Motif>> out = new ArrayList<>();
    for (List<Motif> l : byCn) {
      out.add(List.copyOf(l));
    }
    return List.copyOf(out);
  }

  private static void addSteinhardt(List<Motif> list) {
    list.add(std("q2", LocalOrderParameter.Type.Q2));
    list.add(std("q4", LocalOrderParameter.Type.Q4));
    list.add(std("q6", LocalOrderParameter.Type.Q6));
  }

  private static Motif std(String name, LocalOrderParameter.Type type) {
    return new Motif(name, LocalOrderParameter.standard(type));
  }

  /** @return the 61 labels in matminer's style, e.g. {@code "wt CN_1"}, {@code "octahedral CN_6"} */
  public static List<String> labels() {
    List<String> out = new ArrayList<>(LENGTH);
    for (int cn = 1; cn <= MAX_CN; cn++) {
      out.add("wt CN_" + cn);
      for (Motif m : MOTIFS.get(cn)) {
        out.add(m.name() + " CN_" + cn);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The fingerprint of one site.
   *
   * @param structure an ordered structure
   * @param site the site's index
   * @return 61 values (dimensionless)
   * @throws FingerprintException as {@link CrystalNN#neighbours}
   */
  public static double[] site(Structure structure, int site) {
    CrystalNN.NeighbourData data = CrystalNN.standard().neighbours(structure, site);
    double[] out = new double[LENGTH];
    int k = 0;
    for (int cn = 1; cn <= MAX_CN; cn++) {
      double w = data.cnWeights().getOrDefault(cn, 0.0);
      out[k++] = w;
      List<Motif> motifs = MOTIFS.get(cn);
      if (motifs.isEmpty()) {
        continue;
      }
      LocalOrderParameter.Geometry geometry = null;
      if (w != 0) {
        List<double[]> positions = new ArrayList<>();
        for (CrystalNN.Neighbour nb : data.cnNeighbours().get(cn)) {
          positions.add(nb.cartesian());
        }
        // one geometry for all motifs of this CN: they share its angles
        geometry = LocalOrderParameter.Geometry.of(data.centre(), positions);
      }
      for (Motif m : motifs) {
        if (w == 0) {
          out[k++] = 0.0;
        } else {
          double v = m.parameter().compute(geometry);
          out[k++] = Double.isNaN(v) ? 0.0 : w * v;
        }
      }
    }
    return out;
  }

  /**
   * The structure fingerprint: the mean of the site fingerprints.
   *
   * @param structure a structure
   * @return 61 values, or empty when some site has no fingerprint (disordered site, element
   *     without a covalent radius, unbounded Voronoi cell) — CDVAE then has none either
   */
  public static Optional<double[]> of(Structure structure) {
    Objects.requireNonNull(structure, "structure");
    double[] sum = new double[LENGTH];
    try {
      for (int i = 0; i < structure.size(); i++) {
        double[] f = site(structure, i);
        for (int k = 0; k < LENGTH; k++) {
          sum[k] += f[k];
        }
      }
    } catch (FingerprintException e) {
      return Optional.empty();
    }
    for (int k = 0; k < LENGTH; k++) {
      sum[k] /= structure.size();
    }
    return Optional.of(sum);
  }
}
