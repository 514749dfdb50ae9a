package org.invdes.core.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The table of the 530 Hall settings of the 230 space-group types, with tolerant look-ups by Hall
 * number, space-group number, Hall symbol and Hermann–Mauguin symbol.
 *
 * <p>The table is the resource {@code space-group-settings.tsv} beside this class, extracted once
 * from spglib 2.0.2 (BSD-3-Clause); the symbols themselves are published facts of the International
 * Tables. It is read on first use and kept; the operations of a setting are interpreted from its
 * Hall symbol on first request and cached.
 *
 * <h2>Defaults</h2>
 *
 * <p>A space-group number or a Hermann–Mauguin symbol without a setting suffix resolves to the first
 * setting the International Tables list for it, which is the lowest Hall number: for monoclinic
 * groups unique axis b and cell choice 1 ({@code P 1 21/c 1}); for the 24 groups with two origins
 * <b>origin choice 1</b> ({@code F d -3 m} is Hall {@code F 4d 2 3 -1d}); for the seven rhombohedral
 * groups <b>hexagonal axes</b> ({@code R -3 m} is Hall {@code -R 3 2"}, 36 operations). This is what
 * pymatgen 2022.11 assumes too ({@code SpaceGroup("Fd-3m")}, {@code SpaceGroup.from_int_number(n)}
 * and {@code CifParser} choose the same operations for every number and for these symbols), so
 * structures read from CIFs that give only a symbol agree with pymatgen's. One exception is
 * deliberate: pymatgen reads the former symbol {@code C c c a} (No. 68) in origin choice 2, because
 * its table lists {@code C c c e} for choice 1 and {@code C c c a} only for choice 2; here {@code C c c
 * a}, like every other symbol, means origin choice 1 unless {@code :2} (or {@code Z}) is given.
 */
public final class SpaceGroups {

  private static final String RESOURCE = "space-group-settings.tsv";

  /**
   * Symbols of ITA (1983) replaced by the double-glide symbol {@code e} in ITA (2002), which still
   * gives them in its Table 4.3.2.1; keyed by number and axis permutation (the setting code without
   * its origin-choice digit). Each is the former standard symbol (Abm2, Aba2, Cmca, Cmma, Ccca)
   * relabelled by the setting's axis permutation.
   */
  private static final Map<String, String> FORMER = Map.ofEntries(
      Map.entry("39:", "Abm2"), Map.entry("39:ba-c", "Bma2"), Map.entry("39:cab", "B2cm"),
      Map.entry("39:-cba", "C2mb"), Map.entry("39:bca", "Cm2a"), Map.entry("39:a-cb", "Ac2m"),
      Map.entry("41:", "Aba2"), Map.entry("41:ba-c", "Bba2"), Map.entry("41:cab", "B2cb"),
      Map.entry("41:-cba", "C2cb"), Map.entry("41:bca", "Cc2a"), Map.entry("41:a-cb", "Ac2a"),
      Map.entry("64:", "Cmca"), Map.entry("64:ba-c", "Ccmb"), Map.entry("64:cab", "Abma"),
      Map.entry("64:-cba", "Acam"), Map.entry("64:bca", "Bbcm"), Map.entry("64:a-cb", "Bmab"),
      Map.entry("67:", "Cmma"), Map.entry("67:ba-c", "Cmmb"), Map.entry("67:cab", "Abmm"),
      Map.entry("67:-cba", "Acmm"), Map.entry("67:bca", "Bmcm"), Map.entry("67:a-cb", "Bmam"),
      Map.entry("68:", "Ccca"), Map.entry("68:ba-c", "Cccb"), Map.entry("68:cab", "Abaa"),
      Map.entry("68:-cba", "Acaa"), Map.entry("68:bca", "Bbcb"), Map.entry("68:a-cb", "Bbab"));

  /**
   * Further spellings found in CIF-producing tables, by Hall number: the COD symmetry table (also
   * shipped by pymatgen) names the -cba setting of No. 41 {@code C 2 e b}, where ITA writes {@code C 2
   * c e} (formerly {@code C 2 c b}).
   */
  private static final Map<Integer, List<String>> OTHER_SPELLINGS = Map.of(206, List.of("C2eb"));

  private SpaceGroups() {}

  /** All 530 settings in Hall-number order. */
  public static List<SpaceGroupSetting> all() {
    return Table.INSTANCE.settings;
  }

  /** The settings of one space-group type, standard first; empty for a number outside 1..230. */
  public static List<SpaceGroupSetting> settingsOf(int number) {
    return Table.INSTANCE.byNumber.getOrDefault(number, List.of());
  }

  /** The setting with the given Hall number 1..530; empty outside that range. */
  public static Optional<SpaceGroupSetting> byHallNumber(int hallNumber) {
    List<SpaceGroupSetting> s = Table.INSTANCE.settings;
    return hallNumber >= 1 && hallNumber <= s.size()
        ? Optional.of(s.get(hallNumber - 1))
        : Optional.empty();
  }

  /**
   * The standard setting of a space-group type: its first setting in the International Tables
   * (lowest Hall number) — unique axis b and cell choice 1 for monoclinic groups, origin choice 1,
   * hexagonal axes for rhombohedral groups; the same as {@link #byHermannMauguin(String)} gives for
   * the bare short symbol and as pymatgen's {@code SpaceGroup.from_int_number}.
   *
   * @param number space-group number 1..230
   * @return the setting, empty for a number outside 1..230
   */
  public static Optional<SpaceGroupSetting> byNumber(int number) {
    List<SpaceGroupSetting> s = settingsOf(number);
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
  }

  /**
   * The setting of a Hall symbol.
   *
   * <p>Steps:
   *
   * <ol>
   *   <li>Compare the symbol with the table's Hall symbols ignoring case, enclosing quotes, and the
   *       number of spaces or underscores between components ({@code -p  2YBC} and {@code -P_2ybc}
   *       are {@code -P 2ybc}). Three symbols are listed twice (e.g. {@code C 2 2 -1bc} for Ccce :1
   *       and its ba-c setting); the lower Hall number is returned.
   *   <li>Otherwise interpret the symbol ({@link HallSymbol#operations(String)}) and return the
   *       setting with exactly the same operations, so that other spellings ({@code -P2ybc}) and
   *       equivalent symbols such as {@code P 31 2 (0 0 4)} for {@code P 31 2c (0 0 1)} are found.
   * </ol>
   *
   * @return the setting; empty for a symbol that cannot be interpreted or whose operations are in no
   *     tabulated setting
   */
  public static Optional<SpaceGroupSetting> byHallSymbol(String hallSymbol) {
    if (hallSymbol == null || hallSymbol.isBlank()) {
      return Optional.empty();
    }
    Table t = Table.INSTANCE;
    SpaceGroupSetting s = t.byHallText.get(HallSymbol.normalise(hallSymbol));
    if (s != null) {
      return Optional.of(s);
    }
    Set<SymmetryOperation> ops;
    try {
      ops = new HashSet<>(HallSymbol.operations(hallSymbol));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(t.byOperations().get(ops));
  }

  /**
   * The setting of a Hermann–Mauguin symbol, tolerant of the ways CIF files write it.
   *
   * <p>Steps:
   *
   * <ol>
   *   <li>Strip enclosing quotes; read U+2212 as {@code -}; drop the CIF subscript markup {@code ~}
   *       ({@code P2~1~/c}) and underscores ({@code P2_1/c}).
   *   <li>Split off a setting suffix: the text after a colon ({@code :1}, {@code :2}, {@code :H},
   *       {@code :R}, {@code :S}, {@code :Z}, or a setting code such as {@code :b1}, {@code :ba-c},
   *       {@code :2cab}); else a last separate word {@code H}, {@code R}, {@code S} or {@code Z}
   *       ({@code R -3 m H}); else one such capital letter glued to the end ({@code R-3mR}).
   *   <li>Compact the rest: remove whitespace, capitalise the lattice letter and lower-case the rest
   *       ({@code P 1 21/c 1} → {@code P121/c1}, {@code PNMA} → {@code Pnma}).
   *   <li>Look the compact symbol up among the names of every setting: spglib's short, full and
   *       alternative symbols, the extended symbols of {@link
   *       SpaceGroupSetting#universalHermannMauguin()}, the short monoclinic symbols of each unique
   *       axis and cell choice ({@code P 21/n} for {@code P 1 21/n 1}; b before c before a), the short
   *       orthorhombic symbols derived from the full ones, the former symbols of the groups now
   *       written with {@code e} ({@code Cmca}, {@code Abm2}, {@code Ccca}...), and the COD table's
   *       {@code C 2 e b}. If nothing matches, try the pre-1983 cubic spelling without the bar
   *       ({@code Fm3m}, {@code F d 3 m}, {@code Pa3}, {@code Ia3d}).
   *   <li>Choose among the matching settings with the suffix: {@code 1} or {@code S} selects origin
   *       choice 1; {@code 2} or {@code Z} origin choice 2; {@code H} hexagonal and {@code R}
   *       rhombohedral axes; any other suffix must equal a setting code (exactly, else ignoring
   *       case). An origin or axes suffix that the group does not distinguish is ignored ({@code P
   *       42/m m c S}, {@code P 6/m m m H}); one that matches no setting of a group that does
   *       distinguish it ({@code F d -3 m :3}), or an unknown setting code, gives no result.
   *   <li>Without suffix (or with one that is ignored), the default is the first match in this order:
   *       origin choice 1 before 2, a tabulated name before a derived one, then the lower Hall number
   *       — see the class description for what this means and why.
   * </ol>
   *
   * @return the setting; empty for an unknown symbol or setting suffix
   */
  public static Optional<SpaceGroupSetting> byHermannMauguin(String symbol) {
    if (symbol == null) {
      return Optional.empty();
    }
    String s = symbol.strip();
    if (s.length() >= 2
        && (s.charAt(0) == '\'' || s.charAt(0) == '"')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1).strip();
    }
    s = s.replace('\u2212', '-').replace("~", "").replace("_", "");
    String suffix = null;
    int colon = s.lastIndexOf(':');
    if (colon >= 0) {
      suffix = s.substring(colon + 1).strip();
      s = s.substring(0, colon).strip();
    } else {
      String[] words = s.split("\\s+");
      String last = words[words.length - 1];
      if (words.length > 1 && last.length() == 1 && "HRSZhrsz".indexOf(last.charAt(0)) >= 0) {
        suffix = last;
        s = s.substring(0, s.length() - 1).strip();
      } else if (words.length == 1 && s.length() >= 3 && "HRSZ".indexOf(s.charAt(s.length() - 1)) >= 0) {
        suffix = s.substring(s.length() - 1);
        s = s.substring(0, s.length() - 1);
      }
    }
    String key = compact(s);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Table t = Table.INSTANCE;
    List<Candidate> candidates = t.byHermannMauguin.get(key);
    if (candidates == null) {
      String cubic = key.replaceFirst("(?<=[mnabcd])3", "-3");
      List<Candidate> c = t.byHermannMauguin.get(cubic);
      if (!cubic.equals(key) && c != null && c.get(0).setting.number() >= 195) {
        candidates = c;
      }
    }
    if (candidates == null) {
      return Optional.empty();
    }
    return select(candidates, suffix);
  }

  private static Optional<SpaceGroupSetting> select(List<Candidate> candidates, String suffix) {
    if (suffix == null || suffix.isEmpty()) {
      return Optional.of(candidates.get(0).setting);
    }
    String u = suffix.toUpperCase(Locale.ROOT);
    int origin = u.equals("1") || u.equals("S") ? 1 : u.equals("2") || u.equals("Z") ? 2 : 0;
    String axes = u.equals("H") || u.equals("R") ? u : null;
    for (Candidate c : candidates) {
      SpaceGroupSetting s = c.setting;
      if (origin != 0 ? s.originChoice() == origin
          : axes != null ? s.choice().equals(axes)
          : s.choice().equals(suffix)) {
        return Optional.of(s);
      }
    }
    if (origin == 0 && axes == null) {
      for (Candidate c : candidates) {
        if (c.setting.choice().equalsIgnoreCase(suffix)) {
          return Optional.of(c.setting);
        }
      }
      return Optional.empty();
    }
    boolean distinguishes = false;
    for (Candidate c : candidates) {
      SpaceGroupSetting s = c.setting;
      distinguishes |= origin != 0 ? s.originChoice() != 0 : s.choice().equals("H") || s.choice().equals("R");
    }
    return distinguishes ? Optional.empty() : Optional.of(candidates.get(0).setting);
  }

  /** Compact look-up key: no whitespace, lattice letter upper case, the rest lower case. */
  static String compact(String symbol) {
    String s = symbol.replaceAll("[\\s_~]+", "");
    if (s.isEmpty()) {
      return s;
    }
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
  }

  /**
   * Splits a compact Hermann–Mauguin symbol ({@code P2_1/c}, {@code Fd-3m}, {@code P-42_1c}) into
   * the lattice letter and the symbols of its symmetry directions ({@code P}, {@code 2_1/c}).
   */
  static List<String> tokens(String compactSymbol) {
    String s = compactSymbol.replace(" ", "");
    List<String> out = new ArrayList<>();
    out.add(s.substring(0, 1));
    int i = 1;
    int n = s.length();
    while (i < n) {
      int start = i;
      if (s.charAt(i) == '-') {
        i++;
      }
      if (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        if (i + 1 < n && s.charAt(i) == '_' && Character.isDigit(s.charAt(i + 1))) {
          i += 2;
        }
        if (i + 1 < n && s.charAt(i) == '/') {
          i += 2;
        }
      } else {
        i++;
      }
      out.add(s.substring(start, i));
    }
    return out;
  }

  /** The former symbol of a setting of No. 39, 41, 64, 67 or 68, else {@code null}. */
  static String formerSymbol(SpaceGroupSetting s) {
    String axes = s.originChoice() != 0 ? s.choice().substring(1) : s.choice();
    return FORMER.get(s.number() + ":" + axes);
  }

  static List<SymmetryOperation> operationsOf(SpaceGroupSetting s) {
    Table t = Table.INSTANCE;
    if (t.settings.get(s.hallNumber() - 1).equals(s)) {
      List<SymmetryOperation> ops = t.operations.get(s.hallNumber());
      if (ops == null) {
        ops = HallSymbol.operations(s.hallSymbol());
        if (!t.operations.compareAndSet(s.hallNumber(), null, ops)) {
          ops = t.operations.get(s.hallNumber());
        }
      }
      return ops;
    }
    return HallSymbol.operations(s.hallSymbol());
  }

  /** A setting with the rank of the name it was found under (0 tabulated, 1 derived). */
  private record Candidate(SpaceGroupSetting setting, int tier) {}

  private static final class Table {
    static final Table INSTANCE = load();

    final List<SpaceGroupSetting> settings;
    final Map<Integer, List<SpaceGroupSetting>> byNumber;
    final Map<String, SpaceGroupSetting> byHallText;
    final Map<String, List<Candidate>> byHermannMauguin;
    final AtomicReferenceArray<List<SymmetryOperation>> operations;
    private volatile Map<Set<SymmetryOperation>, SpaceGroupSetting> byOperations;

    private Table(
        List<SpaceGroupSetting> settings,
        Map<Integer, List<SpaceGroupSetting>> byNumber,
        Map<String, SpaceGroupSetting> byHallText,
        Map<String, List<Candidate>> byHermannMauguin) {
      this.settings = settings;
      this.byNumber = byNumber;
      this.byHallText = byHallText;
      this.byHermannMauguin = byHermannMauguin;
      this.operations = new AtomicReferenceArray<>(settings.size() + 1);
    }

    Map<Set<SymmetryOperation>, SpaceGroupSetting> byOperations() {
      Map<Set<SymmetryOperation>, SpaceGroupSetting> m = byOperations;
      if (m == null) {
        m = new HashMap<>();
        for (SpaceGroupSetting s : settings) {
          m.putIfAbsent(Set.copyOf(s.operations()), s);
        }
        m = Collections.unmodifiableMap(m);
        byOperations = m;
      }
      return m;
    }

    private static Table load() {
      List<SpaceGroupSetting> settings = new ArrayList<>();
      List<String> alternatives = new ArrayList<>();
      try (InputStream in = SpaceGroups.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " is missing beside " + SpaceGroups.class.getName());
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNumber = 0;
        while ((line = r.readLine()) != null) {
          lineNumber++;
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\t", -1);
          if (f.length != 7) {
            throw new IllegalStateException(
                RESOURCE + " line " + lineNumber + " has " + f.length + " columns, expected 7");
          }
          int hall;
          int number;
          try {
            hall = Integer.parseInt(f[0]);
            number = Integer.parseInt(f[1]);
          } catch (NumberFormatException e) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": " + e.getMessage(), e);
          }
          if (hall != settings.size() + 1) {
            throw new IllegalStateException(
                RESOURCE + " line " + lineNumber + " has Hall number " + hall + ", expected " + (settings.size() + 1));
          }
          settings.add(new SpaceGroupSetting(hall, number, f[3], f[4], f[5], f[2]));
          alternatives.add(f[6]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      if (settings.size() != SpaceGroupSetting.HALL_SETTING_COUNT) {
        throw new IllegalStateException(
            RESOURCE + " has " + settings.size() + " settings, expected " + SpaceGroupSetting.HALL_SETTING_COUNT);
      }
      Map<Integer, List<SpaceGroupSetting>> byNumber = new HashMap<>();
      Map<String, SpaceGroupSetting> byHallText = new HashMap<>();
      Map<String, Map<SpaceGroupSetting, Integer>> names = new HashMap<>();
      for (int i = 0; i < settings.size(); i++) {
        SpaceGroupSetting s = settings.get(i);
        byNumber.computeIfAbsent(s.number(), k -> new ArrayList<>()).add(s);
        byHallText.putIfAbsent(HallSymbol.normalise(s.hallSymbol()), s);
        // tabulated names
        addName(names, s.hermannMauguinShort(), s, 0);
        addName(names, s.hermannMauguinFull(), s, 0);
        for (String piece : alternatives.get(i).split("=")) {
          addName(names, piece, s, 0);
        }
        String universal = s.universalHermannMauguin();
        int colon = universal.indexOf(':');
        addName(names, colon >= 0 ? universal.substring(0, colon) : universal, s, 0);
        // derived names
        List<String> full = List.of(s.hermannMauguinFull().split(" "));
        if (s.number() >= 3 && s.number() <= 15) {
          StringBuilder sb = new StringBuilder();
          for (String tok : full) {
            if (!tok.equals("1")) {
              sb.append(tok);
            }
          }
          addName(names, sb.toString(), s, 1);
        }
        if (s.number() >= 47 && s.number() <= 74) {
          StringBuilder sb = new StringBuilder();
          for (String tok : full) {
            int slash = tok.indexOf('/');
            sb.append(slash >= 0 ? tok.substring(slash + 1) : tok);
          }
          addName(names, sb.toString(), s, 1);
        }
        for (String other : OTHER_SPELLINGS.getOrDefault(s.hallNumber(), List.of())) {
          addName(names, other, s, 1);
        }
        String former = formerSymbol(s);
        if (former != null) {
          addName(names, former, s, 1);
          List<String> ft = tokens(former);
          StringBuilder sb = new StringBuilder(full.get(0));
          for (int k = 1; k < full.size(); k++) {
            String tok = full.get(k);
            sb.append(tok.endsWith("e") ? tok.substring(0, tok.length() - 1) + ft.get(k) : tok);
          }
          addName(names, sb.toString(), s, 1);
        }
      }
      Comparator<Candidate> order =
          Comparator.<Candidate>comparingInt(c -> c.setting.originChoice() == 2 ? 1 : 0)
              .thenComparingInt(Candidate::tier)
              .thenComparingInt(c -> c.setting.hallNumber());
      Map<String, List<Candidate>> byHm = new HashMap<>();
      for (Map.Entry<String, Map<SpaceGroupSetting, Integer>> e : names.entrySet()) {
        List<Candidate> list = new ArrayList<>();
        e.getValue().forEach((s, tier) -> list.add(new Candidate(s, tier)));
        list.sort(order);
        byHm.put(e.getKey(), List.copyOf(list));
      }
      Map<Integer, List<SpaceGroupSetting>> frozen = new HashMap<>();
      byNumber.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new Table(
          List.copyOf(settings),
          Map.copyOf(frozen),
          Map.copyOf(byHallText),
          Map.copyOf(byHm));
    }

    private static void addName(
        Map<String, Map<SpaceGroupSetting, Integer>> names, String name, SpaceGroupSetting s, int tier) {
      String key = compact(name.strip());
      if (key.isEmpty()) {
        return;
      }
      names.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(s, tier, Math::min);
    }
  }
}
