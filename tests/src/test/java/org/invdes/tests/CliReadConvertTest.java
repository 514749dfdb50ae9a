package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code read} and {@code convert} subcommands end to end, on the repository's examples. */
class CliReadConvertTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        nodes.add(JSON.readTree(l));
      }
    }
    return nodes;
  }

  @Test
  void readPrintsOneObjectPerStructureWithExactlyTheDocumentedKeys() throws Exception {
    Path nacl = Shared.root().resolve("examples/NaCl.cif");
    Cli r = Cli.run("read", nacl.toString());
    assertEquals(0, r.exitCode, r.err);
    List<JsonNode> nodes = lines(r.out);
    assertEquals(1, nodes.size());
    JsonNode n = nodes.get(0);
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("source", "block", "formula", "sites", "volume", "density", "ordered"),
        keys);
    assertEquals("NaCl.cif", n.get("source").asText());
    assertEquals("NaCl", n.get("block").asText());
    assertEquals("NaCl", n.get("formula").asText());
    assertEquals(8, n.get("sites").asInt());
    // a = 5.6402 Å: V = a³; density = 4 NaCl (58.443 u) / V
    assertEquals(Math.pow(5.6402, 3), n.get("volume").asDouble(), 1e-3);
    assertEquals(4 * 58.443 / Math.pow(5.6402, 3) * 1.66053906660, n.get("density").asDouble(),
        1e-3);
    assertTrue(n.get("ordered").asBoolean());
  }

  @Test
  void unreadableFilesGiveAnErrorLineAndExitCode1ButGoodFilesAreStillRead() throws Exception {
    Path bad = tmp.resolve("broken.cif");
    Files.writeString(bad, "data_x\n_cell_length_a 5\n_cell_length_b 'unterminated\n");
    Path nacl = Shared.root().resolve("examples/NaCl.cif");
    Cli r = Cli.run("read", bad.toString(), nacl.toString());
    assertEquals(1, r.exitCode);
    List<JsonNode> nodes = lines(r.out);
    assertEquals(2, nodes.size(), r.out);
    assertEquals("broken.cif", nodes.get(0).get("source").asText());
    assertTrue(nodes.get(0).has("error"));
    assertEquals(3, nodes.get(0).get("line").asInt(), r.out);
    assertEquals("NaCl", nodes.get(1).get("formula").asText());
  }

  @Test
  void parallelReadingKeepsTheOrderOfTheFiles() throws Exception {
    List<String> args = new ArrayList<>(List.of("read"));
    try (var s = Files.list(Shared.root().resolve("examples"))) {
      s.filter(p -> p.toString().endsWith(".cif")).sorted(java.util.Comparator.reverseOrder())
          .forEach(p -> args.add(p.toString()));
    }
    Path bad = tmp.resolve("broken-too.cif");
    Files.writeString(bad, "data_x\n_cell_length_a 5\n_cell_length_b 'unterminated\n");
    args.add(2, bad.toString());
    assertTrue(args.size() > 5, args.toString());
    List<String> one = new ArrayList<>(args);
    one.addAll(List.of("--threads", "1"));
    args.addAll(List.of("--threads", "3"));
    Cli serial = Cli.run(one.toArray(String[]::new));
    Cli parallel = Cli.run(args.toArray(String[]::new));
    assertEquals(1, serial.exitCode);
    assertEquals(1, parallel.exitCode);
    assertEquals(serial.out, parallel.out);
    List<JsonNode> nodes = lines(parallel.out);
    assertEquals("broken-too.cif", nodes.get(1).get("source").asText(), parallel.out);
    assertEquals(2, Cli.run("read", bad.toString(), "--threads", "0").exitCode);
  }

  @Test
  void usageErrorsPrintHelpAndExit2() {
    Cli r = Cli.run("read");
    assertEquals(2, r.exitCode);
    assertTrue(r.err.contains("Usage:"), r.err);
    Cli none = Cli.run();
    assertEquals(2, none.exitCode);
    Cli unknown = Cli.run("frobnicate");
    assertEquals(2, unknown.exitCode);
  }

  @Test
  void everySubcommandHasHelpWithAnExample() {
    java.util.Set<String> commands = new java.util.TreeSet<>(
        org.invdes.cli.Main.commandLine().getSubcommands().keySet());
    commands.remove("help");
    assertTrue(commands.containsAll(List.of("read", "convert", "train", "sample", "filter",
        "evaluate", "design", "version")), commands.toString());
    for (String cmd : commands) {
      Cli r = Cli.run(cmd, "--help");
      assertEquals(0, r.exitCode, cmd + ": " + r.err);
      assertTrue(r.out.contains("Usage: invdes " + cmd), r.out);
      assertTrue(r.out.contains("Example"), cmd + " --help has no example:\n" + r.out);
    }
  }

  @Test
  void readWritesItsLinesToAFileWithOut() throws Exception {
    Path nacl = Shared.root().resolve("examples/NaCl.cif");
    Path out = tmp.resolve("read.jsonl");
    Cli r = Cli.run("read", nacl.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode, r.err);
    assertEquals("", r.out);
    assertEquals(Cli.run("read", nacl.toString()).out, Files.readString(out));
  }

  @Test
  void versionPrintsOnlyTheVersion() {
    Cli r = Cli.run("version");
    assertEquals(0, r.exitCode);
    assertTrue(r.out.trim().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out);
  }

  @Test
  void convertCifToPoscarToXyzToCsvKeepsTheStructure() throws Exception {
    Path cif = Shared.root().resolve("examples/ZrO2-baddeleyite.cif");
    Path poscar = tmp.resolve("POSCAR");
    Path xyz = tmp.resolve("zro2.xyz");
    Path csv = tmp.resolve("zro2.csv.gz");
    Path back = tmp.resolve("back.cif");
    assertEquals(0, Cli.run("convert", cif.toString(), poscar.toString()).exitCode);
    assertEquals(0, Cli.run("convert", poscar.toString(), "--out", xyz.toString()).exitCode);
    assertEquals(0, Cli.run("convert", xyz.toString(), csv.toString()).exitCode);
    assertEquals(0, Cli.run("convert", csv.toString(), back.toString()).exitCode);
    JsonNode first = lines(Cli.run("read", cif.toString()).out).get(0);
    JsonNode last = lines(Cli.run("read", back.toString()).out).get(0);
    assertEquals("ZrO2", last.get("formula").asText());
    assertEquals(12, last.get("sites").asInt());
    assertEquals(first.get("volume").asDouble(), last.get("volume").asDouble(), 1e-6);
    assertEquals(first.get("density").asDouble(), last.get("density").asDouble(), 1e-6);
  }

  @Test
  void convertRefusesDisorderInPoscarAndLeavesNoFile() throws Exception {
    Path cif = Shared.root().resolve("examples/CuAu-disordered.cif");
    Path poscar = tmp.resolve("POSCAR");
    Cli r = Cli.run("convert", cif.toString(), poscar.toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.err.contains("disordered"), r.err);
    assertFalse(Files.exists(poscar));
    try (var s = Files.list(tmp)) {
      assertEquals(0, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void convertWithoutOrWithTwoOutputsIsAUsageError() {
    Path cif = Shared.root().resolve("examples/NaCl.cif");
    Cli none = Cli.run("convert", cif.toString());
    assertEquals(2, none.exitCode);
    assertTrue(none.err.contains("--out"), none.err);
    Cli two = Cli.run("convert", cif.toString(), tmp.resolve("a.xyz").toString(), "--out",
        tmp.resolve("b.xyz").toString());
    assertEquals(2, two.exitCode);
    assertTrue(two.err.contains("a.xyz") && two.err.contains("b.xyz"), two.err);
    assertFalse(Files.exists(tmp.resolve("a.xyz")) || Files.exists(tmp.resolve("b.xyz")));
  }

  @Test
  void convertWithUnknownOutputExtensionIsAUsageError() {
    Path cif = Shared.root().resolve("examples/NaCl.cif");
    Cli r = Cli.run("convert", cif.toString(), tmp.resolve("out.docx").toString());
    assertEquals(2, r.exitCode);
    assertTrue(r.err.contains("out.docx"), r.err);
  }
}
