package org.invdes.core.structure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Locates the read-only shared data directory ({@code shared/}, a sibling of the repository):
 * the system property {@code invdes.shared} if set, else the first {@code shared/} holding
 * {@code cif-corpus} found walking up from {@code user.dir}. Tests skip when it is absent.
 */
final class SharedTestData {

    private SharedTestData() {
    }

    static Optional<Path> sharedDirectory() {
        String property = System.getProperty("invdes.shared");
        if (property != null && !property.isBlank()) {
            Path p = Paths.get(property);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path d = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared");
            if (Files.isDirectory(candidate.resolve("cif-corpus"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
