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

  /**
   * Rounding allowed when checking a price against its no-arbitrage bounds, relative to the bound.
   */
  private static final double BOUND_TOLERANCE = 1e-12;

  /**
   * Converged when the price is reproduced to this fraction of itself: relative, so a far
   * out-of-the-money price of 1e-14 is solved as exactly as one of 1,000.
   */
  private static final double PRICE_RELATIVE_TOLERANCE = 1e-12;

  /** Or when the remaining vol error, price error / vega, is below this (annual fraction). */
  private static final double VOL_TOLERANCE = 1e-12;

  /**
   * A solution whose price misses the target by more than this fraction of it means the price is
   * below what the model can resolve (vega underflows): reported, never returned as a vol.
   */
  private static final double UNRESOLVED = 1e-6;

  private static final int MAX_ITERATIONS = 200;

  private ImpliedVolatility() {}

  /**
   * The vol that reproduces a linear (USD) price.
   *
   * @param price the option price, USD per coin (discounted)
   * @throws ValidationException when the price is outside the no-arbitrage bounds, so no vol fits,
   *     or so small that the model's price cannot resolve a vol from it
   */
  public static double fromPrice(
      double price, double forward, double strike, double years, PutCall type, double rate) {
    Problems problems = new Problems();
    problems.requireNonNegative("price", price);
    problems.requirePositive("forward", forward);
    problems.requirePositive("strike", strike);
    problems.requirePositive("years", years);
    problems.requireFinite("rate", rate);
    problems.throwIfAny();
    double discount = Math.exp(-rate * years);
    if (!(discount > 0) || !Double.isFinite(discount)) {
      throw ValidationException.of(
          "rate",
          "the discount factor e^(-rate*years) = "
              + discount
              + " is not a finite number > 0; rate "
              + rate
              + " is out of range");
    }
    double target = price / discount;
    double intrinsic = Math.max(type.sign() * (forward - strike), 0.0);
    double upper = type == PutCall.CALL ? forward : strike;
    double tolerance = BOUND_TOLERANCE * Math.max(1.0, upper);
    if (target < intrinsic - tolerance || target >= upper) {
      throw ValidationException.of(
          "price",
          String.format(
              "no volatility fits price %.10g: it must lie between the intrinsic value %.10g and %.10g",
              price, intrinsic * discount, upper * discount));
    }
    double lo = MIN_VOL;
    double hi = MAX_VOL;
    if (target <= Black76.price(forward, strike, years, lo, type)) {
      // At (or within rounding below) the lowest vol's price: the vol is at most MIN_VOL, if the
      // price still moves with the vol there. Where it does not (far from the money, the price has
      // underflowed to its intrinsic value), every vol up to some level fits: no answer.
      if (Black76.greeks(forward, strike, years, lo, type, 0.0).vega() > 0) {
        return lo;
      }
      throw unresolved(
          price, intrinsic, discount, Black76.price(forward, strike, years, lo, type), lo);
    }
    if (target > Black76.price(forward, strike, years, hi, type)) {
      throw ValidationException.of(
          "price", "no volatility up to " + MAX_VOL + " reaches price " + price);
    }
    double vol = Math.sqrt(2 * Math.abs(Math.log(forward / strike)) / years + 0.04);
    vol = Math.min(Math.max(vol, lo), hi);
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double diff = Black76.price(forward, strike, years, vol, type) - target;
      if (Math.abs(diff) <= PRICE_RELATIVE_TOLERANCE * target) {
        break;
      }
      if (diff > 0) {
        hi = vol;
      } else {
        lo = vol;
      }
      double vega = Black76.greeks(forward, strike, years, vol, type, 0.0).vega();
      if (vega > 0 && Math.abs(diff) <= VOL_TOLERANCE * vega) {
        break;
      }
      // Newton on the log of the price: a far out-of-the-money price falls exponentially as the vol
      // drops, where plain Newton creeps; in log terms it is near linear. An underflowed price
      // (log -infinity) gives no step and the bracket is halved instead.
      double p = diff + target;
      double next = vega > 0 && p > 0 ? vol - Math.log(p / target) * p / vega : Double.NaN;
      vol = next > lo && next < hi ? next : 0.5 * (lo + hi);
      if (hi - lo <= 1e-15 * hi) {
        break;
      }
    }
    double reached = Black76.price(forward, strike, years, vol, type);
    double vega = Black76.greeks(forward, strike, years, vol, type, 0.0).vega();
    if (!(vega > 0) || Math.abs(reached - target) > UNRESOLVED * target) {
      throw unresolved(price, intrinsic, discount, reached, vol);
    }
    return vol;
  }

  private static ValidationException unresolved(
      double price, double intrinsic, double discount, double reached, double vol) {
    return ValidationException.of(
        "price",
        String.format(
            "price %.10g is too small to determine a volatility: "
                + "its time value over the intrinsic value %.10g is below what Black-76 resolves (the option's vega "
                + "underflows; the nearest price the model reaches is %.6g, at vol %.6g)",
            price, intrinsic * discount, reached * discount, vol));
  }

  /**
   * The vol that reproduces an inverse (coin) price: the coin price times the forward is the USD
   * price.
   */
  public static double fromInversePrice(
      double coinPrice, double forward, double strike, double years, PutCall type, double rate) {
    return fromPrice(coinPrice * forward, forward, strike, years, type, rate);
  }
}
