package org.invdes.core.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.invdes.core.matching.StructureMatcher;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;

/**
 * Duplicate and novelty detection for a set of candidate structures, after the stability checks:
 * which candidate repeats an earlier one, and which matches a known (reference) structure. Both
 * the command line ({@code invdes filter}) and the KNIME Crystal Stability Filter use it.
 *
 * <p>Steps, with a {@link StructureMatcher} (by default pymatgen's tolerances, {@link
 * StructureMatcher#defaults()}):
 *
 * <ol>
 *   <li>Only the eligible candidates (those that passed the checks) are compared; the others get
 *       neither a duplicate nor a reference match.
 *   <li>The eligible candidates are grouped by {@link StructureMatcher#groupStructures}; in each
 *       group the candidate with the lowest index is the original, and every other member is a
 *       duplicate of it (named by its id).
 *   <li>With reference structures, each eligible candidate is matched against an {@link
 *       StructureMatcher#index index} of them; the first matching reference (in reference
 *       order) is named by its id. The monitor is polled before every candidate.
 * </ol>
 */
public final class CandidateFilter {
  private final StructureMatcher matcher;

  private CandidateFilter(StructureMatcher matcher) {
    this.matcher = matcher;
  }

  /** @return a filter with pymatgen's default matcher tolerances */
  public static CandidateFilter defaults() {
    return new CandidateFilter(StructureMatcher.defaults());
  }

  /** @return a filter comparing structures with that matcher */
  public static CandidateFilter of(StructureMatcher matcher) {
    return new CandidateFilter(Objects.requireNonNull(matcher, "matcher"));
  }

  /** @return the matcher */
  public StructureMatcher matcher() {
    return matcher;
  }

  /**
   * Finds duplicates and known structures (steps in the class description).
   *
   * @param candidates the candidate structures
   * @param ids their ids (named in {@link Result#duplicateOf}), as many as candidates
   * @param eligible which candidates to compare (those that passed the checks), as many as
   *     candidates
   * @param reference known structures; empty for no novelty check
   * @param referenceIds their ids (named in {@link Result#matchesReference}), as many
   * @param monitor cancellation (progress: fraction of the reference matching done)
   * @return per candidate, the id of the candidate it duplicates and of the reference it matches
   * @throws IllegalArgumentException if a list length differs from its partner's
   * @throws org.invdes.core.progress.CancelledException if the monitor cancels
   */
  public Result assess(List<Structure> candidates, List<String> ids, boolean[] eligible,
      List<Structure> reference, List<String> referenceIds, ProgressMonitor monitor) {
    int n = candidates.size();
    if (ids.size() != n || eligible.length != n) {
      throw new IllegalArgumentException(n + " candidates but " + ids.size() + " ids and "
          + eligible.length + " eligibility flags");
    }
    if (reference.size() != referenceIds.size()) {
      throw new IllegalArgumentException(reference.size() + " reference structures but "
          + referenceIds.size() + " reference ids");
    }
    List<Integer> passing = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (eligible[k]) {
        passing.add(k);
      }
    }
    String[] duplicateOf = new String[n];
    String[] knownAs = new String[n];
    List<Structure> pass = new ArrayList<>();
    for (int k : passing) {
      pass.add(candidates.get(k));
    }
    monitor.checkCancelled("duplicate detection");
    for (List<Integer> group : matcher.groupStructures(pass)) {
      int first = passing.get(group.stream().min(Integer::compare).orElseThrow());
      for (int g : group) {
        int k = passing.get(g);
        if (k != first) {
          duplicateOf[k] = ids.get(first);
        }
      }
    }
    if (!reference.isEmpty()) {
      StructureMatcher.Index index = matcher.index(reference);
      int done = 0;
      for (int k : passing) {
        monitor.checkCancelled("novelty check");
        OptionalInt m = matcher.firstMatch(candidates.get(k), index);
        if (m.isPresent()) {
          knownAs[k] = referenceIds.get(m.getAsInt());
        }
        done++;
        monitor.progress((double) done / passing.size(),
            "matched " + done + " of " + passing.size() + " candidates against the reference");
      }
    }
    return new Result(Arrays.asList(duplicateOf), Arrays.asList(knownAs));
  }

  /**
   * Per candidate, in input order: the id of the earlier candidate it duplicates and the id of
   * the reference structure it matches (null entries: none).
   *
   * @param duplicateOf ids of originals, null where the candidate is none's duplicate
   * @param matchesReference ids of matched references, null where none matches
   */
  public record Result(List<String> duplicateOf, List<String> matchesReference) {

    /** Copies the lists (null entries kept). */
    public Result {
      duplicateOf = java.util.Collections.unmodifiableList(new ArrayList<>(duplicateOf));
      matchesReference =
          java.util.Collections.unmodifiableList(new ArrayList<>(matchesReference));
    }

    /**
     * The rejection reasons of candidate k from duplication and novelty: {@code "duplicate of
     * ID"} unless duplicates are kept, {@code "not novel: matches reference ID"} unless known
     * structures are kept.
     */
    public List<String> reasons(int k, boolean keepDuplicates, boolean keepKnown) {
      List<String> out = new ArrayList<>();
      if (duplicateOf.get(k) != null && !keepDuplicates) {
        out.add("duplicate of " + duplicateOf.get(k));
      }
      if (matchesReference.get(k) != null && !keepKnown) {
        out.add("not novel: matches reference " + matchesReference.get(k));
      }
      return out;
    }
  }
}
