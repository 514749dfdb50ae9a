package org.invdes.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** groupStructures and the reference index: hand-built sets with pymatgen's grouping, and properties. */
class StructureMatcherSetsTest {

  private static final StructureMatcher DEFAULTS = StructureMatcher.defaults();

  /** Rock salt on the skewed basis [[1,1,0],[0,1,0],[1,2,1]] · M (see StructureMatcherTest). */
  private static Structure skewRockSalt() {
    return RandomCrystals.recelled(StructureMatcherTest.rockSalt(), new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 2, 1}});
  }

  private static List<Structure> handBuiltSet() {
    Structure kcl = StructureMatcherTest.replace(StructureMatcherTest.rockSalt(), Element.of("Na"), Element.of("K"));
    return List.of(StructureMatcherTest.rockSalt(), StructureMatcherTest.perovskite(1),
        StructureMatcherTest.rockSaltPrimitive(), kcl, skewRockSalt(), StructureMatcherTest.perovskite(1.15),
        StructureMatcherTest.perovskite(1.5), kcl);
  }

  /**
   * pymatgen 2022.11 {@code StructureMatcher().group_structures} on the same eight structures:
   * [[1, 5], [6], [0, 2, 4], [3, 7]] (its groups come in order of composition hash; ours in order of
   * first member, with the same membership).
   */
  @Test
  void groupsAsPymatgen() {
    List<List<Integer>> groups = DEFAULTS.groupStructures(handBuiltSet());
    assertEquals(List.of(List.of(0, 2, 4), List.of(1, 5), List.of(3, 7), List.of(6)), groups);
    StructureMatcher parallel = StructureMatcher.builder().parallel(true).build();
    assertEquals(groups, parallel.groupStructures(handBuiltSet()));
    assertEquals(List.of(), DEFAULTS.groupStructures(List.of()));
  }

  @Test
  void indexFindsTheFirstMatchingReference() {
    StructureMatcher.Index index = DEFAULTS.index(handBuiltSet());
    assertEquals(8, index.size());
    // NaCl with 2 reduced sites, SrTiO3 with 5, KCl with 2
    assertEquals(3, index.bucketCount());
    assertEquals(OptionalInt.of(0), DEFAULTS.firstMatch(StructureMatcherTest.rockSaltPrimitive(), index));
    assertEquals(OptionalInt.of(1), DEFAULTS.firstMatch(StructureMatcherTest.perovskite(1.1), index));
    assertEquals(OptionalInt.of(6), DEFAULTS.firstMatch(StructureMatcherTest.perovskite(1.6), index));
    assertTrue(DEFAULTS.anyMatch(skewRockSalt(), index));
    Structure nabr = StructureMatcherTest.replace(StructureMatcherTest.rockSalt(), Element.of("Cl"), Element.of("Br"));
    assertFalse(DEFAULTS.anyMatch(nabr, index), "no NaBr among the references");
    Structure csCl = Structure.of(Lattice.cubic(4.12), List.of(Element.of("Na"), Element.of("Cl")),
        List.of(new double[] {0, 0, 0}, new double[] {.5, .5, .5}));
    assertFalse(DEFAULTS.anyMatch(csCl, index), "CsCl-type NaCl is another crystal");
  }

  @Test
  void anIndexOnlyServesMatchersThatReduceAlike() {
    StructureMatcher.Index index = DEFAULTS.index(handBuiltSet());
    StructureMatcher noPrimitive = StructureMatcher.builder().primitiveCell(false).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> noPrimitive.anyMatch(StructureMatcherTest.rockSalt(), index));
    assertTrue(e.getMessage().startsWith("index was built with primitiveCell=true"), e.getMessage());
    // other tolerances are fine: the reduction is the same
    assertTrue(StructureMatcher.reconstruction().anyMatch(StructureMatcherTest.rockSalt(), index));
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /**
   * Copies of three random crystals (re-celled, permuted, shifted, slightly perturbed) group back
   * into three groups, one per crystal. Copies of one crystal fit each other: each site moved by at
   * most ε = 0.05 stol (V/N)^(1/3), so two copies differ by at most 2ε and, after removing the mean,
   * 0.2 stol. Copies of different crystals cannot fit if their originals do not fit even with stol
   * 0.6 (same lattices; site displacements change by at most 2ε = 0.03 &lt; 0.6 − 0.3); pairs of
   * originals that fit that loosely are skipped.
   */
  @Property(tries = 15)
  void copiesGroupByTheirOriginal(@ForAll("seeds") long seed) {
    Random r = new Random(seed);
    List<Structure> originals = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      originals.add(RandomCrystals.crystal(r));
    }
    StructureMatcher loose = StructureMatcher.builder().stol(0.6).build();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        if (i != j && loose.fit(originals.get(i), originals.get(j))) {
          return;
        }
      }
    }
    List<Structure> all = new ArrayList<>();
    List<Integer> origin = new ArrayList<>();
    for (int copy = 0; copy < 4; copy++) {
      for (int k = 0; k < 3; k++) {
        Structure s = originals.get(k);
        double eps = 0.05 * DEFAULTS.stol() * RandomCrystals.freeLength(s);
        all.add(RandomCrystals.recelled(RandomCrystals.shifted(RandomCrystals.permuted(
            RandomCrystals.perturbed(s, eps, r), r), r), RandomCrystals.unimodular(r)));
        origin.add(k);
      }
    }
    List<List<Integer>> groups = DEFAULTS.groupStructures(all);
    assertEquals(3, groups.size(), groups.toString());
    Set<Integer> seen = new HashSet<>();
    for (List<Integer> g : groups) {
      assertEquals(4, g.size());
      for (int i : g) {
        assertEquals(origin.get(g.get(0)), origin.get(i));
        assertTrue(seen.add(i));
      }
    }
    StructureMatcher.Index index = DEFAULTS.index(originals);
    for (int i = 0; i < all.size(); i++) {
      assertEquals(OptionalInt.of(origin.get(i)), DEFAULTS.firstMatch(all.get(i), index));
    }
  }
}
