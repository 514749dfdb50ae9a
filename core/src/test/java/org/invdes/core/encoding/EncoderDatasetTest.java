package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.NiggliReduction;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.TestAbortedException;

/**
 * The encoding on real crystals: the benchmark datasets in {@code ../shared/datasets} (system
 * property {@code invdes.shared}), read in place with {@code org.invdes.core.io} and never
 * copied. Skipped, with the reason, when the data is absent.
 *
 * <p>Every structure of Perov-5, Carbon-24 and the two MP-20 pilot splits must fit the site
 * budget the benchmark states (5, 24, 20) and round-trip through the full encoding (occupancy,
 * Fourier m = 2, the dataset's target property) and the Niggli encoding; random real structures
 * must encode identically when their sites are permuted, and within float precision when each
 * site is moved by its own integer lattice vector.
 */
class EncoderDatasetTest {
  private static final Map<String, List<Structure>> CACHE = new ConcurrentHashMap<>();

  static Optional<Path> dataset(String name) {
    String shared = System.getProperty("invdes.shared");
    if (shared == null || shared.isBlank()) {
      return Optional.empty();
    }
    Path file = Path.of(shared, "datasets", name);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The structures of a dataset file, read once per test run; null when the file is absent. */
  static List<Structure> structures(String name) {
    Path file = dataset(name).orElse(null);
    if (file == null) {
      return null;
    }
    return CACHE.computeIfAbsent(name, n -> {
      try {
        List<ReadResult> results = Structures.read(file, ReadOptions.relaxed());
        List<Structure> ok = new ArrayList<>();
        for (ReadResult r : results) {
          r.structureIfOk().ifPresent(ok::add);
        }
        assertEquals(results.size(), ok.size(), name + ": rows that could not be read");
        return ok;
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "perov_5/val.csv, 5, heat_ref",
      "carbon_24/val.csv, 24, energy_per_atom",
      "mp_20/pilot_train.csv.gz, 20, formation_energy_per_atom",
      "mp_20/pilot_val.csv.gz, 20, formation_energy_per_atom"})
  void everyRealStructureRoundTrips(String name, int maxSites, String property) {
    List<Structure> data = structures(name);
    Assumptions.assumeTrue(data != null, () -> name + " not found under -Dinvdes.shared="
        + System.getProperty("invdes.shared") + "; skipping");
    assertTrue(data.size() >= 1000, name + " holds only " + data.size() + " structures");

    Encoder full = Encoder.fit(data, EncoderOptions.builder().optMaxSites(maxSites)
        .optOccupancyChannel(true).optFourier(2).optProperties(property).build());
    Encoder niggli = Encoder.fit(data, EncoderOptions.builder().optMaxSites(maxSites)
        .optCellChoice(CellChoice.NIGGLI).build());
    float[][] batch = full.encodeAll(data);
    List<Structure> back = full.decodeAll(batch);
    for (int i = 0; i < data.size(); i++) {
      Structure s = data.get(i);
      Structure d = back.get(i);
      TestCrystals.assertSameUpToOrder(s, d, 1e-4, 1e-4);
      double v = s.doubleProperty(property).orElse(Double.NaN);
      if (!Double.isNaN(v)) {
        assertEquals(v, d.doubleProperty(property).getAsDouble(), 1e-6 * Math.max(1, Math.abs(v)),
            () -> s.stringProperty("id").orElse("?") + " " + property);
      }
      NiggliReduction r = NiggliReduction.reduce(s.lattice());
      List<double[]> frac = new ArrayList<>();
      for (Site site : s.sites()) {
        frac.add(r.toReducedFractional(site.frac()));
      }
      TestCrystals.assertSameUpToOrder(s, r.reduced(), frac, niggli.decode(niggli.encode(s)),
          1e-4, 1e-4);
    }
  }

  private static final String[] REAL = {"perov_5/val.csv", "carbon_24/val.csv",
      "mp_20/pilot_val.csv.gz"};

  @Provide
  Arbitrary<Structure> realStructures() {
    List<Structure> all = new ArrayList<>();
    for (String name : REAL) {
      List<Structure> data = structures(name);
      if (data == null) {
        throw new TestAbortedException(name + " not found under -Dinvdes.shared="
            + System.getProperty("invdes.shared") + "; skipping");
      }
      all.addAll(data);
    }
    return Arbitraries.of(all);
  }

  private static final Map<String, Encoder> ENCODERS = new ConcurrentHashMap<>();

  /** One encoder over all three datasets (N = 24), with every channel on. */
  private static Encoder sharedEncoder() {
    return ENCODERS.computeIfAbsent("all", k -> {
      List<Structure> all = new ArrayList<>();
      for (String name : REAL) {
        all.addAll(structures(name));
      }
      return Encoder.fit(all, EncoderOptions.builder().optOccupancyChannel(true).optFourier(2)
          .build());
    });
  }

  @Property(tries = 300)
  void realStructuresEncodeIdenticallyWhenPermuted(@ForAll("realStructures") Structure s,
      @ForAll Random random) {
    Encoder enc = sharedEncoder();
    assertEquals(enc.encode(s), enc.encode(TestCrystals.shuffled(s, random)));
  }

  /**
   * Each site moved by its own integer vector in [−3, 3]³: same classes and the same
   * coordinates within 10⁻⁶ (adding an integer to a real coordinate rounds in double
   * arithmetic, so bit equality is only guaranteed for exactly representable shifts, which
   * {@link CanonicalOrderTest} checks).
   */
  @Property(tries = 300)
  void realStructuresEncodeAlikeWhenSitesMoveByLatticeVectors(
      @ForAll("realStructures") Structure s, @ForAll Random random) {
    Encoder enc = sharedEncoder();
    List<Site> moved = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] f = site.frac();
      moved.add(site.withFrac(f[0] + random.nextInt(7) - 3, f[1] + random.nextInt(7) - 3,
          f[2] + random.nextInt(7) - 3));
    }
    Encoded a = enc.encode(s);
    Encoded b = enc.encode(s.withSites(moved));
    assertArrayEquals(a.elementIndices(), b.elementIndices());
    assertArrayEquals(a.lattice(), b.lattice());
    float[][] fa = a.fracCoords();
    float[][] fb = b.fracCoords();
    for (int r = 0; r < s.size(); r++) {
      assertTrue(TestCrystals.periodicClose(new double[] {fa[r][0], fa[r][1], fa[r][2]},
          new double[] {fb[r][0], fb[r][1], fb[r][2]}, 1e-6), "row " + r);
    }
  }
}
