package org.invdes.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A streaming reader of comma-separated values as RFC 4180 defines them: fields separated by
 * commas, records by CRLF or LF, fields optionally enclosed in double quotes, a quote inside a
 * quoted field written twice, and line breaks allowed inside quoted fields (a whole CIF fits in
 * one field). A UTF-8 byte-order mark at the start is skipped.
 *
 * <p>{@link #open(Path)} reads gzip-compressed files transparently, recognised by their magic
 * bytes rather than by their name.
 */
public final class CsvReader implements AutoCloseable {
  private static final int EOF = -1;

  private final Reader in;
  private final String source;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private int line = 1;
  private int recordLine;
  private final StringBuilder field = new StringBuilder();

  /**
   * @param in the characters to read (closed by {@link #close()})
   * @param source the file name used in error messages
   */
  public CsvReader(Reader in, String source) {
    this.in = in;
    this.source = source;
  }

  /** Opens a CSV file, plain or gzip-compressed, as UTF-8. */
  public static CsvReader open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new CsvReader(
        new InputStreamReader(body, StandardCharsets.UTF_8), file.getFileName().toString());
  }

  /** The 1-based line on which the record last returned by {@link #next()} starts. */
  public int recordLine() {
    return recordLine;
  }

  /** The file name given at construction. */
  public String source() {
    return source;
  }

  private int read() throws IOException {
    if (pos == len) {
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return EOF;
      }
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    int c = read();
    if (c != EOF) {
      pos--;
    }
    return c;
  }

  /**
   * The next record's fields, or null at the end of the input. A blank line is skipped.
   *
   * @throws StructureIOException when a quoted field is not closed before the end of the input
   */
  public List<String> next() throws IOException, StructureIOException {
    int c = read();
    if (recordLine == 0 && c == '\uFEFF') {
      c = read();
    }
    while (c == '\r' || c == '\n') {
      if (c == '\n' || peek() != '\n') {
        line++;
      }
      c = read();
    }
    if (c == EOF) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    field.setLength(0);
    boolean quoted = false;
    boolean wasQuoted = false;
    int quoteLine = 0;
    while (true) {
      if (quoted) {
        if (c == EOF) {
          throw new StructureIOException(source, null, quoteLine, 0,
          "quoted field opened here is not closed before the end of the file; a '\"' is"
                  + " missing or a field contains an unescaped quote (write it as \"\")", null);
        }
        if (c == '"') {
          if (peek() == '"') {
            read();
            field.append('"');
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          } else if (c == '\r' && peek() != '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r' || c == EOF) {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        if (c != EOF) {
          line++;
        }
        fields.add(field.toString());
        return fields;
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        quoteLine = line;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
