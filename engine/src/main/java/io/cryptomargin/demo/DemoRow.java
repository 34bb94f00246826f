package io.cryptomargin.demo;

import java.util.List;

/**
 * One line of the demo: a book margined by both models. USD.
 *
 * @param name short name
 * @param legs the book's positions, e.g. {@code -1 BTC_USDC-29MAR24-70000-P}
 * @param role what the row holds
 * @param rulesRequirementUsd rules-based initial margin, USD
 * @param rulesHaircutUsd rules-based haircut on spot held, USD
 * @param rulesConsumedUsd rules requirement + haircut, USD
 * @param portfolioRequirementUsd portfolio initial margin, USD
 * @param portfolioConsumedUsd portfolio capital consumed (its requirement), USD
 * @param capitalEfficiencyGain 1 − PM consumed / rules consumed, fraction (negative when PM consumes more)
 * @param recognized the strategies the rules-based model recognized, e.g. {@code VERTICAL_SPREAD x1: 1,000}
 */
public record DemoRow(String name, List<String> legs, RowRole role, double rulesRequirementUsd,
    double rulesHaircutUsd, double rulesConsumedUsd, double portfolioRequirementUsd, double portfolioConsumedUsd,
    double capitalEfficiencyGain, List<String> recognized) {
  public DemoRow {
    legs = List.copyOf(legs);
    recognized = List.copyOf(recognized);
  }
}
