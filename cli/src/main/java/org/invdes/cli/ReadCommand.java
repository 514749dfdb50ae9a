package org.invdes.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
    footer = {"", "Example:", "  invdes read examples/*.cif"})
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

  @Override
  public Integer call() throws IOException {
    StringWriter buffer = new StringWriter();
    PrintWriter out = outFile == null ? spec.commandLine().getOut() : new PrintWriter(buffer);
    PrintWriter err = spec.commandLine().getErr();
    ReadOptions options = ReadOptions.relaxed().withStrict(strict);
    boolean failed = false;
    for (Path file : files) {
      List<ReadResult> results;
      try {
        results = Structures.read(file, options);
      } catch (StructureIOException e) {
        out.println(errorLine(file.getFileName().toString(), e));
        failed = true;
        continue;
      }
      for (ReadResult r : results) {
        if (warnings) {
          r.warnings().forEach(w -> err.println(w));
        }
        if (r.ok()) {
          out.println(structureLine(r.source(), r.id(), r.structure()));
        } else {
          out.println(errorLine(r.source(), r.error()));
          failed = true;
        }
      }
    }
    out.flush();
    if (outFile != null) {
      org.invdes.core.io.Structures.writeAtomically(outFile, w -> w.write(buffer.toString()));
    }
    return failed ? 1 : 0;
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
