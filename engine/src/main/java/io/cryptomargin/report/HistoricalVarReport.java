package io.cryptomargin.report;

import io.cryptomargin.historical.HistoricalVarMargin;
import io.cryptomargin.historical.ScenarioLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The historical-var margin report: the common margin report, then the ES and the worst dated
 * scenarios.
 */
public final class HistoricalVarReport {
  private HistoricalVarReport() {}

  /** The full report as text. */
  public static String text(HistoricalVarMargin margin) {
    StringBuilder out = new StringBuilder(MarginReport.text(margin.account()));
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "Expected shortfall %s%%: %s USD (mean of the %d worst of %d dated scenarios, "
                + "%s to %s); VaR %s USD%n",
            TextTable.number(margin.confidence() * 100, 2),
            TextTable.number(margin.expectedShortfallUsd(), 2),
            margin.tailSize(),
            margin.scenarioCount(),
            margin.historyFrom(),
            margin.historyThrough(),
            TextTable.number(margin.valueAtRiskUsd(), 2)));
    List<String> coins =
        margin.worstScenarios().isEmpty()
            ? List.of()
            : new ArrayList<>(margin.worstScenarios().get(0).priceMoves().keySet());
    List<String> headers = new ArrayList<>(List.of("rank", "date", "source", "loss USD"));
    coins.forEach(c -> headers.add(c + " move"));
    TextTable table = new TextTable(headers.toArray(String[]::new));
    int rank = 1;
    for (ScenarioLoss s : margin.worstScenarios()) {
      List<Object> row =
          new ArrayList<>(
              List.of(
                  rank++,
                  s.date().toString(),
                  s.source().name().toLowerCase(Locale.ROOT),
                  s.lossUsd()));
      coins.forEach(c -> row.add(TextTable.percent(s.priceMoves().get(c))));
      table.row(row.toArray());
    }
    out.append(table);
    return out.toString();
  }

  /**
   * The result as plain values (dates as ISO strings) for a JSON writer: {@code account} (the
   * common margin result), then the ES fields and {@code worstScenarios}.
   */
  public static Map<String, Object> plain(HistoricalVarMargin margin) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("account", margin.account());
    root.put("expectedShortfallUsd", margin.expectedShortfallUsd());
    root.put("valueAtRiskUsd", margin.valueAtRiskUsd());
    root.put("confidence", margin.confidence());
    root.put("scenarioCount", margin.scenarioCount());
    root.put("tailSize", margin.tailSize());
    root.put("historyFrom", margin.historyFrom().toString());
    root.put("historyThrough", margin.historyThrough().toString());
    List<Map<String, Object>> worst = new ArrayList<>();
    for (ScenarioLoss s : margin.worstScenarios()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("date", s.date().toString());
      row.put("source", s.source().name());
      row.put("lossUsd", s.lossUsd());
      row.put("priceMoves", s.priceMoves());
      worst.add(row);
    }
    root.put("worstScenarios", worst);
    return root;
  }
}
