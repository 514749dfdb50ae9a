package org.invdes.core.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invdes.core.datasets.DemoDataset.Ion;
import org.invdes.core.datasets.DemoDataset.Split;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.stability.CompositionValidity;
import org.invdes.core.stability.Validity;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo dataset against published lattice constants, its own rules, the project's validity
 * checks, determinism and the dataset table format.
 */
class DemoDatasetTest {
  @TempDir Path tmp;

  private static Ion ion(String symbol, int q) {
    return new Ion(Element.of(symbol), q);
  }

  private static Structure make(Prototype p, Ion... ions) {
    return DemoDataset.decorate(p, List.of(ions));
  }

  /** The conventional cubic constant of an F-centred primitive cell: a = √2 · a_primitive. */
  private static double cubicF(Structure s) {
    return Math.sqrt(2) * s.lattice().a();
  }

  private static void near(double experimental, double got, double relative, String what) {
    assertEquals(experimental, got, relative * experimental,
        what + ": " + got + " Å vs the experimental " + experimental + " Å");
  }

  /**
   * Lattice constants from Shannon's radii against room-temperature experimental values (Wyckoff,
   * Crystal Structures, 2nd ed., 1963; for rutile Burdett et al. 1987; for spinel Hill et al.
   * 1979). The rules are crude, so the bound is a few per cent.
   */
  @Test
  void latticeConstantsMatchPublishedValues() {
    Structure nacl = make(Prototype.ROCK_SALT, ion("Na", 1), ion("Cl", -1));
    assertEquals(2 * (1.02 + 1.81), cubicF(nacl), 1e-9, "a = 2 (r_Na(VI) + r_Cl(VI))");
    near(5.640, cubicF(nacl), 0.01, "NaCl");
    assertEquals(60.0, nacl.lattice().alpha(), 1e-9);
    near(3.905, make(Prototype.PEROVSKITE, ion("Sr", 2), ion("Ti", 4), ion("O", -2))
        .lattice().a(), 0.03, "SrTiO3");
    near(4.123, make(Prototype.CESIUM_CHLORIDE, ion("Cs", 1), ion("Cl", -1)).lattice().a(), 0.02,
        "CsCl");
    near(5.463, cubicF(make(Prototype.FLUORITE, ion("Ca", 2), ion("F", -1))), 0.03, "CaF2");
    near(4.611, cubicF(make(Prototype.ANTIFLUORITE, ion("Li", 1), ion("O", -2))), 0.02, "Li2O");
    Structure zno = make(Prototype.WURTZITE, ion("Zn", 2), ion("O", -2));
    near(3.250, zno.lattice().a(), 0.02, "ZnO a");
    near(5.207, zno.lattice().c(), 0.02, "ZnO c");
    // Shannon gives S2- only in VI coordination, too large for the tetrahedral site: 4 % long
    near(5.409, cubicF(make(Prototype.ZINC_BLENDE, ion("Zn", 2), ion("S", -2))), 0.05, "ZnS");
    Structure tio2 = make(Prototype.RUTILE, ion("Ti", 4), ion("O", -2));
    near(4.594, tio2.lattice().a(), 0.02, "TiO2 a");
    near(2.959, tio2.lattice().c(), 0.02, "TiO2 c");
    Structure spinel = make(Prototype.SPINEL, ion("Mg", 2), ion("Al", 3), ion("O", -2));
    near(8.083, cubicF(spinel), 0.01, "MgAl2O4");
    assertEquals(0.2624, DemoDataset.spinelU(0.57 + 1.38, 0.535 + 1.38), 0.002,
        "MgAl2O4 anion parameter u (origin choice 2)");
  }

  /** Each rule makes the nearest cation–anion distance equal the sum of the radii. */
  @Test
  void nearestBondsEqualTheRadiusSums() {
    Object[][] cases = {
        {Prototype.ROCK_SALT, List.of(ion("Mg", 2), ion("O", -2)), "Mg", 0.72 + 1.40},
        {Prototype.CESIUM_CHLORIDE, List.of(ion("Cs", 1), ion("Br", -1)), "Cs", 1.74 + 1.96},
        {Prototype.ZINC_BLENDE, List.of(ion("Zn", 2), ion("Se", -2)), "Zn", 0.60 + 1.98},
        {Prototype.WURTZITE, List.of(ion("Zn", 2), ion("O", -2)), "Zn", 0.60 + 1.38},
        {Prototype.FLUORITE, List.of(ion("Ca", 2), ion("F", -1)), "Ca", 1.12 + 1.31},
        {Prototype.ANTIFLUORITE, List.of(ion("Li", 1), ion("O", -2)), "Li", 0.59 + 1.42},
        {Prototype.PEROVSKITE, List.of(ion("Sr", 2), ion("Ti", 4), ion("O", -2)), "Ti",
            0.605 + 1.40},
        {Prototype.SPINEL, List.of(ion("Mg", 2), ion("Al", 3), ion("O", -2)), "Mg", 0.57 + 1.38},
        {Prototype.SPINEL, List.of(ion("Mg", 2), ion("Al", 3), ion("O", -2)), "Al", 0.535 + 1.38},
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Structure s = DemoDataset.decorate((Prototype) c[0], (List<Ion>) c[1]);
      Element cation = Element.of((String) c[2]);
      Element anion = ((List<Ion>) c[1]).get(((List<?>) c[1]).size() - 1).element();
      assertEquals((double) c[3], nearest(s, cation, anion), 1e-9, c[0] + " " + c[1]);
    }
    // rutile: the apical bond (the longer two of the six) is the sum, the equatorial ones 1.7 %
    // shorter, as in TiO2
    Structure tio2 = make(Prototype.RUTILE, ion("Ti", 4), ion("O", -2));
    double sum = 0.605 + 1.36;
    assertEquals(sum, Math.sqrt(2) * Prototype.RUTILE_U * tio2.lattice().a(), 1e-9);
    assertEquals(0.983, nearest(tio2, Element.of("Ti"), Element.of("O")) / sum, 0.002);
  }

  private static double nearest(Structure s, Element a, Element b) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < s.size(); i++) {
      for (int j = 0; j < s.size(); j++) {
        if (s.site(i).majorElement() == a && s.site(j).majorElement() == b) {
          best = Math.min(best, s.distance(i, j));
        }
      }
    }
    return best;
  }

  @Test
  void sitesAndCompositionFollowTheWyckoffPositions() {
    // primitive cells: formula units per cell 1 (F and P cubic), 2 (wurtzite, rutile), 2 (spinel)
    assertEquals(2, make(Prototype.ROCK_SALT, ion("Na", 1), ion("Cl", -1)).size());
    assertEquals(3, make(Prototype.FLUORITE, ion("Ca", 2), ion("F", -1)).size());
    assertEquals(4, make(Prototype.WURTZITE, ion("Zn", 2), ion("O", -2)).size());
    assertEquals(6, make(Prototype.RUTILE, ion("Ti", 4), ion("O", -2)).size());
    assertEquals(5, make(Prototype.PEROVSKITE, ion("Sr", 2), ion("Ti", 4), ion("O", -2)).size());
    Structure spinel = make(Prototype.SPINEL, ion("Mg", 2), ion("Al", 3), ion("O", -2));
    assertEquals(14, spinel.size());
    assertEquals(Composition.parse("Mg2Al4O8"), spinel.composition());
    assertEquals("spinel-MgAl2O4", spinel.stringProperty(DatasetCsv.ID).orElseThrow());
  }

  @Test
  void propertiesAreExactFunctionsOfTheStructure() {
    Structure nacl = make(Prototype.ROCK_SALT, ion("Na", 1), ion("Cl", -1));
    double a = 2 * (1.02 + 1.81);
    double volume = a * a * a / 4; // one formula unit in the primitive cell
    double mass = Element.of("Na").atomicMass() + Element.of("Cl").atomicMass();
    assertEquals(mass / volume * Structure.AMU_PER_A3_TO_G_PER_CM3,
        nacl.doubleProperty("density").orElseThrow(), 1e-9);
    assertEquals(2.17, nacl.doubleProperty("density").orElseThrow(), 0.05,
        "NaCl's density is 2.17 g/cm3");
    assertEquals(volume / 2, nacl.doubleProperty("volume_per_atom").orElseThrow(), 1e-9);
    double ions = 4.0 / 3 * Math.PI * (Math.pow(1.02, 3) + Math.pow(1.81, 3));
    assertEquals(ions / volume, nacl.doubleProperty("packing_fraction").orElseThrow(), 1e-12);
  }

  @Test
  void radiiFallBackToTheNearestCoordination() {
    // exact: Na+ VI 1.02 Å; Cl- has only VI (1.81 Å), used for CsCl's VIII site
    assertEquals(1.02, DemoDataset.ionicRadius(ion("Na", 1), 6).orElseThrow());
    assertEquals(1.81, DemoDataset.ionicRadius(ion("Cl", -1), 8).orElseThrow());
    // Mg2+ has IV, V, VI, VIII: for VII the tie between VI (0.72) and VIII (0.89) takes VIII
    assertEquals(0.89, DemoDataset.ionicRadius(ion("Mg", 2), 7).orElseThrow());
    assertTrue(DemoDataset.ionicRadius(ion("Na", 2), 6).isEmpty());
  }

  @Test
  void badDecorationsAreRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> make(Prototype.ROCK_SALT, ion("Na", 1), ion("O", -2)));
    assertTrue(e.getMessage().contains("net charge -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> make(Prototype.ROCK_SALT, ion("Cl", -1), ion("Na", 1)));
    assertTrue(e.getMessage().contains("needs a cation"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> make(Prototype.PEROVSKITE, ion("Na", 1)));
  }

  @Test
  void everyRowIsValidChargeBalancedAndInItsWindow() {
    DemoDataset d = DemoDataset.generate(DemoDataset.DEFAULT_SEED, DemoDataset.DEFAULT_SIZE,
        ProgressMonitor.NONE);
    List<Structure> all = d.all();
    assertEquals(DemoDataset.DEFAULT_SIZE, all.size());
    Set<String> ids = new HashSet<>();
    for (Structure s : all) {
      String id = s.stringProperty(DatasetCsv.ID).orElseThrow();
      assertTrue(ids.add(id), "duplicate id " + id);
      assertTrue(Validity.valid(s), id);
      CompositionValidity.Verdict v = CompositionValidity.standard().evaluate(s.composition());
      assertTrue(v.valid(), id + " " + v);
      assertTrue(s.size() <= 14, id);
      Prototype p = Prototype.valueOf(prototypeOf(s));
      assertTrue(id.startsWith(p.key() + "-"), id);
      assertEquals(s.density(), s.doubleProperty("density").orElseThrow(), 1e-12, id);
    }
    // 80 / 10 / 10 within each prototype, and every prototype in every split
    for (Prototype p : Prototype.values()) {
      int train = d.prototypeCounts(Split.TRAIN).get(p.key());
      int val = d.prototypeCounts(Split.VAL).get(p.key());
      int test = d.prototypeCounts(Split.TEST).get(p.key());
      assertTrue(val > 0 && test > 0 && train > 0, p + " " + train + "/" + val + "/" + test);
      assertEquals(val, test, p.toString());
      assertEquals(0.1, (double) val / (train + val + test), 0.02, p.toString());
    }
    for (Structure s : DemoDataset.candidates(Prototype.PEROVSKITE)) {
      assertTrue(s.size() == 5);
    }
  }

  private static String prototypeOf(Structure s) {
    String key = s.stringProperty("prototype").orElseThrow();
    for (Prototype p : Prototype.values()) {
      if (p.key().equals(key)) {
        return p.name();
      }
    }
    throw new AssertionError("unknown prototype " + key);
  }

  @Test
  void sameSeedSameFilesAndTheTablesReadBack() throws Exception {
    List<Path> a = DemoDataset.generate(7, 400, ProgressMonitor.NONE).write(tmp.resolve("a"));
    List<Path> b = DemoDataset.generate(7, 400, ProgressMonitor.NONE).write(tmp.resolve("b"));
    List<Path> c = DemoDataset.generate(8, 400, ProgressMonitor.NONE).write(tmp.resolve("c"));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i)
          .toString());
    }
    assertNotEquals(Files.readString(a.get(0)), Files.readString(c.get(0)),
        "another seed chooses and splits other rows");
    assertEquals(List.of("train.csv", "val.csv", "test.csv"),
        a.stream().map(p -> p.getFileName().toString()).toList());
    int rows = 0;
    for (Path f : a) {
      DatasetCsv.Table t = DatasetCsv.readTable(f, ReadOptions.strictMode());
      assertEquals(List.of("formula", "prototype", "density", "volume_per_atom",
          "packing_fraction"), t.propertyColumns());
      assertEquals(List.of(), t.warnings());
      for (ReadResult r : t.rows()) {
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        Structure s = r.structure();
        double density = s.doubleProperty("density").orElseThrow();
        assertEquals(s.density(), density, 1e-5 * density, r.id());
        assertEquals(s.volume() / s.size(), s.doubleProperty("volume_per_atom").orElseThrow(),
            1e-5 * s.volume(), r.id());
        assertEquals(s.composition().reducedFormula(), s.stringProperty("formula").orElseThrow());
        rows++;
      }
    }
    assertEquals(400, rows);
  }

  @Test
  void sizeIsCheckedAndSharedAcrossPrototypes() {
    assertThrows(IllegalArgumentException.class,
        () -> DemoDataset.generate(1, 5, ProgressMonitor.NONE));
    DemoDataset small = DemoDataset.generate(1, 90, ProgressMonitor.NONE);
    List<Integer> perPrototype = new ArrayList<>();
    Map<String, Integer> train = small.prototypeCounts(Split.TRAIN);
    for (Prototype p : Prototype.values()) {
      perPrototype.add(train.get(p.key()) + small.prototypeCounts(Split.VAL).get(p.key())
          + small.prototypeCounts(Split.TEST).get(p.key()));
    }
    assertEquals(List.of(10, 10, 10, 10, 10, 10, 10, 10, 10), perPrototype);
  }
}
