package io.cryptomargin.instrument;

/**
 * A perpetual swap, priced at the index unless the market gives a mark.
 *
 * @param name the contract name
 * @param underlying the coin
 * @param settlement linear or inverse
 * @param settlementCurrency USD-like for linear, the coin for inverse
 * @param contractSize coins per contract
 */
public record Perpetual(
    String name,
    String underlying,
    Settlement settlement,
    String settlementCurrency,
    double contractSize)
    implements Instrument {
  public Perpetual {
    InstrumentChecks.common(name, underlying, settlement, settlementCurrency, contractSize)
        .throwIfAny();
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.PERPETUAL;
  }
}
