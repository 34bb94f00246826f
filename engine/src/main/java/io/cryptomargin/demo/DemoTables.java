package io.cryptomargin.demo;

import io.cryptomargin.book.ParameterSetRef;
import io.cryptomargin.comparison.Saving;
import io.cryptomargin.report.TextTable;
import java.util.ArrayList;
import java.util.List;

/** The demo as plain-text tables. */
public final class DemoTables {
  private DemoTables() {}

  /**
   * Every section as two aligned tables (capital consumed; savings and gains) with its findings,
   * then the legend.
   */
  public static String text(DemoReport report) {
    StringBuilder out = new StringBuilder();
    out.append("cryptomargin demo: rules models ")
        .append(names(report.rulesModels()))
        .append(" vs portfolio models ")
        .append(names(report.portfolioModels()))
        .append('\n');
    out.append("Collateral: ").append(report.collateral()).append(".\n");
    List<String> models = new ArrayList<>();
    report.rulesModels().forEach(m -> models.add(m.id()));
    report.portfolioModels().forEach(m -> models.add(m.id()));
    for (DemoSection section : report.sections()) {
      out.append('\n').append(section.title()).append('\n');
      out.append("Market: ").append(section.market()).append("\n\n");
      List<String> header = new ArrayList<>(List.of("Capital consumed (USD)"));
      header.addAll(models);
      header.add("Recognized (strategy-based)");
      TextTable consumed = new TextTable(header.toArray(String[]::new));
      for (DemoRow row : section.rows()) {
        List<Object> cells = new ArrayList<>(List.of(row.name()));
        models.forEach(m -> cells.add(TextTable.number(row.model(m).capitalConsumedUsd(), 0)));
        cells.add(row.recognized().isEmpty() ? "-" : String.join("; ", row.recognized()));
        consumed.row(cells.toArray());
      }
      out.append(consumed).append('\n');
      List<String> savingHeader = new ArrayList<>(List.of("Saving USD (gain)"));
      for (ParameterSetRef pm : report.portfolioModels()) {
        for (ParameterSetRef rules : report.rulesModels()) {
          savingHeader.add(pm.id() + " vs " + rules.id());
        }
      }
      TextTable savings = new TextTable(savingHeader.toArray(String[]::new));
      for (DemoRow row : section.rows()) {
        List<Object> cells = new ArrayList<>(List.of(row.name()));
        for (ParameterSetRef pm : report.portfolioModels()) {
          for (ParameterSetRef rules : report.rulesModels()) {
            cells.add(saving(row.saving(pm.id(), rules.id())));
          }
        }
        savings.row(cells.toArray());
      }
      out.append(savings);
      if (!section.findings().isEmpty()) {
        out.append("Where a portfolio model ties up more (findings, not tuned away):\n");
        section.findings().forEach(f -> out.append("  - ").append(f).append('\n'));
      }
      out.append("Legs:\n");
      for (DemoRow row : section.rows()) {
        if (row.role() != RowRole.TOTAL && row.role() != RowRole.INCREMENT) {
          out.append("  ")
              .append(row.name())
              .append(": ")
              .append(String.join(", ", row.legs()))
              .append('\n');
        }
      }
    }
    out.append("\nLegend:\n");
    report.legend().forEach(line -> out.append("  ").append(line).append('\n'));
    return out.toString();
  }

  private static String saving(Saving s) {
    return TextTable.number(s.savingUsd(), 0)
        + (Double.isNaN(s.capitalEfficiencyGain())
            ? " (n/a)"
            : " (" + TextTable.percent(s.capitalEfficiencyGain()) + ")");
  }

  private static String names(List<ParameterSetRef> refs) {
    return String.join(", ", refs.stream().map(r -> r.id() + " " + r.version()).toList());
  }
}
