package org.invdes.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model of a run report: settings as ordered key/value pairs, the filter funnel, property
 * histograms, a metrics table, the top candidates with how they were ranked, and notes. Made with
 * {@link #builder()}; immutable. {@link HtmlReport} writes it.
 */
public final class Report {
  /** One setting of the run, e.g. {@code seed = 7}. */
  public record Setting(String key, String value) {
    /** Checks the setting. */
    public Setting {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.isBlank()) {
        throw new IllegalArgumentException("a setting needs a key (value '" + value + "')");
      }
    }
  }

  /**
   * One row of the metrics table.
   *
   * @param group the group (e.g. {@code validity}), may be empty
   * @param name the metric name
   * @param value the value as shown ("—" when missing)
   */
  public record Metric(String group, String name, String value) {
    /** Checks the metric. */
    public Metric {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  private final String title;
  private final List<Setting> settings;
  private final Funnel funnel;
  private final List<Histogram> histograms;
  private final List<Metric> metrics;
  private final String ranking;
  private final List<Candidate> candidates;
  private final List<String> notes;
  private final List<String> warnings;

  private Report(Builder b) {
    this.title = b.title;
    this.settings = List.copyOf(b.settings);
    this.funnel = b.funnel;
    this.histograms = List.copyOf(b.histograms);
    this.metrics = List.copyOf(b.metrics);
    this.ranking = b.ranking;
    this.candidates = List.copyOf(b.candidates);
    this.notes = List.copyOf(b.notes);
    this.warnings = List.copyOf(b.warnings);
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the title */
  public String title() {
    return title;
  }

  /** @return the settings, in order */
  public List<Setting> settings() {
    return settings;
  }

  /** @return the funnel, or null when there is none */
  public Funnel funnel() {
    return funnel;
  }

  /** @return the histograms */
  public List<Histogram> histograms() {
    return histograms;
  }

  /** @return the metrics table rows */
  public List<Metric> metrics() {
    return metrics;
  }

  /** @return a sentence saying how the candidates were ranked */
  public String ranking() {
    return ranking;
  }

  /** @return the top candidates, best first */
  public List<Candidate> candidates() {
    return candidates;
  }

  /** @return notes and warnings for the reader */
  public List<String> notes() {
    return notes;
  }

  /** @return warnings about the inputs (e.g. cells that are not numbers), one per problem */
  public List<String> warnings() {
    return warnings;
  }

  /** Builds a {@link Report}: {@code set*} for single values, {@code add*} for lists. */
  public static final class Builder {
    private String title = "invdes design report";
    private final List<Setting> settings = new ArrayList<>();
    private Funnel funnel;
    private final List<Histogram> histograms = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();
    private String ranking = "";
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private Builder() {}

    /** @param t the title (default "invdes design report") @return this */
    public Builder setTitle(String t) {
      if (Objects.requireNonNull(t, "title").isBlank()) {
        throw new IllegalArgumentException("the report title is blank");
      }
      this.title = t;
      return this;
    }

    /** @param key setting name @param value its value @return this */
    public Builder addSetting(String key, String value) {
      settings.add(new Setting(key, value));
      return this;
    }

    /** @param f the funnel (null for none) @return this */
    public Builder setFunnel(Funnel f) {
      this.funnel = f;
      return this;
    }

    /** @param h a histogram @return this */
    public Builder addHistogram(Histogram h) {
      histograms.add(Objects.requireNonNull(h, "histogram"));
      return this;
    }

    /** @param group group @param name metric @param value shown value @return this */
    public Builder addMetric(String group, String name, String value) {
      metrics.add(new Metric(group, name, value));
      return this;
    }

    /** @param r a sentence saying how the candidates are ranked @return this */
    public Builder setRanking(String r) {
      this.ranking = Objects.requireNonNull(r, "ranking");
      return this;
    }

    /** @param c a candidate; add them best first @return this */
    public Builder addCandidate(Candidate c) {
      candidates.add(Objects.requireNonNull(c, "candidate"));
      return this;
    }

    /** @param n a note or warning for the reader @return this */
    public Builder addNote(String n) {
      notes.add(Objects.requireNonNull(n, "note"));
      return this;
    }

    /** @param w a warning about the inputs @return this */
    public Builder addWarning(String w) {
      warnings.add(Objects.requireNonNull(w, "warning"));
      return this;
    }

    /**
     * @return the report
     * @throws IllegalArgumentException if candidate ranks are not 1, 2, 3, ... in order
     */
    public Report build() {
      for (int i = 0; i < candidates.size(); i++) {
        if (candidates.get(i).rank() != i + 1) {
          throw new IllegalArgumentException("candidate " + candidates.get(i).id() + " has rank "
              + candidates.get(i).rank() + " but is number " + (i + 1) + " in the list");
        }
      }
      return new Report(this);
    }
  }
}
