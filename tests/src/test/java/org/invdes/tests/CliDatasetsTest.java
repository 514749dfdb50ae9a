package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invdes datasets list | fetch | demo} end to end. */
class CliDatasetsTest {
  @TempDir Path tmp;

  private static long filesUnder(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void listShowsEveryDatasetAndTheDemo() {
    Cli r = Cli.run("datasets", "list", "--cache", tmp.toString());
    assertEquals(0, r.exitCode, r.err);
    for (String name : List.of("perov_5", "carbon_24", "mp_20", "mp_20_biternary", "mp_20_pilot",
        "demo")) {
      assertTrue(r.out.lines().anyMatch(l -> l.startsWith(name + " ")), name + "\n" + r.out);
    }
    assertTrue(r.out.contains("licence: MIT"), r.out);
    assertTrue(r.out.contains("Cache: " + tmp), r.out);
  }

  @Test
  void helpHasAnExampleAndUsageErrorsExitWith2() {
    for (String sub : List.of("list", "fetch", "demo")) {
      Cli h = Cli.run("datasets", sub, "--help");
      assertEquals(0, h.exitCode);
      assertTrue(h.out.contains("Example"), h.out);
    }
    assertEquals(2, Cli.run("datasets").exitCode);
    Cli unknown = Cli.run("datasets", "fetch", "perov5", "--cache", tmp.toString());
    assertEquals(2, unknown.exitCode);
    assertTrue(unknown.err.contains("known datasets: perov_5"), unknown.err);
    assertEquals(2, Cli.run("datasets", "fetch", "perov_5", "--split", "dev").exitCode);
    assertEquals(2, Cli.run("datasets", "demo", "--out", tmp.toString(), "--size", "3")
        .exitCode);
  }

  @Test
  void fetchesFromAMirrorDirectoryIntoCacheAndOut() throws Exception {
    Path shared = Shared.shared("datasets");
    Path cache = tmp.resolve("cache");
    Path out = tmp.resolve("out");
    Cli r = Cli.run("datasets", "fetch", "perov_5", "--split", "val", "--mirror",
        shared.toString(), "--cache", cache.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exitCode, r.err);
    assertEquals(out.resolve("val.csv").toAbsolutePath().toString(), r.out.strip());
    assertArrayEquals(Files.readAllBytes(shared.resolve("perov_5/val.csv")),
        Files.readAllBytes(out.resolve("val.csv")));
    assertTrue(Files.isRegularFile(cache.resolve("perov_5/val.csv")));
    // the second time the cache serves it, even with a mirror that has nothing
    Cli again = Cli.run("datasets", "fetch", "perov_5", "--split", "val", "--mirror",
        tmp.resolve("empty").toString(), "--cache", cache.toString(), "--quiet");
    assertEquals(1, again.exitCode, "a mirror that is not a directory is an error");
    Files.createDirectories(tmp.resolve("empty"));
    again = Cli.run("datasets", "fetch", "perov_5", "--split", "val", "--mirror",
        tmp.resolve("empty").toString(), "--cache", cache.toString(), "--quiet");
    assertEquals(0, again.exitCode, again.err);
    assertEquals(cache.resolve("perov_5/val.csv").toAbsolutePath().toString(), again.out.strip());
    Cli list = Cli.run("datasets", "list", "--cache", cache.toString());
    assertTrue(list.out.contains("train val* test"), list.out);
  }

  @Test
  void aCorruptedDownloadFailsAndCachesNothing() throws Exception {
    Path shared = Shared.shared("datasets");
    byte[] bytes = Files.readAllBytes(shared.resolve("carbon_24/val.csv"));
    bytes[1000] ^= 0x01;
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      if (ex.getRequestURI().getPath().equals("/carbon_24/val.csv")) {
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(bytes);
        }
      } else {
        ex.sendResponseHeaders(404, -1);
      }
      ex.close();
    });
    server.start();
    try {
      Path cache = tmp.resolve("cache");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      Cli r = Cli.run("datasets", "fetch", "carbon_24", "--split", "val", "--mirror", url,
          "--cache", cache.toString(), "--quiet");
      assertEquals(1, r.exitCode);
      assertTrue(r.err.contains(url + "carbon_24/val.csv does not match"), r.err);
      assertTrue(r.err.contains("SHA-256 is"), r.err);
      assertEquals(0, filesUnder(cache), "nothing cached, no temporary file left");
      assertEquals("", r.out);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void offlineNamesTheUrlAndTheMirror() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/";
    Cli r = Cli.run("datasets", "fetch", "mp_20_pilot", "--split", "val", "--mirror", url,
        "--cache", tmp.toString(), "--quiet");
    assertEquals(1, r.exitCode);
    assertTrue(r.err.contains("cannot download " + url + "mp_20/pilot_val.csv.gz"), r.err);
    assertTrue(r.err.contains("--mirror DIR"), r.err);
    assertTrue(r.err.contains("INVDES_DATASET_MIRROR"), r.err);
    assertEquals(0, filesUnder(tmp));
  }

  @Test
  void demoWritesThreeReadableSplitsIdenticallyForASeed() throws Exception {
    Cli a = Cli.run("datasets", "demo", "--out", tmp.resolve("a").toString(), "--size", "200",
        "--seed", "3", "--quiet");
    assertEquals(0, a.exitCode, a.err);
    assertEquals(3, a.out.lines().count(), a.out);
    Cli b = Cli.run("datasets", "demo", "--out", tmp.resolve("b").toString(), "--size", "200",
        "--seed", "3", "--quiet");
    Cli c = Cli.run("datasets", "demo", "--out", tmp.resolve("c").toString(), "--size", "200",
        "--seed", "4", "--quiet");
    assertEquals(0, b.exitCode + c.exitCode);
    int rows = 0;
    for (String f : List.of("train.csv", "val.csv", "test.csv")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)),
          Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
      List<ReadResult> read = DatasetCsv.read(tmp.resolve("a").resolve(f),
          ReadOptions.strictMode());
      for (ReadResult r : read) {
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        assertTrue(r.structure().doubleProperty("density").isPresent());
      }
      rows += read.size();
    }
    assertEquals(200, rows);
    assertNotEquals(Files.readString(tmp.resolve("a/train.csv")),
        Files.readString(tmp.resolve("c/train.csv")));
    assertFalse(a.err.isBlank(), "a summary goes to stderr");
  }
}
