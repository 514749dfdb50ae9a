package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** Fitting: statistics worked out by hand, determinism, and the errors that name the input. */
class EncoderFitTest {
  private static Structure cubicFe(double a, Map<String, ?> props) {
    return Structure.of(Lattice.cubic(a), List.of(Site.of(Element.of("Fe"), 0, 0, 0)), props);
  }

  /**
   * Cubic cells of 2 Å and 8 Å: ln-lengths ln 2 and ln 8, mean ln 4, population standard
   * deviation ln 2; angles all 90°, standard deviation 0, so the scale is the 1° floor. A 2 Å
   * cell then encodes as z = (ln 2 − ln 4)/ln 2 = −1 and 90° as 0. Property {@code e}: values 1
   * and 3 (the third structure lacks it): mean 2, standard deviation 1; 1 encodes as −1.
   */
  @Test
  void statisticsMatchTheHandComputedValues() {
    List<Structure> training = List.of(cubicFe(2, Map.of("e", 1.0)),
        cubicFe(8, Map.of("e", 3.0)), cubicFe(4, Map.of()));
    // lattice statistics from the first two cells (a third cell would change the deviation)
    Encoder two = Encoder.fit(training.subList(0, 2), EncoderOptions.defaults());
    double ln2 = Math.log(2);
    assertArrayEquals(new double[] {2 * ln2, 2 * ln2, 2 * ln2, 90, 90, 90},
        two.config().latticeMean(), 1e-15);
    assertArrayEquals(new double[] {ln2, ln2, ln2, 1, 1, 1}, two.config().latticeScale(), 1e-15);
    assertArrayEquals(new float[] {-1, -1, -1, 0, 0, 0}, two.encode(training.get(0)).lattice(),
        1e-7f);

    Encoder withE = Encoder.fit(training, EncoderOptions.builder().optProperties("e").build());
    assertArrayEquals(new double[] {2}, withE.config().propertyMean(), 0);
    assertArrayEquals(new double[] {1}, withE.config().propertyScale(), 0);
    assertArrayEquals(new float[] {-1}, withE.encode(training.get(0)).properties(), 0);
    assertTrue(Float.isNaN(withE.encode(training.get(2)).properties()[0]));
    assertEquals(3.0, withE.denormaliseProperty("e", 1f), 0);
    assertEquals(1f, withE.normaliseProperty("e", 3.0), 0);
    // a decoded NaN property is left out rather than stored as NaN
    assertTrue(withE.decode(withE.encode(training.get(2))).properties().isEmpty());
    assertEquals(Map.of("e", 1.0), withE.decode(withE.encode(training.get(0))).properties());
  }

  @Test
  void constantPropertyGetsUnitScale() {
    Encoder enc = Encoder.fit(List.of(cubicFe(3, Map.of("e", 5L)), cubicFe(4, Map.of("e", 5L))),
        EncoderOptions.builder().optProperties("e").build());
    assertArrayEquals(new double[] {1}, enc.config().propertyScale(), 0);
    assertArrayEquals(new float[] {0}, enc.encode(cubicFe(3, Map.of("e", 5L))).properties(), 0);
  }

  @Test
  void vocabularyAndSiteBudgetAreFittedFromTheData() {
    Structure a = TestCrystals.rockSalt();
    Structure b = TestCrystals.perovskite();
    Encoder enc = Encoder.fit(List.of(a, b), EncoderOptions.defaults());
    assertEquals(List.of(Element.of("O"), Element.of("Na"), Element.of("Cl"), Element.of("Ti"),
        Element.of("Sr")), enc.config().vocabulary());
    assertEquals(8, enc.config().maxSites());
    assertEquals(6, enc.layout().elementClasses());
    assertEquals(Element.of("Na"), enc.config().elementOf(2));
    assertEquals(5, enc.config().classOf(Element.of("Sr")));
  }

  /** The layout arithmetic of a configuration with every channel on, counted by hand. */
  @Test
  void layoutOffsetsAddUp() {
    Structure sto = TestCrystals.perovskite().withProperties(Map.of("e", 1.0, "g", 2.0));
    Encoder enc = Encoder.fit(List.of(sto), EncoderOptions.builder()
        .optMaxSites(4 + 1).optOccupancyChannel(true).optFourier(1)
        .optProperties("e", "g").build());
    EncodingLayout l = enc.layout();
    // vocabulary O, Ti, Sr: 4 classes; a row is 4 + 3 + 1 = 8 floats; 13 reflections
    assertEquals(4, l.elementClasses());
    assertEquals(8, l.siteChannels());
    assertEquals(4, l.coordinateChannel());
    assertEquals(7, l.occupancyChannel());
    assertEquals(6, l.sitesOffset());
    assertEquals(6 + 2 * 8, l.siteOffset(2));
    assertEquals(6 + 40, l.fourierOffset());
    assertEquals(26, l.fourierSize());
    assertEquals(6 + 40 + 26, l.propertiesOffset());
    assertEquals(6 + 40 + 26 + 2, l.length());
    assertEquals(l.length(), enc.encode(sto).features().length);
  }

  @Test
  void fittingIsDeterministicAndIndependentOfTrainingOrder() {
    List<Structure> training = TestCrystals.randomStructures(99L, 300, TestCrystals.POOL, 20);
    EncoderOptions options = EncoderOptions.builder().optFourier(1).optProperties("e").build();
    EncodingConfig first = Encoder.fit(training, options).config();
    assertEquals(first, Encoder.fit(training, options).config());
    List<Structure> shuffled = new ArrayList<>(training);
    Collections.shuffle(shuffled, new Random(5));
    EncodingConfig other = Encoder.fit(shuffled, options).config();
    assertEquals(first, other);
    assertEquals(first.toJson(), other.toJson());
    Collections.reverse(shuffled);
    assertEquals(first, Encoder.fit(shuffled, options).config());
  }

  // ------------------------------------------------------------------ errors

  @Test
  void tooManySitesNamesTheStructureTheCountAndTheLimit() {
    Encoder enc = Encoder.fit(List.of(TestCrystals.perovskite()), EncoderOptions.defaults());
    Structure big = TestCrystals.rockSalt();
    Structure naclWithSr = big.withSites(replaceFirst(big, Element.of("Sr")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> enc.encode(naclWithSr));
    // the formula is pymatgen's, ordered by electronegativity (Na 0.93 before Sr 0.95)
    assertEquals("structure 'NaCl-rocksalt' (Na3SrCl4) has 8 sites; the encoding holds at most"
        + " 5 (maxSites)", e.getMessage());
    assertEquals(e.getMessage(), enc.problem(naclWithSr).orElseThrow());
    e = assertThrows(IllegalArgumentException.class,
        () -> enc.encodeAll(List.of(TestCrystals.perovskite(), naclWithSr)));
    assertTrue(e.getMessage().startsWith("structure #1: structure 'NaCl-rocksalt'"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Encoder.fit(
        List.of(TestCrystals.perovskite(), big), EncoderOptions.builder().optMaxSites(5).build()));
    assertTrue(e.getMessage().startsWith("training structure #1: structure 'NaCl-rocksalt'")
        && e.getMessage().contains("8 sites") && e.getMessage().contains("at most 5"),
        e.getMessage());
  }

  @Test
  void unknownElementNamesTheElementAndTheVocabulary() {
    Encoder enc = Encoder.fit(List.of(TestCrystals.perovskite()), EncoderOptions.defaults());
    Structure s = Structure.of(Lattice.cubic(4), List.of(Site.of(Element.of("Pu"), 0, 0, 0),
        Site.of(Element.of("O"), 0.5, 0.5, 0.5)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> enc.encode(s));
    assertEquals("structure PuO (no id) contains Pu, which is not in the encoding's vocabulary"
        + " of 3 elements [O, Ti, Sr]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Encoder.fit(List.of(s),
        EncoderOptions.builder().optVocabulary(List.of(Element.of("O"))).build()));
    assertTrue(e.getMessage().contains("Pu, which is not in"), e.getMessage());
    // a fixed vocabulary may hold elements the training data lacks
    Encoder wide = Encoder.fit(List.of(TestCrystals.perovskite()), EncoderOptions.builder()
        .optVocabulary(List.of(Element.of("Pu"), Element.of("O"), Element.of("Ti"),
            Element.of("Sr"))).build());
    assertEquals(List.of(Element.of("O"), Element.of("Ti"), Element.of("Sr"), Element.of("Pu")),
        wide.config().vocabulary());
    TestCrystals.assertSameUpToOrder(s, wide.decode(wide.encode(s)), 1e-6, 1e-7);
  }

  @Test
  void disorderIsRejectedOrResolvedToTheMajorElement() {
    // species listed Fe first, so that the tie is not decided by listing order
    Map<Element, Double> sixFour = new LinkedHashMap<>();
    sixFour.put(Element.of("Fe"), 0.6);
    sixFour.put(Element.of("Ni"), 0.4);
    Map<Element, Double> half = new LinkedHashMap<>();
    half.put(Element.of("Fe"), 0.5);
    half.put(Element.of("Ni"), 0.5);
    Site mixed = Site.of(sixFour, new double[3], "M1");
    Site tie = Site.of(half, new double[] {0.5, 0.5, 0.5}, "M2");
    Structure s = Structure.of(Lattice.cubic(2.9), List.of(mixed, tie), Map.of("id", "alloy"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Encoder.fit(List.of(s), EncoderOptions.defaults()));
    assertTrue(e.getMessage().startsWith("training structure #0: structure 'alloy' (Fe1.1Ni0.9) has a"
        + " disordered site 0 (Fe:0.6 Ni:0.4)"), e.getMessage());

    // major element: Fe (0.6) on site 0; the 0.5/0.5 tie goes to the larger Z, Ni (28 > 26)
    Encoder occ = Encoder.fit(List.of(s), EncoderOptions.builder()
        .optDisorderPolicy(DisorderPolicy.MAJOR_ELEMENT).optOccupancyChannel(true).build());
    Structure d = occ.decode(occ.encode(s));
    assertEquals(List.of(Element.of("Ni"), Element.of("Fe")),
        List.of(d.site(0).majorElement(), d.site(1).majorElement()));
    assertEquals(Map.of(Element.of("Ni"), 0.5), d.site(0).species());
    assertEquals(0.6, d.site(1).species().get(Element.of("Fe")), 1e-7);
    Encoder plain = Encoder.fit(List.of(s), EncoderOptions.builder()
        .optDisorderPolicy(DisorderPolicy.MAJOR_ELEMENT).build());
    Structure p = plain.decode(plain.encode(s));
    assertTrue(p.isOrdered());
    assertEquals("FeNi", p.composition().reducedFormula());
  }

  @Test
  void propertiesMustBeNumbers() {
    Structure s = cubicFe(3, Map.of("e", "high"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Encoder.fit(List.of(s), EncoderOptions.builder().optProperties("e").build()));
    assertTrue(e.getMessage().contains("property 'e' = high (String)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Encoder.fit(
        List.of(cubicFe(3, Map.of())), EncoderOptions.builder().optProperties("e").build()));
    assertEquals("property 'e' has no numeric value in any of the 1 training structures",
        e.getMessage());
    Encoder enc = Encoder.fit(List.of(cubicFe(3, Map.of("e", 1.0))),
        EncoderOptions.builder().optProperties("e").build());
    e = assertThrows(IllegalArgumentException.class,
        () -> enc.encode(cubicFe(3, Map.of("e", Double.POSITIVE_INFINITY))));
    assertTrue(e.getMessage().contains("finite"), e.getMessage());
  }

  @Test
  void optionsValidateTheirArguments() {
    assertThrows(IllegalArgumentException.class, () -> Encoder.fit(List.of(),
        EncoderOptions.defaults()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EncoderOptions.builder().optMaxSites(0));
    assertEquals("maxSites is 0; must be at least 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> EncoderOptions.builder().optFourier(7));
    assertEquals("Fourier index bound is 7; must be in 1..6", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> EncoderOptions.builder().optFourierHkl(List.of(new int[] {0, 0, 0})));
    assertTrue(e.getMessage().contains("(0, 0, 0)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EncoderOptions.builder()
        .optFourierHkl(List.of(new int[] {1, 0, 0}, new int[] {1, 0, 0})));
    assertEquals("Miller indices [1, 0, 0] are listed twice", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> EncoderOptions.builder().optProperties("e", "e"));
    assertEquals("property 'e' is listed twice", e.getMessage());
  }

  /**
   * A lattice that decoding could not give back is refused at encoding: here a cell with a
   * 0.05 Å edge, below the 0.1 Å bound.
   */
  @Test
  void undecodableLatticesAreRefused() {
    Encoder enc = Encoder.fit(List.of(cubicFe(3, Map.of())), EncoderOptions.defaults());
    Structure thin = Structure.of(Lattice.orthorhombic(0.05, 3, 3),
        List.of(Site.of(Element.of("Fe"), 0, 0, 0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> enc.encode(thin));
    assertTrue(e.getMessage().startsWith("structure Fe (no id): lattice a=0.05")
        && e.getMessage().contains("outside [0.1, 10000.0] Å"), e.getMessage());
  }

  private static List<Site> replaceFirst(Structure s, Element e) {
    List<Site> sites = new ArrayList<>(s.sites());
    sites.set(0, Site.of(e, sites.get(0).frac()));
    return sites;
  }
}
