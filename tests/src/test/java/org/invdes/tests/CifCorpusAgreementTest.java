package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code invdes read} on every file of ../shared/cif-corpus against what pymatgen 2022.11 made of
 * it ({@code expected-pymatgen.json}): where pymatgen read structures, ours agree (formula and
 * site count exactly, volume and density within 0.1 %); where pymatgen failed, we either give an
 * error with a line number or a result that {@link #WHERE_PYMATGEN_FAILED} shows to be right.
 */
class CifCorpusAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Files pymatgen could not read but invdes reads, with the result we assert and why it is
   * right: {formula, sites, reason}. Each reason checks the result against the file's own
   * {@code _chemical_formula_sum}, its Z and the Wyckoff multiplicities of its space group.
   */
  static final Map<String, Object[]> WHERE_PYMATGEN_FAILED = Map.of(
      "cod-tools__2009397-no-data-block-heading.cif", new Object[] {"H42C31(Cl2O3)2", 249,
          "items before the first data_ header form an unnamed block (relaxed mode). R3 has 9"
              + " operations: 26 general atoms x 9 = 234, plus Cl11 and C11 on the 3-fold axis"
              + " (x 3 each) and Cl12 general (x 9) = 249; C10H14ClO2 x Z=9 plus the solvent"
              + " atoms, which the file lists without occupancies"},
      "cod-tools__2011406-xy-simple-fract.cif", new Object[] {"K3NaSn3Se8", 30,
          "coordinates written as simple fractions (3/4) are read; _chemical_formula_sum"
              + " 'K3 Na Se8 Sn3' with Z = 2 is 30 atoms"},
      "cod-tools__9000020.cif", new Object[] {"Na2.8Mg3.008Al12.992O23.944F31.056", 88,
          "ralstonite, Fd-3m: Na 16 x 0.175 = 2.8, Al/Mg 16 x 0.812/0.188, F/O(H) 48 x"
              + " 0.647/0.353, O(H) 8 x 0.875 = 88 sites; labels 'O-H1' are hydroxyl oxygens"
              + " (pymatgen reads them as O plus H and finds occupancy 2)"},
      "cod-tools__cifdata_7000027.cif", new Object[] {"KMg3AlSi3O11F", 120,
          "P-1, 79 atom rows: atoms on inversion centres once, the others twice, 120 sites;"
              + " composition KMg3(Si3Al)O11F as _chemical_formula_sum 'K Mg3 (Si3 Al) O11 (F H)'"
              + " without the H, which the file does not place"},
      "cod-tools__cubic_as_slanted.cif", new Object[] {"HCS", 3,
          "no symmetry given: P 1 with the three atoms as listed; V = 10 x 14.142 x 10 x"
              + " sin 45 deg = 1000 A^3 (pymatgen's P1 fallback builds three degenerate"
              + " operations from 'x', 'y', 'z' and fails)"});

  /**
   * Files pymatgen read where invdes deliberately gives an error for some blocks: per block,
   * null to agree with pymatgen or a text the error must contain.
   */
  static final Map<String, String[]> WHERE_PYMATGEN_IS_WRONG = Map.of(
      // Blocks 1 and 2 are incommensurately modulated (superspace group C2/m(a0g)0s). pymatgen
      // finds no 3-D symmetry and its P1 fallback applies three degenerate operations built from
      // 'x', 'y', 'z' (32 and 14 sites, formulas Cr4.5P7.5O12.5 and Cr3P3O8 instead of
      // Cr2P2O7): a wrong crystal. invdes says why it cannot read them; block 3 agrees.
      "cod-tools__sn5033sup1.cif", new String[] {"modulated", "modulated", null},
      // pymatgen reports volume 0.000 Å³ and density 1.3e9 g/cm³: the angles make a flat cell
      // (V = 2.2e-6 Å³); invdes names the cell instead of returning it.
      "pymatgen__bad_superflat_inf_loop.cif", new String[] {"flat"});

  static Stream<Arguments> corpus() throws Exception {
    Path dir = Shared.shared("cif-corpus");
    JsonNode expected = JSON.readTree(dir.resolve("expected-pymatgen.json").toFile());
    List<Arguments> args = new ArrayList<>();
    for (JsonNode e : expected) {
      args.add(Arguments.of(e.get("file").asText(), e));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void agreesWithPymatgen(String file, JsonNode expected) throws Exception {
    Path path = Shared.shared("cif-corpus").resolve(file);
    Cli r = Cli.run("read", path.toString());
    List<JsonNode> lines = new ArrayList<>();
    for (String l : r.out.split("\n")) {
      if (!l.isBlank()) {
        lines.add(JSON.readTree(l));
      }
    }
    String[] deliberate = WHERE_PYMATGEN_IS_WRONG.get(file);
    if (deliberate != null) {
      assertEquals(deliberate.length, lines.size(), r.out);
      for (int i = 0; i < deliberate.length; i++) {
        JsonNode g = lines.get(i);
        if (deliberate[i] == null) {
          JsonNode w = expected.get("structures").get(i);
          assertEquals(w.get("formula").asText(), g.get("formula").asText(), g.toString());
          assertEquals(w.get("sites").asInt(), g.get("sites").asInt(), g.toString());
          assertEquals(w.get("volume").asDouble(), g.get("volume").asDouble(),
              1e-3 * w.get("volume").asDouble());
        } else {
          assertTrue(g.has("error") && g.get("error").asText().contains(deliberate[i]),
              g.toString());
          assertTrue(g.get("line").asInt() > 0, g.toString());
        }
      }
      return;
    }
    if (expected.has("structures")) {
      List<JsonNode> ok = new ArrayList<>();
      for (JsonNode n : lines) {
        if (n.has("formula")) {
          ok.add(n);
        }
      }
      JsonNode want = expected.get("structures");
      assertEquals(want.size(), ok.size(), () -> "structures read from " + file + ":\n" + r.out);
      for (int i = 0; i < want.size(); i++) {
        JsonNode w = want.get(i);
        JsonNode g = ok.get(i);
        String ctx = file + " structure " + i + ": " + g;
        assertEquals(w.get("formula").asText(), g.get("formula").asText(), ctx);
        assertEquals(w.get("sites").asInt(), g.get("sites").asInt(), ctx);
        assertEquals(w.get("ordered").asBoolean(), g.get("ordered").asBoolean(), ctx);
        double wv = w.get("volume").asDouble();
        double wd = w.get("density").asDouble();
        if (wv > 0.01) {
          assertEquals(wv, g.get("volume").asDouble(), 1e-3 * wv, ctx);
          assertEquals(wd, g.get("density").asDouble(), 1e-3 * wd, ctx);
        }
      }
    } else {
      Object[] justified = WHERE_PYMATGEN_FAILED.get(file);
      if (justified != null) {
        assertEquals(0, r.exitCode, r.out);
        assertEquals(1, lines.size(), r.out);
        assertEquals(justified[0], lines.get(0).get("formula").asText(), (String) justified[2]);
        assertEquals(justified[1], lines.get(0).get("sites").asInt(), (String) justified[2]);
      } else {
        assertEquals(1, r.exitCode, () -> "pymatgen failed on " + file + " ("
            + expected.get("error").asText() + ") but invdes read it without error and no"
            + " justification is recorded:\n" + r.out);
        for (JsonNode n : lines) {
          if (n.has("error")) {
            assertTrue(n.get("error").asText().length() > 10, n.toString());
            assertTrue(n.hasNonNull("line") && n.get("line").asInt() > 0,
                () -> "error without a line number: " + n);
          } else if (!n.has("formula")) {
            fail("neither a structure nor an error: " + n);
          }
        }
      }
    }
  }
}
