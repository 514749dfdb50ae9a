package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.core.testing.KnownStructures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every structure format meets: what is written reads back as the same structure
 * (same lattice within 1e-6 Å and 1e-6°, same species and occupancies, coordinates within 1e-6
 * modulo lattice translations). Formats that group sites (POSCAR) are compared after the same
 * grouping. Subclassed once per format.
 */
abstract class FormatRoundTripContract {
  @TempDir Path tmp;

  /** The file name (and so the format) to write. */
  abstract String fileName();

  /** Whether the format holds disordered sites. */
  abstract boolean holdsDisorder();

  /** Whether the format holds several structures in one file. */
  boolean holdsSeveral() {
    return true;
  }

  /** Whether the format keeps structure properties. */
  boolean keepsProperties() {
    return true;
  }

  /** The order the format writes sites in; identity unless it groups them. */
  Structure canonicalOrder(Structure s) {
    return s;
  }

  List<Structure> roundTrip(List<Structure> in) throws Exception {
    Path file = tmp.resolve(fileName());
    Structures.write(file, in);
    List<Structure> out = new ArrayList<>();
    for (ReadResult r : Structures.read(file, ReadOptions.strictMode())) {
      out.add(r.get());
    }
    return out;
  }

  void assertSame(Structure expected, Structure actual) {
    Structure e = canonicalOrder(expected);
    assertTrue(e.approxEquals(actual, 1e-6, 1e-6, 1e-6),
        () -> "wrote " + e + " " + e.sites() + "\nread " + actual + " " + actual.sites());
    if (keepsProperties()) {
      for (var p : expected.properties().entrySet()) {
        Object got = actual.properties().get(p.getKey());
        if (p.getValue() instanceof Double) {
          assertEquals((Double) p.getValue(), ((Number) got).doubleValue(), 1e-12, p.getKey());
        } else {
          assertEquals(p.getValue(), got, p.getKey());
        }
      }
    }
  }

  @Test
  void knownStructuresRoundTrip() throws Exception {
    for (Structure s : List.of(KnownStructures.naCl(), KnownStructures.srTiO3(),
        KnownStructures.triclinic())) {
      List<Structure> back = roundTrip(List.of(s));
      assertEquals(1, back.size());
      assertSame(s, back.get(0));
    }
  }

  @Test
  void disorderRoundTripsOrIsRefused() throws Exception {
    Structure s = KnownStructures.cuAuDisordered();
    if (holdsDisorder()) {
      List<Structure> back = roundTrip(List.of(s));
      assertSame(s, back.get(0));
      assertEquals(false, back.get(0).isOrdered());
    } else {
      Path file = tmp.resolve(fileName());
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> Structures.write(file, List.of(s)));
      assertTrue(e.getMessage().contains("disordered"), e.getMessage());
      assertTrue(Files.notExists(file), "a refused write leaves no file");
    }
  }

  @Test
  void severalStructuresKeepTheirOrder() throws Exception {
    if (!holdsSeveral()) {
      return;
    }
    List<Structure> in = List.of(KnownStructures.srTiO3(), KnownStructures.naCl(),
        KnownStructures.triclinic());
    List<Structure> back = roundTrip(in);
    assertEquals(in.size(), back.size());
    for (int i = 0; i < in.size(); i++) {
      assertSame(in.get(i), back.get(i));
    }
  }

  @Property(tries = 60)
  void randomStructuresRoundTrip(@ForAll("structures") Structure s) throws Exception {
    tmp = Files.createTempDirectory("roundtrip");
    try {
      assertSame(s, roundTrip(List.of(s)).get(0));
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(tmp);
    }
  }

  @Provide
  Arbitrary<Structure> structures() {
    Arbitrary<Lattice> lattices = Combinators.combine(
        Arbitraries.doubles().between(2.5, 12), Arbitraries.doubles().between(2.5, 12),
        Arbitraries.doubles().between(2.5, 12), Arbitraries.doubles().between(70, 110),
        Arbitraries.doubles().between(70, 110), Arbitraries.doubles().between(70, 110))
        .as(Lattice::fromParameters);
    Arbitrary<Site> sites = Combinators.combine(
        Arbitraries.integers().between(1, 94).map(Element::ofNumber),
        Arbitraries.doubles().between(0, 0.99).ofScale(6), Arbitraries.doubles().between(0, 0.99).ofScale(6),
        Arbitraries.doubles().between(0, 0.99).ofScale(6))
        .as((el, x, y, z) -> Site.of(el, x, y, z));
    return Combinators.combine(lattices, sites.list().ofMinSize(1).ofMaxSize(12),
        Arbitraries.doubles().between(-5, 5))
        .as((l, ss, e) -> Structure.of(l, ss, java.util.Map.of("energy", e)))
        // a crystal has no two atoms on one spot (readers rightly merge or reject those)
        .filter(s -> s.size() == 1 || s.shortestDistance() > 0.1);
  }
}
