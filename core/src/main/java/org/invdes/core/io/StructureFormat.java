package org.invdes.core.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The structure file formats, recognised by file name. */
public enum StructureFormat {
  /** Crystallographic Information File, CIF 1.1 and 2.0 ({@code .cif}, {@code .mcif}). */
  CIF,
  /** VASP POSCAR/CONTCAR ({@code POSCAR*}, {@code CONTCAR*}, {@code .vasp}, {@code .poscar}). */
  POSCAR,
  /** Extended XYZ with a {@code Lattice=} comment ({@code .xyz}, {@code .extxyz}). */
  XYZ,
  /** A table with an id column, a {@code cif} column and property columns ({@code .csv}, {@code .csv.gz}). */
  CSV;

  /** The format a file name implies, if any. */
  public static Optional<StructureFormat> fromFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".cif") || n.endsWith(".mcif")) {
      return Optional.of(CIF);
    }
    if (n.endsWith(".xyz") || n.endsWith(".extxyz")) {
      return Optional.of(XYZ);
    }
    if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
      return Optional.of(CSV);
    }
    if (n.endsWith(".vasp") || n.endsWith(".poscar") || n.startsWith("poscar")
        || n.startsWith("contcar")) {
      return Optional.of(POSCAR);
    }
    return Optional.empty();
  }

  /** The format of a path's file name, if any. */
  public static Optional<StructureFormat> of(Path file) {
    Path name = file.getFileName();
    return name == null ? Optional.empty() : fromFileName(name.toString());
  }

  /** What names this format is recognised by, for messages. */
  public String extensions() {
    switch (this) {
      case CIF:
        return ".cif, .mcif";
      case POSCAR:
        return "POSCAR*, CONTCAR*, .vasp, .poscar";
      case XYZ:
        return ".xyz, .extxyz";
      default:
        return ".csv, .csv.gz";
    }
  }
}
