package io.cryptomargin.market;

import java.util.Objects;

/**
 * A move of one underlying's market: a relative price move of the index and every forward, a vol
 * shock, and time passing.
 *
 * @param priceMove relative move as a fraction (0.15 = +15%)
 * @param volShock how vols move
 * @param lookAheadDays calendar days the clock moves forward
 */
public record MarketShift(double priceMove, VolShock volShock, double lookAheadDays) {
  public MarketShift {
    Objects.requireNonNull(volShock, "volShock");
    if (!(priceMove > -1) || !Double.isFinite(priceMove)) {
      throw new IllegalArgumentException("a price move must be above -100%, was " + priceMove);
    }
    if (!(lookAheadDays >= 0) || !Double.isFinite(lookAheadDays)) {
      throw new IllegalArgumentException("look-ahead days must be >= 0, was " + lookAheadDays);
    }
  }
}
