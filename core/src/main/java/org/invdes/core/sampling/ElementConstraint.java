package org.invdes.core.sampling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.invdes.core.encoding.EncodingConfig;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;

/**
 * Which elements generated structures may contain. Applied while decoding: the element logits
 * of classes outside the set are masked to −∞ before the argmax, so every decoded site holds an
 * allowed element (the "no atom" class always stays allowed). Immutable.
 *
 * <ul>
 *   <li>{@link #none()}: any element of the model's vocabulary;
 *   <li>{@link #allowed}: only elements of the set (a subset of it may appear);
 *   <li>{@link #chemicalSystem}: exactly the elements of the set, each at least once (decoded
 *       with the mask, then samples missing one of them are rejected and redrawn).
 * </ul>
 */
public final class ElementConstraint {
  private static final ElementConstraint NONE = new ElementConstraint(null, false);

  private final SortedSet<Element> elements;
  private final boolean exact;

  private ElementConstraint(SortedSet<Element> elements, boolean exact) {
    this.elements = elements;
    this.exact = exact;
  }

  /** No constraint. */
  public static ElementConstraint none() {
    return NONE;
  }

  /**
   * Only these elements (and any subset of them) may appear.
   *
   * @throws IllegalArgumentException if the set is empty
   */
  public static ElementConstraint allowed(Collection<Element> elements) {
    return new ElementConstraint(copy(elements), false);
  }

  /**
   * Exactly these elements, each at least once: the chemical system (e.g. Sr–Ti–O).
   *
   * @throws IllegalArgumentException if the set is empty
   */
  public static ElementConstraint chemicalSystem(Collection<Element> elements) {
    return new ElementConstraint(copy(elements), true);
  }

  private static SortedSet<Element> copy(Collection<Element> elements) {
    Objects.requireNonNull(elements, "elements");
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("an element constraint needs at least one element");
    }
    TreeSet<Element> set = new TreeSet<>();
    for (Element e : elements) {
      set.add(Objects.requireNonNull(e, "element"));
    }
    return Collections.unmodifiableSortedSet(set);
  }

  /** True for {@link #none()}. */
  public boolean isNone() {
    return elements == null;
  }

  /** True for a chemical system (every element required). */
  public boolean isChemicalSystem() {
    return exact;
  }

  /** The elements, ascending atomic number; empty for {@link #none()}. */
  public SortedSet<Element> elements() {
    return elements == null ? Collections.emptySortedSet() : elements;
  }

  /** True when the structure's elements satisfy the constraint. */
  public boolean admits(Structure s) {
    if (elements == null) {
      return true;
    }
    SortedSet<Element> present = s.composition().elements();
    return exact ? present.equals(elements) : elements.containsAll(present);
  }

  /**
   * The classes the decoder may choose, [E]: class 0 ("no atom") and the classes of the
   * allowed elements.
   *
   * @throws IllegalArgumentException if an element is outside the model's vocabulary (all of
   *     them for a chemical system, at least one for an allowed set), naming the vocabulary
   */
  boolean[] classMask(EncodingConfig config) {
    List<Element> vocabulary = config.vocabulary();
    boolean[] mask = new boolean[vocabulary.size() + 1];
    mask[0] = true;
    if (elements == null) {
      java.util.Arrays.fill(mask, true);
      return mask;
    }
    List<Element> unknown = new ArrayList<>();
    int known = 0;
    for (Element e : elements) {
      if (vocabulary.contains(e)) {
        mask[config.classOf(e)] = true;
        known++;
      } else {
        unknown.add(e);
      }
    }
    if (exact ? !unknown.isEmpty() : known == 0) {
      throw new IllegalArgumentException("element" + (unknown.size() == 1 ? " " : "s ")
          + unknown + " cannot be generated: the model knows only the " + vocabulary.size()
          + " elements it was trained on " + vocabulary);
    }
    return mask;
  }

  /** Elements of the set the model cannot generate (for a warning on an allowed set). */
  List<Element> outsideVocabulary(EncodingConfig config) {
    List<Element> out = new ArrayList<>();
    for (Element e : elements()) {
      if (!config.vocabulary().contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElementConstraint && exact == ((ElementConstraint) o).exact
        && Objects.equals(elements, ((ElementConstraint) o).elements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(elements, exact);
  }

  @Override
  public String toString() {
    return elements == null ? "any element"
        : (exact ? "chemical system " : "elements among ") + elements;
  }
}
