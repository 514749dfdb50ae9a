package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of a real filter run in headless Chromium, speaking the DevTools protocol
 * over the JDK's WebSocket client: no console error, no uncaught exception, no request that is
 * not a file or data URL, the viewers drew their atoms; saves a screenshot to
 * {@code target/report-screenshot.png}. Skipped when {@code /usr/bin/chromium} is absent.
 */
class ReportInChromiumTest {
  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void theReportOpensWithoutErrorsAndDrawsItsCells() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is not installed"
        + " (apt-get install -y chromium)");
    ReportInputs in = ReportInputs.make(tmp);
    Path html = tmp.resolve("report.html");
    Cli r = Cli.run("report", "--candidates", in.kept.toString(), "--rejected",
        in.rejected.toString(), "--train", in.train.toString(), "--metrics",
        in.metrics.toString(), "--target", "heat_ref=0.5", "--property", "heat_ref,dir_gap",
        "--setting", "seed=7", "--top", "6", "--out", html.toString());
    assertEquals(0, r.exitCode, r.err);
    int expectedViews = (int) Stream.of(Files.readString(html).split("<canvas class=\"cell-view\""))
        .count() - 1;
    assertTrue(expectedViews > 0, "the report shows no candidate");

    Path profile = Files.createTempDirectory("invdes-chromium-");
    Path log = tmp.resolve("chromium.log");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1280,900",
        "about:blank").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (Cdp cdp = Cdp.connect(pageSocket(profile, chromium, log))) {
      cdp.call("Runtime.enable", Map.of());
      cdp.call("Log.enable", Map.of());
      cdp.call("Network.enable", Map.of());
      cdp.call("Page.enable", Map.of());
      CompletableFuture<JsonNode> loaded = cdp.event("Page.loadEventFired");
      cdp.call("Page.navigate", Map.of("url", html.toUri().toString()));
      loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      int views = cdp.evaluate("window.invdesReport ? window.invdesReport.views() : -1").asInt();
      int atoms = cdp.evaluate("window.invdesReport ? window.invdesReport.atomsDrawn() : -1")
          .asInt();
      int canvases = cdp.evaluate("document.querySelectorAll('canvas.cell-view').length").asInt();
      // the whole page, in one image
      JsonNode metrics = cdp.call("Page.getLayoutMetrics", Map.of());
      int height = (int) Math.ceil(metrics.path("cssContentSize").path("height").asDouble(2000));
      cdp.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height",
          Math.min(height, 8000), "deviceScaleFactor", 1, "mobile", false));
      JsonNode shot = cdp.call("Page.captureScreenshot", Map.of("format", "png"));
      Path png = Paths.get("target", "report-screenshot.png");
      Files.createDirectories(png.getParent());
      Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));

      assertEquals(List.of(), cdp.errors(), "console errors or uncaught exceptions");
      assertEquals(List.of(), cdp.remoteRequests(), "requests that are not file: or data:");
      assertEquals(expectedViews, canvases);
      assertEquals(expectedViews, views, "viewers started");
      // each cell has at least its sites drawn (perovskites: 5 sites, more with face images)
      assertTrue(atoms >= 5 * expectedViews, "atoms drawn: " + atoms);
      assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is nearly empty");
    } finally {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      chromium.waitFor(20, TimeUnit.SECONDS);
      deleteTree(profile);
    }
  }

  /** Waits for DevToolsActivePort, then asks the browser for its page's WebSocket URL. */
  private static URI pageSocket(Path profile, Process chromium, Path log) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
      if (!chromium.isAlive()) {
        throw new AssertionError("chromium exited with " + chromium.exitValue() + ": "
            + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("chromium wrote no DevToolsActivePort in " + TIMEOUT);
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      HttpResponse<String> resp = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      for (JsonNode t : JSON.readTree(resp.body())) {
        if ("page".equals(t.path("type").asText())) {
          return URI.create(t.path("webSocketDebuggerUrl").asText());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("chromium has no page target: " + resp.body());
      }
      Thread.sleep(100);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // chromium may still be writing while it dies; a second pass gets the rest
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** A minimal DevTools protocol client: commands by id, events by name, error collection. */
  private static final class Cdp implements WebSocket.Listener, AutoCloseable {
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> remote = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Cdp connect(URI uri) throws Exception {
      Cdp c = new Cdp();
      c.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
          .buildAsync(uri, c).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return c;
    }

    JsonNode call(String method, Map<String, ?> params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> f = new CompletableFuture<>();
      pending.put(id, f);
      ObjectNode msg = JSON.createObjectNode();
      msg.put("id", id);
      msg.put("method", method);
      msg.set("params", JSON.valueToTree(params));
      socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(),
          TimeUnit.SECONDS);
      JsonNode reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new AssertionError(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    }

    JsonNode evaluate(String expression) throws Exception {
      JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue",
          true));
      if (r.has("exceptionDetails")) {
        throw new AssertionError(expression + " threw " + r.get("exceptionDetails"));
      }
      return r.path("result").path("value");
    }

    CompletableFuture<JsonNode> event(String method) {
      return awaited.computeIfAbsent(method, m -> new CompletableFuture<>());
    }

    synchronized List<String> errors() {
      return List.copyOf(errors);
    }

    synchronized List<String> remoteRequests() {
      return List.copyOf(remote);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          handle(JSON.readTree(text));
        } catch (IOException e) {
          synchronized (this) {
            errors.add("unreadable DevTools message: " + e.getMessage());
          }
        }
      }
      ws.request(1);
      return null;
    }

    private void handle(JsonNode m) {
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
        return;
      }
      String method = m.path("method").asText();
      JsonNode p = m.path("params");
      synchronized (this) {
        switch (method) {
          case "Runtime.consoleAPICalled" -> {
            if ("error".equals(p.path("type").asText())) {
              errors.add("console.error: " + p.path("args"));
            }
          }
          case "Runtime.exceptionThrown" -> errors.add("exception: "
              + p.path("exceptionDetails"));
          case "Log.entryAdded" -> {
            if ("error".equals(p.path("entry").path("level").asText())) {
              errors.add("log: " + p.path("entry").path("text").asText() + " "
                  + p.path("entry").path("url").asText());
            }
          }
          case "Network.requestWillBeSent" -> {
            String url = p.path("request").path("url").asText();
            if (!url.startsWith("file:") && !url.startsWith("data:")
                && !url.equals("about:blank")) {
              remote.add(url);
            }
          }
          default -> { }
        }
      }
      CompletableFuture<JsonNode> f = awaited.get(method);
      if (f != null) {
        f.complete(p);
      }
    }

    @Override
    public void close() {
      if (socket != null) {
        socket.abort();
      }
    }
  }
}
