package org.invdes.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.invdes.core.io.cif.CifBlock;
import org.invdes.core.io.cif.CifFile;
import org.invdes.core.io.cif.CifLoop;
import org.invdes.core.io.cif.CifParser;
import org.invdes.core.io.cif.CifValue;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.core.symmetry.SpaceGroupSetting;
import org.invdes.core.symmetry.SpaceGroups;
import org.invdes.core.symmetry.SymmetryOperation;

/**
 * Reads crystal structures from CIF text, in three stages: the {@link CifParser} tokenizes and
 * parses (CIF 1.1 and 2.0); this class sanitizes known database quirks and builds one {@link
 * Structure} per data block that describes a crystal.
 *
 * <p>Building one block, step by step:
 *
 * <ol>
 *   <li>Cell: {@code _cell_length_a/b/c} (Å) and {@code _cell_angle_alpha/beta/gamma} (°), with
 *       standard uncertainties such as {@code 5.4307(2)} ignored. A flat cell (volume below
 *       0.1 Å³) and an incommensurately modulated structure (superspace group) are errors.
 *   <li>Symmetry, first that works of: the explicit operations ({@code
 *       _symmetry_equiv_pos_as_xyz}, {@code _space_group_symop_operation_xyz} or their DDLm
 *       names; closed into a group if the list is incomplete); the Hall symbol; the
 *       Hermann–Mauguin symbol; the space-group number; else P 1 with a warning (an error in
 *       strict mode).
 *   <li>Atoms: the {@code _atom_site} loop; the element from {@code _atom_site_type_symbol} (an
 *       oxidation state such as {@code Fe3+} is dropped), else from the label ({@code Cl1} →
 *       Cl); occupancy from {@code _atom_site_occupancy} (1 when absent or {@code ?}).
 *       Simple fractions such as {@code 3/4} are accepted as coordinates.
 *       Fractional coordinates written to n decimals that round a multiple of 1/12 (e.g. {@code
 *       0.3333}, {@code 0.667}) are read as that multiple, so symmetry images meet exactly.
 *   <li>Expansion: every operation is applied to every atom; images within {@link
 *       ReadOptions#mergeTolerance()} Å of each other (minimum image) are one site.
 *   <li>Disorder: atoms of different labels on one position become one site holding all their
 *       species with their occupancies (a mixed or partially occupied site); occupancies summing
 *       above 1 + {@link ReadOptions#occupancyTolerance()} are an error, slightly above 1 are
 *       scaled to 1 with a warning.
 * </ol>
 *
 * <p>Blocks without a cell and atom sites (publication data, global blocks) are skipped when
 * another block of the file holds a structure; a file with no structure at all is an error.
 */
public final class CifReader {
  private static final String[] OPS_TAGS = {
    "_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz",
    "_space_group_symop.operation_xyz", "_symmetry_equiv.pos_as_xyz"
  };
  private static final String[] HALL_TAGS = {
    "_space_group_name_hall", "_symmetry_space_group_name_hall", "_space_group.name_hall"
  };
  private static final String[] HM_TAGS = {
    "_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m", "_space_group.name_h-m_alt",
    "_space_group_name_h-m_full", "_space_group.name_h-m_full", "_space_group_name_h-m"
  };
  private static final String[] NUMBER_TAGS = {
    "_space_group_it_number", "_symmetry_int_tables_number", "_space_group.it_number"
  };
  private static final String[] CELL_TAGS = {
    "_cell_length_a", "_cell_length_b", "_cell_length_c",
    "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"
  };

  /** Å³: below this a cell is flat, not a crystal (the benchmark's validity bound). */
  static final double MIN_CELL_VOLUME = 0.1;

  /**
   * Å: no crystal has a longer cell edge (virus crystals, the largest known, stay below
   * 2,000 Å); longer values are typing errors and would make periodic geometry meaningless.
   */
  static final double MAX_CELL_LENGTH = 1e4;

  /**
   * Symmetry-operation lists already parsed and closed, by their text: datasets repeat the same
   * few lists thousands of times. Bounded; only complete groups are cached.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, List<SymmetryOperation>>
      GROUPS = new java.util.concurrent.ConcurrentHashMap<>();

  private CifReader() {}

  /**
   * Reads every structure of a CIF text: one result per data block that describes a crystal.
   *
   * @param text the CIF content
   * @param source the file name, for messages
   * @throws StructureIOException if the text is not CIF at all (strict mode: on the first
   *     syntax error), or no block describes a crystal
   */
  public static List<ReadResult> read(String text, String source, ReadOptions options)
      throws StructureIOException {
    ReadOptions opts = ReadOptions.orDefault(options);
    CifFile file = (opts.strict() ? CifParser.strict() : CifParser.relaxed()).parse(text, source);
    List<Diagnostic> syntax = file.diagnostics();
    List<ReadResult> results = new ArrayList<>();
    StructureIOException firstSkip = null;
    for (CifBlock block : file.blocks()) {
      List<Diagnostic> warnings = new ArrayList<>();
      for (Diagnostic d : syntax) {
        if (d.block() == null || d.block().equalsIgnoreCase(block.name())) {
          warnings.add(d);
        }
      }
      boolean hasCell = has(block, "_cell_length_a");
      boolean hasAtoms = atomLoop(block).isPresent();
      if (!hasCell && !hasAtoms) {
        if (firstSkip == null) {
          firstSkip = new StructureIOException(source, block.name(), block.line(), 0,
              "no crystal structure: the block has neither a cell (_cell_length_a) nor atom"
                  + " sites (an _atom_site_fract_x loop)");
        }
        continue;
      }
      try {
        results.add(ReadResult.of(source, block.name(), block.line(),
            new Builder(block, source, opts, warnings).build(), warnings));
      } catch (StructureIOException e) {
        results.add(ReadResult.failed(source, block.name(), block.line(), e, warnings));
      }
    }
    if (results.isEmpty()) {
      if (firstSkip != null) {
        throw firstSkip;
      }
      throw new StructureIOException(source, null, 1, 0,
          "no data block: a CIF needs at least one 'data_' block with a cell and atom sites");
    }
    return results;
  }

  private static boolean has(CifBlock b, String tag) {
    return b.value(tag).isPresent();
  }

  private static Optional<CifLoop> atomLoop(CifBlock b) {
    Optional<CifLoop> l = b.loopContaining("_atom_site_fract_x");
    if (l.isEmpty()) {
      l = b.loopContaining("_atom_site.fract_x");
    }
    if (l.isEmpty()) {
      l = b.loopContaining("_atom_site_cartn_x");
    }
    if (l.isEmpty()) {
      l = b.loopContaining("_atom_site.cartn_x");
    }
    return l;
  }

  /** The element a CIF type symbol or label names: {@code Fe3+} → Fe, {@code CL1} → Cl. */
  static Optional<Element> elementOf(String symbol) {
    if (symbol.startsWith("Wat") || symbol.startsWith("wat")) {
      return Element.lookup("O"); // the oxygen of a water molecule, as databases label it
    }
    int n = symbol.length();
    int i = 0;
    while (i < n && Character.isWhitespace(symbol.charAt(i))) {
      i++;
    }
    if (i >= n || !isAsciiLetter(symbol.charAt(i))) {
      return Optional.empty();
    }
    char c0 = Character.toUpperCase(symbol.charAt(i));
    if (i + 1 < n && isAsciiLetter(symbol.charAt(i + 1))) {
      String two = "" + c0 + Character.toLowerCase(symbol.charAt(i + 1));
      Optional<Element> e = Element.lookup(two);
      if (e.isPresent()) {
        return e;
      }
    }
    if (c0 == 'D' || c0 == 'T') {
      // deuterium and tritium are hydrogen
      return Element.lookup("H");
    }
    return Element.lookup(String.valueOf(c0));
  }

  /**
   * A CIF number, or a simple fraction such as {@code 3/4} or {@code -1/3} that some database
   * files write for special positions (not CIF number syntax, but unambiguous).
   */
  static OptionalDouble numberOrFraction(CifValue v) {
    OptionalDouble d = v.number();
    if (d.isPresent() || v.kind() != CifValue.Kind.UNQUOTED) {
      return d;
    }
    String t = v.text();
    int slash = t.indexOf('/');
    if (slash <= 0 || slash == t.length() - 1) {
      return d;
    }
    try {
      double num = Integer.parseInt(t.substring(0, slash));
      double den = Integer.parseInt(t.substring(slash + 1));
      return den > 0 ? OptionalDouble.of(num / den) : d;
    } catch (NumberFormatException e) {
      return d;
    }
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /**
   * A coordinate written with 3 to 5 decimals that is the rounding of a multiple of 1/12 is
   * read as that multiple: {@code 0.3333} → 1/3, {@code 0.667} → 2/3, {@code 0.0833} → 1/12.
   * Values with fewer decimals ({@code 0.1}) and full-precision values are kept as written.
   */
  static double snap(CifValue v, double x) {
    String t = v.text();
    int dot = t.indexOf('.');
    if (dot < 0) {
      return x;
    }
    int decimals = 0;
    for (int i = dot + 1; i < t.length() && Character.isDigit(t.charAt(i)); i++) {
      decimals++;
    }
    if (decimals < 3 || decimals > 5) {
      return x; // 0.1 or 0.25 are what they say; only 0.333-style roundings are snapped
    }
    double k = Math.rint(x * 12);
    double target = k / 12;
    double halfUlp = 0.5 * Math.pow(10, -decimals);
    return Math.abs(x - target) <= halfUlp * (1 + 1e-9) ? target : x;
  }

  /** Builds one block's structure; collects warnings. */
  private static final class Builder {
    final CifBlock block;
    final String source;
    final ReadOptions opts;
    final List<Diagnostic> warnings;

    Builder(CifBlock block, String source, ReadOptions opts, List<Diagnostic> warnings) {
      this.block = block;
      this.source = source;
      this.opts = opts;
      this.warnings = warnings;
    }

    StructureIOException error(int line, String msg) {
      return new StructureIOException(source, block.name(), line, 0, msg);
    }

    /** A recoverable problem: an error in strict mode, a warning otherwise. */
    void problem(int line, String msg) throws StructureIOException {
      if (opts.strict()) {
        throw error(line, msg);
      }
      warnings.add(Diagnostic.warning(source, block.name(), line, 0, msg));
    }

    Optional<CifValue> first(String... tags) {
      for (String t : tags) {
        Optional<CifValue> v = block.value(t);
        if (v.isPresent() && !v.get().isPlaceholder()) {
          return v;
        }
      }
      return Optional.empty();
    }

    Structure build() throws StructureIOException {
      rejectModulated();
      Lattice lattice = lattice();
      if (lattice.volume() < MIN_CELL_VOLUME) {
        throw error(block.line("_cell_length_a"), String.format(Locale.ROOT, "the cell volume is"
            + " %.3g Å³ (a=%s b=%s c=%s alpha=%s beta=%s gamma=%s): the cell is flat, not a"
            + " crystal; check the cell angles", lattice.volume(), lattice.a(), lattice.b(),
            lattice.c(), lattice.alpha(), lattice.beta(), lattice.gamma()));
      }
      List<SymmetryOperation> ops = symmetry();
      List<Atom> atoms = atoms(lattice);
      if (atoms.isEmpty()) {
        throw error(block.line(), "no atom sites: the _atom_site loop has no usable rows");
      }
      List<Site> sites = expand(lattice, ops, atoms);
      return Structure.of(lattice, sites, properties());
    }

    /**
     * An incommensurately modulated structure (a superspace group, {@code
     * _cell_modulation_dimension} &gt; 0) has no 3-D periodic cell: its atom sites are the
     * average positions of modulation functions, with occupancies that only make sense with
     * them. Rather than build a wrong crystal, say so.
     */
    void rejectModulated() throws StructureIOException {
      Optional<CifValue> dim = first("_cell_modulation_dimension", "_cell.modulation_dimension");
      Optional<CifValue> ssg = first("_space_group_ssg_name", "_space_group.ssg_name");
      boolean modulated = dim.isPresent() && dim.get().number().orElse(0) > 0;
      if (modulated || ssg.isPresent()) {
        int line = ssg.map(CifValue::line).orElseGet(() -> dim.get().line());
        throw error(line, "this block describes an incommensurately modulated structure"
            + ssg.map(v -> " (superspace group " + v.text() + ")").orElse("")
            + ", which has no 3-D periodic unit cell and cannot be read as a crystal structure;"
            + " use a commensurate supercell or approximant of it (often another block of the"
            + " same file)");
      }
    }

    Lattice lattice() throws StructureIOException {
      double[] p = new double[6];
      for (int i = 0; i < 6; i++) {
        String tag = CELL_TAGS[i];
        Optional<CifValue> v = block.value(tag);
        if (v.isEmpty()) {
          v = block.value(tag.replaceFirst("^_cell_", "_cell."));
        }
        if (v.isEmpty() || v.get().isPlaceholder()) {
          throw error(v.map(CifValue::line).orElse(block.line()), "the cell is incomplete: "
              + tag + " is " + (v.isEmpty() ? "missing" : "'" + v.get().text() + "'")
              + "; a structure needs a, b, c (Å) and alpha, beta, gamma (°)");
        }
        OptionalDouble d = v.get().number();
        if (d.isEmpty()) {
          throw error(v.get().line(), tag + " '" + v.get().text() + "' is not a number");
        }
        p[i] = d.getAsDouble();
        if (i < 3 && p[i] > MAX_CELL_LENGTH) {
          throw error(v.get().line(), tag + " is " + v.get().text() + " Å, longer than any"
              + " crystal's cell edge (" + (int) MAX_CELL_LENGTH + " Å); check the value");
        }
      }
      try {
        return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
      } catch (IllegalArgumentException e) {
        throw error(block.line("_cell_length_a"), "the cell a=" + p[0] + " b=" + p[1] + " c="
            + p[2] + " alpha=" + p[3] + " beta=" + p[4] + " gamma=" + p[5]
            + " is not a valid unit cell: " + e.getMessage());
      }
    }

    List<SymmetryOperation> symmetry() throws StructureIOException {
      for (String tag : OPS_TAGS) {
        Optional<CifLoop> loop = block.loopContaining(tag);
        List<CifValue> values = new ArrayList<>();
        if (loop.isPresent()) {
          values.addAll(loop.get().column(tag));
        } else {
          block.value(tag).ifPresent(values::add);
        }
        if (values.isEmpty()) {
          continue;
        }
        StringBuilder key = new StringBuilder();
        for (CifValue v : values) {
          key.append(v.text()).append(';');
        }
        List<SymmetryOperation> cached = GROUPS.get(key.toString());
        if (cached != null) {
          return cached;
        }
        List<SymmetryOperation> ops = new ArrayList<>();
        boolean bad = false;
        for (CifValue v : values) {
          try {
            ops.add(SymmetryOperation.parseXyz(v.text()));
          } catch (IllegalArgumentException e) {
            problem(v.line(), "symmetry operation '" + v.text() + "' cannot be read: "
                + e.getMessage() + "; trying the space-group symbol instead");
            bad = true;
            break;
          }
        }
        if (bad) {
          break;
        }
        try {
          List<SymmetryOperation> group = SymmetryOperation.closeGroup(ops);
          if (group.size() != ops.size()) {
            problem(values.get(0).line(), "the " + ops.size() + " symmetry operations listed"
                + " are not a complete group; using the " + group.size() + " they generate");
          } else {
            if (GROUPS.size() > 4096) {
              GROUPS.clear();
            }
            GROUPS.put(key.toString(), List.copyOf(group));
          }
          return group;
        } catch (IllegalArgumentException e) {
          problem(values.get(0).line(), "the symmetry operations listed do not form a space"
              + " group (" + e.getMessage() + "); trying the space-group symbol instead");
          break;
        }
      }
      Optional<CifValue> hall = first(HALL_TAGS);
      if (hall.isPresent()) {
        Optional<SpaceGroupSetting> sg = SpaceGroups.byHallSymbol(hall.get().text());
        if (sg.isPresent()) {
          return sg.get().operations();
        }
        try {
          return org.invdes.core.symmetry.HallSymbol.operations(hall.get().text());
        } catch (IllegalArgumentException e) {
          problem(hall.get().line(), "Hall symbol '" + hall.get().text() + "' cannot be read: "
              + e.getMessage());
        }
      }
      Optional<CifValue> hm = first(HM_TAGS);
      if (hm.isPresent()) {
        Optional<SpaceGroupSetting> sg = SpaceGroups.byHermannMauguin(hm.get().text());
        if (sg.isPresent()) {
          return sg.get().operations();
        }
        problem(hm.get().line(), "unknown Hermann-Mauguin symbol '" + hm.get().text() + "'");
      }
      Optional<CifValue> num = first(NUMBER_TAGS);
      if (num.isPresent()) {
        OptionalDouble n = num.get().number();
        if (n.isPresent() && n.getAsDouble() == Math.rint(n.getAsDouble())
            && n.getAsDouble() >= 1 && n.getAsDouble() <= 230) {
          return SpaceGroups.byNumber((int) n.getAsDouble()).orElseThrow().operations();
        }
        problem(num.get().line(), "space-group number '" + num.get().text()
            + "' is not a whole number from 1 to 230");
      }
      warnings.add(Diagnostic.warning(source, block.name(), block.line(), 0, "no usable symmetry"
          + " (no operations, Hall or Hermann-Mauguin symbol, or space-group number): reading the"
          + " atoms as given, in P 1"));
      return List.of(SymmetryOperation.parseXyz("x,y,z"));
    }

    /** One row of the atom-site loop. */
    private record Atom(String label, Element element, double[] frac, double occupancy,
        int line) {}

    List<Atom> atoms(Lattice lattice) throws StructureIOException {
      CifLoop loop = atomLoop(block).orElseThrow(() -> error(block.line(), "no atom sites: the"
          + " block has a cell but no _atom_site loop with fractional coordinates"));
      boolean cartesian = !loop.has("_atom_site_fract_x") && !loop.has("_atom_site.fract_x");
      String prefix = loop.has("_atom_site_fract_x") || loop.has("_atom_site_cartn_x")
          ? "_atom_site_" : "_atom_site.";
      String[] xyz = cartesian
          ? new String[] {prefix + "cartn_x", prefix + "cartn_y", prefix + "cartn_z"}
          : new String[] {prefix + "fract_x", prefix + "fract_y", prefix + "fract_z"};
      for (String t : xyz) {
        if (!loop.has(t)) {
          throw error(loop.line(), "the atom-site loop has no " + t + " column");
        }
      }
      int typeCol = loop.has(prefix + "type_symbol") ? loop.columnIndex(prefix + "type_symbol") : -1;
      int labelCol = loop.has(prefix + "label") ? loop.columnIndex(prefix + "label") : -1;
      int occCol = loop.has(prefix + "occupancy") ? loop.columnIndex(prefix + "occupancy") : -1;
      int[] xyzCol = {loop.columnIndex(xyz[0]), loop.columnIndex(xyz[1]), loop.columnIndex(xyz[2])};
      boolean hasType = typeCol >= 0;
      boolean hasLabel = labelCol >= 0;
      boolean hasOcc = occCol >= 0;
      if (!hasType && !hasLabel) {
        throw error(loop.line(), "the atom-site loop has neither _atom_site_type_symbol nor"
            + " _atom_site_label, so the elements are unknown");
      }
      List<Atom> atoms = new ArrayList<>(loop.rowCount());
      rows:
      for (int r = 0; r < loop.rowCount(); r++) {
        int line = loop.rowLine(r);
        String label = hasLabel ? loop.get(r, labelCol).text() : null;
        String name = label != null ? label : "#" + (r + 1); // for messages only
        CifValue typeValue = hasType ? loop.get(r, typeCol) : null;
        String symbol = typeValue != null && !typeValue.isPlaceholder() ? typeValue.text() : label;
        if (symbol == null) {
          problem(line, "atom " + quoted(name) + " has no type symbol; skipped");
          continue;
        }
        Optional<Element> el = elementOf(symbol);
        if (el.isEmpty()) {
          problem(line, "atom " + quoted(name) + ": '" + symbol + "' names no element; skipped");
          continue;
        }
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
          CifValue v = loop.get(r, xyzCol[k]);
          OptionalDouble d = numberOrFraction(v);
          if (d.isEmpty() || !Double.isFinite(d.getAsDouble())) {
            problem(v.line(), "atom " + quoted(name) + ": coordinate " + xyz[k] + " is '" + v.text()
                + "', not a number; atom skipped");
            continue rows;
          }
          x[k] = cartesian ? d.getAsDouble() : snap(v, d.getAsDouble());
        }
        if (cartesian) {
          x = lattice.toFractional(x);
        }
        double occ = 1.0;
        if (hasOcc) {
          CifValue v = loop.get(r, occCol);
          if (!v.isPlaceholder()) {
            OptionalDouble d = v.number();
            if (d.isEmpty() || !Double.isFinite(d.getAsDouble()) || d.getAsDouble() < 0) {
              problem(v.line(), "atom " + quoted(name) + ": occupancy '" + v.text() + "' is not a"
                  + " number from 0 to 1; read as 1");
            } else {
              occ = d.getAsDouble();
            }
          }
        }
        if (occ == 0) {
          warnings.add(Diagnostic.warning(source, block.name(), line, 0,
              "atom " + quoted(name) + " has occupancy 0; skipped"));
          continue;
        }
        if (occ > 1 + opts.occupancyTolerance()) {
          throw error(line, "atom " + quoted(name) + " has occupancy " + occ + ", more than 1");
        }
        atoms.add(new Atom(label, el.get(), x, Math.min(occ, 1.0), line));
      }
      return atoms;
    }

    List<Site> expand(Lattice lattice, List<SymmetryOperation> ops, List<Atom> atoms)
        throws StructureIOException {
      double tol = opts.mergeTolerance();
      // Two points whose wrapped fractional difference along axis i is |w_i| are at least
      // |w_i|·d_i apart, d_i being the spacing of the lattice planes across axis i (1/|a_i*|);
      // only pairs within tol on every axis need the exact minimum-image distance.
      double[] spacing = lattice.reciprocalCrystallographic().lengths();
      for (int k = 0; k < 3; k++) {
        spacing[k] = 1 / spacing[k];
      }
      java.util.function.BiPredicate<double[], double[]> near = (a, b) -> {
        for (int k = 0; k < 3; k++) {
          double w = a[k] - b[k];
          w -= Math.rint(w);
          if (Math.abs(w) * spacing[k] > tol) {
            return false;
          }
        }
        return lattice.distance(a, b) <= tol;
      };
      List<double[]> positions = new ArrayList<>();
      List<Map<Element, Double>> species = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      List<List<Atom>> origins = new ArrayList<>();
      for (Atom atom : atoms) {
        List<double[]> images = new ArrayList<>(ops.size());
        for (SymmetryOperation op : ops) {
          double[] p = op.isIdentity() ? atom.frac().clone() : op.apply(atom.frac());
          for (int k = 0; k < 3; k++) {
            p[k] = Structure.wrap(p[k]);
          }
          boolean seen = false;
          for (double[] q : images) {
            if (near.test(p, q)) {
              seen = true;
              break;
            }
          }
          if (!seen) {
            images.add(p);
          }
        }
        for (double[] p : images) {
          int at = -1;
          for (int i = 0; i < positions.size(); i++) {
            if (near.test(p, positions.get(i))) {
              at = i;
              break;
            }
          }
          if (at < 0) {
            positions.add(p);
            Map<Element, Double> sp = new LinkedHashMap<>();
            sp.put(atom.element(), atom.occupancy());
            species.add(sp);
            labels.add(atom.label());
            List<Atom> o = new ArrayList<>();
            o.add(atom);
            origins.add(o);
          } else {
            species.get(at).merge(atom.element(), atom.occupancy(), Double::sum);
            if (!origins.get(at).contains(atom)) {
              origins.get(at).add(atom);
            }
          }
        }
      }
      List<Site> sites = new ArrayList<>(positions.size());
      for (int i = 0; i < positions.size(); i++) {
        Map<Element, Double> sp = species.get(i);
        double total = 0;
        for (double v : sp.values()) {
          total += v;
        }
        if (total > 1 + 1e-6) {
          List<Atom> o = origins.get(i);
          StringBuilder who = new StringBuilder();
          for (Atom a : o) {
            who.append(who.length() == 0 ? "" : ", ").append(a.label() != null ? a.label()
                : a.element().symbol()).append(" (line ").append(a.line()).append(')');
          }
          if (total > 1 + opts.occupancyTolerance()) {
            throw error(o.get(0).line(), "atoms " + who + " sit on one position (within "
                + tol + " Å) and their occupancies sum to " + round(total) + ", more than 1;"
                + " check the coordinates and occupancies");
          }
          problem(o.get(0).line(), "occupancies of " + who + " on one position sum to "
              + round(total) + "; scaled to 1");
          for (Map.Entry<Element, Double> e : sp.entrySet()) {
            e.setValue(e.getValue() / total);
          }
        }
        try {
          sites.add(Site.of(sp, positions.get(i), labels.get(i)));
        } catch (IllegalArgumentException e) {
          throw error(origins.get(i).get(0).line(), e.getMessage());
        }
      }
      return sites;
    }

    Map<String, Object> properties() {
      Map<String, Object> props = new LinkedHashMap<>();
      Optional<CifLoop> loop = block.loopContaining("_invdes_property_name");
      if (loop.isEmpty() || !loop.get().has("_invdes_property_value")) {
        return props;
      }
      CifLoop l = loop.get();
      for (int r = 0; r < l.rowCount(); r++) {
        String key = l.get(r, "_invdes_property_name").text();
        CifValue v = l.get(r, "_invdes_property_value");
        if (v.isPlaceholder()) {
          continue;
        }
        OptionalDouble d = v.kind() == CifValue.Kind.UNQUOTED ? v.number() : OptionalDouble.empty();
        if (d.isPresent() && v.text().matches("[-+]?\\d{1,18}")) {
          props.put(key, Long.parseLong(v.text()));
        } else if (d.isPresent()) {
          props.put(key, d.getAsDouble());
        } else if (v.text().equals("true") || v.text().equals("false")) {
          props.put(key, Boolean.parseBoolean(v.text()));
        } else {
          props.put(key, v.text());
        }
      }
      return props;
    }
  }

  private static String quoted(String name) {
    return name.startsWith("#") ? "in row " + name.substring(1) : "'" + name + "'";
  }

  private static String round(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
