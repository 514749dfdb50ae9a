package org.invdes.core.symmetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The space-group symbols of the real CIF files in {@code shared/cif-corpus} resolve, and to the
 * space-group number the same file states (the expected values come from the files themselves).
 * Skipped when the shared corpus is not beside the repository.
 */
class CifCorpusSymbolsTest {

  private static final Pattern ITEM = Pattern.compile("^\\s*(_\\S+)\\s+(.+?)\\s*$");
  private static final Set<String> HERMANN_MAUGUIN = Set.of(
      "_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt", "_space_group.name_h-m_alt");
  private static final Set<String> HALL = Set.of(
      "_symmetry_space_group_name_hall", "_space_group_name_hall", "_space_group.name_hall");
  private static final Set<String> NUMBER = Set.of(
      "_symmetry_int_tables_number", "_space_group_it_number", "_space_group.it_number");

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  @Test
  void symbolsOfTheCorpusResolveToTheNumberTheFileStates() throws IOException {
    Path corpus = Fixtures.shared("cif-corpus");
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files = s.filter(p -> p.toString().endsWith(".cif")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Path f : files) {
      List<String> hm = new ArrayList<>();
      List<String> hall = new ArrayList<>();
      Integer number = null;
      for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
        Matcher m = ITEM.matcher(line);
        if (!m.matches()) {
          continue;
        }
        String tag = m.group(1).toLowerCase(Locale.ROOT);
        String value = unquote(m.group(2));
        if (value.equals("?") || value.equals(".")) {
          continue;
        }
        if (HERMANN_MAUGUIN.contains(tag)) {
          hm.add(value);
        } else if (HALL.contains(tag)) {
          hall.add(value);
        } else if (NUMBER.contains(tag) && value.matches("\\d+")) {
          number = Integer.valueOf(value);
        }
      }
      Set<Set<SymmetryOperation>> groups = new HashSet<>();
      for (String s : hm) {
        Optional<SpaceGroupSetting> g = SpaceGroups.byHermannMauguin(s);
        checked++;
        if (g.isEmpty() || (number != null && g.get().number() != number)) {
          failures.add(f.getFileName() + ": H-M '" + s + "' -> " + g.map(SpaceGroupSetting::number) + ", file says " + number);
        } else {
          groups.add(new HashSet<>(g.get().operations()));
        }
      }
      for (String s : hall) {
        Optional<SpaceGroupSetting> g = SpaceGroups.byHallSymbol(s);
        checked++;
        if (g.isEmpty() || (number != null && g.get().number() != number)) {
          failures.add(f.getFileName() + ": Hall '" + s + "' -> " + g.map(SpaceGroupSetting::number) + ", file says " + number);
        } else {
          groups.add(new HashSet<>(g.get().operations()));
        }
      }
      if (groups.size() > 1) {
        failures.add(f.getFileName() + ": its symbols " + hm + " " + hall + " give different operations");
      }
    }
    assertTrue(checked >= 40, "only " + checked + " symbols found in " + corpus);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
