package org.invdes.core.io;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.invdes.core.structure.Structure;

/**
 * What reading one structure gave: the structure, or the error that stopped it, with the
 * warnings met on the way. A file with several data blocks (or a table with several rows) gives
 * one result per block (or row), so one bad block does not hide the good ones.
 *
 * @param source the file name
 * @param id the data block name, the row id or the frame number
 * @param line the 1-based line where the block, row or frame starts (0 when unknown)
 * @param structure the structure, or null when reading failed
 * @param error the failure, or null when a structure was read
 * @param warnings problems met and handled (relaxed mode), never null
 */
public record ReadResult(
    String source,
    String id,
    int line,
    Structure structure,
    StructureIOException error,
    List<Diagnostic> warnings) {

  public ReadResult {
    Objects.requireNonNull(source, "source");
    if ((structure == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of structure and error must be given");
    }
    warnings = List.copyOf(warnings);
  }

  /** A successful read. */
  public static ReadResult of(
      String source, String id, int line, Structure structure, List<Diagnostic> warnings) {
    return new ReadResult(source, id, line, Objects.requireNonNull(structure), null, warnings);
  }

  /** A failed read. */
  public static ReadResult failed(
      String source, String id, int line, StructureIOException error, List<Diagnostic> warnings) {
    return new ReadResult(source, id, line, null, Objects.requireNonNull(error), warnings);
  }

  public boolean ok() {
    return structure != null;
  }

  public Optional<Structure> structureIfOk() {
    return Optional.ofNullable(structure);
  }

  /** The structure, or the error thrown when reading failed. */
  public Structure get() throws StructureIOException {
    if (error != null) {
      throw error;
    }
    return structure;
  }
}
