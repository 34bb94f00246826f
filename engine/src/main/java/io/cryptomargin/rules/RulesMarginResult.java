package io.cryptomargin.rules;

import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.ParameterSetRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An account's rules-based margin. Account amounts are in USD. Requirements are on the
 * mark-to-market basis of METHODOLOGY section 1a (the further loss beyond today's marks); the
 * venue's cash-basis figures are reported beside them.
 *
 * @param account account id
 * @param parameterSet the rules parameters used
 * @param parametersAsOf the date the parameters were read from their sources (ISO date)
 * @param snapshot the market snapshot id
 * @param legs each position's margin, by instrument name
 * @param strategies the strategies recognized
 * @param underlyings totals per underlying and settlement currency (mark-to-market basis)
 * @param initialMarginUsd account initial margin, mark-to-market basis, USD
 * @param maintenanceMarginUsd account maintenance margin, mark-to-market basis, USD
 * @param venueInitialMarginUsd initial margin as the venue prints it (cash basis: IM − NOV), USD
 * @param venueMaintenanceMarginUsd maintenance margin as the venue prints it, USD
 * @param optionValueUsd net option value at the marks (long positive), USD: in equity, never
 *     subtracted
 * @param collateralValueUsd collateral (cash and coins) at the index, USD
 * @param spotPositionValueUsd spot positions (e.g. {@code BTC_USDC}) at the index, USD
 * @param spotHaircutUsd haircut on coins held, as collateral or spot positions, USD (counts against
 *     IM only)
 * @param coinHoldingsUsd coins held (collateral and spot positions) at the index, by coin, USD
 * @param haircutsUsd the haircut on those holdings, by coin, USD
 * @param pairing how the strategy search ended (the least exact over the underlyings)
 * @param notes plain-language remarks (e.g. a pairing search that stopped early)
 */
public record RulesMarginResult(
    String account,
    ParameterSetRef parameterSet,
    String parametersAsOf,
    String snapshot,
    List<LegMargin> legs,
    List<RecognizedStrategy> strategies,
    List<UnderlyingRulesMargin> underlyings,
    double initialMarginUsd,
    double maintenanceMarginUsd,
    double venueInitialMarginUsd,
    double venueMaintenanceMarginUsd,
    double optionValueUsd,
    double collateralValueUsd,
    double spotPositionValueUsd,
    double spotHaircutUsd,
    Map<String, Double> coinHoldingsUsd,
    Map<String, Double> haircutsUsd,
    PairingStatus pairing,
    List<String> notes) {
  public RulesMarginResult {
    Objects.requireNonNull(pairing, "pairing");
    legs = List.copyOf(legs);
    strategies = List.copyOf(strategies);
    underlyings = List.copyOf(underlyings);
    notes = List.copyOf(notes);
    coinHoldingsUsd = Collections.unmodifiableMap(new TreeMap<>(coinHoldingsUsd));
    haircutsUsd = Collections.unmodifiableMap(new TreeMap<>(haircutsUsd));
  }

  /** Equity: collateral, spot positions and options at their marks, USD (before haircuts). */
  public double equityUsd() {
    return collateralValueUsd + spotPositionValueUsd + optionValueUsd;
  }

  /** Equity less the haircut on coins, USD: what is compared with the initial margin. */
  public double haircutEquityUsd() {
    return equityUsd() - spotHaircutUsd;
  }

  /**
   * Capital consumed: initial margin plus the haircut on coins held, USD (METHODOLOGY section 1a).
   */
  public double capitalConsumedUsd() {
    return initialMarginUsd + spotHaircutUsd;
  }

  /** Free collateral: equity less capital consumed (negative when short of it), USD. */
  public double freeCollateralUsd() {
    return equityUsd() - capitalConsumedUsd();
  }

  /**
   * HEALTHY when equity − haircut ≥ IM, MARGIN_CALL when below that but equity ≥ MM, else
   * LIQUIDATION.
   */
  public MarginStatus status() {
    if (haircutEquityUsd() >= initialMarginUsd) {
      return MarginStatus.HEALTHY;
    }
    return equityUsd() >= maintenanceMarginUsd
        ? MarginStatus.MARGIN_CALL
        : MarginStatus.LIQUIDATION;
  }

  /** The margin of one leg. */
  public Optional<LegMargin> leg(String instrument) {
    return legs.stream().filter(l -> l.instrument().equals(instrument)).findFirst();
  }

  /** The initial margin of an underlying, summed over its settlement currencies, USD. */
  public double initialMarginUsd(String underlying) {
    return underlyings.stream()
        .filter(u -> u.underlying().equals(underlying))
        .mapToDouble(UnderlyingRulesMargin::initialMarginUsd)
        .sum();
  }
}
