package io.cryptomargin.rules;

import java.util.List;
import java.util.Objects;

/**
 * A strategy the pairing recognized. Amounts in {@code settlementCurrency}.
 *
 * @param id identifies the strategy in the result, e.g. {@code BTC#1}
 * @param kind the strategy
 * @param underlying the coin
 * @param settlementCurrency currency of the charge (the option legs')
 * @param legs the legs with their quantities in the strategy
 * @param quantity strategy units (the smallest of the legs' available quantities it took)
 * @param charge what the strategy is charged (its maximum loss, or the kind's rule)
 * @param standalone what the same leg quantities would be charged leg by leg
 * @param usdPerUnit USD per unit of the settlement currency
 * @param description the rule applied, in words
 */
public record RecognizedStrategy(
    String id,
    StrategyKind kind,
    String underlying,
    String settlementCurrency,
    List<StrategyLeg> legs,
    double quantity,
    Requirement charge,
    Requirement standalone,
    double usdPerUnit,
    String description) {
  public RecognizedStrategy {
    Objects.requireNonNull(kind, "kind");
    legs = List.copyOf(legs);
  }

  /** Initial margin saved against charging the legs one by one, USD. */
  public double savingUsd() {
    return (standalone.initial() - charge.initial()) * usdPerUnit;
  }
}
