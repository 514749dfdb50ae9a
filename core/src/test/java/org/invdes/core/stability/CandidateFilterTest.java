package org.invdes.core.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {

  /** Rock salt NaCl, conventional cell of edge a (Å). */
  static Structure rockSalt(double a) {
    List<Element> el = new ArrayList<>();
    List<double[]> xyz = new ArrayList<>();
    double[][] fcc = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
    for (double[] p : fcc) {
      el.add(Element.of("Na"));
      xyz.add(p.clone());
    }
    for (double[] p : fcc) {
      el.add(Element.of("Cl"));
      xyz.add(new double[] {(p[0] + .5) % 1, p[1], p[2]});
    }
    return Structure.of(Lattice.cubic(a), el, xyz);
  }

  /** Caesium chloride: Cs at the origin, Cl at the body centre. */
  static Structure cesiumChloride(double a) {
    return Structure.of(Lattice.cubic(a), List.of(Element.of("Cs"), Element.of("Cl")),
        List.of(new double[] {0, 0, 0}, new double[] {.5, .5, .5}));
  }

  static Structure bccIron() {
    return Structure.of(Lattice.cubic(2.87), List.of(Element.of("Fe"), Element.of("Fe")),
        List.of(new double[] {0, 0, 0}, new double[] {.5, .5, .5}));
  }

  /**
   * Candidates: NaCl, bcc Fe, NaCl again (a shifted copy: a duplicate of c0), CsCl, and a NaCl
   * that failed the checks (never compared). Reference: CsCl (at another lattice constant; the
   * default matcher scales volumes) and NaCl.
   */
  @Test
  void namesTheFirstOfEachGroupAndTheFirstMatchingReference() {
    List<Structure> candidates = List.of(rockSalt(5.64), bccIron(), rockSalt(5.64),
        cesiumChloride(4.12), rockSalt(5.64));
    List<String> ids = List.of("c0", "c1", "c2", "c3", "c4");
    boolean[] eligible = {true, true, true, true, false};
    CandidateFilter.Result r = CandidateFilter.defaults().assess(candidates, ids, eligible,
        List.of(cesiumChloride(4.0), rockSalt(5.5)), List.of("ref-CsCl", "ref-NaCl"),
        ProgressMonitor.NONE);
    assertEquals(Arrays.asList(null, null, "c0", null, null), r.duplicateOf());
    assertEquals(Arrays.asList("ref-NaCl", null, "ref-NaCl", "ref-CsCl", null),
        r.matchesReference());
    assertEquals(List.of("duplicate of c0", "not novel: matches reference ref-NaCl"),
        r.reasons(2, false, false));
    assertEquals(List.of("not novel: matches reference ref-NaCl"), r.reasons(2, true, false));
    assertEquals(List.of(), r.reasons(2, true, true));
    assertEquals(List.of(), r.reasons(1, false, false));
  }

  @Test
  void withoutReferenceOnlyDuplicates() {
    CandidateFilter.Result r = CandidateFilter.defaults().assess(
        List.of(bccIron(), bccIron()), List.of("a", "b"), new boolean[] {true, true}, List.of(),
        List.of(), ProgressMonitor.NONE);
    assertEquals(Arrays.asList(null, "a"), r.duplicateOf());
    assertEquals(Arrays.asList(null, null), r.matchesReference());
  }

  @Test
  void lengthsMustAgreeAndCancelStops() {
    assertThrows(IllegalArgumentException.class, () -> CandidateFilter.defaults().assess(
        List.of(bccIron()), List.of(), new boolean[] {true}, List.of(), List.of(),
        ProgressMonitor.NONE));
    ProgressMonitor cancelled = ProgressMonitor.cancelling(() -> true);
    assertThrows(CancelledException.class, () -> CandidateFilter.defaults().assess(
        List.of(bccIron()), List.of("a"), new boolean[] {true}, List.of(bccIron()),
        List.of("r"), cancelled));
  }
}
