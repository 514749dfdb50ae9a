package org.invdes.core.io.cif;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared, read-only test data that lives next to the repository ({@code ../shared}
 * from the repository root), or where the system property {@code invdes.shared} points. Tests
 * that need it are skipped, with a message saying where it was looked for, when it is absent.
 */
final class SharedTestData {

    private SharedTestData() {
    }

    /** @return the shared directory, or null if it cannot be found */
    static Path sharedDirOrNull() {
        String property = System.getProperty("invdes.shared");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? p : null;
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared");
            if (Files.isDirectory(candidate.resolve("cif-corpus"))) {
                return candidate;
            }
        }
        return null;
    }

    /** @return the CIF corpus directory; skips the calling test when it is absent */
    static Path corpusOrSkip() {
        return subdirOrSkip("cif-corpus");
    }

    /** @return the datasets directory; skips the calling test when it is absent */
    static Path datasetsOrSkip() {
        return subdirOrSkip("datasets");
    }

    private static Path subdirOrSkip(String name) {
        Path shared = sharedDirOrNull();
        Path dir = shared == null ? null : shared.resolve(name);
        assumeTrue(dir != null && Files.isDirectory(dir), () -> "skipped: shared test data '" + name
                + "' not found (looked for shared/" + name + " in the directories above "
                + System.getProperty("user.dir") + "; set -Dinvdes.shared=/path/to/shared to point at it)");
        return dir;
    }

    /** @return the .cif files of the corpus, sorted by name; skips the calling test when absent */
    static List<Path> corpusFilesOrSkip() throws IOException {
        Path corpus = corpusOrSkip();
        try (Stream<Path> s = Files.list(corpus)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".cif")).sorted().toList();
            assumeTrue(!files.isEmpty(), "skipped: no .cif files in " + corpus);
            return files;
        }
    }
}
