package org.invdes.core.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;

/**
 * Fetches pinned dataset files into a local cache, verified against their pins. Immutable and
 * thread-safe for different files.
 *
 * <p>{@link #fetch} of a {@link DatasetFile}, step by step:
 *
 * <ol>
 *   <li>If the cache holds {@code <cache>/<mirrorPath>} and its {@link Digests} match every pin,
 *       return it. A cached file that does not match is deleted and fetched again.
 *   <li>Choose the source: with a mirror directory, {@code <mirror>/<mirrorPath>}; with a mirror
 *       base URL, {@code <base>/<mirrorPath>}; else the file's pinned URL.
 *   <li>Copy the source to a temporary file beside the cache entry ({@code .<name>*.part}),
 *       reporting progress in bytes and polling for cancellation.
 *   <li>Verify the copy: size (if pinned), SHA-256 (if pinned) and git object id. On a mismatch
 *       the copy is deleted and a {@link DatasetException.Kind#CHECKSUM} error names the source
 *       and both values: nothing is cached.
 *   <li>Move the copy into place atomically and return it.
 * </ol>
 *
 * <p>HTTP: {@link HttpClient}, HTTP/1.1, redirects followed (except from https to http), the
 * JVM's proxy settings ({@code -Dhttps.proxyHost}...), a connect timeout (default {@value
 * #DEFAULT_CONNECT_TIMEOUT_SECONDS} s). A server that cannot be reached gives a {@link
 * DatasetException.Kind#UNREACHABLE} error that names the URL and says how to use a mirror.
 */
public final class DatasetFetcher {
  /** The environment variable naming a mirror: a directory or an http(s) base URL. */
  public static final String MIRROR_ENV = "INVDES_DATASET_MIRROR";
  /** Default connect timeout, seconds. */
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 20;

  private static final int BUFFER = 1 << 16;

  private final Path cacheDir;
  private final Path mirrorDir;
  private final URI mirrorUrl;
  private final Duration connectTimeout;

  private DatasetFetcher(Path cacheDir, Path mirrorDir, URI mirrorUrl, Duration connectTimeout) {
    this.cacheDir = cacheDir;
    this.mirrorDir = mirrorDir;
    this.mirrorUrl = mirrorUrl;
    this.connectTimeout = connectTimeout;
  }

  /**
   * A fetcher that caches under the given directory and downloads from the pinned URLs.
   *
   * @param cacheDir the cache root, e.g. {@link #defaultCacheDir(Map, String)}; created on demand
   */
  public static DatasetFetcher of(Path cacheDir) {
    return new DatasetFetcher(Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath(), null,
        null, Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS));
  }

  /**
   * The user's cache directory for invdes: {@code $XDG_CACHE_HOME/invdes} when that variable is
   * set to an absolute path (the XDG Base Directory rule), else {@code <home>/.cache/invdes}.
   *
   * @param env the environment, e.g. {@link System#getenv()}
   * @param userHome the home directory, e.g. {@code System.getProperty("user.home")}
   */
  public static Path defaultCacheDir(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
      return Paths.get(xdg, "invdes");
    }
    return Paths.get(userHome, ".cache", "invdes");
  }

  /**
   * The same fetcher reading from a mirror instead of the pinned URLs.
   *
   * @param mirror a directory laid out like {@code ../shared/datasets} ({@code
   *     <mirror>/perov_5/val.csv}...), or an {@code http://} / {@code https://} base URL with the
   *     same layout; null or blank for none
   * @throws IllegalArgumentException if a URL mirror is malformed
   */
  public DatasetFetcher withMirror(String mirror) {
    if (mirror == null || mirror.isBlank()) {
      return new DatasetFetcher(cacheDir, null, null, connectTimeout);
    }
    String m = mirror.strip();
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI base;
      try {
        base = URI.create(m.endsWith("/") ? m : m + "/");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("dataset mirror '" + m + "' is not a valid URL: "
            + e.getMessage(), e);
      }
      return new DatasetFetcher(cacheDir, null, base, connectTimeout);
    }
    if (lower.startsWith("file:")) {
      return new DatasetFetcher(cacheDir, Paths.get(URI.create(m)), null, connectTimeout);
    }
    return new DatasetFetcher(cacheDir, Paths.get(m).toAbsolutePath(), null, connectTimeout);
  }

  /** The same fetcher with another connect timeout (must be positive). */
  public DatasetFetcher withConnectTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("connect timeout " + timeout + " must be positive");
    }
    return new DatasetFetcher(cacheDir, mirrorDir, mirrorUrl, timeout);
  }

  /** @return the cache root */
  public Path cacheDir() {
    return cacheDir;
  }

  /** @return a description of the mirror in use, if any (a directory or a base URL) */
  public Optional<String> mirror() {
    return mirrorDir != null ? Optional.of(mirrorDir.toString())
        : mirrorUrl != null ? Optional.of(mirrorUrl.toString()) : Optional.empty();
  }

  /** @return where the cache keeps this file, whether or not it is there yet */
  public Path cachePath(DatasetFile file) {
    return cacheDir.resolve(file.mirrorPath());
  }

  /**
   * @return the cached file if it is there and matches its pins
   * @throws IOException if the cached file cannot be read
   */
  public Optional<Path> cached(DatasetFile file) throws IOException {
    Path target = cachePath(file);
    if (Files.isRegularFile(target) && Digests.of(target).mismatch(file).isEmpty()) {
      return Optional.of(target);
    }
    return Optional.empty();
  }

  /**
   * Returns the verified cached copy of a file, fetching it first if needed (see the class
   * description for the steps).
   *
   * @param file the pinned file
   * @param monitor progress in bytes and cancellation
   * @return the path of the verified file in the cache
   * @throws DatasetException if the source cannot be reached, answers with an error status,
   *     lacks the file, or gives content that does not match the pins; the cache is unchanged
   * @throws IOException if the cache cannot be written
   * @throws CancelledException if the monitor asked to stop; the cache is unchanged
   */
  public Path fetch(DatasetFile file, ProgressMonitor monitor) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(monitor, "monitor");
    Path target = cachePath(file);
    if (Files.isRegularFile(target)) {
      if (Digests.of(target).mismatch(file).isEmpty()) {
        monitor.progress(1, file.mirrorPath() + " (cached)");
        return target;
      }
      Files.delete(target);
    }
    Files.createDirectories(target.getParent());
    Path part = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      String source = copy(file, part, monitor);
      Optional<String> bad = Digests.of(part).mismatch(file);
      if (bad.isPresent()) {
        throw new DatasetException(DatasetException.Kind.CHECKSUM, "the content of " + source
            + " does not match its pin for " + file.dataset() + "/" + file.split() + ": "
            + bad.get() + ". Nothing was cached. The source is corrupt or not the pinned"
            + " version; fetch it again or use another mirror.", null);
      }
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Step 2-3: copies the chosen source into {@code part}; returns the source's description. */
  private String copy(DatasetFile file, Path part, ProgressMonitor monitor) throws IOException {
    if (mirrorDir != null) {
      Path source = mirrorDir.resolve(file.mirrorPath());
      try (InputStream in = Files.newInputStream(source)) {
        transfer(in, part, sizeHint(file, Files.size(source)), file, monitor);
      } catch (NoSuchFileException e) {
        throw new DatasetException(DatasetException.Kind.NOT_IN_MIRROR, "the dataset mirror "
            + mirrorDir + " has no " + file.mirrorPath() + " (" + file.dataset() + "/"
            + file.split() + "); a mirror is laid out like ../shared/datasets:"
            + " <mirror>/" + file.mirrorPath(), e);
      }
      return source.toString();
    }
    URI url = mirrorUrl != null ? mirrorUrl.resolve(file.mirrorPath()) : file.url();
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .proxy(ProxySelector.getDefault())
        .connectTimeout(connectTimeout)
        .build();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(connectTimeout.multipliedBy(3))
        .header("User-Agent", "invdes")
        .GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("download of " + url + " was interrupted");
    } catch (IOException e) {
      // refused connection, unknown host, connect or response timeout: the server is not there
      throw unreachable(url, file, e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new DatasetException(DatasetException.Kind.HTTP_STATUS, "cannot download " + url
            + ": the server answered HTTP " + response.statusCode()
            + (response.statusCode() == 404 ? " (not found)" : "")
            + "; check the address or use a mirror (" + mirrorHelp(file) + ")", null);
      }
      OptionalLong length = response.headers().firstValueAsLong("Content-Length");
      transfer(in, part, sizeHint(file, length.orElse(-1)), file, monitor);
    }
    return url.toString();
  }

  private static long sizeHint(DatasetFile file, long announced) {
    return announced > 0 ? announced : file.sizeBytes();
  }

  private static DatasetException unreachable(URI url, DatasetFile file, IOException e) {
    // the JDK's client often wraps the reason (e.g. "Connection refused") in a cause
    String why = null;
    Throwable deepest = e;
    for (Throwable t = e; t != null && why == null; t = t.getCause()) {
      deepest = t;
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        why = t.getMessage();
      }
    }
    if (why == null) {
      why = deepest instanceof java.nio.channels.UnresolvedAddressException
          ? "cannot resolve the host " + url.getHost()
          : deepest instanceof java.net.ConnectException ? "cannot connect to " + url.getHost()
          : deepest.getClass().getSimpleName();
    }
    return new DatasetException(DatasetException.Kind.UNREACHABLE, "cannot download " + url
        + ": " + why + ". Are you offline? To use a local copy, " + mirrorHelp(file), e);
  }

  private static String mirrorHelp(DatasetFile file) {
    return "pass --mirror DIR or set " + MIRROR_ENV + "=DIR, where DIR is laid out like"
        + " ../shared/datasets (it holds " + file.mirrorPath() + "), or name an http(s) base URL"
        + " with the same layout";
  }

  private static void transfer(InputStream in, Path part, long expected, DatasetFile file,
      ProgressMonitor monitor) throws IOException {
    byte[] buf = new byte[BUFFER];
    long done = 0;
    String name = file.mirrorPath();
    monitor.progress(0, name);
    try (OutputStream out = Files.newOutputStream(part)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        monitor.checkCancelled("download of " + name);
        out.write(buf, 0, n);
        done += n;
        double fraction = expected > 0 ? Math.min(1, (double) done / expected) : 0;
        monitor.progress(fraction, String.format(Locale.ROOT, "%s %.1f MB", name, done / 1e6));
      }
    }
    if (!(expected > 0 && done >= expected)) {
      monitor.progress(1, String.format(Locale.ROOT, "%s %.1f MB", name, done / 1e6));
    }
  }
}
