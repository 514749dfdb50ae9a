package org.invdes.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * What the viewer draws of one unit cell: the three lattice vectors and the atoms in Cartesian
 * coordinates (Å), each with its colour and sphere radius. Atoms on a face, edge or corner of
 * the cell are repeated on the opposite faces, edges and corners so the cell looks whole; those
 * copies are marked as images. Immutable.
 */
public final class CellView {
  /** Fractional distance from a face within which an atom is repeated on the opposite face. */
  public static final double FACE_TOLERANCE = 1e-3;

  /**
   * One drawn atom.
   *
   * @param element the element symbol (the site's major element)
   * @param x Cartesian x, Å
   * @param y Cartesian y, Å
   * @param z Cartesian z, Å
   * @param color {@code #rrggbb}
   * @param radius sphere radius, Å
   * @param image whether this is a periodic copy of an atom in the cell
   */
  public record Atom(String element, double x, double y, double z, String color, double radius,
      boolean image) {
    /** Checks the atom. */
    public Atom {
      Objects.requireNonNull(element, "element");
      Objects.requireNonNull(color, "color");
    }
  }

  private final double[][] lattice;
  private final List<Atom> atoms;

  private CellView(double[][] lattice, List<Atom> atoms) {
    this.lattice = lattice;
    this.atoms = List.copyOf(atoms);
  }

  /**
   * The view of a structure: its sites wrapped into the cell, plus their images on the faces,
   * edges and corners.
   *
   * @param structure the structure
   * @return the view
   */
  public static CellView of(Structure structure) {
    double[][] m = structure.lattice().matrix();
    List<Atom> atoms = new ArrayList<>();
    List<Atom> images = new ArrayList<>();
    for (Site site : structure.sites()) {
      Element e = site.majorElement();
      double[] f = new double[3];
      for (int k = 0; k < 3; k++) {
        f[k] = Structure.wrap(site.frac(k));
        if (f[k] > 1 - FACE_TOLERANCE) {
          f[k] -= 1;
        }
      }
      for (int dx = 0; dx <= 1; dx++) {
        for (int dy = 0; dy <= 1; dy++) {
          for (int dz = 0; dz <= 1; dz++) {
            int[] d = {dx, dy, dz};
            boolean ok = true;
            for (int k = 0; k < 3; k++) {
              if (d[k] == 1 && Math.abs(f[k]) > FACE_TOLERANCE) {
                ok = false;
              }
            }
            if (!ok) {
              continue;
            }
            double[] c = structure.lattice().toCartesian(
                new double[] {f[0] + dx, f[1] + dy, f[2] + dz});
            boolean image = dx + dy + dz > 0;
            (image ? images : atoms).add(new Atom(e.symbol(), c[0], c[1], c[2],
                ElementStyle.color(e), ElementStyle.radius(e), image));
          }
        }
      }
    }
    atoms.addAll(images);
    return new CellView(m, atoms);
  }

  /** @return a copy of the lattice vectors as rows, Å */
  public double[][] lattice() {
    return new double[][] {lattice[0].clone(), lattice[1].clone(), lattice[2].clone()};
  }

  /** @return the atoms: those of the cell first, then the images */
  public List<Atom> atoms() {
    return atoms;
  }

  /** @return the number of atoms that are not images (the sites of the structure) */
  public int siteCount() {
    return (int) atoms.stream().filter(a -> !a.image()).count();
  }
}
