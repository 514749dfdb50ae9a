package org.invdes.core.stability;

import java.util.List;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;

/**
 * One test of whether a crystal structure is plausible: a strategy that {@link StabilityFilter}
 * composes with others.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #check} returns a result whose {@link CheckResult#check()} equals {@link #name()},
 *       for every structure; it does not throw for a structure it cannot judge, but fails it with
 *       a reason (e.g. a missing property);
 *   <li>the result depends only on the structure (same structure, same result);
 *   <li>implementations are immutable and thread-safe: {@link StabilityFilter} calls one instance
 *       from several threads at once;
 *   <li>{@link #prepare} may precompute in batches what {@link #check} needs (a neural
 *       network's predictions); it never changes any result beyond float rounding.
 * </ul>
 */
public interface StabilityCheck {

  /**
   * @return a short, stable name identifying the check and its settings for people and in
   *     tables, e.g. {@code "geometric validity"}
   */
  String name();

  /**
   * Checks one structure.
   *
   * @param structure the structure; not null
   * @return the result, named {@link #name()}
   * @throws NullPointerException if structure is null
   */
  CheckResult check(Structure structure);

  /**
   * Lets a check precompute, in batches, what it needs for the given structures (e.g. a neural
   * network's predictions, far faster batched than one by one). {@link StabilityFilter#evaluateAll}
   * calls it once, on the calling thread, before checking them. The default does nothing.
   *
   * @param structures the structures about to be checked
   * @param monitor progress from 0 to 1 and cancellation
   * @throws org.invdes.core.progress.CancelledException if the monitor was cancelled
   */
  default void prepare(List<Structure> structures, ProgressMonitor monitor) {
  }
}
