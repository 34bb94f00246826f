package io.cryptomargin.rules;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;

/**
 * Deribit's standard (per-leg) margin formulas, per coin of the underlying unless stated, as the
 * venue prints them (its cash basis), and their restatement on the mark-to-market basis of
 * METHODOLOGY section 1a. Stateless.
 *
 * <p>Linear contracts are margined in USD with U the underlying price; inverse (coin) contracts in
 * the coin, which is the linear formula divided by U: short call IM = max(0.15 − OTM/U, 0.10) +
 * mark, MM = 0.075 + mark; short put IM = max(max(0.15 − OTM/U, 0.10) + mark, MM), MM = max(0.075,
 * 0.075·mark) + mark, mark in coin.
 */
public final class StandardMargins {
  private StandardMargins() {}

  /**
   * A short option's margin per coin of the underlying, as the venue prints it (the "+ mark" holds
   * the premium received in its cash-basis balance).
   *
   * @param putCall call or put
   * @param underlyingPrice U, USD per coin (the forward of the option's expiry)
   * @param strike strike, USD
   * @param mark the option's price per coin in its settlement currency (coin for inverse)
   * @param settlement linear (result in USD-like money) or inverse (result in coin)
   * @param rates the short option rates
   */
  public static Requirement shortOption(
      PutCall putCall,
      double underlyingPrice,
      double strike,
      double mark,
      Settlement settlement,
      OptionRates rates) {
    // The formulas are written once in "units of U": one U is U dollars (linear) or one coin
    // (inverse).
    double unit = settlement == Settlement.LINEAR ? underlyingPrice : 1.0;
    double outOfTheMoney =
        Math.max(putCall == PutCall.CALL ? strike - underlyingPrice : underlyingPrice - strike, 0.0)
            / underlyingPrice
            * unit;
    double base =
        Math.max(rates.initialRate() * unit - outOfTheMoney, rates.initialFloorRate() * unit);
    if (putCall == PutCall.CALL) {
      return new Requirement(base + mark, rates.maintenanceRate() * unit + mark);
    }
    double maintenance =
        Math.max(rates.maintenanceRate() * unit, rates.maintenanceRate() * mark) + mark;
    return new Requirement(Math.max(base + mark, maintenance), maintenance);
  }

  /** A long option as the venue prints it: no margin (and no collateral value). */
  public static Requirement longOption() {
    return Requirement.ZERO;
  }

  /**
   * A short option's venue requirement restated on the mark-to-market basis: the venue figure less
   * the option's mark (equity already carries the position at its mark).
   *
   * @param venue the venue-printed requirement
   * @param mark the option's price, same currency and quantity as {@code venue}
   */
  public static Requirement shortOptionMarkToMarket(Requirement venue, double mark) {
    return new Requirement(
        Math.max(venue.initial() - mark, 0.0), Math.max(venue.maintenance() - mark, 0.0));
  }

  /**
   * A long option on the mark-to-market basis: its mark, for IM and MM (its value is in equity but
   * the venue lends nothing against it, so it is tied up).
   *
   * @param mark the option's price, settlement currency
   */
  public static Requirement longOptionMarkToMarket(double mark) {
    return new Requirement(mark, mark);
  }

  /**
   * A future's or perpetual's margin for a whole position (size scaling makes it non-linear); the
   * same on both bases.
   *
   * @param sizeCoins |position| in coins of the underlying
   * @param price the contract's price, USD per coin
   * @param settlement linear (result in USD-like money) or inverse (result in coin: notional = size
   *     coins)
   * @param rates the futures rates of the underlying
   */
  public static Requirement future(
      double sizeCoins, double price, Settlement settlement, FuturesRates rates) {
    double size = Math.abs(sizeCoins);
    double notional = settlement == Settlement.LINEAR ? size * price : size;
    double scaling = rates.sizeRatePerCoin() * size;
    return new Requirement(
        (rates.initialRate() + scaling) * notional, (rates.maintenanceRate() + scaling) * notional);
  }
}
