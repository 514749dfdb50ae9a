package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invdes encode} end to end: hand-computed NaCl columns, round trip, bad rows. */
class CliEncodeTest {
  @TempDir Path tmp;

  private static String cell(List<List<String>> table, int row, String column) {
    int c = table.get(0).indexOf(column);
    assertTrue(c >= 0, column + " not in " + table.get(0));
    return table.get(row).get(c);
  }

  /**
   * examples/NaCl.cif is the conventional cell (Fm-3m, a = 5.6402 Å, Na at 4a, Cl at 4b): 8
   * sites. Fitted on itself alone, every lattice feature is 0 (its own mean); the vocabulary is
   * Na, Cl; sites come Cl (Z 17) before Na (Z 11), each sorted by x, then y, then z.
   */
  @Test
  void naclColumnsAreTheHandComputedOnes() throws Exception {
    Path out = tmp.resolve("nacl.csv");
    Cli r = Cli.run("encode", "--in", Shared.root().resolve("examples/NaCl.cif").toString(),
        "--out", out.toString());
    assertEquals(0, r.exitCode, r.err);
    List<List<String>> t = CsvRows.read(out);
    assertEquals(2, t.size());
    // id + 6 lattice + 8 rows x (3 classes + 3 coordinates)
    assertEquals(1 + 6 + 8 * 6, t.get(0).size(), t.get(0).toString());
    for (String l : List.of("ln_a", "ln_b", "ln_c", "alpha", "beta", "gamma")) {
      assertEquals(0.0, Double.parseDouble(cell(t, 1, "enc_" + l)), l);
    }
    double[][] cl = {{0, 0, 0.5}, {0, 0.5, 0}, {0.5, 0, 0}, {0.5, 0.5, 0.5}};
    double[][] na = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    for (int i = 0; i < 8; i++) {
      boolean isCl = i < 4;
      double[] p = isCl ? cl[i] : na[i - 4];
      String s = "enc_s" + i + "_";
      assertEquals(isCl ? "1.0" : "0.0", cell(t, 1, s + "Cl"), s);
      assertEquals(isCl ? "0.0" : "1.0", cell(t, 1, s + "Na"), s);
      assertEquals("0.0", cell(t, 1, s + "none"), s);
      assertEquals(p[0], Double.parseDouble(cell(t, 1, s + "x")), s);
      assertEquals(p[1], Double.parseDouble(cell(t, 1, s + "y")), s);
      assertEquals(p[2], Double.parseDouble(cell(t, 1, s + "z")), s);
    }
    assertTrue(Files.isRegularFile(tmp.resolve("nacl.encoding.json")));
  }

  /** The demo dataset encoded and decoded back: the same crystals, to float precision. */
  @Test
  void decodingTheFeaturesGivesTheStructuresBack() throws Exception {
    Path data = tmp.resolve("demo");
    assertEquals(0, Cli.run("datasets", "demo", "--out", data.toString(), "--size", "120",
        "--quiet").exitCode);
    Path out = tmp.resolve("features.csv.gz");
    Cli r = Cli.run("encode", "--in", data.resolve("train.csv").toString(), "--out",
        out.toString(), "--fourier", "--threads", "2");
    assertEquals(0, r.exitCode, r.err);
    Encoder encoder = Encoder.load(tmp.resolve("features.encoding.json"));
    List<ReadResult> original = DatasetCsv.read(data.resolve("train.csv"),
        ReadOptions.strictMode());
    List<List<String>> t = CsvRows.read(out);
    assertEquals(original.size() + 1, t.size());
    List<String> header = t.get(0);
    assertEquals(List.of("id", "formula", "prototype", "density", "volume_per_atom",
        "packing_fraction"), header.subList(0, 6));
    assertEquals(encoder.layout().length(), header.size() - 6);
    assertTrue(header.contains("enc_F(1,0,0)_re"), "--fourier adds Fourier columns");
    for (int i = 0; i < original.size(); i++) {
      Structure s = original.get(i).structure();
      List<String> row = t.get(i + 1);
      assertEquals(original.get(i).id(), row.get(0));
      assertEquals(s.stringProperty("formula").orElseThrow(), row.get(1));
      float[] f = new float[encoder.layout().length()];
      for (int k = 0; k < f.length; k++) {
        f[k] = Float.parseFloat(row.get(6 + k));
      }
      Structure back = encoder.decode(f);
      String id = row.get(0);
      assertEquals(s.composition(), back.composition(), id);
      for (int k = 0; k < 3; k++) {
        assertEquals(s.lattice().lengths()[k], back.lattice().lengths()[k],
            1e-6 * s.lattice().lengths()[k], id);
        assertEquals(s.lattice().angles()[k], back.lattice().angles()[k], 1e-4, id);
      }
      assertEquals(sortedSites(s), sortedSites(back), id);
    }
  }

  /** Each site as "Element x y z" rounded to 1e-5, wrapped, sorted: order-free comparison. */
  private static List<String> sortedSites(Structure s) {
    List<String> out = new ArrayList<>();
    for (Site site : s.sites()) {
      double[] f = site.frac();
      String[] c = new String[3];
      for (int k = 0; k < 3; k++) {
        long v = Math.round(Structure.wrap(f[k]) * 1e5) % 100000;
        c[k] = Long.toString(v);
      }
      out.add(site.majorElement() + " " + String.join(" ", c));
    }
    out.sort(null);
    return out;
  }

  @Test
  void badRowsKeepTheirIdWithEmptyFeaturesAndOneWarning() throws Exception {
    Path data = tmp.resolve("demo");
    assertEquals(0, Cli.run("datasets", "demo", "--out", data.toString(), "--size", "40",
        "--quiet").exitCode);
    List<String> lines = new ArrayList<>(Files.readAllLines(data.resolve("train.csv")));
    // a row whose CIF is not a CIF, and a spinel (14 sites) over the site budget below
    lines.add("broken-1,\"not a cif\",X,rocksalt,1.0,2.0,0.5");
    Path in = tmp.resolve("mixed.csv");
    Files.write(in, lines);
    Path out = tmp.resolve("mixed-features.csv");
    Cli r = Cli.run("encode", "--in", in.toString(), "--out", out.toString(), "--max-sites",
        "6");
    assertEquals(0, r.exitCode, r.err);
    List<String> warnings = r.err.lines().filter(l -> l.contains("warning")).toList();
    assertEquals(1, warnings.size(), r.err);
    assertTrue(warnings.get(0).contains("broken-1 (unreadable"), warnings.get(0));
    assertTrue(warnings.get(0).contains("spinel-"), warnings.get(0));
    List<List<String>> t = CsvRows.read(out);
    List<String> broken = t.get(t.size() - 1);
    assertEquals("broken-1", broken.get(0));
    assertEquals("1.0", cell(t, t.size() - 1, "density"), "its properties are kept");
    assertTrue(broken.subList(6, broken.size()).stream().allMatch(String::isEmpty));
    int spinels = 0;
    for (List<String> row : t.subList(1, t.size())) {
      boolean empty = row.get(6).isEmpty();
      assertEquals(row.get(0).startsWith("spinel-") || row.get(0).equals("broken-1"), empty,
          row.get(0));
      spinels += row.get(0).startsWith("spinel-") ? 1 : 0;
    }
    assertTrue(spinels > 0);
    // the fitted encoding encodes another split with the same columns
    Path test = tmp.resolve("test-features.csv");
    Cli again = Cli.run("encode", "--in", data.resolve("test.csv").toString(), "--encoding",
        tmp.resolve("mixed-features.encoding.json").toString(), "--out", test.toString());
    assertEquals(0, again.exitCode, again.err);
    assertEquals(t.get(0), CsvRows.read(test).get(0));
  }

  @Test
  void usageErrorsAndHelp() {
    Cli h = Cli.run("encode", "--help");
    assertEquals(0, h.exitCode);
    assertTrue(h.out.contains("Example"), h.out);
    assertEquals(2, Cli.run("encode", "--in", "x.csv").exitCode, "--out is required");
    Cli bad = Cli.run("encode", "--in", Shared.root().resolve("examples/NaCl.cif").toString(),
        "--out", "y.csv", "--elements", "Na,Xx");
    assertEquals(2, bad.exitCode);
    assertTrue(bad.err.contains("'Xx' is not an element"), bad.err);
    assertEquals(1, Cli.run("encode", "--in", "/nonexistent.csv", "--out", "y.csv").exitCode);
    assertTrue(Arrays.asList(1, 2).contains(Cli.run("encode", "--in", "a.cif", "--out", "b.csv",
        "--encoding", "e.json", "--max-sites", "3").exitCode));
  }
}
