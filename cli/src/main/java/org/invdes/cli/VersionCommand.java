package org.invdes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code invdes version}: prints only the version, for pipelines to record. */
@Command(name = "version", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class, description = "Print the invdes version and nothing else.",
    footer = {"", "Example:", "  invdes version"})
public final class VersionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The version of this build, from the properties Maven filtered at build time. */
  public static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(version());
    return 0;
  }

  /** Supplies {@code --version} of the top command. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
