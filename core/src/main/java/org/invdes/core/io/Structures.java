package org.invdes.core.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invdes.core.structure.Structure;

/**
 * Reading and writing structure files of any supported {@link StructureFormat}, chosen by file
 * name. Writes are atomic: the content goes to a temporary file in the target directory, which
 * is then moved into place, so a failed write never leaves a half-written file.
 */
public final class Structures {
  private Structures() {}

  /**
   * Reads every structure in a file: one result per CIF data block, per table row, per XYZ frame
   * (a POSCAR holds one).
   *
   * @throws StructureIOException when the file cannot be read at all (missing, unknown format,
   *     unreadable bytes); problems of single blocks or rows are in the results
   */
  public static List<ReadResult> read(Path file, ReadOptions options) throws StructureIOException {
    ReadOptions opts = ReadOptions.orDefault(options);
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    Optional<StructureFormat> format = StructureFormat.of(file);
    if (format.isEmpty()) {
      throw new StructureIOException(name, null, 0, 0,
          "cannot tell the format from the file name; use one of "
          + ".cif, .xyz, .vasp, .csv, .csv.gz or a name starting with POSCAR or CONTCAR", null);
    }
    try {
      switch (format.get()) {
        case CSV:
          return DatasetCsv.read(file, opts);
        case CIF:
          return CifReader.read(readText(file, name), name, opts);
        case POSCAR:
          return List.of(ReadResult.of(name, name, 1, Poscar.read(readText(file, name), name),
              List.of()));
        case XYZ: {
          List<ReadResult> out = new ArrayList<>();
          int k = 0;
          for (ExtendedXyz.Frame f : ExtendedXyz.read(readText(file, name), name)) {
            out.add(ReadResult.of(name, "frame " + (++k), f.line(), f.structure(), List.of()));
          }
          return out;
        }
        default:
          throw new IllegalStateException(format.get().toString());
      }
    } catch (StructureIOException e) {
      if (format.get() == StructureFormat.POSCAR || format.get() == StructureFormat.XYZ) {
        return List.of(ReadResult.failed(name, null, e.line(), e, List.of()));
      }
      throw e;
    } catch (IOException e) {
      throw new StructureIOException(name, null, 0, 0,
          "cannot read the file: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a file's text as UTF-8, falling back to ISO-8859-1 for files with bytes that are not
   * UTF-8 (old CIFs written on Windows).
   */
  static String readText(Path file, String name) throws StructureIOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new StructureIOException(name, null, 0, 0,
          "no such file", e);
    } catch (IOException e) {
      throw new StructureIOException(name, null, 0, 0,
          "cannot read the file: " + e.getMessage(), e);
    }
    return decode(bytes);
  }

  static String decode(byte[] bytes) {
    java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
    try {
      return d.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Writes structures in the format the file name implies, atomically.
   *
   * @throws IllegalArgumentException if the format cannot hold them (several structures in a
   *     POSCAR, a disordered structure in POSCAR or XYZ) or the name implies no format
   * @throws IOException if writing fails (nothing is left behind)
   */
  public static void write(Path file, List<Structure> structures) throws IOException {
    StructureFormat format = StructureFormat.of(file).orElseThrow(() ->
        new IllegalArgumentException("cannot tell the output format of '" + file + "'; use a"
            + " name ending in .cif, .xyz, .vasp, .csv or .csv.gz, or named POSCAR"));
    if (structures.isEmpty()) {
      throw new IllegalArgumentException("nothing to write to '" + file + "': no structures");
    }
    switch (format) {
      case CIF:
        writeAtomically(file, w -> w.write(CifWriter.write(structures)));
        break;
      case XYZ:
        writeAtomically(file, w -> w.write(ExtendedXyz.write(structures)));
        break;
      case POSCAR:
        if (structures.size() != 1) {
          throw new IllegalArgumentException("a POSCAR holds one structure, but there are "
              + structures.size() + "; write .cif, .xyz or .csv instead");
        }
        String text = Poscar.write(structures.get(0));
        writeAtomically(file, w -> w.write(text));
        break;
      case CSV:
        DatasetCsv.write(file, structures);
        break;
      default:
        throw new IllegalStateException(format.toString());
    }
  }

  /** Something that writes text. */
  @FunctionalInterface
  public interface TextBody {
    void writeTo(Writer w) throws IOException;
  }

  /**
   * Writes a file atomically: into a temporary file beside it, then moved over the target. On
   * any failure the temporary file is deleted and the target is untouched.
   */
  public static void writeAtomically(Path file, TextBody body) throws IOException {
    Path tmp = AtomicFiles.tempFileBeside(file);
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.writeTo(w);
      }
      AtomicFiles.commit(tmp, file);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }
}
