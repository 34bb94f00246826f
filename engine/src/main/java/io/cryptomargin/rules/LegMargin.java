package io.cryptomargin.rules;

import io.cryptomargin.instrument.InstrumentKind;
import java.util.List;
import java.util.Objects;

/**
 * One position's rules-based margin. Amounts in {@code settlementCurrency} unless the name ends in
 * {@code Usd}.
 *
 * @param instrument instrument name
 * @param underlying the coin
 * @param settlementCurrency currency of the amounts (USD-like, or the coin for inverse contracts)
 * @param kind spot, future, perpetual or option
 * @param quantity net contracts, negative when short
 * @param contractSize coins of the underlying per contract (from the snapshot's instruments)
 * @param markPerContract the option's price per contract, settlement currency (0 for other kinds)
 * @param venue the whole position's standard margin as the venue prints it (cash basis: a short
 *     option's figure includes its mark, a long option needs nothing)
 * @param standard the same on the mark-to-market basis (short option: venue less its mark; long
 *     option: its mark)
 * @param charged what the position is charged on the mark-to-market basis: its naked remainder's
 *     standard margin plus its share of each strategy it belongs to (shares in proportion to the
 *     legs' standard margins)
 * @param usdPerUnit USD per unit of the settlement currency (1, or the coin's index)
 * @param strategyIds ids of the recognized strategies the position belongs to (empty when naked)
 */
public record LegMargin(
    String instrument,
    String underlying,
    String settlementCurrency,
    InstrumentKind kind,
    double quantity,
    double contractSize,
    double markPerContract,
    Requirement venue,
    Requirement standard,
    Requirement charged,
    double usdPerUnit,
    List<String> strategyIds) {
  public LegMargin {
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(standard, "standard");
    Objects.requireNonNull(charged, "charged");
    strategyIds = List.copyOf(strategyIds);
  }

  /** Charged initial margin (mark-to-market basis), USD. */
  public double chargedInitialUsd() {
    return charged.initial() * usdPerUnit;
  }

  /** Standard initial margin (mark-to-market basis, no strategy), USD. */
  public double standardInitialUsd() {
    return standard.initial() * usdPerUnit;
  }

  /** Venue-printed initial margin (cash basis, no strategy), USD. */
  public double venueInitialUsd() {
    return venue.initial() * usdPerUnit;
  }

  /**
   * The position's value at its mark, USD (positive long, negative short; 0 for futures, perpetuals
   * and spot).
   */
  public double markValueUsd() {
    return quantity * markPerContract * usdPerUnit;
  }
}
