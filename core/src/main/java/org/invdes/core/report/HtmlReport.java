package org.invdes.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.invdes.core.io.Structures;

/**
 * Writes a {@link Report} as one self-contained HTML file: inline CSS, inline SVG histograms, a
 * small canvas viewer in inline JavaScript and the candidates' CIFs as {@code data:} links. It
 * refers to no network resource, and the same report gives the same bytes (no timestamp, no
 * random id). The markup is well-formed XML after the doctype; every text is escaped. Without
 * JavaScript every table, histogram and CIF link still works; only the 3-D views need it.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The last set (the candidates) is orange; the sets before it take the other colours. */
  private static final String[] SERIES_COLOURS = {"#4c78a8", "#54a24b", "#b279a2", "#72b7b2"};
  private static final String LAST_SERIES_COLOUR = "#f58518";
  private static final String TARGET_COLOUR = "#d62728";
  private static final String CSS = resource("report.css");
  private static final String JS = resource("viewer.js");

  /**
   * Writes the report atomically (a temporary file moved into place).
   *
   * @param report the report
   * @param file the HTML file
   * @throws IOException if it cannot be written
   */
  public static void write(Report report, Path file) throws IOException {
    String html = render(report);
    Structures.writeAtomically(file, w -> w.write(html));
  }

  /**
   * @param report the report
   * @return the HTML document
   */
  public static String render(Report report) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        .append("<meta name=\"generator\" content=\"invdes\" />\n")
        .append("<title>").append(esc(report.title())).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    header(h, report);
    h.append("<main>\n");
    settings(h, report);
    funnel(h, report);
    histograms(h, report);
    metrics(h, report);
    candidates(h, report);
    notes(h, report);
    h.append("</main>\n<footer><p>Written by invdes. This file is self-contained: it loads"
        + " nothing from the network. The 3-D views need JavaScript; everything else does"
        + " not.</p></footer>\n");
    cellData(h, report);
    h.append("<script>//<![CDATA[\n").append(JS).append("//]]></script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, Report r) {
    h.append("<header class=\"top\">\n<h1>").append(esc(r.title())).append("</h1>\n<p>");
    Funnel f = r.funnel();
    List<String> parts = new ArrayList<>();
    if (f != null) {
      parts.add(f.generated() + " candidate" + (f.generated() == 1 ? "" : "s") + " generated");
      Funnel.Stage last = null;
      for (Funnel.Stage s : f.stages()) {
        if (s.count().isPresent()) {
          last = s;
        }
      }
      if (last != null && last != f.stages().get(0)) {
        parts.add(last.count().getAsInt() + " " + last.name());
      }
    }
    parts.add(r.candidates().size() + " shown in detail");
    h.append(esc(String.join(" · ", parts))).append("</p>\n<nav aria-label=\"Sections\">");
    nav(h, "settings", "Settings");
    if (f != null) {
      nav(h, "funnel", "Funnel");
    }
    if (!r.histograms().isEmpty()) {
      nav(h, "properties", "Properties");
    }
    if (!r.metrics().isEmpty()) {
      nav(h, "metrics", "Metrics");
    }
    nav(h, "candidates", "Top candidates");
    if (!r.notes().isEmpty() || !r.warnings().isEmpty()) {
      nav(h, "notes", "Notes");
    }
    h.append("</nav>\n</header>\n");
  }

  private static void nav(StringBuilder h, String id, String label) {
    h.append("<a href=\"#").append(id).append("\">").append(esc(label)).append("</a>");
  }

  private static void open(StringBuilder h, String id, String title) {
    h.append("<section id=\"").append(id).append("\" aria-labelledby=\"h-").append(id)
        .append("\">\n<h2 id=\"h-").append(id).append("\">").append(esc(title)).append("</h2>\n");
  }

  private static void settings(StringBuilder h, Report r) {
    open(h, "settings", "Settings");
    if (r.settings().isEmpty()) {
      h.append("<p class=\"explain\">No settings were recorded.</p>\n");
    } else {
      h.append("<table class=\"kv\">\n<caption class=\"sr-only\">Settings of the run</caption>\n"
          + "<tbody>\n");
      for (Report.Setting s : r.settings()) {
        h.append("<tr><th scope=\"row\">").append(esc(s.key())).append("</th><td>")
            .append(esc(s.value())).append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n");
    }
    h.append("</section>\n");
  }

  private static void funnel(StringBuilder h, Report r) {
    Funnel f = r.funnel();
    if (f == null) {
      return;
    }
    open(h, "funnel", "Validity and stability funnel");
    h.append("<table class=\"funnel\">\n<caption class=\"sr-only\">Candidates left after each"
        + " stage</caption>\n<thead><tr><th scope=\"col\">Stage</th><th scope=\"col\""
        + " class=\"num\">Count</th><th scope=\"col\" class=\"num\">% of generated</th>"
        + "<th scope=\"col\"><span class=\"sr-only\">Bar</span></th></tr></thead>\n<tbody>\n");
    int total = f.generated();
    for (Funnel.Stage s : f.stages()) {
      h.append("<tr><th scope=\"row\">").append(esc(s.name())).append("<span class=\"meaning\">")
          .append(esc(s.meaning())).append("</span></th>");
      OptionalInt c = s.count();
      if (c.isPresent()) {
        double pct = total == 0 ? 0 : 100.0 * c.getAsInt() / total;
        String p = String.format(Locale.ROOT, "%.1f", pct);
        h.append("<td class=\"num\">").append(c.getAsInt()).append("</td><td class=\"num\">")
            .append(p).append(" %</td><td class=\"barcell\"><div class=\"bar\" style=\"width:")
            .append(p).append("%\" role=\"presentation\"></div></td>");
      } else {
        h.append("<td class=\"num\">—</td><td class=\"num\">not assessed</td>"
            + "<td class=\"barcell\"><div class=\"bar na\" role=\"presentation\"></div></td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    for (String n : f.notes()) {
      h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
    }
    h.append("</section>\n");
  }

  private static void histograms(StringBuilder h, Report r) {
    if (r.histograms().isEmpty()) {
      return;
    }
    open(h, "properties", "Property distributions");
    boolean anyTarget = r.histograms().stream().anyMatch(x -> x.target().isPresent());
    h.append("<p class=\"explain\">Share of each set per bin, on shared bins")
        .append(anyTarget ? "; the dashed line marks the target." : ".")
        .append("</p>\n<div class=\"hist-grid\">\n");
    int k = 0;
    for (Histogram hist : r.histograms()) {
      svgHistogram(h, hist, k++);
    }
    h.append("</div>\n</section>\n");
  }

  private static void svgHistogram(StringBuilder h, Histogram hist, int index) {
    final double width = 460;
    final double height = 250;
    final double left = 52;
    final double right = 14;
    final double top = 34;
    final double bottom = 44;
    double pw = width - left - right;
    double ph = height - top - bottom;
    double[] edges = hist.edges();
    double lo = edges[0];
    double hi = edges[edges.length - 1];
    double ymax = 0;
    for (Histogram.Series s : hist.series()) {
      int[] c = s.counts();
      int t = s.total();
      for (int v : c) {
        ymax = Math.max(ymax, t == 0 ? 0 : (double) v / t);
      }
    }
    if (ymax == 0) {
      ymax = 1;
    }
    double[] yt = ticks(0, ymax, 4);
    ymax = Math.max(ymax, yt[yt.length - 1]);
    String id = "hist-" + index;
    StringBuilder desc = new StringBuilder("Histogram of " + hist.property() + " from "
        + Format.num(lo) + " to " + Format.num(hi) + " in " + hist.bins() + " bins: ");
    List<String> parts = new ArrayList<>();
    for (Histogram.Series s : hist.series()) {
      parts.add(s.name());
    }
    desc.append(String.join(", ", parts));
    if (hist.target().isPresent()) {
      desc.append("; target ").append(Format.num(hist.target().getAsDouble()));
    }
    h.append("<figure>\n<svg viewBox=\"0 0 ")
        .append(n(width)).append(' ').append(n(height)).append("\" role=\"img\"")
        .append(" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\">\n")
        .append("<title id=\"").append(id).append("-t\">").append(esc(hist.property()))
        .append("</title>\n<desc id=\"").append(id).append("-d\">").append(esc(desc.toString()))
        .append("</desc>\n");
    // grid and y axis
    for (double y : yt) {
      double py = top + ph - y / ymax * ph;
      h.append("<line x1=\"").append(n(left)).append("\" x2=\"").append(n(left + pw))
          .append("\" y1=\"").append(n(py)).append("\" y2=\"").append(n(py))
          .append("\" stroke=\"#e6e9ef\" stroke-width=\"1\" />\n")
          .append("<text x=\"").append(n(left - 6)).append("\" y=\"").append(n(py + 4))
          .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6475\">")
          .append(esc(Format.num(Math.round(y * 1000) / 10.0) + " %")).append("</text>\n");
    }
    // bars: each series as a filled step outline
    int si = 0;
    for (Histogram.Series s : hist.series()) {
      String colour = colour(hist, si);
      int[] c = s.counts();
      int t = s.total();
      StringBuilder d = new StringBuilder();
      d.append('M').append(n(left)).append(' ').append(n(top + ph));
      for (int b = 0; b < c.length; b++) {
        double x0 = left + (edges[b] - lo) / (hi - lo) * pw;
        double x1 = left + (edges[b + 1] - lo) / (hi - lo) * pw;
        double y = top + ph - (t == 0 ? 0 : (double) c[b] / t) / ymax * ph;
        d.append(" L").append(n(x0)).append(' ').append(n(y)).append(" L").append(n(x1))
            .append(' ').append(n(y));
      }
      d.append(" L").append(n(left + pw)).append(' ').append(n(top + ph)).append(" Z");
      h.append("<path d=\"").append(d).append("\" fill=\"").append(colour)
          .append("\" fill-opacity=\"")
          .append(si == hist.series().size() - 1 ? "0.55" : "0.35").append("\" stroke=\"")
          .append(colour).append("\" stroke-width=\"1.5\" />\n");
      si++;
    }
    // x axis
    h.append("<line x1=\"").append(n(left)).append("\" x2=\"").append(n(left + pw))
        .append("\" y1=\"").append(n(top + ph)).append("\" y2=\"").append(n(top + ph))
        .append("\" stroke=\"#38445a\" stroke-width=\"1\" />\n");
    for (double x : ticks(lo, hi, 5)) {
      if (x < lo - 1e-12 * Math.abs(hi - lo) || x > hi + 1e-12 * Math.abs(hi - lo)) {
        continue;
      }
      double px = left + (x - lo) / (hi - lo) * pw;
      h.append("<line x1=\"").append(n(px)).append("\" x2=\"").append(n(px)).append("\" y1=\"")
          .append(n(top + ph)).append("\" y2=\"").append(n(top + ph + 4))
          .append("\" stroke=\"#38445a\" />\n<text x=\"").append(n(px)).append("\" y=\"")
          .append(n(top + ph + 17)).append("\" font-size=\"11\" text-anchor=\"middle\"")
          .append(" fill=\"#5b6475\">").append(esc(Format.num(x))).append("</text>\n");
    }
    h.append("<text x=\"").append(n(left + pw / 2)).append("\" y=\"").append(n(height - 6))
        .append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1d2433\">")
        .append(esc(hist.property())).append("</text>\n");
    // target
    if (hist.target().isPresent()) {
      double tx = left + (hist.target().getAsDouble() - lo) / (hi - lo) * pw;
      h.append("<line x1=\"").append(n(tx)).append("\" x2=\"").append(n(tx)).append("\" y1=\"")
          .append(n(top - 4)).append("\" y2=\"").append(n(top + ph)).append("\" stroke=\"")
          .append(TARGET_COLOUR).append("\" stroke-width=\"2\" stroke-dasharray=\"5 3\" />\n");
    }
    // legend
    double lx = left;
    int li = 0;
    for (Histogram.Series s : hist.series()) {
      String colour = colour(hist, li++);
      h.append("<rect x=\"").append(n(lx)).append("\" y=\"8\" width=\"11\" height=\"11\" rx=\"2\"")
          .append(" fill=\"").append(colour).append("\" fill-opacity=\"0.6\" stroke=\"")
          .append(colour).append("\" />\n<text x=\"").append(n(lx + 15))
          .append("\" y=\"18\" font-size=\"11.5\" fill=\"#1d2433\">").append(esc(s.name()))
          .append("</text>\n");
      lx += 22 + 6.4 * s.name().length();
    }
    if (hist.target().isPresent()) {
      h.append("<line x1=\"").append(n(lx)).append("\" x2=\"").append(n(lx + 14))
          .append("\" y1=\"13.5\" y2=\"13.5\" stroke=\"").append(TARGET_COLOUR)
          .append("\" stroke-width=\"2\" stroke-dasharray=\"4 2\" />\n<text x=\"")
          .append(n(lx + 18)).append("\" y=\"18\" font-size=\"11.5\" fill=\"#1d2433\">")
          .append(esc("target " + Format.num(hist.target().getAsDouble()))).append("</text>\n");
    }
    h.append("</svg>\n<figcaption>").append(esc(desc.toString())).append("</figcaption>\n")
        .append("</figure>\n");
  }

  private static String colour(Histogram hist, int series) {
    return series == hist.series().size() - 1 ? LAST_SERIES_COLOUR
        : SERIES_COLOURS[series % SERIES_COLOURS.length];
  }

  /** About {@code count} round tick values covering [lo, hi]. */
  static double[] ticks(double lo, double hi, int count) {
    double span = hi - lo;
    if (!(span > 0)) {
      return new double[] {lo};
    }
    double raw = span / count;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    double first = Math.ceil(lo / step - 1e-9) * step;
    List<Double> out = new ArrayList<>();
    for (double x = first; x <= hi + step * 1e-9; x += step) {
      out.add(Math.abs(x) < step * 1e-9 ? 0 : x);
    }
    if (lo == 0 && out.get(out.size() - 1) < hi) {
      out.add(out.get(out.size() - 1) + step);
    }
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.round(out.get(i) / step) * step;
    }
    return a;
  }

  private static void metrics(StringBuilder h, Report r) {
    if (r.metrics().isEmpty()) {
      return;
    }
    open(h, "metrics", "Generation metrics");
    // one small table per group, side by side
    Map<String, List<Report.Metric>> groups = new LinkedHashMap<>();
    for (Report.Metric m : r.metrics()) {
      groups.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
    }
    h.append("<div class=\"metric-grid\">\n");
    for (Map.Entry<String, List<Report.Metric>> g : groups.entrySet()) {
      String name = g.getKey().isEmpty() ? "general" : g.getKey();
      h.append("<table class=\"metrics\">\n<caption>").append(esc(name)).append("</caption>\n")
          .append("<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">")
          .append("Value</th></tr></thead>\n<tbody>\n");
      for (Report.Metric m : g.getValue()) {
        h.append("<tr><td>").append(esc(m.name())).append("</td><td class=\"num\">")
            .append(esc(m.value())).append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n");
    }
    h.append("</div>\n<p class=\"explain\">As printed by invdes evaluate --json; % values are"
        + " percentages, EMD values are Wasserstein distances.</p>\n</section>\n");
  }

  private static void candidates(StringBuilder h, Report r) {
    open(h, "candidates", "Top candidates");
    if (!r.ranking().isEmpty()) {
      h.append("<p class=\"explain\">").append(esc(r.ranking())).append("</p>\n");
    }
    if (r.candidates().isEmpty()) {
      h.append("<p>No candidate passed the filter.</p>\n</section>\n");
      return;
    }
    h.append("<p class=\"hint\">Drag a cell (or focus it and use the arrow keys) to rotate it;"
        + " double-click or press 0 to reset.</p>\n<div class=\"cards\">\n");
    int k = 0;
    for (Candidate c : r.candidates()) {
      String cid = "cand-" + c.rank();
      h.append("<article class=\"card\" aria-labelledby=\"").append(cid).append("\">\n<header>")
          .append("<span class=\"rank\">#").append(c.rank()).append("</span><h3 id=\"")
          .append(cid).append("\">").append(formulaHtml(c.formula())).append("</h3>")
          .append("<span class=\"cid\">").append(esc(c.id())).append("</span></header>\n");
      Map<String, Integer> elements = new LinkedHashMap<>();
      Map<String, String> colours = new LinkedHashMap<>();
      for (CellView.Atom a : c.cell().atoms()) {
        if (!a.image()) {
          elements.merge(a.element(), 1, Integer::sum);
          colours.put(a.element(), a.color());
        }
      }
      String label = "Unit cell of " + c.formula() + " (" + c.id() + "), "
          + c.cell().siteCount() + " atoms; drag or use the arrow keys to rotate";
      h.append("<canvas class=\"cell-view\" width=\"320\" height=\"260\" data-cell=\"")
          .append(k++).append("\" tabindex=\"0\" role=\"img\" aria-label=\"").append(esc(label))
          .append("\">").append(esc("3-D view of the unit cell of " + c.formula()
              + " (needs JavaScript)")).append("</canvas>\n<ul class=\"legend\" aria-label=\""
              + "Elements\">");
      for (Map.Entry<String, Integer> e : elements.entrySet()) {
        h.append("<li><span class=\"swatch\" style=\"background:").append(colours.get(e.getKey()))
            .append("\"></span>").append(esc(e.getKey())).append(" × ").append(e.getValue())
            .append("</li>");
      }
      h.append("</ul>\n<table class=\"props\">\n<caption class=\"sr-only\">Properties of ")
          .append(esc(c.formula())).append("</caption>\n<tbody>\n");
      for (Map.Entry<String, Double> p : c.properties().entrySet()) {
        h.append("<tr><th scope=\"row\">").append(esc(p.getKey())).append("</th><td class=\"num\">")
            .append(esc(Format.num(p.getValue()))).append("</td></tr>\n");
      }
      h.append("<tr><th scope=\"row\">E<sub>hull</sub> (eV/atom)</th><td class=\"num\">")
          .append(c.eAboveHull().isPresent() ? esc(Format.num(c.eAboveHull().getAsDouble()))
              : "not computed").append("</td></tr>\n");
      if (c.score().isPresent()) {
        h.append("<tr><th scope=\"row\">ranking score</th><td class=\"num\">")
            .append(esc(Format.num(c.score().getAsDouble()))).append("</td></tr>\n");
      }
      double[][] m = c.cell().lattice();
      h.append("<tr><th scope=\"row\">cell a, b, c (Å)</th><td class=\"num\">")
          .append(esc(Format.num(len(m[0])) + ", " + Format.num(len(m[1])) + ", "
              + Format.num(len(m[2])))).append("</td></tr>\n");
      h.append("</tbody>\n</table>\n<p><a class=\"cif\" download=\"").append(esc(fileName(c)))
          .append("\" href=\"data:chemical/x-cif;charset=utf-8,").append(percent(c.cif()))
          .append("\">Download CIF</a></p>\n<details><summary>CIF text</summary><pre>")
          .append(esc(c.cif())).append("</pre></details>\n</article>\n");
    }
    h.append("</div>\n</section>\n");
  }

  private static double len(double[] v) {
    return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  }

  /** A formula with its counts as subscripts, e.g. SrTiO<sub>3</sub>; escaped. */
  static String formulaHtml(String formula) {
    StringBuilder out = new StringBuilder();
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < formula.length(); i++) {
      char ch = formula.charAt(i);
      if (Character.isDigit(ch) || (ch == '.' && digits.length() > 0)) {
        digits.append(ch);
      } else {
        if (digits.length() > 0) {
          out.append("<sub>").append(esc(digits.toString())).append("</sub>");
          digits.setLength(0);
        }
        out.append(esc(String.valueOf(ch)));
      }
    }
    if (digits.length() > 0) {
      out.append("<sub>").append(esc(digits.toString())).append("</sub>");
    }
    return out.toString();
  }

  private static String fileName(Candidate c) {
    String base = c.id().replaceAll("[^A-Za-z0-9._-]", "_");
    if (base.isEmpty() || base.startsWith(".")) {
      base = "candidate-" + c.rank();
    }
    return base + ".cif";
  }

  private static void notes(StringBuilder h, Report r) {
    if (r.notes().isEmpty() && r.warnings().isEmpty()) {
      return;
    }
    open(h, "notes", "Notes");
    h.append("<ul class=\"notes\">\n");
    for (String w : r.warnings()) {
      h.append("<li class=\"warning\"><strong>Warning:</strong> ").append(esc(w))
          .append("</li>\n");
    }
    for (String n : r.notes()) {
      h.append("<li>").append(esc(n)).append("</li>\n");
    }
    h.append("</ul>\n</section>\n");
  }

  /** The viewer's data: one JSON object per candidate, safe inside a script element. */
  private static void cellData(StringBuilder h, Report r) {
    StringBuilder j = new StringBuilder("[");
    boolean firstCell = true;
    for (Candidate c : r.candidates()) {
      if (!firstCell) {
        j.append(",\n");
      }
      firstCell = false;
      double[][] m = c.cell().lattice();
      j.append("{\"lattice\":[");
      for (int i = 0; i < 3; i++) {
        j.append(i == 0 ? "[" : ",[").append(Format.coord(m[i][0])).append(',')
            .append(Format.coord(m[i][1])).append(',').append(Format.coord(m[i][2])).append(']');
      }
      j.append("],\"atoms\":[");
      boolean first = true;
      for (CellView.Atom a : c.cell().atoms()) {
        if (!first) {
          j.append(',');
        }
        first = false;
        j.append("{\"e\":").append(jsonString(a.element())).append(",\"x\":")
            .append(Format.coord(a.x())).append(",\"y\":").append(Format.coord(a.y()))
            .append(",\"z\":").append(Format.coord(a.z())).append(",\"r\":")
            .append(Format.coord(a.radius())).append(",\"c\":").append(jsonString(a.color()))
            .append(",\"i\":").append(a.image() ? 1 : 0).append('}');
      }
      j.append("]}");
    }
    j.append("]");
    h.append("<script type=\"application/json\" id=\"invdes-cells\">").append(j)
        .append("</script>\n");
  }

  /** A JSON string literal that cannot end a script element or break XML: {@code < > &} escaped. */
  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == '\u2028'
          || ch == '\u2029') {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.append('"').toString();
  }

  /**
   * Escapes text for HTML element content and attribute values; characters no HTML or XML
   * document can hold (control characters, lone surrogates) become U+FFFD.
   *
   * @param s the text
   * @return the escaped text
   */
  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          boolean pairedSurrogate = Character.isHighSurrogate(ch) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
          if (pairedSurrogate) {
            b.append(ch).append(s.charAt(++i));
          } else if ((ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r')
              || Character.isSurrogate(ch) || ch == '\uFFFE' || ch == '\uFFFF') {
            // not a character XML or HTML can carry
            b.append('\uFFFD');
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }

  /** Percent-encodes UTF-8 text for a data: URL (everything but RFC 3986 unreserved). */
  static String percent(String s) {
    StringBuilder b = new StringBuilder(s.length() * 2);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
          || c == '.' || c == '_' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }

  private static String n(double x) {
    return Format.coord(Math.round(x * 100) / 100.0);
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the report resource " + name + " is missing from the"
            + " invdes core library");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
