package org.invdes.core.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Objects;

/**
 * Every figure of one evaluation of a generated set by {@link GenerationMetrics}, grouped as the
 * CDVAE benchmark reports them. A figure that could not be computed (e.g. no valid crystal, no
 * property given) is null. Serialises to JSON with a fixed key order ({@link #toJson()}).
 *
 * @param counts how many crystals each input held
 * @param validity structure and composition validity
 * @param distributions Wasserstein distances between valid generated crystals and the reference
 * @param coverage COV-R, COV-P and the mean nearest fingerprint distances
 * @param diversity uniqueness and novelty of the valid crystals
 */
@JsonPropertyOrder({"counts", "validity", "distributions", "coverage", "diversity"})
public record GenerationReport(
    @JsonProperty("counts") Counts counts,
    @JsonProperty("validity") ValidityRates validity,
    @JsonProperty("distributions") DistributionDistances distributions,
    @JsonProperty("coverage") Coverage.Report coverage,
    @JsonProperty("diversity") Diversity diversity) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks that every part is present. */
  public GenerationReport {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(distributions, "distributions");
    Objects.requireNonNull(coverage, "coverage");
    Objects.requireNonNull(diversity, "diversity");
  }

  /**
   * How many crystals the inputs held.
   *
   * @param generated generated crystals, unreadable ones included: the denominator of the
   *     validity rates
   * @param unreadable generated rows that could not be read into a structure (counted invalid)
   * @param reference reference (test) crystals
   * @param training training crystals (0 when none were given)
   */
  @JsonPropertyOrder({"generated", "unreadable", "reference", "training"})
  public record Counts(
      @JsonProperty("generated") int generated,
      @JsonProperty("unreadable") int unreadable,
      @JsonProperty("reference") int reference,
      @JsonProperty("training") int training) {

    /** Checks the counts. */
    public Counts {
      if (generated < 0 || unreadable < 0 || reference < 0 || training < 0
          || unreadable > generated) {
        throw new IllegalArgumentException("bad counts: generated " + generated + ", unreadable "
            + unreadable + ", reference " + reference + ", training " + training);
      }
    }
  }

  /**
   * Validity rates over all generated crystals (unreadable ones count as invalid), in percent.
   *
   * @param structurePercent CDVAE's {@code struct_valid}: every distance between two sites ≥ 0.5 Å
   *     and volume ≥ 0.1 Å³; null when nothing was generated
   * @param compositionPercent CDVAE's {@code comp_valid}: SMACT's charge-neutrality and
   *     electronegativity test; null when nothing was generated
   * @param validPercent CDVAE's {@code valid}: both, and a structure fingerprint could be computed
   *     (CDVAE counts a crystal without one as invalid); null when nothing was generated
   */
  @JsonPropertyOrder({"struct_valid_pct", "comp_valid_pct", "valid_pct"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ValidityRates(
      @JsonProperty("struct_valid_pct") Double structurePercent,
      @JsonProperty("comp_valid_pct") Double compositionPercent,
      @JsonProperty("valid_pct") Double validPercent) {
  }

  /**
   * Wasserstein distances (EMD, {@link Distributions#wasserstein1}) between a seeded draw of
   * valid generated crystals and every reference crystal.
   *
   * @param samples how many valid generated crystals were drawn (the sample size, or all valid
   *     ones when fewer)
   * @param seed the seed of the draw
   * @param density EMD of density, g/cm³; null when there is no valid generated crystal
   * @param numElements EMD of the number of distinct elements per crystal; null likewise
   * @param property the property compared, or null when none was asked for
   * @param propertySamples how many drawn crystals carried the property (null without property)
   * @param propertyReference how many reference crystals carried it (null without property)
   * @param propertyDistance EMD of the property in its unit; null without property or when a side
   *     has no value
   */
  @JsonPropertyOrder({"samples", "seed", "wdist_density", "wdist_num_elems", "property",
      "property_samples", "property_reference", "wdist_prop"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DistributionDistances(
      @JsonProperty("samples") int samples,
      @JsonProperty("seed") long seed,
      @JsonProperty("wdist_density") Double density,
      @JsonProperty("wdist_num_elems") Double numElements,
      @JsonProperty("property") String property,
      @JsonProperty("property_samples") Integer propertySamples,
      @JsonProperty("property_reference") Integer propertyReference,
      @JsonProperty("wdist_prop") Double propertyDistance) {
  }

  /**
   * Uniqueness and novelty of the valid generated crystals.
   *
   * @param matcher the structure matcher's tolerances, e.g. {@code "ltol 0.2, stol 0.3, angle_tol
   *     5.0"}
   * @param considered how many valid crystals were compared
   * @param uniquePercent groups of matching crystals / valid crystals, percent; null without valid
   *     crystals
   * @param novelPercent valid crystals matching no training crystal / valid crystals, percent;
   *     null without training set or valid crystals
   */
  @JsonPropertyOrder({"matcher", "valid_considered", "unique_pct", "novel_pct"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Diversity(
      @JsonProperty("matcher") String matcher,
      @JsonProperty("valid_considered") int considered,
      @JsonProperty("unique_pct") Double uniquePercent,
      @JsonProperty("novel_pct") Double novelPercent) {
  }

  /** @return this report as indented JSON, keys in a fixed order */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a report written by {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the report
   * @throws IllegalArgumentException if the text is not such a report
   */
  public static GenerationReport fromJson(String json) {
    try {
      return JSON.readValue(json, GenerationReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a generation report: " + e.getOriginalMessage(), e);
    }
  }
}
