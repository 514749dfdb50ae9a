package org.invdes.core.stability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.invdes.core.structure.Element;

/**
 * An element as SMACT's default data describe it, the data CDVAE's {@code smact_validity} (and so
 * the benchmark's composition validity) uses: SMACT's default oxidation states, its Pauling
 * electronegativity, and whether SMACT's list of metals holds it.
 *
 * <p>These differ from this project's element data ({@link Element}, from pymatgen) in places,
 * e.g. SMACT allows Ti +1, Ca +1 and Al +2, counts Ge, Sb and Po as metals but not Pm and Lr, and
 * has no electronegativity for Pm, Rn and Lr. Its Zr value is 0.33 (the CRC value is 1.33), as in
 * the SMACT releases CDVAE and DiffCSP pin (2.2, 2.2.1). The table is the resource {@code
 * smact-elements.tsv} beside this class, whose header states its source and licence (MIT); it is
 * read once, on first use.
 *
 * <p>Immutable; one shared instance per element.
 */
public final class SmactElement {

  private static final String RESOURCE = "smact-elements.tsv";

  private final Element element;
  private final List<Integer> oxidationStates;
  private final double electronegativity;
  private final boolean metal;

  private SmactElement(Element element, List<Integer> oxidationStates, double electronegativity,
      boolean metal) {
    this.element = element;
    this.oxidationStates = oxidationStates;
    this.electronegativity = electronegativity;
    this.metal = metal;
  }

  /**
   * @param element any element Z = 1..{@value Element#MAX_NUMBER}
   * @return SMACT's data for it (a shared instance)
   */
  public static SmactElement of(Element element) {
    Objects.requireNonNull(element, "element");
    return Table.BY_NUMBER.get(element.number() - 1);
  }

  /** @return the element */
  public Element element() {
    return element;
  }

  /**
   * @return SMACT's default oxidation states ({@code smact.Element.oxidation_states}), ascending,
   *     unmodifiable; empty for He, Ne and Ar
   */
  public List<Integer> oxidationStates() {
    return oxidationStates;
  }

  /**
   * @return SMACT's Pauling electronegativity ({@code smact.Element.pauling_eneg},
   *     dimensionless), or NaN where SMACT has none (He, Ne, Ar, Pm, Rn, Lr)
   */
  public double electronegativity() {
    return electronegativity;
  }

  /** @return whether SMACT has an electronegativity for the element */
  public boolean hasElectronegativity() {
    return !Double.isNaN(electronegativity);
  }

  /** @return whether the element is in SMACT's list of metals ({@code smact.metals}) */
  public boolean isMetal() {
    return metal;
  }

  @Override
  public String toString() {
    return "SmactElement[" + element.symbol() + ", oxidation states " + oxidationStates
        + ", electronegativity " + (hasElectronegativity() ? electronegativity : "none")
        + (metal ? ", metal]" : "]");
  }

  /** The table, read on first use. */
  private static final class Table {
    static final List<SmactElement> BY_NUMBER = load();
  }

  private static List<SmactElement> load() {
    InputStream in = SmactElement.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          "resource " + RESOURCE + " not found beside " + SmactElement.class.getName());
    }
    SmactElement[] rows = new SmactElement[Element.MAX_NUMBER];
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        SmactElement row = parse(text, line);
        int index = row.element.number() - 1;
        if (rows[index] != null) {
          throw error(line, "element " + row.element.symbol() + " listed twice");
        }
        rows[index] = row;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null) {
        throw new IllegalStateException(
            RESOURCE + " has no row for Z = " + (i + 1) + " (" + Element.ofNumber(i + 1) + ")");
      }
    }
    return List.of(rows);
  }

  private static SmactElement parse(String text, int line) {
    String[] f = text.split("\t", -1);
    if (f.length != 5) {
      throw error(line, f.length + " columns, expected 5 (Z, symbol, oxidation_states,"
          + " pauling_electronegativity, metal)");
    }
    Element element;
    try {
      element = Element.ofNumber(Integer.parseInt(f[0]));
    } catch (IllegalArgumentException e) {
      throw error(line, "atomic number '" + f[0] + "' is not one of 1.." + Element.MAX_NUMBER);
    }
    if (!element.symbol().equals(f[1])) {
      throw error(line, "symbol '" + f[1] + "' does not belong to Z = " + f[0] + " ("
          + element.symbol() + ")");
    }
    List<Integer> states = new ArrayList<>();
    if (!f[2].isEmpty()) {
      for (String s : f[2].split(",")) {
        int o;
        try {
          o = Integer.parseInt(s);
        } catch (NumberFormatException e) {
          throw error(line, "oxidation state '" + s + "' is not an integer");
        }
        if (o == 0 || (!states.isEmpty() && o <= states.get(states.size() - 1))) {
          throw error(line, "oxidation states '" + f[2] + "' are not non-zero and ascending");
        }
        states.add(o);
      }
    }
    double x = Double.NaN;
    if (!f[3].isEmpty()) {
      try {
        x = Double.parseDouble(f[3]);
      } catch (NumberFormatException e) {
        throw error(line, "electronegativity '" + f[3] + "' is not a number");
      }
      if (!(x > 0 && x < 10)) {
        throw error(line, "electronegativity " + f[3] + " is outside (0, 10)");
      }
    }
    if (!f[4].equals("0") && !f[4].equals("1")) {
      throw error(line, "metal flag '" + f[4] + "' is neither 0 nor 1");
    }
    return new SmactElement(element, Collections.unmodifiableList(states), x, f[4].equals("1"));
  }

  private static IllegalStateException error(int line, String message) {
    return new IllegalStateException(RESOURCE + " line " + line + ": " + message);
  }
}
