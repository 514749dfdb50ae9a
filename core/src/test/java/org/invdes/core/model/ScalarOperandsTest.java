package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of the library multiplies, divides, raises or compares an NDArray with a plain number
 * through DJL (whose scalar operand the garbage collector may free before the backward pass, see
 * {@link Scalars}), nor uses DJL's L2 loss (which does so internally). Read from the compiled
 * classes' constant pools, so a new call anywhere fails here, whatever its test coverage.
 */
class ScalarOperandsTest {
  private static final Set<String> RISKY = Set.of("mul", "muli", "div", "divi", "rdiv", "rdivi",
      "pow", "powi", "rpow", "rpowi", "maximum", "minimum");

  /** Method names with their descriptors referenced from a class file's constant pool. */
  static List<String> references(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    List<int[]> nameAndTypes = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8.put(i, in.readUTF());
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
        case 9, 10, 11, 17, 18 -> in.readInt();
        case 12 -> nameAndTypes.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> out = new ArrayList<>();
    for (int[] nt : nameAndTypes) {
      out.add(utf8.get(nt[0]) + utf8.get(nt[1]));
    }
    return out;
  }

  static boolean risky(String reference) {
    int paren = reference.indexOf('(');
    if (paren < 0) {
      return false; // a field
    }
    String name = reference.substring(0, paren);
    return RISKY.contains(name) && reference.startsWith("(Ljava/lang/Number;", paren)
        || name.equals("l2Loss");
  }

  @Test
  void theScannerSeesNumberArithmeticInACompiledClass() throws IOException {
    // this test class's own bytecode: the lambda below multiplies by a number
    java.util.function.UnaryOperator<ai.djl.ndarray.NDArray> half = x -> x.mul(0.5f);
    assertTrue(half != null);
    try (InputStream in = ScalarOperandsTest.class.getResourceAsStream(
        "ScalarOperandsTest.class")) {
      assertTrue(references(in).stream().anyMatch(ScalarOperandsTest::risky));
    }
  }

  @Test
  void noLibraryClassDoesArithmeticWithADjlNumberOperand() throws Exception {
    Path classes = Path.of(Scalars.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    assertTrue(Files.isDirectory(classes.resolve("org/invdes/core/model")), classes.toString());
    Set<String> found = new TreeSet<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        scanned++;
        try (InputStream in = Files.newInputStream(f)) {
          for (String r : references(in)) {
            if (risky(r)) {
              found.add(classes.relativize(f) + ": " + r);
            }
          }
        }
      }
    }
    assertTrue(scanned > 100, "scanned " + scanned + " classes");
    assertEquals(Set.of(), found, "use org.invdes.core.model.Scalars instead");
  }
}
