package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invdes.core.io.CsvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invdes report} end to end on a real filter output, and its errors. */
class CliReportTest {
  @TempDir Path tmp;

  private static int rows(Path csv) throws Exception {
    int n = -1;
    try (CsvReader r = CsvReader.open(csv)) {
      while (r.next() != null) {
        n++;
      }
    }
    return n;
  }

  private static String cell(String html, String stage) {
    Matcher m = Pattern.compile("<th scope=\"row\">" + stage + "<span class=\"meaning\">[^<]*"
        + "</span></th><td class=\"num\">([0-9]+)</td>").matcher(html);
    assertTrue(m.find(), "no funnel row " + stage);
    return m.group(1);
  }

  @Test
  void writesTheReportOfARealFilterRun() throws Exception {
    ReportInputs in = ReportInputs.make(tmp);
    Path out = tmp.resolve("out/report.html");
    String[] args = {"report", "--candidates", in.kept.toString(), "--rejected",
        in.rejected.toString(), "--train", in.train.toString(), "--metrics",
        in.metrics.toString(), "--target", "heat_ref=0.5", "--property", "heat_ref,dir_gap",
        "--setting", "seed=7", "--top", "6", "--out", out.toString()};
    Cli r = Cli.run(args);
    assertEquals(0, r.exitCode, r.err);
    String html = Files.readString(out);
    // the funnel's first stage is every row the filter wrote; its last, the rows it kept
    int kept = rows(in.kept);
    int generated = kept + rows(in.rejected);
    assertEquals(24, generated);
    assertEquals(String.valueOf(generated), cell(html, "generated"));
    assertEquals(String.valueOf(kept), cell(html, "stable"));
    assertEquals(Math.min(6, kept), Pattern.compile("<canvas class=\"cell-view\"")
        .matcher(html).results().count());
    assertTrue(html.contains("Ranked by closeness to the target heat_ref = 0.5"));
    assertTrue(html.contains(">seed</th><td>7</td>"));
    assertFalse(html.contains("http://") || html.contains("https://"));
    // same inputs, same bytes
    Path again = tmp.resolve("again.html");
    args[args.length - 1] = again.toString();
    assertEquals(0, Cli.run(args).exitCode);
    assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
  }

  @Test
  void aMissingInputFileFailsNamingIt() {
    Path missing = tmp.resolve("nope.csv");
    Cli r = Cli.run("report", "--candidates", missing.toString(), "--out",
        tmp.resolve("r.html").toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.err.contains("nope.csv") && r.err.contains("--candidates"), r.err);
    assertFalse(Files.exists(tmp.resolve("r.html")));
  }

  @Test
  void aPropertyThatIsNotAColumnFailsNamingTheColumns() throws Exception {
    Path kept = tmp.resolve("kept.csv");
    Files.writeString(kept, "id,cif,heat_ref,duplicate_of,reason\n");
    Cli r = Cli.run("report", "--candidates", kept.toString(), "--target", "band_gap=1",
        "--out", tmp.resolve("r.html").toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.err.contains("band_gap") && r.err.contains("heat_ref"), r.err);
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    Path kept = tmp.resolve("kept.csv");
    Files.writeString(kept, "id,cif,heat_ref,duplicate_of,reason\n");
    for (List<String> args : List.of(
        List.of("report", "--candidates", kept.toString()),
        List.of("report", "--candidates", kept.toString(), "--target", "heat_ref=abc", "--out",
            "r.html"),
        List.of("report", "--candidates", kept.toString(), "--top", "-1", "--out", "r.html"))) {
      Cli r = Cli.run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode, args + ": " + r.err);
    }
  }
}
