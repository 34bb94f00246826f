package io.cryptomargin.market;

import io.cryptomargin.validation.Problems;
import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The market of one underlying.
 *
 * @param indexPrice spot index, USD per coin
 * @param forwards quoted forwards by expiry, USD per coin (may be empty: the forward is then the
 *     index)
 * @param volSurface implied volatilities
 */
public record UnderlyingMarket(
    double indexPrice, NavigableMap<Instant, Double> forwards, VolSurface volSurface) {
  public UnderlyingMarket {
    Objects.requireNonNull(volSurface, "volSurface");
    Problems problems = new Problems();
    problems.requirePositive("index", indexPrice);
    forwards.forEach((expiry, forward) -> problems.requirePositive("forwards." + expiry, forward));
    problems.throwIfAny();
    forwards = Collections.unmodifiableNavigableMap(new TreeMap<>(forwards));
  }

  /** A market with a flat vol and no quoted forwards. */
  public static UnderlyingMarket flat(double indexPrice, double vol) {
    return new UnderlyingMarket(indexPrice, new TreeMap<>(), VolSurface.flat(vol));
  }
}
