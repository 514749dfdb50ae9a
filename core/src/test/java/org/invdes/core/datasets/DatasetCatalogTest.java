package org.invdes.core.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in catalogue, and the real benchmark files of ../shared/datasets served over HTTP
 * from 127.0.0.1 as if they were the pinned URLs (skipped when the shared data is absent).
 */
class DatasetCatalogTest {
  @TempDir Path tmp;

  @Test
  void listsTheBenchmarkDatasetsPinnedToCommits() {
    DatasetCatalog c = DatasetCatalog.builtIn();
    assertEquals(List.of("perov_5", "carbon_24", "mp_20", "mp_20_biternary", "mp_20_pilot"),
        c.datasets().stream().map(DatasetInfo::name).toList());
    for (DatasetInfo d : c.datasets()) {
      assertEquals(List.of("train", "val", "test"), d.splits(), d.name());
      for (DatasetFile f : d.files()) {
        String url = f.url().toString();
        assertTrue(url.matches("https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/[0-9a-f]{40}/"
            + "data/.+"), url);
        assertTrue(url.endsWith("/" + f.outputName()), url);
      }
    }
    DatasetFile val = c.get("perov_5").files("val").get(0);
    assertEquals("perov_5/val.csv", val.mirrorPath());
    assertEquals("val.csv", val.outputName());
    assertEquals("train.csv.gz", c.get("mp_20_pilot").files("train").get(0).outputName());
    assertEquals(3, c.get("carbon_24").files("all").size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.get("perov_5").files("dev"));
    assertTrue(e.getMessage().contains("train, val, test"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.get("perov5"));
    assertTrue(e.getMessage().contains("perov_5"), e.getMessage());
  }

  /** Every file of ../shared/datasets that the catalogue pins, fetched over HTTP and verified. */
  @Test
  void fetchesTheSharedFilesFromALocalServer() throws Exception {
    Path shared = Fixtures.shared("datasets");
    List<DatasetFile> present = new ArrayList<>();
    for (DatasetInfo d : DatasetCatalog.builtIn().datasets()) {
      for (DatasetFile f : d.files()) {
        if (Files.isRegularFile(shared.resolve(f.mirrorPath()))) {
          present.add(f);
        }
      }
    }
    // the shared copies are the ones the SHA-256 pins were computed from
    assertEquals(5, present.size(), present.toString());
    try (FileServer server = new FileServer(shared)) {
      DatasetFetcher fetcher = DatasetFetcher.of(tmp).withMirror(server.base().toString());
      for (DatasetFile f : present) {
        assertTrue(f.sha256Pin().isPresent(), f.toString());
        Path got = fetcher.fetch(f, ProgressMonitor.NONE);
        assertArrayEquals(Files.readAllBytes(shared.resolve(f.mirrorPath())),
            Files.readAllBytes(got), f.mirrorPath());
      }
      // the same path served corrupted: a checksum error, and nothing new in the cache
      DatasetFile val = DatasetCatalog.builtIn().get("perov_5").files("val").get(0);
      byte[] bytes = Files.readAllBytes(shared.resolve(val.mirrorPath()));
      bytes[bytes.length / 2] ^= 0x20;
      Path other = tmp.resolve("other");
      server.serve(val.mirrorPath(), bytes);
      DatasetException e = assertThrows(DatasetException.class, () -> DatasetFetcher.of(other)
          .withMirror(server.base().toString()).fetch(val, ProgressMonitor.NONE));
      assertEquals(DatasetException.Kind.CHECKSUM, e.kind());
      assertTrue(!Files.exists(other.resolve("perov_5/val.csv")));
      try (var s = Files.walk(other)) {
        assertEquals(0, s.filter(Files::isRegularFile).count(), "no temporary file is left");
      }
    }
  }
}
