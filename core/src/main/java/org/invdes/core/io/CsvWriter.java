package org.invdes.core.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes RFC 4180 CSV, gzip-compressed when the file name ends in {@code .gz}, atomically: rows
 * go to a temporary file beside the target, which is moved into place only when complete, so a
 * failure or a cancel never leaves a half-written table.
 */
public final class CsvWriter {
  private CsvWriter() {}

  /** Produces the rows, one {@code accept} call each; may throw to abandon the write. */
  @FunctionalInterface
  public interface Rows {
    void writeTo(RowSink sink) throws IOException;
  }

  /** Takes one row of fields. */
  @FunctionalInterface
  public interface RowSink {
    void accept(List<String> fields) throws IOException;
  }

  /**
   * Writes a header and the rows the producer gives.
   *
   * @throws IOException if writing fails or the producer throws; the target is then untouched
   */
  public static void write(Path file, List<String> header, Rows rows) throws IOException {
    boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    Path tmp = AtomicFiles.tempFileBeside(file);
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
          OutputStream os = gz ? new GZIPOutputStream(raw, 1 << 16) : raw;
          Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8),
              1 << 16)) {
        RowSink sink = fields -> {
          for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
              w.write(',');
            }
            String f = fields.get(i);
            w.write(f == null ? "" : field(f));
          }
          w.write('\n');
        };
        sink.accept(header);
        rows.writeTo(sink);
      }
      AtomicFiles.commit(tmp, file);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /** A CSV field, quoted when it holds a comma, quote or line break. */
  public static String field(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + v.replace("\"", "\"\"") + '"';
      }
    }
    return v;
  }
}
