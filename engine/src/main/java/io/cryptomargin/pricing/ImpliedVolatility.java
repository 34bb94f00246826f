package io.cryptomargin.pricing;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;

/**
 * Black-76 implied volatility from a price: Newton steps safeguarded by a bisection bracket, so it
 * converges wherever a vol exists and says clearly when none does.
 */
public final class ImpliedVolatility {
  /** The bracket searched, annual fractions. */
  public static final double MIN_VOL = 1e-6;
  public static final double MAX_VOL = 20.0;
  private static final double PRICE_TOLERANCE = 1e-12;
  private static final int MAX_ITERATIONS = 200;

  private ImpliedVolatility() {}

  /**
   * The vol that reproduces a linear (USD) price.
   *
   * @param price the option price, USD per coin (discounted)
   * @throws ValidationException when the price is outside the no-arbitrage bounds, so no vol fits
   */
  public static double fromPrice(double price, double forward, double strike, double years, PutCall type, double rate) {
    Problems problems = new Problems();
    problems.requireNonNegative("price", price);
    problems.requirePositive("forward", forward);
    problems.requirePositive("strike", strike);
    problems.requirePositive("years", years);
    problems.requireFinite("rate", rate);
    problems.throwIfAny();
    double discount = Math.exp(-rate * years);
    double target = price / discount;
    double intrinsic = Math.max(type.sign() * (forward - strike), 0.0);
    double upper = type == PutCall.CALL ? forward : strike;
    double tolerance = PRICE_TOLERANCE * Math.max(1.0, upper);
    if (target < intrinsic - tolerance || target >= upper) {
      throw ValidationException.of("price", String.format(
          "no volatility fits price %.10g: it must lie between the intrinsic value %.10g and %.10g", price,
          intrinsic * discount, upper * discount));
    }
    double lo = MIN_VOL;
    double hi = MAX_VOL;
    if (target <= Black76.price(forward, strike, years, lo, type) + tolerance) {
      return lo;
    }
    if (target > Black76.price(forward, strike, years, hi, type)) {
      throw ValidationException.of("price", "no volatility up to " + MAX_VOL + " reaches price " + price);
    }
    double vol = Math.sqrt(2 * Math.abs(Math.log(forward / strike)) / years + 0.04);
    vol = Math.min(Math.max(vol, lo), hi);
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double diff = Black76.price(forward, strike, years, vol, type) - target;
      if (Math.abs(diff) < tolerance) {
        return vol;
      }
      if (diff > 0) {
        hi = vol;
      } else {
        lo = vol;
      }
      double vega = Black76.greeks(forward, strike, years, vol, type, 0.0).vega();
      double next = vega > 0 ? vol - diff / vega : Double.NaN;
      vol = next > lo && next < hi ? next : 0.5 * (lo + hi);
      if (hi - lo < 1e-15) {
        return vol;
      }
    }
    return vol;
  }

  /** The vol that reproduces an inverse (coin) price: the coin price times the forward is the USD price. */
  public static double fromInversePrice(double coinPrice, double forward, double strike, double years, PutCall type, double rate) {
    return fromPrice(coinPrice * forward, forward, strike, years, type, rate);
  }
}
