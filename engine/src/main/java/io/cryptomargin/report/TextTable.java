package io.cryptomargin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table with aligned columns: text left-aligned, numbers right-aligned. */
public final class TextTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] numeric;

  /** A table with these column headers. */
  public TextTable(String... headers) {
    this.headers = List.of(headers);
    this.numeric = new boolean[headers.length];
  }

  /** Adds a row; numbers are formatted with thousands separators and the given decimals. */
  public TextTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size());
    }
    List<String> row = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      Object cell = cells[i];
      if (cell instanceof Number || looksNumeric(String.valueOf(cell))) {
        numeric[i] = true;
      }
      row.add(cell instanceof Double d ? number(d, 2) : String.valueOf(cell));
    }
    rows.add(row);
    return this;
  }

  private static boolean looksNumeric(String text) {
    return text.matches("-?[\\d,]+(\\.\\d+)?%?") || text.equals("n/a");
  }

  /** A number for display: thousands separators, fixed decimals, "n/a" when unknown. */
  public static String number(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    double rounded = Math.abs(value) < 0.5 * Math.pow(10, -decimals) ? 0.0 : value;
    return String.format(Locale.ROOT, "%,." + decimals + "f", rounded);
  }

  /** A fraction as a percentage for display. */
  public static String percent(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "n/a";
  }

  @Override
  public String toString() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.append(rule).append('\n');
    rows.forEach(row -> line(out, row, widths));
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
