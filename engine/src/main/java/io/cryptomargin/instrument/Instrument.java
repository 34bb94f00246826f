package io.cryptomargin.instrument;

import java.time.Instant;
import java.util.Optional;

/** A tradable contract. Holds data only; pricing lives in {@code io.cryptomargin.pricing}. */
public sealed interface Instrument permits Spot, Future, Perpetual, EuropeanOption {

  /** The unique name, e.g. {@code BTC-26JUN20-9000-C}. */
  String name();

  /** The underlying coin, e.g. {@code BTC}. */
  String underlying();

  /** Linear or inverse. */
  Settlement settlement();

  /**
   * The currency premium and P&amp;L are paid in: {@code USD}, {@code USDC}, {@code USDT} or the
   * coin.
   */
  String settlementCurrency();

  /** Coins of the underlying per contract. */
  double contractSize();

  /** The kind of instrument. */
  InstrumentKind kind();

  /** The expiry of dated contracts; empty for spot and perpetuals. */
  default Optional<Instant> expiry() {
    return Optional.empty();
  }

  /** Settlement currencies that make a contract linear. */
  static boolean isUsdLike(String currency) {
    return currency.equals("USD") || currency.equals("USDC") || currency.equals("USDT");
  }
}
