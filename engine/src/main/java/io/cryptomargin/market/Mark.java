package io.cryptomargin.market;

import io.cryptomargin.validation.Problems;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A venue's mark for one instrument; every field is optional. A mark's implied volatility overrides
 * the surface for that instrument; its price overrides the model price for valuation.
 *
 * @param price mark price per contract in the settlement currency (coin for inverse contracts)
 * @param impliedVol mark implied volatility, annual fraction
 * @param forward the forward (USD) the venue priced this instrument on, when it says
 * @param observedAt when the venue published this mark, when it says
 */
public record Mark(
    OptionalDouble price,
    OptionalDouble impliedVol,
    OptionalDouble forward,
    Optional<Instant> observedAt) {
  public Mark {
    Problems problems = new Problems();
    price.ifPresent(p -> problems.requireNonNegative("price", p));
    impliedVol.ifPresent(v -> problems.requirePositive("impliedVol", v));
    forward.ifPresent(f -> problems.requirePositive("forward", f));
    problems.throwIfAny();
  }

  /** A mark with only a price. */
  public static Mark ofPrice(double price) {
    return new Mark(
        OptionalDouble.of(price), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
  }

  /** A mark with a price and an implied volatility. */
  public static Mark of(double price, double impliedVol) {
    return new Mark(
        OptionalDouble.of(price),
        OptionalDouble.of(impliedVol),
        OptionalDouble.empty(),
        Optional.empty());
  }
}
