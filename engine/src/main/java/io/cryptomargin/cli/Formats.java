package io.cryptomargin.cli;

import java.util.Locale;

/** Output formats and number formatting shared by the commands. */
final class Formats {
  /** Human-readable table or machine-readable JSON. */
  enum TableOrJson {
    TABLE,
    JSON
  }

  /** Risk-array output. */
  enum JsonOrCsv {
    JSON,
    CSV
  }

  private Formats() {}

  /**
   * The value with negative zero made zero: a put worth nothing or a theta at expiry computes as
   * -0.0, which prints as "-0" and reads as a sign error.
   */
  static double plain(double x) {
    return x == 0.0 ? 0.0 : x;
  }

  /** A number with significant digits, independent of the user's locale; never "-0". */
  static String num(double x) {
    return String.format(Locale.ROOT, "%.10g", plain(x))
        .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
        .replace(".e", "e")
        .replaceAll("\\.$", "");
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
