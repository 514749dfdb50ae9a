package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invdes.core.io.CifWriter;
import org.invdes.core.io.CsvWriter;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invdes filter} end to end on a small table of real and deliberately broken crystals. */
class CliFilterTest {
  @TempDir Path tmp;

  /** Rock salt with the given cation, anion and a; Cl shifted by a/2. */
  private static Structure rockSalt(String cation, String anion, double a) {
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    List<Site> sites = new ArrayList<>();
    for (double[] p : fcc) {
      sites.add(Site.of(Element.of(cation), p));
      sites.add(Site.of(Element.of(anion), (p[0] + 0.5) % 1, (p[1] + 0.5) % 1, (p[2] + 0.5) % 1));
    }
    return Structure.of(Lattice.cubic(a), sites);
  }

  @Test
  void keepsRealCrystalsAndRejectsBrokenOnesWithTheReason() throws Exception {
    Structure nacl = rockSalt("Na", "Cl", 5.6402);
    Structure mgo = rockSalt("Mg", "O", 4.212);
    // two atoms 0.2 Å apart: geometrically impossible
    Structure crushed = nacl.withSites(List.of(nacl.site(0), nacl.site(1).withFrac(0.02, 0.02,
        0.02), nacl.site(2), nacl.site(3)));
    // KCl2: rock-salt KCl with Cl added in four tetrahedral holes. K is +1 (or -1) and Cl has
    // one oxidation state per compound, so no assignment is charge neutral.
    Structure kcl = rockSalt("K", "Cl", 6.29);
    List<Site> extra = new ArrayList<>(kcl.sites());
    for (double[] p : new double[][] {{0.25, 0.25, 0.25}, {0.25, 0.75, 0.75}, {0.75, 0.25, 0.75},
        {0.75, 0.75, 0.25}}) {
      extra.add(Site.of(Element.of("Cl"), p));
    }
    Structure imbalanced = kcl.withSites(extra);
    // the same rock salt again, every atom shifted by one vector: a duplicate
    List<Site> shifted = new ArrayList<>();
    for (Site site : nacl.sites()) {
      shifted.add(site.withFrac((site.frac(0) + 0.3) % 1, (site.frac(1) + 0.1) % 1,
          (site.frac(2) + 0.7) % 1));
    }
    Structure again = nacl.withSites(shifted);
    Path in = tmp.resolve("candidates.csv");
    CsvWriter.write(in, List.of("id", "cif", "note"), sink -> {
      sink.accept(List.of("nacl", CifWriter.write(nacl), "real"));
      sink.accept(List.of("nacl-again", CifWriter.write(again), "duplicate"));
      sink.accept(List.of("mgo", CifWriter.write(mgo), "real"));
      sink.accept(List.of("crushed", CifWriter.write(crushed), "broken"));
      sink.accept(List.of("imbalanced", CifWriter.write(imbalanced), "broken"));
      sink.accept(List.of("garbage", "data_x\n_cell_length_a 4\n", "unreadable"));
    });
    Path kept = tmp.resolve("kept.csv");
    Path rejected = tmp.resolve("rejected.csv");
    Cli r = Cli.run("filter", "--in", in.toString(), "--out", kept.toString(), "--rejected",
        rejected.toString(), "--threads", "2");
    assertEquals(0, r.exitCode, r.err);
    List<List<String>> k = CsvRows.read(kept);
    List<List<String>> j = CsvRows.read(rejected);
    assertEquals(List.of("id", "cif", "note", "shortest_distance", "covalent_ratio",
        "charge_balanced", "duplicate_of", "reason"), k.get(0));
    assertEquals(List.of("nacl", "mgo"), List.of(k.get(1).get(0), k.get(2).get(0)));
    assertEquals(3, k.size());
    // input columns are kept as they were
    assertEquals(CifWriter.write(nacl), k.get(1).get(1));
    assertEquals(5.6402 / 2, Double.parseDouble(k.get(1).get(3)), 1e-4);
    assertEquals("", k.get(1).get(7));
    Map<String, String> reasons = new java.util.HashMap<>();
    for (List<String> row : j.subList(1, j.size())) {
      reasons.put(row.get(0), row.get(row.size() - 1));
    }
    assertEquals(4, reasons.size(), reasons.toString());
    assertEquals("duplicate of nacl", reasons.get("nacl-again"));
    assertTrue(reasons.get("crushed").contains("geometric validity"), reasons.toString());
    assertTrue(reasons.get("imbalanced").contains("composition validity"), reasons.toString());
    assertTrue(reasons.get("garbage").startsWith("unreadable:"), reasons.toString());
  }

  @Test
  void energyAboveHullUsesTheReferenceEntries() throws Exception {
    Structure nacl = rockSalt("Na", "Cl", 5.6402);
    Path ref = tmp.resolve("ref.csv");
    // reference: NaCl itself at -2.0 eV/atom; a candidate NaCl at -1.5 lies 0.5 above the hull
    CsvWriter.write(ref, List.of("id", "cif", "e_form"), sink ->
        sink.accept(List.of("ref", CifWriter.write(nacl), "-2.0")));
    Path in = tmp.resolve("in.csv");
    CsvWriter.write(in, List.of("id", "cif", "e_form"), sink -> {
      sink.accept(List.of("low", CifWriter.write(nacl), "-1.95"));
      sink.accept(List.of("high", CifWriter.write(nacl), "-1.5"));
    });
    Path kept = tmp.resolve("kept.csv");
    Cli r = Cli.run("filter", "--in", in.toString(), "--reference", ref.toString(),
        "--energy-property", "e_form", "--keep-duplicates", "--keep-known", "--out",
        kept.toString());
    assertEquals(0, r.exitCode, r.err);
    List<List<String>> k = CsvRows.read(kept);
    assertEquals(2, k.size(), k.toString());
    assertEquals("low", k.get(1).get(0));
    assertEquals(0.05, Double.parseDouble(k.get(1).get(k.get(0).indexOf("e_above_hull"))), 1e-9);
  }

  @Test
  void candidatesThatMatchAReferenceStructureAreNotNovel() throws Exception {
    Structure nacl = rockSalt("Na", "Cl", 5.6402);
    Structure kcl = rockSalt("K", "Cl", 6.29);
    Path ref = tmp.resolve("ref.csv");
    CsvWriter.write(ref, List.of("id", "cif", "e_form"), sink ->
        sink.accept(List.of("known-nacl", CifWriter.write(nacl), "-2.0")));
    Path in = tmp.resolve("in.csv");
    CsvWriter.write(in, List.of("id", "cif", "e_form"), sink -> {
      sink.accept(List.of("old", CifWriter.write(nacl), "-2.0"));
      sink.accept(List.of("new", CifWriter.write(kcl), "-2.2"));
    });
    Path kept = tmp.resolve("kept.csv");
    Path rejected = tmp.resolve("rej.csv");
    Cli r = Cli.run("filter", "--in", in.toString(), "--reference", ref.toString(),
        "--energy-property", "e_form", "--out", kept.toString(), "--rejected",
        rejected.toString());
    assertEquals(0, r.exitCode, r.err);
    List<List<String>> k = CsvRows.read(kept);
    assertEquals(2, k.size(), k.toString());
    assertEquals("new", k.get(1).get(0));
    List<List<String>> j = CsvRows.read(rejected);
    assertEquals("old", j.get(1).get(0));
    assertEquals("known-nacl", j.get(1).get(j.get(0).indexOf("matches_reference")));
    assertEquals("not novel: matches reference known-nacl", j.get(1).get(j.get(1).size() - 1));
  }

  @Test
  void aReferenceWithoutEnergiesServesNoveltyOnly() throws Exception {
    Structure nacl = rockSalt("Na", "Cl", 5.6402);
    Path ref = tmp.resolve("ref-noenergy.csv");
    CsvWriter.write(ref, List.of("id", "cif"), sink ->
        sink.accept(List.of("known-nacl", CifWriter.write(nacl))));
    Path in = tmp.resolve("in-noenergy.csv");
    CsvWriter.write(in, List.of("id", "cif"), sink -> {
      sink.accept(List.of("old", CifWriter.write(nacl)));
      sink.accept(List.of("new", CifWriter.write(rockSalt("K", "Cl", 6.29))));
    });
    Path kept = tmp.resolve("kept-noenergy.csv");
    Cli r = Cli.run("filter", "--in", in.toString(), "--reference", ref.toString(), "--out",
        kept.toString());
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.err.contains("energy above the hull is not checked"), r.err);
    List<List<String>> k = CsvRows.read(kept);
    assertEquals(2, k.size(), k.toString());
    assertEquals("new", k.get(1).get(0));
    assertFalse(k.get(0).contains("e_above_hull"), k.get(0).toString());
    // naming an energy column that the reference lacks stays an error
    Cli named = Cli.run("filter", "--in", in.toString(), "--reference", ref.toString(),
        "--energy-property", "e_form", "--out", kept.toString());
    assertEquals(2, named.exitCode, named.err);
    assertTrue(named.err.contains("'e_form'"), named.err);
  }

  @Test
  void aMissingInputIsAnErrorAndWritesNothing() {
    Path kept = tmp.resolve("kept.csv");
    Cli r = Cli.run("filter", "--in", tmp.resolve("none.csv").toString(), "--out",
        kept.toString());
    assertEquals(1, r.exitCode);
    assertFalse(Files.exists(kept));
  }
}
