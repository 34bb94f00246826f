package io.cryptomargin.instrument;

import io.cryptomargin.validation.Problems;
import java.time.Instant;
import java.util.Optional;

/**
 * A European call or put on the forward of its expiry.
 *
 * @param name the contract name
 * @param underlying the coin
 * @param expiryTime when it expires
 * @param strike strike in USD per coin
 * @param putCall call or put
 * @param settlement linear (premium in USD-like money) or inverse (premium in the coin)
 * @param settlementCurrency USD-like for linear, the coin for inverse
 * @param contractSize coins per contract
 */
public record EuropeanOption(
    String name,
    String underlying,
    Instant expiryTime,
    double strike,
    PutCall putCall,
    Settlement settlement,
    String settlementCurrency,
    double contractSize)
    implements Instrument {
  public EuropeanOption {
    Problems problems =
        InstrumentChecks.common(name, underlying, settlement, settlementCurrency, contractSize);
    if (expiryTime == null) {
      problems.add("expiry", "is required for an option");
    }
    problems.requirePositive("strike", strike);
    if (putCall == null) {
      problems.add("putCall", "is required for an option");
    }
    problems.throwIfAny();
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.OPTION;
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.of(expiryTime);
  }
}
