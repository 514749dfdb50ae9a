package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.CifWriter;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.CsvWriter;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invdes evaluate} end to end on small tables written here, and on Perov-5 if present. */
class CliEvaluateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** CsCl-type AX with the cation at the origin (or at the body centre when flipped). */
  private static Structure cscl(String cation, String anion, double a, boolean flipped) {
    List<Element> species = flipped ? List.of(Element.of(anion), Element.of(cation))
        : List.of(Element.of(cation), Element.of(anion));
    return Structure.of(Lattice.cubic(a), species,
        List.of(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5}));
  }

  private Path table(String name, List<List<String>> rows) throws Exception {
    Path f = tmp.resolve(name);
    CsvWriter.write(f, List.of("id", "cif", "band_gap"), sink -> {
      for (List<String> r : rows) {
        sink.accept(r);
      }
    });
    return f;
  }

  private static List<String> row(String id, Structure s, double gap) {
    return List.of(id, CifWriter.write(s), Double.toString(gap));
  }

  @Test
  void jsonReportOfASmallGeneratedSet() throws Exception {
    Structure cscl = cscl("Cs", "Cl", 4.12, false);
    Structure csbr = cscl("Cs", "Br", 4.29, false);
    Path gen = table("gen.csv", List.of(row("g1", cscl, 1.0),
        row("g2", cscl("Cs", "Cl", 4.12, true), 2.0), // the same crystal, origin on Cl
        row("g3", csbr, 3.0),
        List.of("g4", "data_broken\n_cell_length_a 4\n", "4.0"))); // unreadable
    Path ref = table("ref.csv", List.of(row("r1", cscl, 1.5), row("r2", csbr, 2.5)));
    Path train = table("train.csv", List.of(row("t1", cscl("Cs", "Cl", 4.2, false), 0)));
    Cli r = Cli.run("evaluate", "--generated", gen.toString(), "--reference", ref.toString(),
        "--train", train.toString(), "--dataset", "perov_5", "--property", "band_gap",
        "--threads", "2", "--json");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.err.contains("1 of 4 generated rows could not be read and count as invalid"),
        r.err);
    JsonNode j = JSON.readTree(r.out);
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("counts", "validity", "distributions", "coverage", "diversity"), keys);
    assertEquals(4, j.at("/counts/generated").asInt());
    assertEquals(1, j.at("/counts/unreadable").asInt());
    assertEquals(75.0, j.at("/validity/struct_valid_pct").asDouble(), 1e-9);
    assertEquals(75.0, j.at("/validity/valid_pct").asDouble(), 1e-9);
    // band gaps: generated {1, 2, 3}, reference {1.5, 2.5}: W1 = 1/2 (closed form: |F-G| = 1/3
    // on [1,1.5), 1/6 on [1.5,2), 1/6 on [2,2.5), 1/3 on [2.5,3), each half a unit long)
    assertEquals(3, j.at("/distributions/samples").asInt());
    assertEquals(0.5, j.at("/distributions/wdist_prop").asDouble(), 1e-12);
    // both reference crystals have an exact copy among the generated ones; the three readable
    // generated crystals are all covered, the unreadable one counts against COV-P
    assertEquals(100.0, j.at("/coverage/cov_recall_pct").asDouble(), 1e-9);
    assertEquals(75.0, j.at("/coverage/cov_precision_pct").asDouble(), 1e-9);
    assertEquals(0.2, j.at("/coverage/struc_cutoff").asDouble(), 0);
    // CsCl twice (one group) and CsBr: 2 groups of 3; only CsBr is not in the training set
    assertEquals(200.0 / 3, j.at("/diversity/unique_pct").asDouble(), 1e-9);
    assertEquals(100.0 / 3, j.at("/diversity/novel_pct").asDouble(), 1e-9);
  }

  @Test
  void tableReportAndTheSameFiguresEveryRun() throws Exception {
    Path gen = table("gen.csv", List.of(row("g1", cscl("Cs", "Cl", 4.12, false), 1)));
    Path ref = table("ref.csv", List.of(row("r1", cscl("Cs", "Cl", 4.0, false), 1)));
    Cli a = Cli.run("evaluate", "--generated", gen.toString(), "--reference", ref.toString());
    assertEquals(0, a.exitCode, a.err);
    for (String label : List.of("struct validity (%)", "comp validity (%)", "density EMD",
        "#elements EMD", "AMSD recall / precision", "uniqueness (%)", "novelty (%)")) {
      assertTrue(a.out.contains(label), label + " missing in\n" + a.out);
    }
    assertTrue(!a.out.contains("COV-R"), "no COV-R without --dataset:\n" + a.out);
    Cli b = Cli.run("evaluate", "--generated", gen.toString(), "--reference", ref.toString());
    assertEquals(a.out, b.out);
    // --out writes the same report to a file (JSON by its suffix) and nothing to stdout
    Path json = gen.resolveSibling("metrics.json");
    Cli c = Cli.run("evaluate", "--generated", gen.toString(), "--reference", ref.toString(),
        "--out", json.toString());
    assertEquals(0, c.exitCode, c.err);
    assertEquals("", c.out);
    Cli d = Cli.run("evaluate", "--generated", gen.toString(), "--reference", ref.toString(),
        "--json");
    assertEquals(d.out, java.nio.file.Files.readString(json));
  }

  @Test
  void helpUsageErrorsAndUnreadableInputs() throws Exception {
    Cli help = Cli.run("evaluate", "--help");
    assertEquals(0, help.exitCode);
    assertTrue(help.out.contains("Example:") && help.out.contains("invdes evaluate --generated"),
        help.out);
    Path ref = table("ref.csv", List.of(row("r1", cscl("Cs", "Cl", 4.0, false), 1)));
    assertEquals(2, Cli.run("evaluate", "--generated", ref.toString()).exitCode);
    assertEquals(2, Cli.run("evaluate", "--generated", ref.toString(), "--reference",
        ref.toString(), "--dataset", "qm9").exitCode);
    assertEquals(2, Cli.run("evaluate", "--generated", ref.toString(), "--reference",
        ref.toString(), "--samples", "0").exitCode);
    Cli missing = Cli.run("evaluate", "--generated", tmp.resolve("nope.csv").toString(),
        "--reference", ref.toString());
    assertEquals(1, missing.exitCode);
    assertTrue(missing.err.contains("nope.csv"), missing.err);
    Path broken = table("broken.csv", List.of(List.of("b1", "not a cif", "1")));
    Cli noReference = Cli.run("evaluate", "--generated", ref.toString(), "--reference",
        broken.toString());
    assertEquals(1, noReference.exitCode);
    assertTrue(noReference.err.contains("no reference crystal could be read"), noReference.err);
  }

  /**
   * Real crystals against real crystals: 150 Perov-5 validation crystals as "generated" against
   * the next 300. Real relaxed crystals are all structurally valid, and nearly all
   * charge-balanced (SMACT's rule rejects about 1.3 % of Perov-5 validation crystals).
   */
  @Test
  void perov5CrystalsAgainstOtherPerov5Crystals() throws Exception {
    Path val = Shared.shared("datasets/perov_5/val.csv");
    List<List<String>> rows = new ArrayList<>();
    List<String> header;
    try (CsvReader r = CsvReader.open(val)) {
      header = r.next();
      List<String> rec;
      while ((rec = r.next()) != null && rows.size() < 450) {
        rows.add(rec);
      }
    }
    Path gen = tmp.resolve("gen.csv");
    Path ref = tmp.resolve("ref.csv");
    CsvWriter.write(gen, header, sink -> {
      for (List<String> rec : rows.subList(0, 150)) {
        sink.accept(rec);
      }
    });
    CsvWriter.write(ref, header, sink -> {
      for (List<String> rec : rows.subList(150, 450)) {
        sink.accept(rec);
      }
    });
    Cli r = Cli.run("evaluate", "--generated", gen.toString(), "--reference", ref.toString(),
        "--dataset", "perov_5", "--property", "heat_ref", "--json");
    assertEquals(0, r.exitCode, r.err);
    JsonNode j = JSON.readTree(r.out);
    assertEquals(100.0, j.at("/validity/struct_valid_pct").asDouble(), 0);
    assertTrue(j.at("/validity/comp_valid_pct").asDouble() > 93, r.out);
    assertEquals(300, j.at("/coverage/reference_fingerprinted").asInt());
    assertTrue(j.at("/distributions/wdist_density").asDouble() < 0.5, r.out);
    assertTrue(j.at("/coverage/cov_precision_pct").asDouble() > 50, r.out);
  }
}
