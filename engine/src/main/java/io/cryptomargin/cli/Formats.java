package io.cryptomargin.cli;

import java.util.Locale;

/** Output formats and number formatting shared by the commands. */
final class Formats {
  /** Human-readable table or machine-readable JSON. */
  enum TableOrJson { TABLE, JSON }

  /** Risk-array output. */
  enum JsonOrCsv { JSON, CSV }

  private Formats() {}

  /** A number with significant digits, independent of the user's locale. */
  static String num(double x) {
    return String.format(Locale.ROOT, "%.10g", x).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
        .replaceAll("\\.$", "");
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
