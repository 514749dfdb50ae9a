package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NOTICE.md names every third-party jar the command line and the KNIME bundle ship, as built: a
 * new dependency cannot reach users without its licence being listed.
 */
class NoticeTest {
  /** A jar file name: the artifact id, then "-" and a version that starts with a digit. */
  private static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^-]*)(-.+)?\\.jar");

  static Set<String> thirdPartyArtifacts(Path dir) throws IOException {
    assumeTrue(Files.isDirectory(dir), "skipped: " + dir + " is not built (run ./mvnw -B verify"
        + " from the repository root, which packages the command line and the KNIME bundle)");
    Set<String> out = new TreeSet<>();
    try (Stream<Path> jars = Files.list(dir)) {
      for (Path jar : jars.toList()) {
        String name = jar.getFileName().toString();
        Matcher m = JAR.matcher(name);
        if (!name.endsWith(".jar") || name.startsWith("invdes-")) {
          continue;
        }
        assertTrue(m.matches(), "cannot tell the artifact of " + jar);
        out.add(m.group(1));
      }
    }
    return out;
  }

  static void assertListed(Set<String> artifacts, Path where) throws IOException {
    String notice = Files.readString(Shared.root().resolve("NOTICE.md"));
    assertTrue(artifacts.size() > 5, "only " + artifacts + " in " + where);
    for (String a : artifacts) {
      assertTrue(Pattern.compile("[`:]" + Pattern.quote(a) + "`").matcher(notice).find(),
          "NOTICE.md does not list " + a + " (shipped in " + where + "); add it with its licence");
    }
  }

  @Test
  void everyJarOfTheCommandLineIsListed() throws IOException {
    Path lib = Shared.root().resolve("cli/target/lib");
    Set<String> artifacts = thirdPartyArtifacts(lib);
    assertTrue(artifacts.containsAll(List.of("picocli", "pytorch-native-cpu", "cdk-core")),
        artifacts.toString());
    assertListed(artifacts, lib);
  }

  @Test
  void theKnimeBundleEmbedsTheCommandLinesJarsButPicocliAndSlf4jSimple() throws IOException {
    Path embedded = Shared.root().resolve("plugin-nodes/target/embedded");
    Set<String> bundle = thirdPartyArtifacts(embedded);
    assertListed(bundle, embedded);
    Set<String> cli = thirdPartyArtifacts(Shared.root().resolve("cli/target/lib"));
    cli.removeAll(List.of("picocli", "slf4j-simple", "pytorch-native-cpu"));
    assertEquals(cli, bundle, "NOTICE.md says the bundle embeds the command line's jars but"
        + " picocli and SLF4J Simple (libtorch is in the platform fragment)");
  }
}
