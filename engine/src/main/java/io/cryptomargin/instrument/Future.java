package io.cryptomargin.instrument;

import io.cryptomargin.validation.Problems;
import java.time.Instant;
import java.util.Optional;

/**
 * A dated future.
 *
 * @param name the contract name
 * @param underlying the coin
 * @param expiryTime when it expires
 * @param settlement linear or inverse
 * @param settlementCurrency USD-like for linear, the coin for inverse
 * @param contractSize coins per contract
 */
public record Future(
    String name,
    String underlying,
    Instant expiryTime,
    Settlement settlement,
    String settlementCurrency,
    double contractSize)
    implements Instrument {
  public Future {
    Problems problems =
        InstrumentChecks.common(name, underlying, settlement, settlementCurrency, contractSize);
    if (expiryTime == null) {
      problems.add("expiry", "is required for a future");
    }
    problems.throwIfAny();
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.FUTURE;
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.of(expiryTime);
  }
}
