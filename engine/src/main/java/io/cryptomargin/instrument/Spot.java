package io.cryptomargin.instrument;

import io.cryptomargin.validation.Problems;

/**
 * A coin held outright, valued in a USD-like quote currency (Deribit's {@code BTC_USDC}).
 *
 * @param name the pair name
 * @param underlying the coin held
 * @param quoteCurrency USD, USDC or USDT
 */
public record Spot(String name, String underlying, String quoteCurrency) implements Instrument {
  public Spot {
    Problems problems =
        InstrumentChecks.common(name, underlying, Settlement.LINEAR, quoteCurrency, 1.0);
    problems.throwIfAny();
  }

  @Override
  public Settlement settlement() {
    return Settlement.LINEAR;
  }

  @Override
  public String settlementCurrency() {
    return quoteCurrency;
  }

  @Override
  public double contractSize() {
    return 1.0;
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.SPOT;
  }
}
