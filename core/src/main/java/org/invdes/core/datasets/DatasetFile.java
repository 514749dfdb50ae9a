package org.invdes.core.datasets;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file of a benchmark dataset split, pinned to exact bytes.
 *
 * @param dataset the dataset name, e.g. {@code perov_5}
 * @param split the split, e.g. {@code train}, {@code val}, {@code test}
 * @param mirrorPath the path relative to a mirror root, with {@code /} separators, e.g. {@code
 *     perov_5/val.csv} (the layout of {@code ../shared/datasets}); also the path in the cache
 * @param url the public URL of the file at a pinned commit
 * @param sizeBytes the exact size in bytes, or −1 when not pinned
 * @param sha256 the SHA-256 of the content, lower-case hex, or empty when not pinned
 * @param gitBlobSha1 the git object id of the file in the pinned commit (SHA-1 of {@code "blob
 *     <size>\0"} followed by the content), lower-case hex; always pinned
 */
public record DatasetFile(String dataset, String split, String mirrorPath, URI url, long sizeBytes,
    String sha256, String gitBlobSha1) {

  /** Validates the components; names the file in every message. */
  public DatasetFile {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(mirrorPath, "mirrorPath");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(gitBlobSha1, "gitBlobSha1");
    String what = dataset + "/" + split;
    if (mirrorPath.isEmpty() || mirrorPath.startsWith("/") || mirrorPath.contains("..")
        || mirrorPath.contains("\\")) {
      throw new IllegalArgumentException(what + ": mirror path '" + mirrorPath
          + "' must be relative, with / separators and no '..'");
    }
    if (sizeBytes < -1) {
      throw new IllegalArgumentException(what + ": size " + sizeBytes + " is negative");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    gitBlobSha1 = gitBlobSha1.toLowerCase(Locale.ROOT);
    if (!sha256.isEmpty() && !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(what + ": sha256 '" + sha256 + "' is not 64 hex digits");
    }
    if (!gitBlobSha1.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException(what + ": git blob id '" + gitBlobSha1
          + "' is not 40 hex digits");
    }
  }

  /** @return the size in bytes, if pinned */
  public OptionalLong size() {
    return sizeBytes < 0 ? OptionalLong.empty() : OptionalLong.of(sizeBytes);
  }

  /** @return the SHA-256 (lower-case hex), if pinned */
  public Optional<String> sha256Pin() {
    return sha256.isEmpty() ? Optional.empty() : Optional.of(sha256);
  }

  /** @return the file name, the last component of {@link #mirrorPath()}, e.g. {@code val.csv} */
  public String fileName() {
    return mirrorPath.substring(mirrorPath.lastIndexOf('/') + 1);
  }

  /**
   * @return the name under which {@code datasets fetch --out DIR} writes the file: the split
   *     followed by the original extension, e.g. {@code val.csv}, {@code train.csv.gz}
   */
  public String outputName() {
    String name = fileName();
    int dot = name.indexOf('.');
    return split + (dot < 0 ? "" : name.substring(dot));
  }
}
