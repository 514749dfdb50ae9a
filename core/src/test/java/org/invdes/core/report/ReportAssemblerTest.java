package org.invdes.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportAssemblerTest {
  private static List<String> ids(Report r) {
    return r.candidates().stream().map(Candidate::id).toList();
  }

  @Test
  void ranksByClosenessToTheTargetAndSaysSo() {
    Report r = ReportAssembler.forCandidates(ReportFixtures.kept())
        .setRejected(ReportFixtures.rejected()).addTarget("heat_ref", 0.5).assemble();
    // |0.52-0.5| < |0.9-0.5| = |0.1-0.5|; the tie keeps table order
    assertEquals(List.of("cati", "srti", "bati"), ids(r));
    assertTrue(r.ranking().contains("closeness to the target heat_ref = 0.5"), r.ranking());
    Candidate best = r.candidates().get(0);
    assertEquals("CaTiO3", best.formula());
    assertEquals(0.52, best.properties().get("heat_ref"), 1e-12);
    assertEquals(OptionalDouble.of(0.02), best.eAboveHull());
    // σ of the kept heat_ref values 0.9, 0.1, 0.52 (no training table)
    double mean = (0.9 + 0.1 + 0.52) / 3;
    double sigma = Math.sqrt((Math.pow(0.9 - mean, 2) + Math.pow(0.1 - mean, 2)
        + Math.pow(0.52 - mean, 2)) / 2);
    assertEquals(0.02 / sigma, best.score().getAsDouble(), 1e-9);
    assertEquals(5, best.cell().siteCount());
    assertEquals(1, r.histograms().size());
    assertEquals(OptionalDouble.of(0.5), r.histograms().get(0).target());
  }

  @Test
  void withoutATargetRanksByEnergyAboveTheHull() {
    Report r = ReportAssembler.forCandidates(ReportFixtures.kept()).setTop(2).assemble();
    assertEquals(List.of("bati", "cati"), ids(r));
    assertTrue(r.ranking().contains("energy above the hull"), r.ranking());
    assertEquals(List.of(1, 2), r.candidates().stream().map(Candidate::rank).toList());
  }

  @Test
  void trainingValuesGiveTheirOwnHistogramSeries() {
    Table train = Table.of("train.csv", List.of("material_id", "cif", "heat_ref"),
        List.of(List.of("t1", "", "0.2"), List.of("t2", "", "0.4"), List.of("t3", "", "x")));
    Report r = ReportAssembler.forCandidates(ReportFixtures.kept()).setTraining(train)
        .addProperty("heat_ref").assemble();
    Histogram h = r.histograms().get(0);
    assertEquals(List.of("training (2)", "candidates (3)"),
        h.series().stream().map(Histogram.Series::name).toList());
    // the one cell that is not a number: one warning, naming file, line and value
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    String w = r.warnings().get(0);
    assertTrue(w.contains("train.csv") && w.contains("line 4") && w.contains("'x'"), w);
  }

  @Test
  void aPropertyThatIsNotInTheTableIsAnErrorNamingTheColumns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReportAssembler.forCandidates(ReportFixtures.kept()).addTarget("band_gap", 1)
            .assemble());
    assertTrue(e.getMessage().contains("kept.csv") && e.getMessage().contains("band_gap")
        && e.getMessage().contains("heat_ref"), e.getMessage());
  }

  @Test
  void withoutPropertiesTheNumericNonFilterColumnsAreShown() {
    Report r = ReportAssembler.forCandidates(ReportFixtures.kept()).assemble();
    assertEquals(List.of("heat_ref"), r.histograms().stream().map(Histogram::property).toList());
  }

  @Test
  void metricsJsonIsFlattenedIntoGroups() {
    String json = "{\"counts\":{\"generated\":100},\"validity\":{\"structurePercent\":99.25,"
        + "\"compositionPercent\":null}}";
    Report r = ReportAssembler.forCandidates(ReportFixtures.kept()).setMetricsJson(json, "m.json")
        .assemble();
    assertEquals(List.of(new Report.Metric("counts", "generated", "100"),
        new Report.Metric("validity", "structure %", "99.25"),
        new Report.Metric("validity", "composition %", "—")), r.metrics());
  }

  @Test
  void badMetricsJsonNamesTheFileAndLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReportAssembler.forCandidates(ReportFixtures.kept())
            .setMetricsJson("{\n\"a\": }", "m.json").assemble());
    assertTrue(e.getMessage().startsWith("m.json line 2"), e.getMessage());
  }

  @Test
  void unreadableTopCandidatesAreSkippedWithOneWarning() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(ReportFixtures.row("broken", "data_x\n_cell_length_a 4\n", "0.5", "0", "", "",
        ""));
    rows.add(ReportFixtures.row("ok", ReportFixtures.perovskite("Sr", "Ti", 3.9), "0.6", "0.1",
        "", "", ""));
    Table kept = Table.of("kept.csv", ReportFixtures.HEADER, rows);
    Report r = ReportAssembler.forCandidates(kept).addTarget("heat_ref", 0.5).assemble();
    assertEquals(List.of("ok"), ids(r));
    assertEquals(1, r.warnings().size());
    assertTrue(r.warnings().get(0).contains("broken (line 2)"), r.warnings().toString());
  }
}
