package io.cryptomargin.rules;

import io.cryptomargin.instrument.InstrumentKind;
import java.util.List;
import java.util.Objects;

/**
 * One position's rules-based margin. Amounts in {@code settlementCurrency} unless the name ends in {@code Usd}.
 *
 * @param instrument instrument name
 * @param underlying the coin
 * @param settlementCurrency currency of the amounts (USD-like, or the coin for inverse contracts)
 * @param kind spot, future, perpetual or option
 * @param quantity net contracts, negative when short
 * @param standard the standard (per-leg) margin of the whole position, as if no strategy were recognized
 * @param charged what the position is charged: its naked remainder's standard margin plus its share of
 *     each strategy it belongs to (shares in proportion to the legs' standard margins)
 * @param usdPerUnit USD per unit of the settlement currency (1, or the coin's index)
 * @param strategyIds ids of the recognized strategies the position belongs to (empty when naked)
 */
public record LegMargin(String instrument, String underlying, String settlementCurrency, InstrumentKind kind,
    double quantity, Requirement standard, Requirement charged, double usdPerUnit, List<String> strategyIds) {
  public LegMargin {
    Objects.requireNonNull(standard, "standard");
    Objects.requireNonNull(charged, "charged");
    strategyIds = List.copyOf(strategyIds);
  }

  /** Charged initial margin, USD. */
  public double chargedInitialUsd() {
    return charged.initial() * usdPerUnit;
  }

  /** Standard initial margin, USD. */
  public double standardInitialUsd() {
    return standard.initial() * usdPerUnit;
  }
}
