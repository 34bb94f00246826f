package io.cryptomargin.pricing;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.validation.Problems;

/**
 * Black's (1976) model for options on a forward: call = D·(F·N(d1) − K·N(d2)), put = D·(K·N(−d2) −
 * F·N(−d1)), d1 = (ln(F/K) + σ²T/2)/(σ√T), d2 = d1 − σ√T, D = e^(−rT).
 *
 * <p>Arguments always come in the order (forward, strike, years, vol, type[, rate]). At zero years
 * or zero vol the value is the discounted intrinsic value. Inverse (coin-settled) values are the
 * linear ones divided by the forward, as Deribit quotes them.
 */
public final class Black76 {
  private Black76() {}

  /** The undiscounted price at rate 0, USD per coin; no argument checks (callers validated). */
  public static double price(
      double forward, double strike, double years, double vol, PutCall type) {
    double stdDev = vol * Math.sqrt(years);
    double sign = type.sign();
    if (!(stdDev > 0)) {
      return Math.max(sign * (forward - strike), 0.0);
    }
    double d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
    double d2 = d1 - stdDev;
    // Never below 0: deep out of the money both terms underflow to 0 and a put's −1 × (0 − 0) is
    // −0.0, which
    // printed as "-0.0"; cancellation can also leave a tiny negative. max(0.0, −0.0) is +0.0.
    return Math.max(
        0.0,
        sign
            * (forward * NormalDistribution.cdf(sign * d1)
                - strike * NormalDistribution.cdf(sign * d2)));
  }

  /**
   * The undiscounted delta at rate 0, d price / d forward; no argument checks (callers validated).
   * Equal to {@code greeks(..., 0.0).delta()} bit for bit, without working out the other greeks.
   */
  public static double delta(
      double forward, double strike, double years, double vol, PutCall type) {
    double stdDev = vol * Math.sqrt(years);
    double sign = type.sign();
    if (!(stdDev > 0)) {
      return sign * (forward - strike) > 0 ? sign : 0.0;
    }
    double d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
    return sign * NormalDistribution.cdf(sign * d1) + 0.0;
  }

  /**
   * The price with discounting, USD per coin.
   *
   * @param forward forward, USD
   * @param strike strike, USD
   * @param years time to expiry, years of 365 days
   * @param vol volatility, annual fraction
   * @param type call or put
   * @param rate continuously compounded discount rate, annual fraction
   */
  public static double price(
      double forward, double strike, double years, double vol, PutCall type, double rate) {
    check(forward, strike, years, vol, type, rate);
    return Math.exp(-rate * years) * price(forward, strike, years, vol, type);
  }

  /** The coin price of an inverse option: the USD price divided by the forward. */
  public static double inversePrice(
      double forward, double strike, double years, double vol, PutCall type, double rate) {
    return price(forward, strike, years, vol, type, rate) / forward;
  }

  /** Price and greeks of a linear option, per coin (USD). */
  public static OptionGreeks greeks(
      double forward, double strike, double years, double vol, PutCall type, double rate) {
    check(forward, strike, years, vol, type, rate);
    double discount = Math.exp(-rate * years);
    double sign = type.sign();
    double stdDev = vol * Math.sqrt(years);
    if (!(stdDev > 0)) {
      double intrinsic = Math.max(sign * (forward - strike), 0.0);
      double delta = intrinsic > 0 ? sign * discount : 0.0;
      return new OptionGreeks(discount * intrinsic, delta, 0.0, 0.0, -rate * discount * intrinsic);
    }
    double sqrtT = Math.sqrt(years);
    double d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
    double d2 = d1 - stdDev;
    double undiscounted =
        Math.max(
            0.0,
            sign
                * (forward * NormalDistribution.cdf(sign * d1)
                    - strike * NormalDistribution.cdf(sign * d2)));
    double pdf = NormalDistribution.pdf(d1);
    double price = discount * undiscounted;
    // + 0.0 turns a deep out-of-the-money put's −0.0 into 0.0, so it never prints as "-0.0".
    double delta = discount * sign * NormalDistribution.cdf(sign * d1) + 0.0;
    double gamma = discount * pdf / (forward * stdDev);
    double vega = discount * forward * pdf * sqrtT;
    // dV/dt = -dV/dT: the decay of the time value plus the discounting's pull to par.
    double theta = -discount * forward * pdf * vol / (2 * sqrtT) + rate * price;
    return new OptionGreeks(price, delta, gamma, vega, theta);
  }

  /**
   * Price and greeks of an inverse (coin-settled) option, per coin of underlying: price V/F, and
   * its derivatives with respect to the forward (coin per USD), vol and time.
   */
  public static OptionGreeks inverseGreeks(
      double forward, double strike, double years, double vol, PutCall type, double rate) {
    OptionGreeks usd = greeks(forward, strike, years, vol, type, rate);
    double f = forward;
    double price = usd.price() / f;
    double delta = usd.delta() / f - usd.price() / (f * f);
    double gamma = usd.gamma() / f - 2 * usd.delta() / (f * f) + 2 * usd.price() / (f * f * f);
    return new OptionGreeks(price, delta, gamma, usd.vega() / f, usd.theta() / f);
  }

  private static void check(
      double forward, double strike, double years, double vol, PutCall type, double rate) {
    Problems problems = new Problems();
    problems.requirePositive("forward", forward);
    problems.requirePositive("strike", strike);
    problems.requireNonNegative("years", years);
    problems.requireNonNegative("vol", vol);
    problems.requireFinite("rate", rate);
    if (type == null) {
      problems.add("type", "is required (call or put)");
    }
    problems.throwIfAny();
  }
}
