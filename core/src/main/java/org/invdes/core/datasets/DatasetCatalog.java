package org.invdes.core.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark datasets invdes knows how to fetch, each file pinned to a commit of its public
 * repository and to its checksums. Immutable.
 *
 * <p>The built-in catalogue ({@link #builtIn()}) is read from the resource {@code catalog.tsv}
 * beside this class, which states the sources, commits and licences in its header: Perov-5,
 * Carbon-24 and MP-20 of the CDVAE benchmark (txie-93/cdvae), and the binary/ternary and pilot
 * subsets of MP-20 (SymmetryAdvantage/WyckoffTransformer).
 */
public final class DatasetCatalog {
  private static final String RESOURCE = "catalog.tsv";

  private final List<DatasetInfo> datasets;

  private DatasetCatalog(List<DatasetInfo> datasets) {
    this.datasets = List.copyOf(datasets);
  }

  /**
   * A catalogue of the given datasets (e.g. files on a test server).
   *
   * @throws IllegalArgumentException if two datasets share a name
   */
  public static DatasetCatalog of(List<DatasetInfo> datasets) {
    Map<String, DatasetInfo> seen = new LinkedHashMap<>();
    for (DatasetInfo d : datasets) {
      if (seen.put(d.name(), d) != null) {
        throw new IllegalArgumentException("dataset '" + d.name() + "' is listed twice");
      }
    }
    return new DatasetCatalog(datasets);
  }

  /** The built-in catalogue of benchmark datasets. */
  public static DatasetCatalog builtIn() {
    return Holder.BUILT_IN;
  }

  /** @return the datasets in catalogue order */
  public List<DatasetInfo> datasets() {
    return datasets;
  }

  /** @return the dataset of this name, if listed */
  public Optional<DatasetInfo> find(String name) {
    return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * @return the dataset of this name
   * @throws IllegalArgumentException naming the value and the datasets there are
   */
  public DatasetInfo get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + name
        + "'; known datasets: " + String.join(", ", datasets.stream().map(DatasetInfo::name)
        .toList())));
  }

  private static final class Holder {
    static final DatasetCatalog BUILT_IN = load();
  }

  /**
   * Reads the resource: (1) skip comments and blank lines; (2) a {@code dataset} record opens a
   * dataset; (3) a {@code file} record adds a file to an already opened dataset; any other line
   * is an error naming the resource and line.
   */
  private static DatasetCatalog load() {
    InputStream in = DatasetCatalog.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("resource " + RESOURCE + " not found beside "
          + DatasetCatalog.class.getName());
    }
    Map<String, String[]> heads = new LinkedHashMap<>();
    Map<String, List<DatasetFile>> files = new LinkedHashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        String where = RESOURCE + " line " + n + ": ";
        if (f[0].equals("dataset") && f.length == 5) {
          heads.put(f[1], f);
          files.put(f[1], new ArrayList<>());
        } else if (f[0].equals("file") && f.length == 8) {
          List<DatasetFile> list = files.get(f[1]);
          if (list == null) {
            throw new IllegalStateException(where + "file of undeclared dataset '" + f[1] + "'");
          }
          try {
            list.add(new DatasetFile(f[1], f[2], f[3], new URI(f[4]),
                f[5].isEmpty() ? -1 : Long.parseLong(f[5]), f[6], f[7]));
          } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException(where + e.getMessage(), e);
          }
        } else {
          throw new IllegalStateException(where + "expected a 'dataset' record of 5 fields or a"
              + " 'file' record of 8, got '" + f[0] + "' with " + f.length);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
    }
    List<DatasetInfo> out = new ArrayList<>();
    heads.forEach((name, h) -> out.add(new DatasetInfo(name, h[2], h[3], h[4], files.get(name))));
    return of(out);
  }
}
