package org.invdes.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How many candidates survive each stage of the filter: generated → valid → unique → novel →
 * stable. Each stage counts the candidates that pass it and every stage before it. A stage the
 * run did not assess (novelty without a reference set, stability without an energy check) has no
 * count; the stages after it count from the last assessed one. Immutable.
 */
public final class Funnel {
  /** One stage: its name, what it means, and its count (absent when not assessed). */
  public record Stage(String name, String meaning, OptionalInt count) {
    /** Checks the stage. */
    public Stage {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(meaning, "meaning");
      Objects.requireNonNull(count, "count");
      if (count.isPresent() && count.getAsInt() < 0) {
        throw new IllegalArgumentException("stage '" + name + "' has a negative count "
            + count.getAsInt());
      }
    }
  }

  /** The prefixes of the reasons of the validity checks in {@code invdes filter}'s output. */
  static final List<String> VALIDITY_REASONS = List.of("unreadable:", "geometric validity",
      "covalent distances", "composition validity");
  /** The prefixes of reasons the funnel counts through its own columns. */
  static final List<String> MATCHING_REASONS = List.of("duplicate of ", "not novel:");

  private final List<Stage> stages;
  private final List<String> notes;

  private Funnel(List<Stage> stages, List<String> notes) {
    this.stages = List.copyOf(stages);
    this.notes = List.copyOf(notes);
  }

  /**
   * A funnel from its counts.
   *
   * @param generated all candidates
   * @param valid valid ones
   * @param unique valid and unique
   * @param novel valid, unique and novel; empty when not assessed
   * @param stable all of the above and stable; empty when not assessed
   * @param notes remarks shown under the funnel (may be empty)
   * @return the funnel
   * @throws IllegalArgumentException if a count is negative or larger than the one before it
   */
  public static Funnel of(int generated, int valid, int unique, OptionalInt novel,
      OptionalInt stable, List<String> notes) {
    List<Stage> s = new ArrayList<>();
    s.add(new Stage("generated", "rows in the candidate tables", OptionalInt.of(generated)));
    s.add(new Stage("valid", "readable, plausible distances and charge balanced",
        OptionalInt.of(valid)));
    s.add(new Stage("unique", "no structure match with an earlier candidate",
        OptionalInt.of(unique)));
    s.add(new Stage("novel", "no structure match in the reference set", novel));
    s.add(new Stage("stable", "passes the energy checks (energy above the hull)", stable));
    int last = Integer.MAX_VALUE;
    for (Stage st : s) {
      if (st.count().isPresent()) {
        int c = st.count().getAsInt();
        if (c < 0 || c > last) {
          throw new IllegalArgumentException("funnel stage '" + st.name() + "' counts " + c
              + ", more than the stage before it (" + last + ") or negative");
        }
        last = c;
      }
    }
    return new Funnel(s, notes);
  }

  /**
   * Counts the stages from {@code invdes filter}'s output. A row is invalid when its {@code
   * reason} names a validity check (unreadable, geometric validity, covalent distances,
   * composition validity); not unique when {@code duplicate_of} is set; not novel when {@code
   * matches_reference} is set; not stable when its reason names any other check (energy above
   * the hull, or a check added later). Novelty is assessed when the {@code matches_reference}
   * column exists, stability when an {@code e_above_hull} column exists or a row failed such a
   * check.
   *
   * @param kept the kept table
   * @param rejected the rejected table, or null (the funnel then covers the kept rows only)
   * @return the funnel
   * @throws IllegalArgumentException if a table lacks the {@code reason} column
   */
  public static Funnel fromFilterOutput(Table kept, Table rejected) {
    Objects.requireNonNull(kept, "kept");
    int generated = 0;
    int valid = 0;
    int unique = 0;
    int novel = 0;
    int stable = 0;
    boolean novelty = false;
    boolean stability = false;
    List<Table> tables = rejected == null ? List.of(kept) : List.of(kept, rejected);
    for (Table t : tables) {
      int reasonCol = t.addedColumn("reason");
      if (reasonCol < 0) {
        throw new IllegalArgumentException(t.source() + " has no 'reason' column: expected a"
            + " table written by invdes filter (columns: " + String.join(", ", t.header()) + ")");
      }
      int dupCol = t.addedColumn("duplicate_of");
      int refCol = t.addedColumn("matches_reference");
      novelty |= refCol >= 0;
      stability |= t.addedColumn("e_above_hull") >= 0;
      for (int i = 0; i < t.size(); i++) {
        generated++;
        boolean isValid = true;
        boolean isStable = true;
        String reason = t.cell(i, reasonCol).trim();
        if (reason.startsWith("unreadable:")) {
          isValid = false;
        } else if (!reason.isEmpty()) {
          for (String part : reason.split("; ")) {
            String p = part.trim();
            if (startsWithAny(p, VALIDITY_REASONS)) {
              isValid = false;
            } else if (!startsWithAny(p, MATCHING_REASONS) && !p.isEmpty()) {
              isStable = false;
              stability = true;
            }
          }
        }
        if (!isValid) {
          continue;
        }
        valid++;
        if (!t.cell(i, dupCol).isBlank()) {
          continue;
        }
        unique++;
        if (!t.cell(i, refCol).isBlank()) {
          continue;
        }
        novel++;
        if (isStable) {
          stable++;
        }
      }
    }
    List<String> notes = new ArrayList<>();
    if (rejected == null) {
      notes.add("No rejected table was given: the counts cover the kept candidates only.");
    }
    notes.add("Duplicates and known structures are only looked for among candidates that pass"
        + " every check, so the unique and novel counts include unstable candidates that may"
        + " be duplicates or known.");
    return of(generated, valid, unique, novelty ? OptionalInt.of(novel) : OptionalInt.empty(),
        stability ? OptionalInt.of(stable) : OptionalInt.empty(), notes);
  }

  private static boolean startsWithAny(String s, List<String> prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** @return the five stages, in order */
  public List<Stage> stages() {
    return stages;
  }

  /** @return the count of the first stage (all candidates) */
  public int generated() {
    return stages.get(0).count().getAsInt();
  }

  /**
   * @param name a stage name ("generated", "valid", "unique", "novel", "stable")
   * @return its count, empty when not assessed
   * @throws IllegalArgumentException if there is no such stage
   */
  public OptionalInt count(String name) {
    for (Stage s : stages) {
      if (s.name().equals(name)) {
        return s.count();
      }
    }
    throw new IllegalArgumentException("no funnel stage '" + name + "'");
  }

  /** @return remarks shown with the funnel */
  public List<String> notes() {
    return notes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Funnel f && f.stages.equals(stages) && f.notes.equals(notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stages, notes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Funnel[");
    for (Stage s : stages) {
      sb.append(s.name()).append('=').append(s.count().isPresent() ? s.count().getAsInt() : "-")
          .append(' ');
    }
    return sb.toString().trim() + "]";
  }
}
