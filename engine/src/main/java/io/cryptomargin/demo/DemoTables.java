package io.cryptomargin.demo;

import io.cryptomargin.report.TextTable;

/** The demo as plain-text tables. */
public final class DemoTables {
  private DemoTables() {}

  /** Every section as an aligned table with its market line, then the legend. */
  public static String text(DemoReport report) {
    StringBuilder out = new StringBuilder();
    out.append("cryptomargin demo: rules-based (").append(report.rulesModel().id()).append(' ')
        .append(report.rulesModel().version()).append(") vs portfolio margin (").append(report.portfolioModel().id())
        .append(' ').append(report.portfolioModel().version()).append(")\n");
    out.append("Collateral: ").append(report.collateral()).append(".\n");
    for (DemoSection section : report.sections()) {
      out.append('\n').append(section.title()).append('\n');
      out.append("Market: ").append(section.market()).append("\n\n");
      TextTable table = new TextTable("Structure", "Rules IM (USD)", "Haircut (USD)", "Rules consumed (USD)",
          "PM IM (USD)", "PM consumed (USD)", "Gain", "Recognized (rules)");
      for (DemoRow row : section.rows()) {
        table.row(row.name(), TextTable.number(row.rulesRequirementUsd(), 0), TextTable.number(row.rulesHaircutUsd(), 0),
            TextTable.number(row.rulesConsumedUsd(), 0), TextTable.number(row.portfolioRequirementUsd(), 0),
            TextTable.number(row.portfolioConsumedUsd(), 0), TextTable.percent(row.capitalEfficiencyGain()),
            row.recognized().isEmpty() ? "-" : String.join("; ", row.recognized()));
      }
      out.append(table);
      out.append("Legs:\n");
      for (DemoRow row : section.rows()) {
        if (row.role() != RowRole.TOTAL) {
          out.append("  ").append(row.name()).append(": ").append(String.join(", ", row.legs())).append('\n');
        }
      }
    }
    out.append("\nLegend:\n");
    report.legend().forEach(line -> out.append("  ").append(line).append('\n'));
    return out.toString();
  }
}
