package org.invdes.core.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.invdes.core.encoding.Encoded;
import org.invdes.core.encoding.Encoder;
import org.invdes.core.encoding.EncoderOptions;
import org.invdes.core.encoding.EncodingLayout;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Training rows made ready for the network: the fitted encoder, the structure part x of each
 * encoded row, its normalised condition c (0 where unknown) and known-mask k, the property
 * ranges, the fingerprint and the consolidated warning about skipped rows.
 */
final class TrainingData {
  final Encoder encoder;
  final float[][] x;
  final float[][] c;
  final float[][] known;
  final List<PropertyRange> ranges;
  final String fingerprint;
  final int inputRows;
  final int skipped;
  final String warning;

  private TrainingData(Encoder encoder, float[][] x, float[][] c, float[][] known,
      List<PropertyRange> ranges, String fingerprint, int inputRows, int skipped,
      String warning) {
    this.encoder = encoder;
    this.x = x;
    this.c = c;
    this.known = known;
    this.ranges = ranges;
    this.fingerprint = fingerprint;
    this.inputRows = inputRows;
    this.skipped = skipped;
    this.warning = warning;
  }

  int size() {
    return x.length;
  }

  /**
   * Prepares training rows:
   *
   * <ol>
   *   <li>Skip a row that is disordered, has more sites than a fixed site budget, has a
   *       non-numeric value of a listed property, or has none of the listed properties (rows
   *       with some of them are kept; the missing ones are masked out of the condition and the
   *       property loss).
   *   <li>Site budget N: the fixed one, else the largest remaining cell; vocabulary: the
   *       elements of the remaining rows.
   *   <li>Skip rows the encoder rejects ({@link Encoder#problem}, e.g. a lattice outside the
   *       decodable range), checked with an encoder fitted on one accepted row (the checks do not
   *       depend on the fitted statistics).
   *   <li>Fit the encoder on the kept rows (vocabulary refitted on them) and encode them.
   *   <li>Fingerprint: SHA-256 over the property names and, for each kept row in input order,
   *       its id (UTF-8, or its 0-based index when it has none) and its encoded floats (IEEE
   *       bits, big-endian).
   * </ol>
   *
   * @throws IllegalArgumentException if no row can be used, naming the first reasons
   */
  static TrainingData prepare(List<Structure> structures, List<String> properties,
      CvaeConfig config) {
    return prepare(structures, properties, config, null);
  }

  /**
   * As {@link #prepare(List, List, CvaeConfig)}, but with {@code given} (when not null) as the
   * encoder instead of one fitted on these structures: rows it cannot encode (an element outside
   * its vocabulary, too many sites) are skipped with the others, and the features keep its
   * normalisation, so a network trained with it sees the same scale again.
   */
  static TrainingData prepare(List<Structure> structures, List<String> properties,
      CvaeConfig config, Encoder given) {
    Objects.requireNonNull(structures, "structures");
    if (properties.isEmpty()) {
      throw new IllegalArgumentException("a conditional VAE needs at least one property");
    }
    Map<String, List<String>> reasons = new LinkedHashMap<>();
    List<Integer> candidates = new ArrayList<>();
    int largest = 0;
    for (int i = 0; i < structures.size(); i++) {
      Structure s = Objects.requireNonNull(structures.get(i), "structure #" + i);
      String why = firstProblem(s, properties, config);
      if (why != null) {
        reasons.computeIfAbsent(why.substring(0, why.indexOf(':')), k -> new ArrayList<>())
            .add(why.substring(why.indexOf(':') + 2));
        continue;
      }
      candidates.add(i);
      largest = Math.max(largest, s.size());
    }
    int maxSites = config.maxSites().orElse(Math.max(1, largest));
    List<Integer> kept = new ArrayList<>();
    Encoder probe = null;
    for (int i : candidates) {
      Structure s = structures.get(i);
      String why = null;
      if (given != null) {
        why = given.problem(s).orElse(null);
      } else if (probe == null) {
        try {
          probe = Encoder.fit(List.of(s), options(properties, config, maxSites,
              vocabulary(structures, candidates)));
        } catch (IllegalArgumentException e) {
          why = e.getMessage();
        }
      } else {
        why = probe.problem(s).orElse(null);
      }
      if (why != null) {
        reasons.computeIfAbsent("cannot be encoded", k -> new ArrayList<>()).add(why);
      } else {
        kept.add(i);
      }
    }
    int skipped = structures.size() - kept.size();
    String warning = skipped == 0 ? null : warning(skipped, structures.size(), reasons);
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no training row can be used: " + warning);
    }
    List<Structure> keptStructures = new ArrayList<>();
    for (int i : kept) {
      keptStructures.add(structures.get(i));
    }
    Encoder encoder = given != null ? given : Encoder.fit(keptStructures, options(properties,
        config, maxSites, vocabulary(structures, kept)));
    EncodingLayout layout = encoder.layout();
    int d = layout.propertiesOffset();
    int p = properties.size();
    float[][] x = new float[kept.size()][];
    float[][] c = new float[kept.size()][p];
    float[][] k = new float[kept.size()][p];
    double[] min = new double[p];
    double[] max = new double[p];
    int[] count = new int[p];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    MessageDigest sha = sha256();
    for (String name : properties) {
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    for (int r = 0; r < kept.size(); r++) {
      Structure s = keptStructures.get(r);
      Encoded e = encoder.encode(s);
      float[] f = e.features();
      x[r] = java.util.Arrays.copyOf(f, d);
      float[] props = e.properties();
      for (int j = 0; j < p; j++) {
        if (!Float.isNaN(props[j])) {
          c[r][j] = props[j];
          k[r][j] = 1f;
          double v = ((Number) s.properties().get(properties.get(j))).doubleValue();
          min[j] = Math.min(min[j], v);
          max[j] = Math.max(max[j], v);
          count[j]++;
        }
      }
      Object id = s.properties().get("id");
      sha.update((id != null ? id.toString() : Integer.toString(kept.get(r)))
          .getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      ByteBuffer buf = ByteBuffer.allocate(4 * f.length);
      for (float v : f) {
        buf.putInt(Float.floatToIntBits(v));
      }
      sha.update(buf.array());
    }
    List<PropertyRange> ranges = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      ranges.add(new PropertyRange(properties.get(j), min[j], max[j], count[j]));
    }
    return new TrainingData(encoder, x, c, k, List.copyOf(ranges),
        HexFormat.of().formatHex(sha.digest()), structures.size(), skipped, warning);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** "category: detail" of the first reason to skip a row before encoding, or null. */
  private static String firstProblem(Structure s, List<String> properties, CvaeConfig config) {
    String who = describe(s);
    if (config.maxSites().isPresent() && s.size() > config.maxSites().getAsInt()) {
      return "too many sites: " + who + " has " + s.size() + " sites; the model holds at most "
          + config.maxSites().getAsInt();
    }
    if (!s.isOrdered()) {
      return "disordered: " + who + " has partially occupied sites";
    }
    int present = 0;
    for (String name : properties) {
      Object v = s.properties().get(name);
      if (v == null) {
        continue;
      }
      if (!(v instanceof Double || v instanceof Long || v instanceof Integer)) {
        return "non-numeric property: " + who + " has " + name + " = '" + v + "'";
      }
      double value = ((Number) v).doubleValue();
      if (Double.isInfinite(value)) {
        return "non-numeric property: " + who + " has " + name + " = " + value;
      }
      if (!Double.isNaN(value)) {
        present++;
      }
    }
    if (present == 0) {
      return "missing property: " + who + " has none of " + properties;
    }
    return null;
  }

  private static List<Element> vocabulary(List<Structure> structures, List<Integer> rows) {
    TreeSet<Element> seen = new TreeSet<>();
    for (int i : rows) {
      for (Site site : structures.get(i).sites()) {
        seen.addAll(site.species().keySet());
      }
    }
    return new ArrayList<>(seen);
  }

  private static EncoderOptions options(List<String> properties, CvaeConfig config, int maxSites,
      List<Element> vocabulary) {
    EncoderOptions.Builder b = EncoderOptions.builder().optProperties(properties)
        .optMaxSites(maxSites).optVocabulary(vocabulary).optCellChoice(config.cellChoice());
    if (config.fourierIndex() > 0) {
      b.optFourier(config.fourierIndex());
    }
    return b.build();
  }

  private static String describe(Structure s) {
    Object id = s.properties().get("id");
    String formula = s.composition().reducedFormula();
    return id != null ? "'" + id + "' (" + formula + ")" : formula + " (no id)";
  }

  private static String warning(int skipped, int total, Map<String, List<String>> reasons) {
    StringBuilder sb = new StringBuilder();
    sb.append("skipped ").append(skipped).append(" of ").append(total)
        .append(" training rows:");
    String sep = " ";
    for (Map.Entry<String, List<String>> e : reasons.entrySet()) {
      List<String> list = e.getValue();
      sb.append(sep).append(list.size()).append(" ").append(e.getKey()).append(" (e.g. ");
      sb.append(String.join("; ", list.subList(0, Math.min(2, list.size())))).append(")");
      sep = "; ";
    }
    return sb.toString();
  }
}
