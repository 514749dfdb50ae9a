package org.invdes.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.StructureFormat;
import org.invdes.core.io.StructureIOException;
import org.invdes.core.io.Structures;
import org.invdes.core.structure.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code invdes convert IN --out OUT} (or {@code invdes convert IN OUT}): converts between
 * formats chosen by file name.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {"Convert structures between CIF, POSCAR, extended XYZ and dataset CSV;",
        "the formats follow the file names. The output is written whole or not at all."},
    footer = {"", "Examples:", "  invdes convert examples/SrTiO3.cif --out SrTiO3.vasp",
        "  invdes convert examples/NaCl.cif NaCl.xyz"})
public final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN", description = "Input structure file.")
  Path in;

  @Parameters(index = "1", arity = "0..1", paramLabel = "OUT",
      description = "Output file (.cif, .xyz, POSCAR or .vasp, .csv); or give it as --out.")
  Path outArgument;

  @CommandLine.Option(names = "--out", paramLabel = "OUT",
      description = "Output file (.cif, .xyz, POSCAR or .vasp, .csv).")
  Path outOption;

  @CommandLine.Option(names = "--strict", description = "Fail on the first problem in IN.")
  boolean strict;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (outArgument == null && outOption == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "no output file: give it as --out OUT (or as the second argument)");
    }
    if (outArgument != null && outOption != null && !outArgument.equals(outOption)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "two output files, '"
          + outArgument + "' and --out '" + outOption + "': give one");
    }
    Path out = outOption != null ? outOption : outArgument;
    if (StructureFormat.of(out).isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "cannot tell the output format of '" + out + "': use a name ending in .cif, .xyz,"
              + " .vasp, .csv or named POSCAR");
    }
    if (StructureFormat.of(in).isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "cannot tell the input format of '" + in + "': use a name ending in .cif, .xyz,"
              + " .vasp, .csv or named POSCAR/CONTCAR");
    }
    List<ReadResult> results = Structures.read(in, ReadOptions.relaxed().withStrict(strict));
    List<Structure> structures = new ArrayList<>();
    for (ReadResult r : results) {
      if (!r.ok()) {
        StructureIOException e = r.error();
        spec.commandLine().getErr().println("invdes: " + e.getMessage());
        return 1;
      }
      structures.add(r.structure());
    }
    Structures.write(out, structures);
    return 0;
  }
}
