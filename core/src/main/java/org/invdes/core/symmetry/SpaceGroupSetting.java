package org.invdes.core.symmetry;

import java.util.List;
import java.util.Objects;

/**
 * One of the 530 Hall settings of the 230 space-group types, as tabulated by {@link SpaceGroups}.
 *
 * @param hallNumber the sequential Hall number 1..530 of spglib's table (ITB Table A1.4.2.7 order)
 * @param number the space-group number 1..230 of the International Tables
 * @param hallSymbol the Hall symbol, e.g. {@code -P 2ybc} or {@code -F 4vw 2vw 3}
 * @param hermannMauguinShort the short Hermann–Mauguin symbol as spglib gives it, subscripts written
 *     with an underscore, e.g. {@code P2_1/c}, {@code Pbnm}, {@code Fd-3m}. For the monoclinic
 *     groups (3–15) it names the type in its standard setting for every cell choice and unique axis
 *     (the full symbol tells the setting); for the other groups it belongs to the setting
 * @param hermannMauguinFull the full Hermann–Mauguin symbol of the setting, e.g. {@code P 1 2_1/c 1},
 *     {@code F 4_1/d -3 2/m}
 * @param choice the setting code, empty for a group with one setting: monoclinic unique axis and cell
 *     choice ({@code b}, {@code c1}, {@code -a3}...), orthorhombic axis permutation ({@code ba-c},
 *     {@code cab}, {@code -cba}, {@code bca}, {@code a-cb}), origin choice ({@code 1}, {@code 2},
 *     possibly followed by a permutation such as {@code 2cab}), or rhombohedral axes ({@code H}
 *     hexagonal, {@code R} rhombohedral)
 */
public record SpaceGroupSetting(
    int hallNumber,
    int number,
    String hallSymbol,
    String hermannMauguinShort,
    String hermannMauguinFull,
    String choice) {

  /** Number of Hall settings in the International Tables' list. */
  public static final int HALL_SETTING_COUNT = 530;

  /** Number of space-group types. */
  public static final int SPACE_GROUP_COUNT = 230;

  /** Validates the components; see the record description for their meaning. */
  public SpaceGroupSetting {
    if (hallNumber < 1 || hallNumber > HALL_SETTING_COUNT) {
      throw new IllegalArgumentException(
          "Hall number " + hallNumber + " is outside 1.." + HALL_SETTING_COUNT);
    }
    if (number < 1 || number > SPACE_GROUP_COUNT) {
      throw new IllegalArgumentException(
          "space-group number " + number + " of Hall setting " + hallNumber + " is outside 1.."
              + SPACE_GROUP_COUNT);
    }
    requireText(hallSymbol, "Hall symbol", hallNumber);
    requireText(hermannMauguinShort, "short Hermann-Mauguin symbol", hallNumber);
    requireText(hermannMauguinFull, "full Hermann-Mauguin symbol", hallNumber);
    Objects.requireNonNull(choice, "choice code of Hall setting " + hallNumber + " is null");
  }

  private static void requireText(String value, String what, int hallNumber) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "the " + what + " of Hall setting " + hallNumber + " is " + (value == null ? "null" : "blank"));
    }
  }

  /**
   * All operations of this setting modulo lattice translations (centring translations included),
   * interpreted from the Hall symbol by {@link HallSymbol#operations(String)} on first use and
   * cached for the settings of the {@link SpaceGroups} table.
   */
  public List<SymmetryOperation> operations() {
    return SpaceGroups.operationsOf(this);
  }

  /**
   * The origin choice 1 or 2 for the 24 groups the International Tables describe with two origins
   * (e.g. Fd-3m, Pnnn), 0 otherwise.
   */
  public int originChoice() {
    return !choice.isEmpty() && (choice.charAt(0) == '1' || choice.charAt(0) == '2')
        ? choice.charAt(0) - '0'
        : 0;
  }

  /**
   * The extended Hermann–Mauguin symbol of this setting as written in CIF {@code
   * _space_group.name_H-M_alt}: components separated by spaces, subscripts without underscore, the
   * full symbol for monoclinic settings ({@code P 1 21/c 1}), and {@code :1}/{@code :2} for the
   * origin choice or {@code :H}/{@code :R} for the axes of rhombohedral groups ({@code F d -3 m :2},
   * {@code R -3 m :H}). Where the symbol with the double glide {@code e} does not distinguish
   * settings with different operations (Cmme, and Ccce in origin choice 2), the former symbol that
   * does is used ({@code C m m b}, {@code C c c b :2}), as in the COD/pymatgen tables. {@link
   * SpaceGroups#byHermannMauguin(String)} reads every such symbol back to this setting's operations.
   */
  public String universalHermannMauguin() {
    String symbol;
    if (number >= 3 && number <= 15) {
      symbol = hermannMauguinFull;
    } else {
      String former = SpaceGroups.formerSymbol(this);
      symbol =
          former != null && (number == 67 || (number == 68 && originChoice() == 2))
              ? String.join(" ", SpaceGroups.tokens(former))
              : String.join(" ", SpaceGroups.tokens(hermannMauguinShort));
    }
    symbol = symbol.replace("_", "");
    if (originChoice() != 0) {
      symbol += " :" + originChoice();
    } else if (choice.equals("H") || choice.equals("R")) {
      symbol += " :" + choice;
    }
    return symbol;
  }
}
