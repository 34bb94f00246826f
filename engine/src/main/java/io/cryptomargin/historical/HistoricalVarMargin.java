package io.cryptomargin.historical;

import io.cryptomargin.book.AccountMargin;
import java.time.LocalDate;
import java.util.List;

/**
 * A {@code historical-var} margin: the account result in the shape every model reports, plus what
 * only historical simulation has.
 *
 * @param account the margin (model {@code historical-var}); per commodity, scanning risk is the
 *     commodity's stand-alone ES and the inter-commodity credit its diversification in the joint ES
 * @param expectedShortfallUsd the account's ES across all underlyings jointly, USD
 * @param valueAtRiskUsd the smallest loss in the ES tail, USD
 * @param confidence the ES confidence
 * @param scenarioCount number of dated scenarios
 * @param tailSize how many worst scenarios the ES averages
 * @param historyFrom first scenario date
 * @param historyThrough last close the model used
 * @param worstScenarios the worst scenarios, worst first, with their dates
 */
public record HistoricalVarMargin(
    AccountMargin account,
    double expectedShortfallUsd,
    double valueAtRiskUsd,
    double confidence,
    int scenarioCount,
    int tailSize,
    LocalDate historyFrom,
    LocalDate historyThrough,
    List<ScenarioLoss> worstScenarios) {
  public HistoricalVarMargin {
    worstScenarios = List.copyOf(worstScenarios);
  }
}
