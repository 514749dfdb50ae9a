package org.invdes.core.datasets;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on 127.0.0.1 for the download tests: serves a directory, with single files
 * replaced by given bytes (e.g. a corrupted copy), 404 for anything else. Counts requests.
 */
final class FileServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> overrides = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  FileServer(Path root) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String rel = exchange.getRequestURI().getPath().substring(1);
      byte[] body = overrides.get(rel);
      if (body == null && root != null && !rel.contains("..")) {
        Path p = root.resolve(rel);
        if (Files.isRegularFile(p)) {
          body = Files.readAllBytes(p);
        }
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
  }

  /** Serves these bytes at this path (relative, no leading slash). */
  FileServer serve(String path, byte[] content) {
    overrides.put(path, content);
    return this;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
