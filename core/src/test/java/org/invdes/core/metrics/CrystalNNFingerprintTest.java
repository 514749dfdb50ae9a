package org.invdes.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * {@link CrystalNN} and {@link CrystalNNFingerprint} against pymatgen on hand-built crystals.
 *
 * <p>Every expected number below is pymatgen 2022.11 output on the hand-built crystals of this
 * class: {@code tests/bench/crystalnn-handbuilt-pymatgen.py} builds the same crystals and prints
 * each site's {@code CrystalNN().get_nn_data(s, i).cn_weights} and the non-zero entries of the
 * structure fingerprint (matminer's {@code CrystalNNFingerprint.from_preset("ops")} averaged over
 * the sites, written out from pymatgen's CrystalNN and LocalStructOrderParams since matminer is
 * not installed). The crystals cover every coordination number from 1 to 14 and every motif's
 * order parameter (the triclinic cells A and B have no symmetry, so no two neighbours tie).
 */
class CrystalNNFingerprintTest {
  /** Agreement asked of every value (dimensionless); pymatgen and we differ by rounding only. */
  private static final double TOLERANCE = 1e-9;

  private record Expected(List<Map<Integer, Double>> cnWeights, Map<Integer, Double> fingerprint) {
  }

  private static Map<Integer, Double> cn(Number... kv) {
    Map<Integer, Double> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i].intValue(), kv[i + 1].doubleValue());
    }
    return m;
  }

  private static Map<Integer, Double> fp(Number... kv) {
    return cn(kv);
  }

  private static final double T = 1.0 / 3;

  private static Structure crystal(Lattice lattice, List<String> species, double[]... frac) {
    List<Element> elements = species.stream().map(Element::of).toList();
    return Structure.of(lattice, elements, List.of(frac));
  }

  private static List<String> times(String symbol, int n) {
    return java.util.Collections.nCopies(n, symbol);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The crystals of the Python script, built the same way. */
  static Map<String, Structure> crystals() {
    Map<String, Structure> m = new LinkedHashMap<>();
    m.put("NaCl rock salt a=5.6402", crystal(Lattice.cubic(5.6402),
        concat(times("Na", 4), times("Cl", 4)),
        new double[] {0, 0, 0}, new double[] {0, .5, .5}, new double[] {.5, 0, .5},
        new double[] {.5, .5, 0}, new double[] {.5, .5, .5}, new double[] {.5, 0, 0},
        new double[] {0, .5, 0}, new double[] {0, 0, .5}));
    m.put("CsCl a=4.12", crystal(Lattice.cubic(4.12), List.of("Cs", "Cl"),
        new double[] {0, 0, 0}, new double[] {.5, .5, .5}));
    m.put("diamond Si a=5.431", crystal(Lattice.cubic(5.431), times("Si", 8),
        new double[] {0, 0, 0}, new double[] {0, .5, .5}, new double[] {.5, 0, .5},
        new double[] {.5, .5, 0}, new double[] {.25, .25, .25}, new double[] {.25, .75, .75},
        new double[] {.75, .25, .75}, new double[] {.75, .75, .25}));
    m.put("SrTiO3 cubic a=3.905", crystal(Lattice.cubic(3.905),
        List.of("Sr", "Ti", "O", "O", "O"), new double[] {0, 0, 0}, new double[] {.5, .5, .5},
        new double[] {.5, .5, 0}, new double[] {.5, 0, .5}, new double[] {0, .5, .5}));
    m.put("wurtzite ZnO a=3.2495 c=5.2069 u=0.3819", crystal(Lattice.hexagonal(3.2495, 5.2069),
        List.of("Zn", "Zn", "O", "O"), new double[] {T, 2 * T, 0}, new double[] {2 * T, T, .5},
        new double[] {T, 2 * T, .3819}, new double[] {2 * T, T, .8819}));
    double u = .3048;
    m.put("rutile TiO2 a=4.594 c=2.959 u=0.3048", crystal(Lattice.tetragonal(4.594, 2.959),
        List.of("Ti", "Ti", "O", "O", "O", "O"), new double[] {0, 0, 0},
        new double[] {.5, .5, .5}, new double[] {u, u, 0}, new double[] {1 - u, 1 - u, 0},
        new double[] {.5 + u, .5 - u, .5}, new double[] {.5 - u, .5 + u, .5}));
    m.put("fcc Cu a=3.615", crystal(Lattice.cubic(3.615), times("Cu", 4),
        new double[] {0, 0, 0}, new double[] {0, .5, .5}, new double[] {.5, 0, .5},
        new double[] {.5, .5, 0}));
    m.put("hcp Mg a=3.209 c=5.211", crystal(Lattice.hexagonal(3.209, 5.211), times("Mg", 2),
        new double[] {T, 2 * T, .25}, new double[] {2 * T, T, .75}));
    m.put("AA-stacked h-BN a=2.504 c=6.66", crystal(Lattice.hexagonal(2.504, 6.66),
        List.of("B", "N"), new double[] {T, 2 * T, 0}, new double[] {2 * T, T, 0}));
    m.put("triclinic cell A (Mg Si O3 Al)", crystal(
        Lattice.fromParameters(3.9, 4.6, 5.2, 82, 97, 106),
        List.of("Mg", "Si", "O", "O", "O", "Al"), new double[] {.1, .2, .3},
        new double[] {.55, .45, .8}, new double[] {.3, .8, .1}, new double[] {.85, .1, .6},
        new double[] {.6, .7, .45}, new double[] {.2, .55, .75}));
    m.put("triclinic cell B (Ca Ti O2 N F)", crystal(
        Lattice.fromParameters(3.4, 3.9, 4.3, 75, 99, 111),
        List.of("Ca", "Ti", "O", "O", "N", "F"), new double[] {.05, .1, .2},
        new double[] {.5, .5, .6}, new double[] {.35, .75, .05}, new double[] {.8, .15, .45},
        new double[] {.65, .6, .95}, new double[] {.15, .45, .65}));
    m.put("Ar alone in a cube a=8", crystal(Lattice.cubic(8.0), List.of("Ar"),
        new double[] {0, 0, 0}));
    return m;
  }

  private static Map<String, Expected> expected() {
    Map<String, Expected> expected = new LinkedHashMap<>();
    expected.put("NaCl rock salt a=5.6402", new Expected(List.of(
        cn(6, 1.0),
        cn(6, 1.0),
        cn(6, 1.0),
        cn(6, 1.0),
        cn(6, 1.0),
        cn(6, 1.0),
        cn(6, 1.0),
        cn(6, 1.0)),
        fp(22, 1.0, 23, 0.20006794264703334, 24, 1.0, 25, 0.5000000000000001)));
    expected.put("CsCl a=4.12", new Expected(List.of(
        cn(8, 0.8792244309754451, 14, 0.12077556902455491),
        cn(8, 1.0)),
        fp(29, 0.9396122154877226, 30, 0.9396122154877227, 31, 0.40714584565162415, 50,
            0.060387784512277456)));
    expected.put("diamond Si a=5.431", new Expected(List.of(
        cn(4, 1.0),
        cn(4, 1.0),
        cn(4, 1.0),
        cn(4, 1.0),
        cn(4, 1.0),
        cn(4, 1.0),
        cn(4, 1.0),
        cn(4, 1.0)),
        fp(12, 1.0, 13, 0.07996807066636838, 14, 1.0, 15, 0.0070245645476978555, 16,
            0.2342535899783081, 17, 0.2452095646033771)));
    expected.put("SrTiO3 cubic a=3.905", new Expected(List.of(
        cn(12, 1.0),
        cn(6, 1.0),
        cn(2, 0.5175012056025065, 6, 0.4824987943974935),
        cn(2, 0.5175012056025065, 6, 0.4824987943974935),
        cn(2, 0.5175012056025065, 6, 0.4824987943974935)),
        fp(2, 0.3105007233615039, 3, 1.0765103593769279e-13, 4, 1.1161299649145129e-08, 5,
            1.803779516295913e-05, 6, 0.03606683449583261, 7, 0.3105007233615039, 22,
            0.48949927663849613, 23, 0.09793311320427497, 24, 0.48949927663849613, 25,
            0.2447496383192481, 44, 0.2, 45, 0.2, 46, 5.6359060809487464e-18, 47,
            0.03818813079129868, 48, 0.11490485194281397)));
    expected.put("wurtzite ZnO a=3.2495 c=5.2069 u=0.3819", new Expected(List.of(
        cn(3, 0.010634457804566809, 4, 0.9855458292908134, 10, 0.0038197129046198017),
        cn(3, 0.010634457804566809, 4, 0.9855458292908134, 10, 0.0038197129046198017),
        cn(3, 0.010634457804566809, 4, 0.9893655421954332),
        cn(3, 0.010634457804566809, 4, 0.9893655421954332)),
        fp(8, 0.010634457804566809, 9, 0.0046235150369325715, 10, 0.010503593169240606, 11,
            0.001399875765512567, 12, 0.9874556857431233, 13, 0.10045534028158862, 14,
            0.9783626631342408, 15, 0.0121447948152454, 16, 0.2798836407529778, 17,
            0.2912203945029408, 36, 0.0019098564523099008, 37, 0.0005850736974306024, 38,
            0.0007252695056615332, 39, 0.0005610626895077166)));
    expected.put("rutile TiO2 a=4.594 c=2.959 u=0.3048", new Expected(List.of(
        cn(4, 0.004447142652306284, 6, 0.9955528573476937),
        cn(4, 0.004447142652306284, 6, 0.9955528573476937),
        cn(2, 0.004447142652306284, 3, 0.9955528573476937),
        cn(2, 0.004447142652306284, 3, 0.9955528573476937),
        cn(2, 0.004447142652306284, 3, 0.9955528573476937),
        cn(2, 0.004447142652306284, 3, 0.9955528573476937)),
        fp(2, 0.0029647617682041893, 3, 0.002254228266050999, 4, 0.0026932900584216816, 5,
            0.0008768392726984168, 6, 5.6003776244575874e-06, 7, 1.419695110603115e-06, 8,
            0.6637019048984625, 9, 0.3901635045865699, 10, 0.18377309752120796, 11,
            0.24984446909431626, 12, 0.0014823808841020946, 13, 0.0011740329191196979, 14,
            0.00040596242464534016, 15, 0.0010516410818122118, 16, 0.0008616079730046676, 17,
            0.0005563862846915739, 22, 0.33185095244923124, 23, 0.06810607956155583, 24,
            0.31972787357421084, 25, 0.1659254762246156)));
    expected.put("fcc Cu a=3.615", new Expected(List.of(
        cn(12, 1.0),
        cn(12, 1.0),
        cn(12, 1.0),
        cn(12, 1.0)),
        fp(44, 1.0, 45, 1.0, 46, 2.846546884171825e-17, 47, 0.1909406539564934, 48,
            0.5745242597140698)));
    expected.put("hcp Mg a=3.209 c=5.211", new Expected(List.of(
        cn(6, 0.002653974118361738, 12, 0.9973460258816382),
        cn(6, 0.002653974118361738, 12, 0.9973460258816382)),
        fp(22, 0.002653974118361738, 23, 0.0008778552716063728, 24, 0.00010658155952829491, 25,
            0.00025902735603449377, 44, 0.9973460258816382, 45, 0.9973460258816382, 46,
            0.0018659130866057229, 47, 0.09438622671530035, 48, 0.48286140554331375)));
    expected.put("AA-stacked h-BN a=2.504 c=6.66", new Expected(List.of(
        cn(3, 1.0),
        cn(3, 1.0)),
        fp(8, 1.0, 9, 1.0, 10, 0.281412727555907, 11, 0.0355503401147811)));
    expected.put("triclinic cell A (Mg Si O3 Al)", new Expected(List.of(
        cn(0, 1.1102230246251565e-16, 1, 0.34322533124452353, 2, 0.2952158596355581, 3,
            0.02936998787364013, 4, 0.02462918409632825, 5, 0.18424935080276036, 6,
            0.03933752486582543, 7, 0.01143742578133978, 8, 0.007628279327715572, 9,
            0.057267664940768966, 10, 0.007639391431539846),
        cn(1, 0.021530829294911385, 2, 0.5480781010058358, 3, 0.29694698101801087, 4,
            0.02788666913123445, 5, 0.02285516336625943, 6, 0.07378965215799763, 7,
            0.008912604025750507),
        cn(0, 1.1102230246251565e-16, 1, 0.11494698580462255, 2, 0.410777993366745, 3,
            0.30038840786473936, 4, 0.1738866129638931),
        cn(1, 0.29601871365703547, 2, 0.5124552513782376, 3, 0.08469982235977654, 4,
            0.10682621260495054),
        cn(1, 0.23798243701414953, 2, 0.27834608133874134, 3, 0.07005649953957012, 4,
            0.155687094323673, 5, 0.09539935568967983, 6, 0.15998205470236956, 7,
            0.0025464773918165806),
        cn(1, 0.053282945239791345, 2, 0.09694097096011978, 3, 0.1324977935735263, 4,
            0.2868872205273097, 5, 0.2754420450602369, 6, 0.06335504480834266, 7,
            0.08904750243885678, 8, 0.0025464773918165806)),
        fp(0, 0.17783120704250563, 1, 0.17783120704250563, 2, 0.3569690429475396, 3,
            0.15192455324268841, 4, 0.08330554013528409, 5, 0.07650164189655802, 6,
            0.06634503649042024, 7, 0.013948583835824464, 8, 0.15232658203821056, 9,
            0.030346739683556945, 10, 0.024588968533784384, 11, 0.07643072922675191, 12,
            0.1293004989412315, 13, 0.05429985982456198, 14, 0.021690564844879263, 15,
            0.0513599823970724, 16, 0.0578067715569319, 17, 0.05248577825197629, 18,
            0.09632431915315609, 19, 0.040991495863688006, 20, 0.027200492493330005, 21,
            0.035968830116630414, 22, 0.056077379422422545, 23, 0.018122250872014207, 24,
            0.01793530389300596, 25, 0.02166431459318288, 26, 0.018657334939627276, 27,
            0.008319902668223652, 28, 0.01684665128555436, 29, 0.0016957927865886922, 30,
            3.6045793622295943e-06, 31, 0.0015268771473283028, 32, 0.009544610823461494, 33,
            0.0033559618631365464, 34, 0.0017310368785476702, 35, 0.003429906769450082, 36,
            0.001273231905256641, 37, 0.0003411206313458169, 38, 0.00022311414429438761, 39,
            0.00044109118391062074)));
    expected.put("triclinic cell B (Ca Ti O2 N F)", new Expected(List.of(
        cn(0, 1.1102230246251565e-16, 1, 0.4470141201830809, 2, 0.12618210736767424, 3,
            0.037305464359733614, 4, 0.038928467477553456, 6, 0.04177560769675591, 7,
            0.028474289898314714, 8, 0.07119260789685289, 9, 0.04533611931664753, 10,
            0.035412994219626945, 11, 0.06474278012692651, 12, 0.06108896406501675, 13,
            0.0012732380592880407, 14, 0.00127323933252854),
        cn(1, 0.3767305065843491, 2, 0.30461019491202107, 3, 0.012334577472067863, 4,
            0.017321683201178883, 5, 0.032321746928572204, 6, 0.16762736322317848, 7,
            0.034321503846951235, 8, 0.011450621325381908, 10, 0.026730154654441445, 11,
            0.016551647851857816),
        cn(1, 0.1588155730424186, 2, 0.22448616391257126, 3, 0.0321334074024035, 4,
            0.025901836665922866, 5, 0.43155159054622194, 6, 0.043138666949097654, 7,
            0.08269952214883562, 8, 0.00127323933252854),
        cn(1, 0.34109027211051224, 2, 0.20471300279219326, 3, 0.04058174298975552, 4,
            0.10482074919233707, 5, 0.2846041371690669, 6, 0.024190095746135024),
        cn(1, 0.08267274304413974, 2, 0.45012173148904355, 3, 0.09104319024788965, 4,
            0.14571847270873367, 5, 0.008769519334866758, 6, 0.13643116061380334, 7,
            0.01652167667535597, 8, 0.06872150588616731),
        cn(0, 1.1102230246251565e-16, 1, 0.530435892372468, 2, 0.16323938659596995, 3,
            0.007416146053794388, 4, 0.1540742760205374, 5, 0.026593933285009565, 6,
            0.11696712633969208, 7, 0.00127323933252854)),
        fp(0, 0.3227931845561614, 1, 0.3227931845561614, 2, 0.2455587645115789, 3,
            0.08511804465484119, 4, 0.14631558895440816, 5, 0.10853746264065507, 6,
            0.04515268304316116, 7, 0.03678926687503883, 8, 0.03680242142094076, 9,
            0.013082175356780032, 10, 0.014515487124736859, 11, 0.010073465978127891, 12,
            0.08112758087771055, 13, 0.033614359268267356, 14, 0.033357630862104366, 15,
            0.04563980606594703, 16, 0.03664326664408116, 17, 0.03192210747176422, 18,
            0.13064015454395625, 19, 0.053987984760072376, 20, 0.0618974805960798, 21,
            0.056127579532785236, 22, 0.08835500342811042, 23, 0.028462342282203124, 24,
            0.03237340911014624, 25, 0.038655948331790944, 26, 0.02721503865033102, 27,
            0.011469601031564407, 28, 0.012987622657541234, 29, 0.025439662406821772, 30,
            -0.001717717903295646, 31, 0.0092074360706109, 32, 0.007556019886107921, 33,
            0.0011086694178031125, 34, 0.0017545577834823477, 35, 0.002230024501895868, 36,
            0.010357191479011398, 37, 0.001410279486720522, 38, 0.0026283648589986337, 39,
            0.0028275735480106858, 40, 0.013549071329797388, 41, 0.0015796489240901468, 42,
            0.002963384596986029, 43, 0.003824175423953993, 44, 0.010181494010836125, 45,
            0.005912146949924083, 46, 0.00148385498016041, 47, 0.0020400492806934628, 48,
            0.0029371934170575736, 49, 0.00021220634321467345, 50, 0.00021220655542142334)));
    expected.put("Ar alone in a cube a=8", new Expected(List.of(
        cn(0, 1.0)),
        fp()));
    return expected;
  }

  @Test
  void coordinationWeightsAgreeWithPymatgen() {
    Map<String, Expected> expected = expected();
    for (Map.Entry<String, Structure> e : crystals().entrySet()) {
      Structure s = e.getValue();
      List<Map<Integer, Double>> want = expected.get(e.getKey()).cnWeights();
      assertEquals(want.size(), s.size(), e.getKey());
      for (int i = 0; i < s.size(); i++) {
        Map<Integer, Double> got = CrystalNN.standard().neighbours(s, i).cnWeights();
        String where = e.getKey() + " site " + i + ": got " + got + ", pymatgen " + want.get(i);
        for (int cn = 0; cn <= 30; cn++) {
          assertEquals(want.get(i).getOrDefault(cn, 0.0), got.getOrDefault(cn, 0.0), TOLERANCE,
              where);
        }
        double sum = got.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, sum, 1e-12, where);
      }
    }
  }

  @Test
  void structureFingerprintsAgreeWithPymatgen() {
    Map<String, Expected> expected = expected();
    for (Map.Entry<String, Structure> e : crystals().entrySet()) {
      double[] got = CrystalNNFingerprint.of(e.getValue()).orElseThrow();
      Map<Integer, Double> want = expected.get(e.getKey()).fingerprint();
      assertEquals(CrystalNNFingerprint.LENGTH, got.length);
      for (int k = 0; k < got.length; k++) {
        assertEquals(want.getOrDefault(k, 0.0), got[k], TOLERANCE,
            e.getKey() + " feature " + k + " (" + CrystalNNFingerprint.labels().get(k) + ")");
      }
    }
  }

  @Test
  void labelsFollowMatminer() {
    List<String> labels = CrystalNNFingerprint.labels();
    assertEquals(61, labels.size());
    assertEquals("wt CN_1", labels.get(0));
    assertEquals("sgl_bd CN_1", labels.get(1));
    assertEquals("octahedral CN_6", labels.get(24));
    assertEquals("body-centered cubic CN_8", labels.get(30));
    assertEquals("cuboctahedral CN_12", labels.get(45));
    assertEquals("wt CN_24", labels.get(60));
  }

  @Test
  void aSiteWithoutNeighboursWithinSevenAngstromWidensTheSearch() {
    // Ar in an 8 Å cube: no atom within 7 Å, so the first Voronoi cell is unbounded; with 14 Å it
    // is the cube, and every neighbour (8 Å) is beyond 2 r_cov + 1 Å: CN 0 only (pymatgen agrees)
    Structure ar = crystals().get("Ar alone in a cube a=8");
    assertEquals(Map.of(0, 1.0), CrystalNN.standard().neighbours(ar, 0).cnWeights());
  }

  @Test
  void noFingerprintForElementsWithoutCovalentRadiusOrDisorderedSites() {
    // pymatgen raises TypeError for Bk (no covalent or atomic radius)
    Structure bk = crystal(Lattice.cubic(3.5), List.of("Bk"), new double[] {0, 0, 0});
    FingerprintException e = assertThrows(FingerprintException.class,
        () -> CrystalNN.standard().neighbours(bk, 0));
    assertTrue(e.getMessage().contains("Bk"), e.getMessage());
    assertTrue(CrystalNNFingerprint.of(bk).isEmpty());
    Structure cuAu = Structure.of(Lattice.cubic(3.87), List.of(Site.of(Map.of(Element.of("Cu"),
        0.5, Element.of("Au"), 0.5), new double[] {0, 0, 0}, "CuAu")));
    assertTrue(CrystalNNFingerprint.of(cuAu).isEmpty());
  }

  @Test
  void aCellCollapsedToASliverGetsTheFingerprintOfTheFullSearch() {
    // a cell an undertrained generator decoded: 0.14 Å³ (angles 107.8°, 108.6°, 143.6°), so
    // about 20,000 periodic images within 7 Å of each atom (with 14 atoms, 190,000: searching
    // them all took half an hour); its lattice holds vectors far shorter than its 4.5 Å edges
    Lattice sliver = Lattice.fromParameters(4.5727, 4.5118, 5.0408, 107.7716, 108.6177,
        143.6106);
    assertTrue(sliver.volume() < 0.15, "volume " + sliver.volume());
    Structure s = crystal(sliver, List.of("Ba", "O"), new double[] {0.43, 0.35, 0.74},
        new double[] {0.27, 0.54, 0.20});
    for (int i = 0; i < s.size(); i++) {
      CrystalNN.NeighbourData pruned = CrystalNN.standard().neighbours(s, i);
      CrystalNNPropertiesTest.assertSameNeighbourData(
          CrystalNN.fullSearch().neighbours(s, i), pruned);
      // every neighbour is far nearer than the covalent radii: only the face weights count
      assertTrue(pruned.neighbours().get(0).distance() < 1, pruned.neighbours().toString());
    }
    assertTrue(CrystalNNFingerprint.of(s).isPresent());
  }

  @Test
  void aNeedleOfLatticePointsIsRefusedBeforeItsImagesAreEnumerated() {
    // lattice points 0.005 Å apart in a plane, 20 Å between planes: the Voronoi cell is a needle
    // reaching 10 Å, so it stays open while the search grows, until a sphere would hold more
    // than CrystalNN.MAX_IMAGES images (3.2 Å: 270,000; 7 Å: 2.9 million)
    Structure needle = crystal(Lattice.orthorhombic(0.005, 0.005, 20), List.of("C"),
        new double[] {0, 0, 0});
    FingerprintException e = assertThrows(FingerprintException.class,
        () -> CrystalNN.standard().neighbours(needle, 0));
    assertTrue(e.getMessage().contains("periodic images"), e.getMessage());
    assertTrue(CrystalNNFingerprint.of(needle).isEmpty());
  }

  @Test
  void roundingIsPythonsRoundHalfEvenOnTheBinaryValue() {
    assertEquals(0.001, CrystalNN.roundHalfEven3(0.0005), 0); // 0.0005 is stored just above
    assertEquals(0.0, CrystalNN.roundHalfEven3(0.00049999), 0);
    assertEquals(0.124, CrystalNN.roundHalfEven3(0.1245), 0); // stored just below 0.1245
    assertEquals(1.0, CrystalNN.roundHalfEven3(0.99999976), 0);
  }

  @Test
  void semicircleIntegralIsTheNormalisedAreaUnderTheUnitSemicircle() {
    assertEquals(0.0, CrystalNN.semicircle(0), 0);
    assertEquals(1.0, CrystalNN.semicircle(1), 0);
    // from 0 to 1/2: (1/2 * sqrt(3)/2 + pi/6) / 2 / (pi/4)
    assertEquals((Math.sqrt(3) / 4 + Math.PI / 6) / 2 / (Math.PI / 4), CrystalNN.semicircle(0.5),
        1e-15);
  }
}
