package org.invdes.core.sampling;

import java.util.Objects;

/**
 * What {@link SamplingRequest} and {@link OptimizationRequest} share: the element constraint
 * applied while decoding and the decoding threads, and the range checks of their builders
 * (each message names the setting, the value and the allowed range).
 */
abstract class DecodingRequest {
  private final ElementConstraint elements;
  private final int threads;

  DecodingRequest(Builder<?> b) {
    this.elements = b.elements;
    this.threads = b.threads;
  }

  /** The element constraint applied while decoding. */
  public ElementConstraint elements() {
    return elements;
  }

  /** Threads that turn decoder outputs into structures. */
  public int threads() {
    return threads;
  }

  /**
   * The shared part of the builders; B is the concrete builder, so the shared setters chain.
   * Defaults: any element, as many threads as processors.
   */
  abstract static class Builder<B extends Builder<B>> {
    private ElementConstraint elements = ElementConstraint.none();
    private int threads = Runtime.getRuntime().availableProcessors();

    Builder() {
    }

    /** This builder, as its concrete type. */
    abstract B self();

    /** Sets the element constraint. */
    public B optElements(ElementConstraint constraint) {
      this.elements = Objects.requireNonNull(constraint, "elements");
      return self();
    }

    /** Sets the decoding threads, 1..1024. */
    public B optThreads(int n) {
      this.threads = inRange("threads", n, 1, 1024, "1024");
      return self();
    }

    /**
     * The value if it is in min..max.
     *
     * @param max as the message writes it (e.g. "10^6")
     * @throws IllegalArgumentException "NAME is VALUE; must be in MIN..MAX"
     */
    static int inRange(String name, int value, int min, int max, String maxText) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " is " + value + "; must be in " + min + ".."
            + maxText);
      }
      return value;
    }

    /**
     * The value if it is in (0, max].
     *
     * @throws IllegalArgumentException "NAME is VALUE; must be in (0, MAX]"
     */
    static double positiveUpTo(String name, double value, int max) {
      if (!(value > 0 && value <= max)) {
        throw new IllegalArgumentException(name + " is " + value + "; must be in (0, " + max
            + "]");
      }
      return value;
    }
  }
}
