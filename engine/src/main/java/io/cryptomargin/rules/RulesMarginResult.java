package io.cryptomargin.rules;

import io.cryptomargin.margin.MarginStatus;
import io.cryptomargin.margin.ParameterSetRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * An account's rules-based margin. Account amounts are in USD.
 *
 * @param account account id
 * @param parameterSet the rules parameters used
 * @param snapshot the market snapshot id
 * @param legs each position's margin, by instrument name
 * @param strategies the strategies recognized, in the order the search found them
 * @param underlyings totals per underlying and settlement currency
 * @param initialMarginUsd account initial margin, USD
 * @param maintenanceMarginUsd account maintenance margin, USD
 * @param collateralValueUsd collateral (cash and coins) at the index, USD
 * @param spotPositionValueUsd spot positions (e.g. {@code BTC_USDC}) at the index, USD
 * @param spotHaircutUsd haircut on coins held, as collateral or spot positions, USD
 * @param coinHoldingsUsd coins held (collateral and spot positions) at the index, by coin, USD
 * @param haircutsUsd the haircut on those holdings, by coin, USD
 * @param notes plain-language remarks (e.g. a pairing search that ran out of budget)
 */
public record RulesMarginResult(String account, ParameterSetRef parameterSet, String snapshot, List<LegMargin> legs,
    List<RecognizedStrategy> strategies, List<UnderlyingRulesMargin> underlyings, double initialMarginUsd,
    double maintenanceMarginUsd, double collateralValueUsd, double spotPositionValueUsd, double spotHaircutUsd,
    Map<String, Double> coinHoldingsUsd, Map<String, Double> haircutsUsd, List<String> notes) {
  public RulesMarginResult {
    legs = List.copyOf(legs);
    strategies = List.copyOf(strategies);
    underlyings = List.copyOf(underlyings);
    notes = List.copyOf(notes);
    coinHoldingsUsd = Collections.unmodifiableMap(new TreeMap<>(coinHoldingsUsd));
    haircutsUsd = Collections.unmodifiableMap(new TreeMap<>(haircutsUsd));
  }

  /** Equity before haircuts: collateral plus spot positions at full value, USD (as the portfolio margin's). */
  public double equityUsd() {
    return collateralValueUsd + spotPositionValueUsd;
  }

  /** Equity after the spot haircut, USD: what the rules-based model lets the account margin with. */
  public double haircutEquityUsd() {
    return equityUsd() - spotHaircutUsd;
  }

  /** Free collateral: haircut equity above the initial margin (negative when short of it), USD. */
  public double freeCollateralUsd() {
    return haircutEquityUsd() - initialMarginUsd;
  }

  /** HEALTHY, MARGIN_CALL or LIQUIDATION against haircut equity. */
  public MarginStatus status() {
    return MarginStatus.of(haircutEquityUsd(), initialMarginUsd, maintenanceMarginUsd);
  }

  /** The margin of one leg. */
  public Optional<LegMargin> leg(String instrument) {
    return legs.stream().filter(l -> l.instrument().equals(instrument)).findFirst();
  }

  /** The totals of an underlying, summed over its settlement currencies, USD. */
  public double initialMarginUsd(String underlying) {
    return underlyings.stream().filter(u -> u.underlying().equals(underlying))
        .mapToDouble(UnderlyingRulesMargin::initialMarginUsd).sum();
  }
}
