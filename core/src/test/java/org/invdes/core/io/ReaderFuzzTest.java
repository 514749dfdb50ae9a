package org.invdes.core.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.invdes.core.testing.Fixtures;
import org.invdes.core.testing.KnownStructures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input makes a reader hang or throw anything but {@link StructureIOException}: real files
 * (the repository's examples, the shared CIF corpus when present, and files our writers make)
 * are mutated with a seeded generator — truncated, bytes flipped, tokens swapped, lines
 * dropped or doubled, numbers replaced by extreme values — and every reader is run on every
 * mutant with a time limit.
 */
class ReaderFuzzTest {
  private static final long SEED = 20261127L;
  private static final String[] EXTREMES = {
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0", "-0", "1e-320", "9999999999999",
    "?", ".", "'", "\"", ";", "(", "3/0", "-", "1.2.3", "1e", "_x", "loop_", "data_", "1(", "0.5(9"
  };

  @TempDir Path tmp;

  private static List<String> seeds() throws Exception {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> s = Files.list(Fixtures.root().resolve("examples"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        texts.add(Files.readString(p));
      }
    }
    Optional<Path> corpus = Fixtures.sharedIfPresent("cif-corpus");
    if (corpus.isPresent()) {
      try (Stream<Path> s = Files.list(corpus.get())) {
        for (Path p : (Iterable<Path>) s::iterator) {
          if (p.toString().endsWith(".cif")) {
            texts.add(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
          }
        }
      }
    }
    texts.add(Poscar.write(KnownStructures.triclinic()));
    texts.add(ExtendedXyz.write(List.of(KnownStructures.naCl(), KnownStructures.srTiO3())));
    return texts;
  }

  private static String mutate(String text, Random rnd) {
    if (text.isEmpty()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text);
    int kind = rnd.nextInt(6);
    int at = rnd.nextInt(sb.length());
    switch (kind) {
      case 0:
        return sb.substring(0, at);
      case 1:
        for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
          sb.setCharAt(rnd.nextInt(sb.length()), (char) rnd.nextInt(256));
        }
        return sb.toString();
      case 2: {
        String[] tok = text.split("(?<=\\s)|(?=\\s)");
        for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
          int i = rnd.nextInt(tok.length);
          int j = rnd.nextInt(tok.length);
          String t = tok[i];
          tok[i] = tok[j];
          tok[j] = t;
        }
        return String.join("", tok);
      }
      case 3: {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = rnd.nextInt(lines.size());
        if (rnd.nextBoolean()) {
          lines.remove(i);
        } else {
          lines.add(i, lines.get(i));
        }
        return String.join("\n", lines);
      }
      case 4:
        return text.replaceFirst("-?\\d+\\.\\d+", EXTREMES[rnd.nextInt(EXTREMES.length)])
            .replaceAll("(?<=\\s)0\\.5(?=\\s)", EXTREMES[rnd.nextInt(EXTREMES.length)]);
      default: {
        String[] tok = text.split("\\s+");
        String t = tok[rnd.nextInt(tok.length)];
        sb.insert(at, " " + t + " " + EXTREMES[rnd.nextInt(EXTREMES.length)] + " ");
        return sb.toString();
      }
    }
  }

  private void everyReader(String text) throws Exception {
    try {
      CifReader.read(text, "fuzz.cif", ReadOptions.relaxed());
    } catch (StructureIOException expected) {
      // documented
    }
    try {
      CifReader.read(text, "fuzz.cif", ReadOptions.strictMode());
    } catch (StructureIOException expected) {
      // documented
    }
    try {
      Poscar.read(text, "POSCAR");
    } catch (StructureIOException expected) {
      // documented
    }
    try {
      ExtendedXyz.read(text, "fuzz.xyz");
    } catch (StructureIOException expected) {
      // documented
    }
    Path csv = tmp.resolve("fuzz.csv");
    Files.writeString(csv, "id,cif,e\nx,\"" + text.replace("\"", "\"\"") + "\",1\n"
        + (text.length() > 40 ? text.substring(0, 40) : text) + "\n");
    try {
      DatasetCsv.read(csv, ReadOptions.relaxed());
    } catch (StructureIOException expected) {
      // documented
    }
  }

  @Test
  void mutantsGiveOnlyDocumentedExceptionsAndNeverHang() throws Exception {
    Random rnd = new Random(Long.getLong("fuzz.seed", SEED));
    int perSeed = Integer.getInteger("fuzz.mutants", 12);
    List<String> seeds = seeds();
    int mutants = 0;
    for (String seed : seeds) {
      for (int k = 0; k < perSeed; k++) {
        String m = mutate(seed, rnd);
        mutants++;
        try {
          assertTimeoutPreemptively(Duration.ofSeconds(5), () -> everyReader(m));
        } catch (RuntimeException | Error e) {
          if (System.getProperty("fuzz.dump") != null) {
            Files.writeString(Path.of(System.getProperty("fuzz.dump")), m);
          }
          fail("mutant " + mutants + " threw " + e + "\n--- input ---\n"
              + (m.length() > 2000 ? m.substring(0, 2000) + "…" : m), e);
        }
      }
    }
    if (mutants < 50) {
      fail("too few mutants: " + mutants);
    }
  }
}
