package org.invdes.core.encoding;

import java.util.Arrays;
import java.util.Objects;

/**
 * One encoded structure: a fixed-size {@code float[]} laid out as {@link EncodingLayout}
 * documents, with structured views of its parts. Immutable (every accessor returns a copy);
 * {@link #equals} compares the layout and the floats bit for bit (NaN equals NaN).
 */
public final class Encoded {
  private final EncodingLayout layout;
  private final float[] features;

  private Encoded(EncodingLayout layout, float[] features) {
    this.layout = layout;
    this.features = features;
  }

  /**
   * Wraps a feature vector, e.g. one produced by a model, for structured access or {@link
   * Encoder#decode(Encoded)}.
   *
   * @param layout the layout the vector follows
   * @param features {@code layout.length()} floats; copied
   * @throws IllegalArgumentException if the length differs from the layout's
   */
  public static Encoded of(EncodingLayout layout, float[] features) {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(features, "features");
    if (features.length != layout.length()) {
      throw new IllegalArgumentException("feature vector has " + features.length
          + " floats; the layout needs " + layout.length() + " (" + layout + ")");
    }
    return new Encoded(layout, features.clone());
  }

  /** Wraps without copying; for the encoder, which hands over a fresh array. */
  static Encoded wrap(EncodingLayout layout, float[] features) {
    return new Encoded(layout, features);
  }

  /** The layout of {@link #features()}. */
  public EncodingLayout layout() {
    return layout;
  }

  /** The whole vector, {@code layout().length()} floats; a copy. */
  public float[] features() {
    return features.clone();
  }

  /** Float i of the vector, without copying. */
  public float feature(int i) {
    return features[i];
  }

  /** The 6 normalised lattice components (ln a, ln b, ln c, α, β, γ). */
  public float[] lattice() {
    return Arrays.copyOfRange(features, layout.latticeOffset(), layout.latticeOffset() + 6);
  }

  /**
   * The element class of each site row, [N]: the index of the largest one-hot channel (ties to
   * the lowest index, NaN never wins); 0 = "no atom".
   */
  public int[] elementIndices() {
    int n = layout.maxSites();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = argmaxClass(features, layout, layout.siteOffset(i));
    }
    return out;
  }

  static int argmaxClass(float[] f, EncodingLayout layout, int rowOffset) {
    int best = 0;
    float bestValue = Float.NEGATIVE_INFINITY;
    boolean any = false;
    for (int c = 0; c < layout.elementClasses(); c++) {
      float v = f[rowOffset + layout.elementChannel() + c];
      if (!Float.isNaN(v) && (!any || v > bestValue)) {
        best = c;
        bestValue = v;
        any = true;
      }
    }
    return best;
  }

  /** The one-hot element block, [N][E]. */
  public float[][] oneHot() {
    int n = layout.maxSites();
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      int o = layout.siteOffset(i) + layout.elementChannel();
      out[i] = Arrays.copyOfRange(features, o, o + layout.elementClasses());
    }
    return out;
  }

  /** The fractional coordinates of each site row, [N][3]; zero on padding rows. */
  public float[][] fracCoords() {
    int n = layout.maxSites();
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      int o = layout.siteOffset(i) + layout.coordinateChannel();
      out[i] = Arrays.copyOfRange(features, o, o + 3);
    }
    return out;
  }

  /**
   * The occupancy of each site row, [N]; zero on padding rows.
   *
   * @throws IllegalStateException if the layout has no occupancy channel
   */
  public float[] occupancies() {
    if (!layout.hasOccupancy()) {
      throw new IllegalStateException("this encoding has no occupancy channel");
    }
    int n = layout.maxSites();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = features[layout.siteOffset(i) + layout.occupancyChannel()];
    }
    return out;
  }

  /** The site block as a matrix, [N][C] (see {@link EncodingLayout}). */
  public float[][] siteMatrix() {
    int n = layout.maxSites();
    int c = layout.siteChannels();
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(features, layout.siteOffset(i), layout.siteOffset(i) + c);
    }
    return out;
  }

  /** The Fourier block, [2K]: Re F̂ and Im F̂ per reflection; empty when off. */
  public float[] fourier() {
    return Arrays.copyOfRange(features, layout.fourierOffset(),
        layout.fourierOffset() + layout.fourierSize());
  }

  /** The normalised properties, [P]; NaN where the structure lacked the value. */
  public float[] properties() {
    return Arrays.copyOfRange(features, layout.propertiesOffset(),
        layout.propertiesOffset() + layout.propertyCount());
  }

  /** The number of site rows whose class is not "no atom". */
  public int siteCount() {
    int count = 0;
    for (int c : elementIndices()) {
      if (c != 0) {
        count++;
      }
    }
    return count;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Encoded)) {
      return false;
    }
    Encoded e = (Encoded) o;
    return layout.equals(e.layout) && Arrays.equals(features, e.features);
  }

  @Override
  public int hashCode() {
    return 31 * layout.hashCode() + Arrays.hashCode(features);
  }

  @Override
  public String toString() {
    return "Encoded[" + siteCount() + " sites, " + layout + "]";
  }
}
