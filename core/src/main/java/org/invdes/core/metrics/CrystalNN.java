package org.invdes.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * Coordination environments by pymatgen's {@code CrystalNN} (Pan, Ganose, Horton, Aykol,
 * Persson, Zimmermann, Jain, Inorg. Chem. 60, 1590 (2021)) with its default settings, on sites
 * without oxidation states — as CDVAE's fingerprints use it: instead of one neighbour list, a
 * probability ("weight") for each coordination number (CN) and the neighbours of each CN.
 *
 * <p>Algorithm of {@link #neighbours}, for site n at Cartesian position c:
 * <ol>
 *   <li>Collect every periodic image of every site within the search radius r (start 7 Å) of c,
 *       except the centre itself and images closer than {@value #COINCIDENT_ANGSTROM} Å to it
 *       (Qhull merges coincident points).
 *   <li>Build the Voronoi cell of c among them ({@link VoronoiCell}). If it is unbounded, double
 *       r (at most to the longest cell diagonal + 0.011 Å) and repeat; fail beyond that. In dense
 *       cells the Voronoi cell is built from the nearest images only, when they provably give the
 *       same cell, faces and floating-point values as all of them (see {@code cell}): a generated
 *       cell collapsed to a sliver, with ~10⁵ images within 7 Å, then takes milliseconds.
 *   <li>Every face with a positive solid angle Ω (sr) and area A (Å²) gives a neighbour with
 *       weight w = (Ω / Ω_max)·(Ω / A) ("porous adjustment"), times 1 + 3 (|χ_n − χ_i| / 3.3)^½ for
 *       Pauling electronegativities χ when both are known.
 *   <li>Divide by the largest weight. Multiply by a distance factor: with R = the sum of the two
 *       elements' covalent radii (Å) and d the distance (Å), 1 if d ≤ R + 0.5, 0 if d ≥ R + 1,
 *       between them ½ (1 + cos(π (d − R − 0.5) / 0.5)).
 *   <li>Round each weight to 3 decimals (half-even on its exact binary value, as Python's {@code
 *       round}); drop zeros. If nothing is left, CN 0 has weight 1.
 *   <li>With the distinct weights b_1 &gt; b_2 &gt; … &gt; b_k and b_{k+1} = 0, CN_i = the number of
 *       neighbours with weight ≥ b_i has weight S(b_i) − S(b_{i+1}), where S(x) = (x√(1−x²) +
 *       arcsin x) / (π/2) is the normalised area under the unit semicircle from 0 to x (S(1) = 1);
 *       whatever is left of 1 goes to CN 0.
 * </ol>
 * Radii and electronegativities are pymatgen's ({@link Element#covalentRadius()}, {@link
 * Element#electronegativity()}). Immutable and thread-safe.
 */
public final class CrystalNN {
  /** The initial neighbour search radius, Å (pymatgen's {@code search_cutoff}). */
  public static final double SEARCH_CUTOFF_ANGSTROM = 7.0;
  /** Distances within this of the centre are the centre itself, Å. */
  public static final double COINCIDENT_ANGSTROM = 1e-8;
  /** Distance cut-offs beyond the sum of covalent radii where weights start and end falling, Å. */
  private static final double CUTOFF_LOW_ANGSTROM = 0.5;
  private static final double CUTOFF_HIGH_ANGSTROM = 1.0;
  /** Weight of the electronegativity difference (dimensionless). */
  private static final double X_DIFF_WEIGHT = 3.0;
  /** The largest electronegativity difference between two elements (Pauling units). */
  private static final double MAX_X_DIFF = 3.3;
  /** The first pruned search radius, in mean atomic spacings (V/N)^(1/3). */
  private static final double PRUNED_START_SPACINGS = 2.5;
  /** Pruning is tried only when its first radius is at most this fraction of the cutoff. */
  private static final double PRUNED_MAX_START = 0.5;
  /** Margin of the pruned search radius beyond twice the cell's farthest vertex, Å. */
  private static final double PRUNE_MARGIN_ANGSTROM = 1e-6;
  /**
   * The most periodic images one search may enumerate (on average over positions): a bound on the
   * work for a cell that is no crystal, such as a needle of lattice points 0.01 Å apart whose
   * Voronoi cell reaches far beyond the search radius (a Voronoi cell that closes within it
   * needs far fewer: a few hundred for a cell of 14 atoms per Å³, about 50,000 for the widest
   * search of a 500-atom cell at 0.1 atoms per Å³).
   */
  static final int MAX_IMAGES = 200_000;
  /** A Voronoi cell farther than this many search radii from its centre counts as unbounded. */
  private static final double BOX_FACTOR = 100.0;

  private static final CrystalNN STANDARD = new CrystalNN(true);
  private static final CrystalNN FULL_SEARCH = new CrystalNN(false);

  /** Whether the Voronoi cell may be built from the nearest images only (see {@code cell}). */
  private final boolean pruned;

  /**
   * A neighbour of a site.
   *
   * @param siteIndex the index of the neighbour's site in the structure
   * @param image the lattice translation of the neighbour's image (integers)
   * @param element the neighbour's element
   * @param cartesian its Cartesian position, Å, near the centre
   * @param distance its distance from the centre, Å
   * @param weight its CrystalNN weight in (0, 1], rounded to 3 decimals
   */
  public record Neighbour(int siteIndex, int[] image, Element element, double[] cartesian,
      double distance, double weight) {
  }

  /**
   * What CrystalNN found around one site.
   *
   * @param centre the site's Cartesian position, Å
   * @param neighbours every neighbour with a positive weight, by decreasing weight
   * @param cnWeights the probability of each coordination number (sums to 1), by CN
   * @param cnNeighbours the neighbours of each CN of {@code cnWeights} (none for CN 0)
   */
  public record NeighbourData(double[] centre, List<Neighbour> neighbours,
      Map<Integer, Double> cnWeights, Map<Integer, List<Neighbour>> cnNeighbours) {
  }

  private CrystalNN(boolean pruned) {
    this.pruned = pruned;
  }

  /**
   * @return CrystalNN with pymatgen's defaults: distance cut-offs (0.5, 1) Å, electronegativity
   *     weight 3, porous adjustment, search radius 7 Å, no oxidation states
   */
  public static CrystalNN standard() {
    return STANDARD;
  }

  /**
   * @return the same analysis that always builds each Voronoi cell from every image within the
   *     search radius (the reference the pruned search is tested against; slow on dense cells)
   */
  static CrystalNN fullSearch() {
    return FULL_SEARCH;
  }

  /**
   * The coordination environment of one site.
   *
   * @param structure an ordered structure
   * @param n the index of the site
   * @return its neighbours and coordination-number weights
   * @throws FingerprintException if a site is disordered, an element has no covalent radius, the
   *     Voronoi cell stays unbounded, or a search would enumerate more than {@value #MAX_IMAGES}
   *     periodic images
   * @throws IndexOutOfBoundsException if n is not a site index
   */
  public NeighbourData neighbours(Structure structure, int n) {
    Objects.requireNonNull(structure, "structure");
    Objects.checkIndex(n, structure.size());
    for (int i = 0; i < structure.size(); i++) {
      if (!structure.site(i).isOrdered()) {
        throw new FingerprintException("site " + i + " (" + structure.site(i).speciesString()
            + ") is disordered; CrystalNN needs one element per site");
      }
    }
    Lattice lattice = structure.lattice();
    double[] centre = structure.cartesian(n);
    Element centreElement = structure.site(n).majorElement();
    double maxCutoff = longestDiagonal(lattice) + 0.01;
    double cutoff = SEARCH_CUTOFF_ANGSTROM;
    ImageSearch images = ImageSearch.of(structure);
    double spacing = Math.cbrt(lattice.volume() / structure.size());
    Cell cell;
    while (true) {
      double start = PRUNED_START_SPACINGS * spacing;
      cell = cell(images, centre, cutoff,
          pruned && start <= PRUNED_MAX_START * cutoff ? start : cutoff);
      if (cell != null) {
        break;
      }
      if (cutoff >= maxCutoff) {
        throw new FingerprintException(String.format(Locale.ROOT,
            "site %d (%s): its Voronoi cell is unbounded even with every atom within %.3f Å",
            n, centreElement.symbol(), cutoff));
      }
      cutoff = Math.min(cutoff * 2, maxCutoff + 0.001);
    }
    List<ImageSearch.Image> candidates = cell.candidates();
    List<VoronoiCell.Face> faces = cell.faces();

    // 3. weights from solid angles, adjusted for porosity and electronegativity
    double maxAngle = 0;
    double[] angle = new double[faces.size()];
    for (int f = 0; f < faces.size(); f++) {
      angle[f] = faces.get(f).solidAngle();
      maxAngle = Math.max(maxAngle, angle[f]);
    }
    List<Weighted> weighted = new ArrayList<>();
    for (int f = 0; f < faces.size(); f++) {
      if (!(angle[f] > 0)) {
        continue;
      }
      ImageSearch.Image c = candidates.get(faces.get(f).point());
      double w = angle[f] / maxAngle * (angle[f] / faces.get(f).area());
      double x1 = centreElement.electronegativity();
      double x2 = c.element().electronegativity();
      if (!Double.isNaN(x1) && !Double.isNaN(x2)) {
        w *= 1 + X_DIFF_WEIGHT * Math.sqrt(Math.abs(x1 - x2) / MAX_X_DIFF);
      }
      weighted.add(new Weighted(c, w));
    }
    Comparator<Weighted> byWeight = Comparator.comparingDouble((Weighted x) -> x.weight)
        .reversed();
    weighted.sort(byWeight);
    if (weighted.isEmpty() || weighted.get(0).weight == 0) {
      return onlyCn0(centre);
    }
    // 4. normalise, then the distance factor
    double highest = weighted.get(0).weight;
    double r1 = radius(centreElement, n);
    for (Weighted x : weighted) {
      x.weight /= highest;
      double bond = r1 + radius(x.candidate.element(), x.candidate.siteIndex());
      double d = x.candidate.distance();
      double low = bond + CUTOFF_LOW_ANGSTROM;
      double high = bond + CUTOFF_HIGH_ANGSTROM;
      double factor;
      if (d <= low) {
        factor = 1;
      } else if (d < high) {
        factor = (Math.cos((d - low) / (high - low) * Math.PI) + 1) * 0.5;
      } else {
        factor = 0;
      }
      x.weight *= factor;
    }
    weighted.sort(byWeight);
    if (weighted.get(0).weight == 0) {
      return onlyCn0(centre);
    }
    // 5. round to 3 decimals and keep positive weights
    List<Neighbour> kept = new ArrayList<>();
    for (Weighted x : weighted) {
      double w = roundHalfEven3(x.weight);
      if (w > 0) {
        ImageSearch.Image c = x.candidate;
        kept.add(new Neighbour(c.siteIndex(), c.image().clone(), c.element(),
            c.cartesian().clone(), c.distance(), w));
      }
    }
    // 6. coordination numbers from the distinct weights
    List<Double> bins = new ArrayList<>();
    for (Neighbour x : kept) {
      if (bins.isEmpty() || bins.get(bins.size() - 1) != x.weight()) {
        bins.add(x.weight());
      }
    }
    bins.add(0.0);
    Map<Integer, Double> cnWeights = new TreeMap<>();
    Map<Integer, List<Neighbour>> cnNeighbours = new TreeMap<>();
    double total = 0;
    for (int i = 0; i + 1 < bins.size(); i++) {
      double b = bins.get(i);
      List<Neighbour> members = new ArrayList<>();
      for (Neighbour x : kept) {
        if (x.weight() >= b) {
          members.add(x);
        }
      }
      double w = semicircle(b) - semicircle(bins.get(i + 1));
      cnWeights.put(members.size(), w);
      cnNeighbours.put(members.size(), Collections.unmodifiableList(members));
      total += w;
    }
    if (1.0 - total > 0) {
      cnWeights.put(0, 1.0 - total);
      cnNeighbours.put(0, List.of());
    }
    return new NeighbourData(centre, Collections.unmodifiableList(kept),
        Collections.unmodifiableMap(cnWeights), Collections.unmodifiableMap(cnNeighbours));
  }

  private static NeighbourData onlyCn0(double[] centre) {
    return new NeighbourData(centre, List.of(), Map.of(0, 1.0), Map.of(0, List.of()));
  }

  /**
   * The area under the unit semicircle y = √(1 − x²) from 0 to x, divided by π/4 (so 1 at x = 1).
   */
  static double semicircle(double x) {
    if (x >= 1) {
      return 1.0;
    }
    return 0.5 * (x * Math.sqrt(1 - x * x) + Math.asin(x)) / (0.25 * Math.PI);
  }

  /** x rounded to 3 decimals, ties to even on the exact binary value (Python's round(x, 3)). */
  static double roundHalfEven3(double x) {
    return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static double radius(Element e, int site) {
    double r = e.covalentRadius();
    if (!(r > 0)) {
      throw new FingerprintException("site " + site + " (" + e.symbol()
          + ") has no covalent radius for CrystalNN's distance cut-off");
    }
    return r;
  }

  private static double longestDiagonal(Lattice lattice) {
    double[][] m = lattice.matrix();
    int[][] corners = {{1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}};
    double best = 0;
    for (int[] c : corners) {
      double[] v = new double[3];
      for (int k = 0; k < 3; k++) {
        v[k] = c[0] * m[0][k] + c[1] * m[1][k] + c[2] * m[2][k];
      }
      best = Math.max(best, VoronoiCell.norm(v));
    }
    return best;
  }

  /**
   * The Voronoi cell of the centre among every periodic image within the cutoff (Qhull's cell as
   * pymatgen builds it from the whole search sphere), computed from as few images as possible:
   * <ol>
   *   <li>Take the images within a radius r (first {@code startRadius}; {@link #neighbours} uses
   *       {@value #PRUNED_START_SPACINGS} times the mean spacing (V/N)^(1/3), Å, or the cutoff when
   *       that exceeds {@value #PRUNED_MAX_START} of it: the atoms are then sparse enough for the
   *       full search) and build the cell from them with the box of the full search.
   *   <li>If it is bounded and its farthest vertex is at R Å with 2 (R + ε) + {@value
   *       #PRUNE_MARGIN_ANGSTROM} ≤ r (ε the cell's vertex tolerance), no farther image can cut
   *       it: the images are the nearest ones of the full search in its order, and the full
   *       search's cell takes every cut from them and none from the rest. Done.
   *   <li>Else grow r to 2 (R + ε) + margin when bounded (the full cell lies inside this one), or
   *       double it; once r reaches the cutoff, build the cell from the full search sphere.
   * </ol>
   *
   * @param images the structure's images
   * @param centre the centre, Cartesian Å
   * @param cutoff the search radius, Å
   * @param startRadius the first pruned radius r, Å (≥ cutoff: the full search at once)
   * @return the images and faces, or null when the full search's cell is unbounded
   */
  static Cell cell(ImageSearch images, double[] centre, double cutoff, double startRadius) {
    double box = BOX_FACTOR * cutoff;
    double r = startRadius;
    while (r < cutoff) {
      List<ImageSearch.Image> near = images.within(centre, checkedRadius(images, r));
      List<VoronoiCell.Face> faces = VoronoiCell.around(relative(near, centre), box);
      if (faces == null) {
        r *= 2;
        continue;
      }
      double needed = 2 * (VoronoiCell.farthestVertex(faces) + VoronoiCell.EPS_ANGSTROM)
          + PRUNE_MARGIN_ANGSTROM;
      if (needed <= r) {
        return new Cell(near, faces);
      }
      r = Math.max(needed, r * 1.25);
    }
    List<ImageSearch.Image> all = images.within(centre, checkedRadius(images, cutoff));
    List<VoronoiCell.Face> faces = VoronoiCell.around(relative(all, centre), box);
    return faces == null ? null : new Cell(all, faces);
  }

  /** The radius, if the sphere holds at most {@value #MAX_IMAGES} images on average. */
  private static double checkedRadius(ImageSearch images, double r) {
    double expected = images.expectedCount(r);
    if (!(expected <= MAX_IMAGES)) {
      throw new FingerprintException(String.format(Locale.ROOT, "a sphere of %.3g Å would hold"
          + " about %.3g periodic images (%.3g atoms per Å³), more than the %d a search may"
          + " enumerate: the cell is not a crystal CrystalNN can analyse", r, expected,
          images.density(), MAX_IMAGES));
    }
    return r;
  }

  private static List<double[]> relative(List<ImageSearch.Image> images, double[] centre) {
    List<double[]> out = new ArrayList<>(images.size());
    for (ImageSearch.Image c : images) {
      out.add(VoronoiCell.sub(c.cartesian(), centre));
    }
    return out;
  }

  /**
   * A Voronoi cell and the images its faces index.
   *
   * @param candidates the images, by distance
   * @param faces the faces, each naming an index into {@code candidates}
   */
  record Cell(List<ImageSearch.Image> candidates, List<VoronoiCell.Face> faces) {
  }

  /** A candidate with a mutable weight during the computation. */
  private static final class Weighted {
    final ImageSearch.Image candidate;
    double weight;

    Weighted(ImageSearch.Image candidate, double weight) {
      this.candidate = candidate;
      this.weight = weight;
    }
  }

  @Override
  public String toString() {
    return pruned ? "CrystalNN[standard]" : "CrystalNN[standard, full search]";
  }
}
