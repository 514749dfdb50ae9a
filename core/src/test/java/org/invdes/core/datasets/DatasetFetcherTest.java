package org.invdes.core.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download, cache and mirror logic on small self-made files served from 127.0.0.1. */
class DatasetFetcherTest {
  private static final byte[] CONTENT =
      "id,cif,x\n1,\"data_a\",0.5\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  private static DatasetFile pin(URI url, Digests d) {
    return new DatasetFile("toy", "val", "toy/val.csv", url, d.sizeBytes(), d.sha256(),
        d.gitBlobSha1());
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void downloadsVerifiesAndCaches() throws Exception {
    try (FileServer server = new FileServer(null).serve("toy/val.csv", CONTENT)) {
      DatasetFile f = pin(server.base().resolve("toy/val.csv"), Digests.of(CONTENT));
      DatasetFetcher fetcher = DatasetFetcher.of(tmp.resolve("cache"));
      List<Double> fractions = new ArrayList<>();
      ProgressMonitor monitor = new ProgressMonitor() {
        @Override
        public void progress(double fraction, String message) {
          fractions.add(fraction);
        }

        @Override
        public boolean isCancelled() {
          return false;
        }
      };
      Path got = fetcher.fetch(f, monitor);
      assertEquals(tmp.resolve("cache/toy/val.csv"), got);
      assertArrayEquals(CONTENT, Files.readAllBytes(got));
      assertEquals(1.0, fractions.get(fractions.size() - 1));
      assertEquals(List.of(got), filesUnder(tmp.resolve("cache")), "no temporary file is left");
      // a second fetch is served from the cache: no request
      int before = server.requests.get();
      assertEquals(got, fetcher.fetch(f, ProgressMonitor.NONE));
      assertEquals(before, server.requests.get());
      assertTrue(fetcher.cached(f).isPresent());
    }
  }

  @Test
  void corruptedDownloadIsRejectedAndNothingCached() throws Exception {
    byte[] corrupt = CONTENT.clone();
    corrupt[5] ^= 1;
    try (FileServer server = new FileServer(null).serve("toy/val.csv", corrupt)) {
      DatasetFile f = pin(server.base().resolve("toy/val.csv"), Digests.of(CONTENT));
      DatasetFetcher fetcher = DatasetFetcher.of(tmp.resolve("cache"));
      DatasetException e = assertThrows(DatasetException.class,
          () -> fetcher.fetch(f, ProgressMonitor.NONE));
      assertEquals(DatasetException.Kind.CHECKSUM, e.kind());
      assertTrue(e.getMessage().contains(f.url().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("SHA-256 is " + Digests.of(corrupt).sha256()),
          e.getMessage());
      assertTrue(e.getMessage().contains("Nothing was cached"), e.getMessage());
      assertEquals(List.of(), filesUnder(tmp.resolve("cache")));
    }
  }

  @Test
  void aCorruptedCacheEntryIsFetchedAgain() throws Exception {
    try (FileServer server = new FileServer(null).serve("toy/val.csv", CONTENT)) {
      DatasetFile f = pin(server.base().resolve("toy/val.csv"), Digests.of(CONTENT));
      DatasetFetcher fetcher = DatasetFetcher.of(tmp.resolve("cache"));
      Path cached = fetcher.cachePath(f);
      Files.createDirectories(cached.getParent());
      Files.write(cached, "stale".getBytes(StandardCharsets.UTF_8));
      assertTrue(fetcher.cached(f).isEmpty());
      assertArrayEquals(CONTENT, Files.readAllBytes(fetcher.fetch(f, ProgressMonitor.NONE)));
      assertEquals(1, server.requests.get());
    }
  }

  @Test
  void aPinOfTheGitObjectIdAloneIsChecked() throws Exception {
    Digests d = Digests.of(CONTENT);
    try (FileServer server = new FileServer(null).serve("toy/val.csv", CONTENT)) {
      URI url = server.base().resolve("toy/val.csv");
      DatasetFetcher fetcher = DatasetFetcher.of(tmp.resolve("cache"));
      DatasetFile right = new DatasetFile("toy", "val", "toy/val.csv", url, -1, "",
          d.gitBlobSha1());
      assertTrue(Files.isRegularFile(fetcher.fetch(right, ProgressMonitor.NONE)));
      DatasetFile wrong = new DatasetFile("toy", "test", "toy/test.csv", url, -1, "",
          "0".repeat(40));
      DatasetException e = assertThrows(DatasetException.class,
          () -> fetcher.fetch(wrong, ProgressMonitor.NONE));
      assertTrue(e.getMessage().contains("git object id is " + d.gitBlobSha1()), e.getMessage());
    }
  }

  @Test
  void gitObjectIdIsGitsOwn() {
    // `printf 'hello\n' | git hash-object --stdin` and `printf 'hello\n' | sha256sum`
    Digests d = Digests.of("hello\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", d.gitBlobSha1());
    assertEquals("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", d.sha256());
  }

  @Test
  void unreachableServerNamesTheUrlAndTheMirror() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/toy/val.csv");
    DatasetFile f = pin(url, Digests.of(CONTENT));
    DatasetFetcher fetcher = DatasetFetcher.of(tmp.resolve("cache"))
        .withConnectTimeout(Duration.ofSeconds(5));
    DatasetException e = assertThrows(DatasetException.class,
        () -> fetcher.fetch(f, ProgressMonitor.NONE));
    assertEquals(DatasetException.Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--mirror"), e.getMessage());
    assertTrue(e.getMessage().contains(DatasetFetcher.MIRROR_ENV), e.getMessage());
    assertEquals(List.of(), filesUnder(tmp.resolve("cache")));
  }

  @Test
  void http404IsReported() throws Exception {
    try (FileServer server = new FileServer(null)) {
      DatasetFile f = pin(server.base().resolve("toy/val.csv"), Digests.of(CONTENT));
      DatasetException e = assertThrows(DatasetException.class,
          () -> DatasetFetcher.of(tmp.resolve("cache")).fetch(f, ProgressMonitor.NONE));
      assertEquals(DatasetException.Kind.HTTP_STATUS, e.kind());
      assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }
  }

  @Test
  void mirrorDirectoryAndMirrorUrlReplaceThePinnedUrl() throws Exception {
    Path mirror = tmp.resolve("mirror");
    Files.createDirectories(mirror.resolve("toy"));
    Files.write(mirror.resolve("toy/val.csv"), CONTENT);
    // the pinned URL points nowhere: only the mirror can serve the file
    DatasetFile f = pin(URI.create("http://127.0.0.1:9/none.csv"), Digests.of(CONTENT));
    Path got = DatasetFetcher.of(tmp.resolve("c1")).withMirror(mirror.toString())
        .fetch(f, ProgressMonitor.NONE);
    assertArrayEquals(CONTENT, Files.readAllBytes(got));
    try (FileServer server = new FileServer(mirror)) {
      Path viaUrl = DatasetFetcher.of(tmp.resolve("c2")).withMirror(server.base().toString())
          .fetch(f, ProgressMonitor.NONE);
      assertArrayEquals(CONTENT, Files.readAllBytes(viaUrl));
    }
    DatasetFile missing = new DatasetFile("toy", "test", "toy/test.csv", f.url(), -1, "",
        f.gitBlobSha1());
    DatasetException e = assertThrows(DatasetException.class, () -> DatasetFetcher
        .of(tmp.resolve("c3")).withMirror(mirror.toString()).fetch(missing, ProgressMonitor.NONE));
    assertEquals(DatasetException.Kind.NOT_IN_MIRROR, e.kind());
    assertTrue(e.getMessage().contains("toy/test.csv"), e.getMessage());
    assertEquals(List.of(), filesUnder(tmp.resolve("c3")));
  }

  @Test
  void cancellingLeavesNothing() throws Exception {
    try (FileServer server = new FileServer(null).serve("toy/val.csv", CONTENT)) {
      DatasetFile f = pin(server.base().resolve("toy/val.csv"), Digests.of(CONTENT));
      ProgressMonitor cancelled = ProgressMonitor.cancelling(() -> true);
      assertThrows(CancelledException.class,
          () -> DatasetFetcher.of(tmp.resolve("cache")).fetch(f, cancelled));
      assertEquals(List.of(), filesUnder(tmp.resolve("cache")));
    }
  }

  @Test
  void cacheDirectoryFollowsXdg() {
    assertEquals(Path.of("/x/cache/invdes"),
        DatasetFetcher.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u"));
    assertEquals(Path.of("/home/u/.cache/invdes"),
        DatasetFetcher.defaultCacheDir(Map.of(), "/home/u"));
    // a relative XDG_CACHE_HOME is invalid under the XDG rule and ignored
    assertEquals(Path.of("/home/u/.cache/invdes"),
        DatasetFetcher.defaultCacheDir(Map.of("XDG_CACHE_HOME", "rel"), "/home/u"));
    assertFalse(DatasetFetcher.of(Path.of("/c")).mirror().isPresent());
  }
}
