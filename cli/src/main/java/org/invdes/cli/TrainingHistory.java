package org.invdes.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.invdes.core.io.CsvWriter;
import org.invdes.core.model.DiffusionEpochReport;
import org.invdes.core.model.DiffusionLossTerms;
import org.invdes.core.model.EpochReport;
import org.invdes.core.model.LossTerms;

/**
 * The loss of every epoch of {@code invdes train}, kept as it comes and written as one CSV table
 * ({@code --history}) when training ends: one row per epoch with the training and validation
 * loss terms, the best epoch so far and the wall-clock seconds since training began, so that a
 * user can see when the losses stopped improving. A run without a validation split leaves the
 * validation columns empty; a diffusion run's {@code checkpoint_score} is empty except at the
 * epochs {@code --select-by-validity} scored.
 */
final class TrainingHistory {
  private static final List<String> VAE_TERMS = List.of("total", "elements", "coordinates",
      "lattice", "kl", "property", "distance");
  private static final List<String> DIFFUSION_TERMS = List.of("total", "lattice", "coordinates",
      "types");

  private final List<String> header = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();
  private final long start = System.nanoTime();

  private TrainingHistory(List<String> leading, List<String> terms, List<String> trailing) {
    header.addAll(leading);
    terms.forEach(t -> header.add("train_" + t));
    terms.forEach(t -> header.add("validation_" + t));
    header.add("best_epoch");
    header.addAll(trailing);
    header.add("seconds");
  }

  /** A history of the conditional VAE's epochs (with the epoch's KL weight). */
  static TrainingHistory vae() {
    return new TrainingHistory(List.of("epoch", "kl_weight"), VAE_TERMS, List.of());
  }

  /** A history of the diffusion generator's epochs. */
  static TrainingHistory diffusion() {
    return new TrainingHistory(List.of("epoch"), DIFFUSION_TERMS, List.of("checkpoint_score"));
  }

  /** Records one VAE epoch. */
  void add(EpochReport r) {
    List<String> row = new ArrayList<>(List.of(Integer.toString(r.epoch()),
        number(r.klWeight())));
    row.addAll(terms(r.train()));
    row.addAll(r.validation() == null ? blanks(VAE_TERMS.size()) : terms(r.validation()));
    row.add(Integer.toString(r.bestEpoch()));
    finish(row);
  }

  /** Records one diffusion epoch. */
  void add(DiffusionEpochReport r) {
    List<String> row = new ArrayList<>(List.of(Integer.toString(r.epoch())));
    row.addAll(terms(r.train()));
    row.addAll(r.validation() == null ? blanks(DIFFUSION_TERMS.size())
        : terms(r.validation()));
    row.add(Integer.toString(r.bestEpoch()));
    row.add(number(r.checkpointScore()));
    finish(row);
  }

  private void finish(List<String> row) {
    row.add(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
    rows.add(row);
  }

  /** @return the epochs recorded so far */
  int size() {
    return rows.size();
  }

  /** Writes the table atomically (gzip-compressed when the name ends in .gz). */
  void write(Path file) throws IOException {
    CsvWriter.write(file, header, sink -> {
      for (List<String> row : rows) {
        sink.accept(row);
      }
    });
  }

  private static List<String> terms(LossTerms t) {
    return List.of(number(t.total()), number(t.elements()), number(t.coordinates()),
        number(t.lattice()), number(t.kl()), number(t.property()), number(t.distance()));
  }

  private static List<String> terms(DiffusionLossTerms t) {
    return List.of(number(t.total()), number(t.lattice()), number(t.coordinates()),
        number(t.types()));
  }

  private static List<String> blanks(int n) {
    return java.util.Collections.nCopies(n, "");
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }
}
