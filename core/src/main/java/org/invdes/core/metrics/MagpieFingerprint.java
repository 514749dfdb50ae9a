package org.invdes.core.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invdes.core.structure.Composition;
import org.invdes.core.structure.Element;

/**
 * The Magpie composition fingerprint as CDVAE's coverage metrics compute it: matminer's {@code
 * ElementProperty.from_preset("magpie")} — six statistics of 22 elemental properties weighted by
 * the amount of each element, 132 numbers — then standardised with CDVAE's fixed means and
 * standard deviations ({@code cdvae/common/constants.py}), a value that is not a number becoming
 * 0.
 *
 * <p>Feature k = 6·p + s, for property p in {@link #PROPERTIES} order and statistic s in {@link
 * #STATISTICS} order. For the elements e of a composition, with amounts w_e (any scale; CDVAE
 * passes atom counts) and property values x_e:
 * <ol>
 *   <li>minimum, maximum, range: min x_e, max x_e, max − min (NaN if any x_e is missing);
 *   <li>mean: x̄ = Σ w_e x_e / Σ w_e;
 *   <li>avg_dev: Σ w_e |x_e − x̄| / Σ w_e;
 *   <li>mode: the smallest x_e among the elements whose amount is the largest, "largest" meaning
 *       within numpy's {@code isclose} of the maximum amount w_max: |w_e − w_max| ≤ 10⁻⁸ + 10⁻⁵
 *       w_max.
 * </ol>
 * A missing elemental value (the tables' "Missing") is NaN and makes every statistic of that
 * property NaN, except a mode that does not select it.
 *
 * <p>The elemental tables ship as the resource {@code magpie-elements.tsv} (matminer v0.7.3's
 * {@code magpie_elementdata}, modified BSD licence, stated in the file) and the scaler as {@code
 * cdvae-composition-scaler.tsv} (CDVAE, MIT licence, stated in the file). Stateless and
 * thread-safe.
 */
public final class MagpieFingerprint {
  /** The 22 elemental properties, in matminer's preset order. */
  public static final List<String> PROPERTIES = List.of("Number", "MendeleevNumber",
      "AtomicWeight", "MeltingT", "Column", "Row", "CovalentRadius", "Electronegativity",
      "NsValence", "NpValence", "NdValence", "NfValence", "NValence", "NsUnfilled", "NpUnfilled",
      "NdUnfilled", "NfUnfilled", "NUnfilled", "GSvolume_pa", "GSbandgap", "GSmagmom",
      "SpaceGroupNumber");
  /** The six statistics, in matminer's preset order. */
  public static final List<String> STATISTICS = List.of("minimum", "maximum", "range", "mean",
      "avg_dev", "mode");
  /** Number of features: 22 properties × 6 statistics. */
  public static final int LENGTH = 132;

  /** numpy isclose's default relative tolerance (dimensionless). */
  private static final double ISCLOSE_RTOL = 1e-5;
  /** numpy isclose's default absolute tolerance (in the unit of the amounts, atoms). */
  private static final double ISCLOSE_ATOL = 1e-8;

  private MagpieFingerprint() {
  }

  /**
   * @return the 132 feature names in matminer's label style, e.g. {@code "MagpieData minimum
   *     Number"}
   */
  public static List<String> featureLabels() {
    List<String> out = new ArrayList<>(LENGTH);
    for (String p : PROPERTIES) {
      for (String s : STATISTICS) {
        out.add("MagpieData " + s + " " + p);
      }
    }
    return out;
  }

  /**
   * The elemental value of one Magpie table.
   *
   * @param element the element
   * @param property one of {@link #PROPERTIES}
   * @return the value in the table's unit, NaN where the table has none
   * @throws IllegalArgumentException for an unknown property
   */
  public static double elementalValue(Element element, String property) {
    int p = PROPERTIES.indexOf(property);
    if (p < 0) {
      throw new IllegalArgumentException("unknown Magpie property '" + property + "'; known: "
          + PROPERTIES);
    }
    return Tables.VALUES[element.number()][p];
  }

  /**
   * The raw (unstandardised) Magpie features of a composition, as matminer computes them.
   *
   * @param composition a composition with at least one element; its scale does not matter
   * @return 132 values, NaN where a statistic has a missing elemental value
   */
  public static double[] features(Composition composition) {
    Objects.requireNonNull(composition, "composition");
    Map<Element, Double> amounts = composition.amounts();
    int n = amounts.size();
    if (n == 0) {
      throw new IllegalArgumentException("composition has no element");
    }
    Element[] elements = new Element[n];
    double[] w = new double[n];
    int k = 0;
    double wMax = Double.NEGATIVE_INFINITY;
    double wSum = 0;
    for (Map.Entry<Element, Double> e : amounts.entrySet()) {
      elements[k] = e.getKey();
      w[k] = e.getValue();
      wMax = Math.max(wMax, w[k]);
      wSum += w[k];
      k++;
    }
    boolean[] mostFrequent = new boolean[n];
    for (int i = 0; i < n; i++) {
      mostFrequent[i] = Math.abs(w[i] - wMax) <= ISCLOSE_ATOL + ISCLOSE_RTOL * Math.abs(wMax);
    }
    double[] out = new double[LENGTH];
    double[] x = new double[n];
    for (int p = 0; p < PROPERTIES.size(); p++) {
      boolean missing = false;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double weighted = 0;
      for (int i = 0; i < n; i++) {
        x[i] = Tables.VALUES[elements[i].number()][p];
        missing |= Double.isNaN(x[i]);
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
        weighted += w[i] * x[i];
      }
      double mean = weighted / wSum;
      double dev = 0;
      double mode = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        dev += w[i] * Math.abs(x[i] - mean);
        if (mostFrequent[i]) {
          mode = Double.isNaN(x[i]) || Double.isNaN(mode) ? Double.NaN : Math.min(mode, x[i]);
        }
      }
      int base = 6 * p;
      out[base] = missing ? Double.NaN : min;
      out[base + 1] = missing ? Double.NaN : max;
      out[base + 2] = missing ? Double.NaN : max - min;
      out[base + 3] = mean;
      out[base + 4] = dev / wSum;
      out[base + 5] = mode;
    }
    return out;
  }

  /**
   * CDVAE's standardisation: (feature − mean) / std with its fixed 132 means and standard
   * deviations; a result that is not a number (a missing feature) becomes 0.
   *
   * @param features 132 raw features, as {@link #features} returns
   * @return a new array of 132 standardised (dimensionless) features
   */
  public static double[] standardised(double[] features) {
    Objects.requireNonNull(features, "features");
    if (features.length != LENGTH) {
      throw new IllegalArgumentException("need " + LENGTH + " features, got " + features.length);
    }
    double[] out = new double[LENGTH];
    for (int k = 0; k < LENGTH; k++) {
      double z = (features[k] - Tables.MEANS[k]) / Tables.STDS[k];
      out[k] = Double.isNaN(z) ? 0.0 : z;
    }
    return out;
  }

  /**
   * The fingerprint CDVAE's coverage metrics compare: {@code standardised(features(c))}.
   *
   * @param composition a composition with at least one element
   * @return 132 standardised features, none NaN
   */
  public static double[] of(Composition composition) {
    return standardised(features(composition));
  }

  /** @return CDVAE's 132 means, a fresh copy */
  public static double[] scalerMeans() {
    return Tables.MEANS.clone();
  }

  /** @return CDVAE's 132 standard deviations, a fresh copy */
  public static double[] scalerStds() {
    return Tables.STDS.clone();
  }

  /** The resources, read on first use. */
  private static final class Tables {
    /** VALUES[Z][p]: property p of the element with atomic number Z (row 0 unused). */
    static final double[][] VALUES = readElements();
    static final double[] MEANS = new double[LENGTH];
    static final double[] STDS = new double[LENGTH];

    static {
      readScaler();
    }

    private static List<String[]> rows(String resource, int columns) {
      InputStream in = MagpieFingerprint.class.getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the bundle");
      }
      List<String[]> out = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8))) {
        String line;
        boolean header = true;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("#") || line.isBlank()) {
            continue;
          }
          if (header) {
            header = false;
            continue;
          }
          String[] f = line.split("\t", -1);
          if (f.length != columns) {
            throw new IllegalStateException(resource + ": a row has " + f.length
                + " columns, expected " + columns + ": " + line);
          }
          out.add(f);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read resource " + resource, e);
      }
      return out;
    }

    private static double[][] readElements() {
      double[][] v = new double[Element.MAX_NUMBER + 1][PROPERTIES.size()];
      List<String[]> rows = rows("magpie-elements.tsv", 2 + PROPERTIES.size());
      if (rows.size() != Element.MAX_NUMBER) {
        throw new IllegalStateException("magpie-elements.tsv has " + rows.size()
            + " elements, expected " + Element.MAX_NUMBER);
      }
      for (String[] f : rows) {
        int z = Integer.parseInt(f[0]);
        if (!Element.ofNumber(z).symbol().equals(f[1])) {
          throw new IllegalStateException("magpie-elements.tsv: Z " + z + " is " + f[1]);
        }
        for (int p = 0; p < PROPERTIES.size(); p++) {
          v[z][p] = Double.parseDouble(f[2 + p]);
        }
      }
      return v;
    }

    private static void readScaler() {
      List<String[]> rows = rows("cdvae-composition-scaler.tsv", 3);
      List<String> labels = featureLabels();
      if (rows.size() != LENGTH) {
        throw new IllegalStateException("cdvae-composition-scaler.tsv has " + rows.size()
            + " rows, expected " + LENGTH);
      }
      for (int k = 0; k < LENGTH; k++) {
        String[] f = rows.get(k);
        if (!labels.get(k).equals(f[0])) {
          throw new IllegalStateException("cdvae-composition-scaler.tsv row " + k + " is '" + f[0]
              + "', expected '" + labels.get(k) + "'");
        }
        MEANS[k] = Double.parseDouble(f[1]);
        STDS[k] = Double.parseDouble(f[2]);
      }
    }
  }
}
