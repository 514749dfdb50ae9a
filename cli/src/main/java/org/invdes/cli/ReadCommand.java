package org.invdes.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code invdes read FILE...}: one JSON object per line for every structure read, and one per
 * file or block that could not be read; exit code 1 if any could not.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"Read structure files (CIF, POSCAR/CONTCAR, extended XYZ, dataset CSV) and",
        "print one JSON object per structure: source, block, formula, sites, volume (Å³),",
        "density (g/cm³), ordered. A file or block that cannot be read prints",
        "{\"source\", \"error\", \"line\"} and makes the exit code 1."},
    footer = {"", "Example:", "  invdes read examples/*.cif --threads 2"})
public final class ReadCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Structure files to read.")
  List<Path> files;

  @Option(names = "--strict",
      description = "Fail on the first problem instead of reading on with a warning.")
  boolean strict;

  @Option(names = "--warnings", description = "Print warnings to stderr.")
  boolean warnings;

  @Option(names = "--out", paramLabel = "FILE.jsonl",
      description = "Write the JSON lines to FILE (atomically) instead of standard output.")
  Path outFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--threads", paramLabel = "N",
      description = "Files read in parallel (default: available processors, ${DEFAULT-VALUE});"
          + " the output keeps the order of the files.")
  int threads = Runtime.getRuntime().availableProcessors();

  /** One file's JSON lines and warnings. */
  private record Chunk(String lines, List<String> warnings, boolean failed) {
  }

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--threads must be at least 1, not " + threads);
    }
    StringWriter buffer = new StringWriter();
    PrintWriter out = outFile == null ? spec.commandLine().getOut() : new PrintWriter(buffer);
    PrintWriter err = spec.commandLine().getErr();
    ReadOptions options = ReadOptions.relaxed().withStrict(strict);
    boolean failed = false;
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()));
    try {
      List<Future<Chunk>> chunks = new ArrayList<>();
      for (Path file : files) {
        chunks.add(pool.submit(() -> read(file, options)));
      }
      for (Future<Chunk> f : chunks) {
        Chunk c;
        try {
          c = f.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception x ? x : e;
        }
        if (warnings) {
          c.warnings().forEach(err::println);
        }
        out.print(c.lines());
        failed |= c.failed();
      }
    } finally {
      pool.shutdownNow();
    }
    out.flush();
    if (outFile != null) {
      org.invdes.core.io.Structures.writeAtomically(outFile, w -> w.write(buffer.toString()));
    }
    return failed ? 1 : 0;
  }

  private static Chunk read(Path file, ReadOptions options) throws IOException {
    StringBuilder lines = new StringBuilder();
    List<String> warned = new ArrayList<>();
    List<ReadResult> results;
    try {
      results = Structures.read(file, options);
    } catch (StructureIOException e) {
      lines.append(errorLine(file.getFileName().toString(), e)).append(System.lineSeparator());
      return new Chunk(lines.toString(), warned, true);
    }
    boolean failed = false;
    for (ReadResult r : results) {
      r.warnings().forEach(w -> warned.add(String.valueOf(w)));
      if (r.ok()) {
        lines.append(structureLine(r.source(), r.id(), r.structure()));
      } else {
        lines.append(errorLine(r.source(), r.error()));
        failed = true;
      }
      lines.append(System.lineSeparator());
    }
    return new Chunk(lines.toString(), warned, failed);
  }

  static String structureLine(String source, String block, Structure s) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("source", source);
      g.writeStringField("block", block);
      g.writeStringField("formula", s.composition().reducedFormula());
      g.writeNumberField("sites", s.size());
      g.writeNumberField("volume", round(s.volume()));
      g.writeNumberField("density", round(s.density()));
      g.writeBooleanField("ordered", s.isOrdered());
      g.writeEndObject();
    }
    return w.toString();
  }

  static String errorLine(String source, StructureIOException e) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("source", source);
      if (e.block() != null) {
        g.writeStringField("block", e.block());
      }
      g.writeStringField("error", e.detail());
      if (e.line() > 0) {
        g.writeNumberField("line", e.line());
      } else {
        g.writeNullField("line");
      }
      g.writeEndObject();
    }
    return w.toString();
  }

  /** Eight significant digits: enough for any comparison, stable across platforms. */
  private static double round(double v) {
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.8g", v));
  }
}
