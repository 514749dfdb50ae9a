package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.CsvReader;
import org.invdes.core.io.CsvWriter;

/**
 * A small real filter output for the report tests: a few Perov-5 validation crystals filtered
 * against others of the same file (energy above the hull from heat_ref), plus a training table
 * and the metrics of invdes evaluate --json. Needs ../shared/datasets (the test is skipped
 * without it).
 */
final class ReportInputs {
  final Path kept;
  final Path rejected;
  final Path train;
  final Path metrics;

  private ReportInputs(Path dir) {
    kept = dir.resolve("kept.csv");
    rejected = dir.resolve("rejected.csv");
    train = dir.resolve("train.csv");
    metrics = dir.resolve("metrics.json");
  }

  /** Rows [from, to) of a table, header first. */
  private static void slice(List<List<String>> all, int from, int to, Path out) throws Exception {
    CsvWriter.write(out, all.get(0), sink -> {
      for (List<String> r : all.subList(from, Math.min(to, all.size()))) {
        sink.accept(r);
      }
    });
  }

  static ReportInputs make(Path dir) throws Exception {
    Path val = Shared.shared("datasets/perov_5/val.csv");
    List<List<String>> all = new ArrayList<>();
    try (CsvReader r = CsvReader.open(val)) {
      List<String> rec;
      while ((rec = r.next()) != null && all.size() < 1301) {
        all.add(rec);
      }
    }
    ReportInputs in = new ReportInputs(dir);
    Path candidates = dir.resolve("candidates.csv");
    Path reference = dir.resolve("reference.csv");
    // rows 17..24 are also in the reference: known structures, rejected as not novel
    slice(all, 1, 25, candidates);
    slice(all, 17, 200, reference);
    slice(all, 300, 1301, in.train);
    Cli f = Cli.run("filter", "--in", candidates.toString(), "--reference",
        reference.toString(), "--energy-property", "heat_ref", "--ehull-max", "1.5", "--out",
        in.kept.toString(), "--rejected", in.rejected.toString(), "--threads", "2");
    assertEquals(0, f.exitCode, f.err);
    Cli e = Cli.run("evaluate", "--generated", candidates.toString(), "--reference",
        reference.toString(), "--train", in.train.toString(), "--dataset", "perov_5",
        "--property", "heat_ref", "--json", "--threads", "2");
    assertEquals(0, e.exitCode, e.err);
    Files.writeString(in.metrics, e.out);
    return in;
  }
}
