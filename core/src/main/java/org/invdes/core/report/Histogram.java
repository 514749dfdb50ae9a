package org.invdes.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One property of several sets (training data, candidates) binned on shared bins, with an
 * optional target value. The bins are equal-width and span every finite value of every set and
 * the target; values that are not finite are left out. Immutable.
 */
public final class Histogram {
  /** One binned set: its name and the count in each bin. */
  public record Series(String name, int[] counts) {
    /** Copies the counts. */
    public Series {
      Objects.requireNonNull(name, "name");
      counts = counts.clone();
    }

    /** @return a copy of the counts */
    @Override
    public int[] counts() {
      return counts.clone();
    }

    /** @return how many values the set has in all bins */
    public int total() {
      return Arrays.stream(counts).sum();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.counts, counts);
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + Arrays.hashCode(counts);
    }
  }

  private final String property;
  private final double[] edges;
  private final List<Series> series;
  private final OptionalDouble target;

  private Histogram(String property, double[] edges, List<Series> series, OptionalDouble target) {
    this.property = property;
    this.edges = edges;
    this.series = Collections.unmodifiableList(new ArrayList<>(series));
    this.target = target;
  }

  /**
   * Bins the sets on {@code bins} equal-width bins spanning all their finite values and the
   * target. When every value is the same the bins span that value ± 0.5 (± 5 % of it when
   * larger).
   *
   * @param property the property name (shown as the axis title)
   * @param sets named sets of values, in legend order (a set may be empty)
   * @param target the target value, or empty
   * @param bins the number of bins, 1 to 200
   * @return the histogram
   * @throws IllegalArgumentException if there is no set, bins is out of range, or the target is
   *     not finite
   */
  public static Histogram of(String property, Map<String, double[]> sets, OptionalDouble target,
      int bins) {
    Objects.requireNonNull(property, "property");
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("histogram of '" + property + "' has no set of values");
    }
    if (bins < 1 || bins > 200) {
      throw new IllegalArgumentException("histogram bins must be 1..200, got " + bins);
    }
    if (target.isPresent() && !Double.isFinite(target.getAsDouble())) {
      throw new IllegalArgumentException("target of '" + property + "' is not finite: "
          + target.getAsDouble());
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] v : sets.values()) {
      for (double x : v) {
        if (Double.isFinite(x)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    if (target.isPresent()) {
      lo = Math.min(lo, target.getAsDouble());
      hi = Math.max(hi, target.getAsDouble());
    }
    if (lo == Double.POSITIVE_INFINITY) {
      lo = 0;
      hi = 1;
    } else if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi))) {
      double half = Math.max(0.5, Math.abs(hi) * 0.05);
      lo -= half;
      hi += half;
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    edges[bins] = hi;
    List<Series> series = new ArrayList<>();
    for (Map.Entry<String, double[]> e : new LinkedHashMap<>(sets).entrySet()) {
      int[] counts = new int[bins];
      for (double x : e.getValue()) {
        if (Double.isFinite(x)) {
          int b = (int) Math.floor((x - lo) / (hi - lo) * bins);
          counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
      }
      series.add(new Series(e.getKey(), counts));
    }
    return new Histogram(property, edges, series, target);
  }

  /** @return the property name */
  public String property() {
    return property;
  }

  /** @return a copy of the bin edges (bins + 1 values, increasing) */
  public double[] edges() {
    return edges.clone();
  }

  /** @return the number of bins */
  public int bins() {
    return edges.length - 1;
  }

  /** @return the binned sets, in legend order */
  public List<Series> series() {
    return series;
  }

  /** @return the target value, if any */
  public OptionalDouble target() {
    return target;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h && h.property.equals(property)
        && Arrays.equals(h.edges, edges) && h.series.equals(series) && h.target.equals(target);
  }

  @Override
  public int hashCode() {
    return Objects.hash(property, Arrays.hashCode(edges), series, target);
  }

  @Override
  public String toString() {
    return "Histogram[" + property + ", " + bins() + " bins, " + series.size() + " sets]";
  }
}
