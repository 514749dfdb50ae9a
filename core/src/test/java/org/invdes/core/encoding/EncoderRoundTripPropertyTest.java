package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.NiggliReduction;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * {@code decode(encode(s)) ≈ s} over random structures: triclinic lattices, 1..20 sites of 21
 * elements, coordinates outside [0, 1). Each encoder is fitted on 200 other random structures of
 * the same kind (seeded), so the structures under test are not its training data. Tolerances:
 * lattice parameters 10⁻⁴ relative and coordinates 10⁻⁴ fractional, as the task requires; the
 * float32 storage of normalised values is checked to do much better (10⁻⁶ relative, 2·10⁻⁷
 * fractional).
 */
class EncoderRoundTripPropertyTest {
  private static final int MAX_SITES = 20;
  private static final List<Structure> TRAINING =
      TestCrystals.randomStructures(20240601L, 200, TestCrystals.POOL, MAX_SITES);

  private static final Encoder PLAIN = Encoder.fit(TRAINING, EncoderOptions.defaults());
  private static final Encoder FULL = Encoder.fit(TRAINING, EncoderOptions.builder()
      .optMaxSites(MAX_SITES).optOccupancyChannel(true).optFourier(2).optProperties("e")
      .build());
  private static final Encoder NIGGLI = Encoder.fit(TRAINING, EncoderOptions.builder()
      .optCellChoice(CellChoice.NIGGLI).optFourier(1).build());

  @Provide
  Arbitrary<Structure> structures() {
    return Arbitraries.randomValue(
        r -> TestCrystals.randomStructure(r, TestCrystals.POOL, MAX_SITES));
  }

  @Property(tries = 300)
  void plainEncodingRoundTrips(@ForAll("structures") Structure s) {
    TestCrystals.assertSameUpToOrder(s, PLAIN.decode(PLAIN.encode(s)), 1e-4, 1e-4);
  }

  @Property(tries = 300)
  void float32StorageIsFarBelowTheRequiredTolerance(@ForAll("structures") Structure s) {
    TestCrystals.assertSameUpToOrder(s, FULL.decode(FULL.encode(s)), 1e-6, 2e-7);
  }

  @Property(tries = 200)
  void fullEncodingRoundTripsWithProperties(@ForAll("structures") Structure s) {
    Structure d = FULL.decode(FULL.encode(s));
    TestCrystals.assertSameUpToOrder(s, d, 1e-4, 1e-4);
    double e = s.doubleProperty("e").getAsDouble();
    assertEquals(e, d.doubleProperty("e").getAsDouble(), 1e-6 * Math.max(1, Math.abs(e)));
  }

  /** With the Niggli cell, the decoded structure is s expressed in its Niggli-reduced cell. */
  @Property(tries = 200)
  void niggliEncodingRoundTripsToTheReducedCell(@ForAll("structures") Structure s) {
    NiggliReduction r = NiggliReduction.reduce(s.lattice());
    List<double[]> frac = new ArrayList<>();
    for (Site site : s.sites()) {
      frac.add(r.toReducedFractional(site.frac()));
    }
    TestCrystals.assertSameUpToOrder(s, r.reduced(), frac, NIGGLI.decode(NIGGLI.encode(s)),
        1e-4, 1e-4);
  }

  @Property(tries = 200)
  void paddingRowsAreExactlyNoAtomWithZeros(@ForAll("structures") Structure s) {
    Encoded e = FULL.encode(s);
    EncodingLayout l = e.layout();
    float[] f = e.features();
    for (int r = s.size(); r < l.maxSites(); r++) {
      int row = l.siteOffset(r);
      for (int c = 0; c < l.siteChannels(); c++) {
        assertEquals(c == 0 ? 1f : 0f, f[row + c], "row " + r + " channel " + c);
      }
    }
    for (int r = 0; r < s.size(); r++) {
      int row = l.siteOffset(r);
      float sum = 0;
      for (int c = 0; c < l.elementClasses(); c++) {
        sum += f[row + c];
      }
      assertEquals(1f, sum, "occupied row " + r + " is one-hot");
      assertEquals(0f, f[row], "occupied row " + r + " is not 'no atom'");
      for (int k = 0; k < 3; k++) {
        float x = f[row + l.coordinateChannel() + k];
        assertEquals(true, x >= 0f && x < 1f, "coordinate " + x + " in [0, 1)");
      }
      assertEquals(1f, f[row + l.occupancyChannel()]);
    }
    assertEquals(s.size(), e.siteCount());
  }

  /** Rows decoded from noisy logits (a model's output) give the same structure. */
  @Property(tries = 100)
  void decodingTakesTheArgmaxOfNoisyLogits(@ForAll("structures") Structure s,
      @ForAll Random random) {
    float[] f = PLAIN.encode(s).features();
    EncodingLayout l = PLAIN.layout();
    for (int r = 0; r < l.maxSites(); r++) {
      for (int c = 0; c < l.elementClasses(); c++) {
        f[l.siteOffset(r) + c] += (float) (0.4 * random.nextDouble() - 0.2);
      }
    }
    TestCrystals.assertSameUpToOrder(s, PLAIN.decode(f), 1e-4, 1e-4);
  }

  @Property(tries = 20)
  void batchEncodingMatchesSingleEncodings(@ForAll Random random) {
    List<Structure> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(TestCrystals.randomStructure(random, TestCrystals.POOL, MAX_SITES));
    }
    float[][] m = FULL.encodeAll(batch);
    float[][][] t = FULL.siteTensor(m);
    List<Structure> back = FULL.decodeAll(m);
    EncodingLayout l = FULL.layout();
    for (int i = 0; i < batch.size(); i++) {
      Encoded e = FULL.encode(batch.get(i));
      assertEquals(e, Encoded.of(l, m[i]));
      assertEquals(l.maxSites(), t[i].length);
      for (int r = 0; r < l.maxSites(); r++) {
        assertEquals(l.siteChannels(), t[i][r].length);
        for (int c = 0; c < l.siteChannels(); c++) {
          assertEquals(m[i][l.sitesOffset() + r * l.siteChannels() + c], t[i][r][c]);
        }
      }
      TestCrystals.assertSameUpToOrder(batch.get(i), back.get(i), 1e-4, 1e-4);
    }
  }

  @Property(tries = 50)
  void vocabularyIsSortedByAtomicNumberWithNoAtomAtZero(@ForAll("structures") Structure s) {
    int[] idx = PLAIN.encode(s).elementIndices();
    for (int r = 0; r < s.size(); r++) {
      Element e = PLAIN.config().elementOf(idx[r]);
      assertEquals(idx[r], PLAIN.config().vocabulary().indexOf(e) + 1);
    }
  }
}
