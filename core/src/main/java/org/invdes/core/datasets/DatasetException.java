package org.invdes.core.datasets;

import java.io.IOException;

/**
 * A dataset file could not be fetched. The message says what failed, names the URL or path, and
 * says what to do; {@link #kind()} tells the cases apart. Nothing is left in the cache when this
 * is thrown.
 */
public class DatasetException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why fetching failed. */
  public enum Kind {
    /** The server could not be reached (offline, DNS, refused connection, timeout). */
    UNREACHABLE,
    /** The server answered with a status other than 200. */
    HTTP_STATUS,
    /** The content does not have the pinned size or checksum. */
    CHECKSUM,
    /** The mirror directory does not hold the file. */
    NOT_IN_MIRROR
  }

  private final Kind kind;

  /**
   * @param kind why fetching failed
   * @param message the whole message for a person
   * @param cause the underlying exception, or null
   */
  public DatasetException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** @return why fetching failed */
  public Kind kind() {
    return kind;
  }
}
