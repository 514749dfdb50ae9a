package org.invdes.core.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The size and checksums of a file's content, to compare with a {@link DatasetFile}'s pins.
 *
 * @param sizeBytes the size in bytes
 * @param sha256 SHA-256 of the content, lower-case hex
 * @param gitBlobSha1 git's object id of the content as a blob: SHA-1 of {@code "blob <size>\0"}
 *     followed by the content, lower-case hex
 */
public record Digests(long sizeBytes, String sha256, String gitBlobSha1) {

  /**
   * Computes the digests of a file in one pass.
   *
   * @throws IOException if the file cannot be read
   */
  public static Digests of(Path file) throws IOException {
    long size = Files.size(file);
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest sha1 = digest("SHA-1");
    sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
    byte[] buf = new byte[1 << 16];
    long read = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sha256.update(buf, 0, n);
        sha1.update(buf, 0, n);
        read += n;
      }
    }
    if (read != size) {
      throw new IOException(file + " changed while it was being read (" + size + " bytes, then "
          + read + ")");
    }
    HexFormat hex = HexFormat.of();
    return new Digests(size, hex.formatHex(sha256.digest()), hex.formatHex(sha1.digest()));
  }

  /** Computes the digests of bytes held in memory. */
  public static Digests of(byte[] content) {
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest sha1 = digest("SHA-1");
    sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
    sha1.update(content);
    HexFormat hex = HexFormat.of();
    return new Digests(content.length, hex.formatHex(sha256.digest(content)),
        hex.formatHex(sha1.digest()));
  }

  /**
   * Compares with every pin of a file: the size if pinned, the SHA-256 if pinned, and the git
   * object id (always pinned).
   *
   * @return empty when all pins match, else what differs, e.g. {@code sha256 is 3f…, expected
   *     32…}
   */
  public Optional<String> mismatch(DatasetFile pin) {
    if (pin.sizeBytes() >= 0 && pin.sizeBytes() != sizeBytes) {
      return Optional.of("size is " + sizeBytes + " bytes, expected " + pin.sizeBytes());
    }
    if (!pin.sha256().isEmpty() && !pin.sha256().equals(sha256)) {
      return Optional.of("SHA-256 is " + sha256 + ", expected " + pin.sha256());
    }
    if (!pin.gitBlobSha1().equals(gitBlobSha1)) {
      return Optional.of("git object id is " + gitBlobSha1 + ", expected " + pin.gitBlobSha1());
    }
    return Optional.empty();
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
