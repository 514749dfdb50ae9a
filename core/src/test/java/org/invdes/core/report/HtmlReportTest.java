package org.invdes.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HtmlReportTest {
  @TempDir Path tmp;

  private static final String HOSTILE = "<script>alert('x')</script>&\"";

  private static Report report(String id) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(ReportFixtures.row(id, ReportFixtures.perovskite("Sr", "Ti", 3.905), "0.5", "0.01",
        "", "", ""));
    rows.add(ReportFixtures.row("b", ReportFixtures.perovskite("Ba", "Ti", 4.0), "0.7", "0",
        "", "", ""));
    Table kept = Table.of("kept.csv", ReportFixtures.HEADER, rows);
    // a training table with one cell that is not a number: a warning in the Notes section
    Table train = Table.of("train.csv", List.of("id", "cif", "heat_ref"),
        List.of(List.of("t1", "", "0.4"), List.of("t2", "", "0.6"), List.of("t3", "", "n/a?")));
    return ReportAssembler.forCandidates(kept).setRejected(ReportFixtures.rejected())
        .setTraining(train)
        .addTarget("heat_ref", 0.55).addSetting("seed", "7").addSetting("note", HOSTILE)
        .setMetricsJson("{\"validity\":{\"structurePercent\":100}}", "metrics.json")
        .assemble();
  }

  /** Parses the document (after its doctype) as strict XML. */
  private static Document parse(String html) throws Exception {
    assertTrue(html.startsWith("<!DOCTYPE html>\n"));
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setExpandEntityReferences(false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(
        html.substring("<!DOCTYPE html>\n".length()).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theDocumentIsWellFormedAndHasEverySection() throws Exception {
    Document d = parse(HtmlReport.render(report("a")));
    List<String> headings = new ArrayList<>();
    NodeList h2 = d.getElementsByTagName("h2");
    for (int i = 0; i < h2.getLength(); i++) {
      headings.add(h2.item(i).getTextContent());
    }
    assertEquals(List.of("Settings", "Validity and stability funnel", "Property distributions",
        "Generation metrics", "Top candidates", "Notes"), headings);
    assertEquals(2, d.getElementsByTagName("canvas").getLength());
    assertEquals(1, d.getElementsByTagName("svg").getLength());
    assertEquals("SrTiO3", d.getElementsByTagName("h3").item(0).getTextContent());
  }

  @Test
  void hostileTextIsEscapedEverywhere() throws Exception {
    String html = HtmlReport.render(report(HOSTILE));
    assertFalse(html.contains("<script>alert"), "unescaped id");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
    // exactly the two script elements of the report itself
    Document d = parse(html);
    assertEquals(2, d.getElementsByTagName("script").getLength());
    assertEquals(HOSTILE, d.getElementsByTagName("span").item(
        indexOfClass(d, "span", "cid")).getTextContent());
  }

  private static int indexOfClass(Document d, String tag, String cls) {
    NodeList l = d.getElementsByTagName(tag);
    for (int i = 0; i < l.getLength(); i++) {
      if (cls.equals(((org.w3c.dom.Element) l.item(i)).getAttribute("class"))) {
        return i;
      }
    }
    throw new AssertionError("no " + tag + "." + cls);
  }

  @Test
  void charactersNoDocumentCanHoldAreReplaced() {
    assertEquals("a\uFFFDb\uFFFD\uD83D\uDE00", HtmlReport.esc("a\u0001b\uD800\uD83D\uDE00"));
  }

  @Property(tries = 40)
  void anyIdKeepsTheDocumentWellFormed(@ForAll String id) throws Exception {
    parse(HtmlReport.render(report(id)));
  }

  @Test
  void nothingIsLoadedFromTheNetwork() {
    String html = HtmlReport.render(report("a"));
    assertFalse(html.contains("http://"), "http reference");
    assertFalse(html.contains("https://"), "https reference");
    assertFalse(html.contains("//cdn"), "CDN");
    assertFalse(Pattern.compile("\\ssrc=").matcher(html).find(), "src attribute");
    assertFalse(html.contains("@import") || html.contains("url("), "CSS resource");
  }

  @Test
  void theCifLinkCarriesTheCifText() throws Exception {
    Report r = report("a");
    String html = HtmlReport.render(r);
    Matcher m = Pattern.compile("href=\"data:chemical/x-cif;charset=utf-8,([^\"]*)\"")
        .matcher(html);
    assertTrue(m.find());
    assertEquals(r.candidates().get(0).cif(), URLDecoder.decode(m.group(1),
        StandardCharsets.UTF_8));
  }

  @Test
  void theSameReportGivesTheSameBytes() throws Exception {
    Path a = tmp.resolve("a.html");
    Path b = tmp.resolve("b.html");
    HtmlReport.write(report("a"), a);
    HtmlReport.write(report("a"), b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    try (var s = Files.list(tmp)) {
      assertEquals(2, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void formulaCountsBecomeSubscripts() {
    assertEquals("SrTiO<sub>3</sub>", HtmlReport.formulaHtml("SrTiO3"));
    assertEquals("Li<sub>0.5</sub>CoO<sub>2</sub>", HtmlReport.formulaHtml("Li0.5CoO2"));
  }

  @Test
  void atomsOnTheCellFacesAreRepeatedOnTheOppositeFaces() {
    CellView v = report("a").candidates().get(0).cell();
    // Sr at the corner: 8 copies; Ti in the centre: 1; three O on face centres: 2 each
    assertEquals(8 + 1 + 6, v.atoms().size());
    assertEquals(5, v.siteCount());
  }
}
