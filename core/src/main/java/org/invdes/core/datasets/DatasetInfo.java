package org.invdes.core.datasets;

import java.util.List;
import java.util.Objects;

/**
 * A benchmark dataset of the {@link DatasetCatalog}: what it is and its pinned files.
 *
 * @param name the name used on the command line, e.g. {@code perov_5}
 * @param title a human-readable title, e.g. {@code Perov-5}
 * @param licence the licence and the source to cite
 * @param description what the structures and the property columns are, with units
 * @param files the pinned files, one per split, in catalogue order
 */
public record DatasetInfo(String name, String title, String licence, String description,
    List<DatasetFile> files) {

  /** Copies the file list; requires every component. */
  public DatasetInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(description, "description");
    files = List.copyOf(files);
  }

  /** @return the split names in catalogue order, e.g. {@code [train, val, test]} */
  public List<String> splits() {
    return files.stream().map(DatasetFile::split).toList();
  }

  /**
   * The files of one split, or all of them.
   *
   * @param split a split name, or {@code all}
   * @return the matching files
   * @throws IllegalArgumentException naming the split and the splits there are
   */
  public List<DatasetFile> files(String split) {
    if ("all".equals(split)) {
      return files;
    }
    List<DatasetFile> match = files.stream().filter(f -> f.split().equals(split)).toList();
    if (match.isEmpty()) {
      throw new IllegalArgumentException("dataset " + name + " has no split '" + split
          + "'; its splits are " + String.join(", ", splits()) + " (or all)");
    }
    return match;
  }
}
