package org.invdes.cli;

import org.invdes.core.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code invdes} command line: one subcommand per pipeline step, file in and file out.
 * Exit codes: 0 success, 1 failure (an input could not be read, an output not written), 2 usage
 * error (help is printed).
 */
@Command(
    name = "invdes",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Inverse design of crystalline materials.",
    subcommands = {ReadCommand.class, ConvertCommand.class, EncodeCommand.class,
        TrainCommand.class, TrainSurrogateCommand.class, SampleCommand.class,
        FilterCommand.class, EvaluateCommand.class, ReportCommand.class, DesignCommand.class,
        DemoCommand.class, DatasetsCommand.class, BenchCommand.class,
        VersionCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Example:", "  invdes read examples/*.cif"})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: print help and fail with the usage exit code. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Builds the command line with the project's exit-code conventions. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      cmd.getErr().println("invdes: " + ex.getMessage());
      return 1;
    });
    return cl;
  }

  /** Runs the command line; temporaries of unfinished writes are removed however the JVM ends. */
  public static void main(String[] args) {
    AtomicFiles.deletePendingOnExit();
    System.exit(commandLine().execute(args));
  }
}
