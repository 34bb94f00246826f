package io.cryptomargin.benchmarks;

import com.opengamma.strata.basics.value.ValueDerivatives;
import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.pricing.Black76;
import io.cryptomargin.pricing.OptionGreeks;
import net.finmath.functions.AnalyticFormulas;

/**
 * The Black-76 formula (rate 0, undiscounted) from the engine and from each peer library, called
 * the way each library is meant to be called, returning the same quantities in the engine's
 * conventions. The benchmarks time these; the tests check they agree.
 */
public enum BlackFormulas {
  /** The engine: {@link Black76}, through its public, argument-checking entry points. */
  CRYPTOMARGIN {
    @Override
    public double price(double forward, double strike, double years, double vol, PutCall putCall) {
      return Black76.price(forward, strike, years, vol, putCall, 0.0);
    }

    @Override
    public OptionGreeks greeks(
        double forward, double strike, double years, double vol, PutCall putCall) {
      return Black76.greeks(forward, strike, years, vol, putCall, 0.0);
    }
  },

  /**
   * OpenGamma Strata's {@link BlackFormulaRepository}: price, and price with its first derivatives
   * by algorithmic differentiation ({@code priceAdjoint}, derivatives in the order forward, strike,
   * time to expiry, vol) plus {@code gamma}, its cheapest route to the five numbers.
   */
  STRATA {
    @Override
    public double price(double forward, double strike, double years, double vol, PutCall putCall) {
      return BlackFormulaRepository.price(forward, strike, years, vol, putCall == PutCall.CALL);
    }

    @Override
    public OptionGreeks greeks(
        double forward, double strike, double years, double vol, PutCall putCall) {
      ValueDerivatives adjoint =
          BlackFormulaRepository.priceAdjoint(forward, strike, years, vol, putCall == PutCall.CALL);
      double gamma = BlackFormulaRepository.gamma(forward, strike, years, vol);
      // Strata differentiates by time to expiry; theta is the change per unit of calendar time, the
      // opposite.
      return new OptionGreeks(
          adjoint.getValue(),
          adjoint.getDerivative(0),
          gamma,
          adjoint.getDerivative(3),
          -adjoint.getDerivative(2));
    }
  },

  /**
   * finmath-lib's {@link AnalyticFormulas}: Black-Scholes on the forward with rate 0 is Black-76.
   * finmath's greeks exist for calls only, so a put's come from put-call parity at rate 0 (delta −
   * 1, the same gamma, vega and theta), as a finmath user would write it.
   */
  FINMATH {
    @Override
    public double price(double forward, double strike, double years, double vol, PutCall putCall) {
      return AnalyticFormulas.blackScholesOptionValue(
          forward, 0.0, vol, years, strike, putCall == PutCall.CALL);
    }

    @Override
    public OptionGreeks greeks(
        double forward, double strike, double years, double vol, PutCall putCall) {
      double price = price(forward, strike, years, vol, putCall);
      double callDelta = AnalyticFormulas.blackScholesOptionDelta(forward, 0.0, vol, years, strike);
      double gamma = AnalyticFormulas.blackScholesOptionGamma(forward, 0.0, vol, years, strike);
      double vega = AnalyticFormulas.blackScholesOptionVega(forward, 0.0, vol, years, strike);
      double theta = AnalyticFormulas.blackScholesOptionTheta(forward, 0.0, vol, years, strike);
      return new OptionGreeks(
          price, putCall == PutCall.CALL ? callDelta : callDelta - 1, gamma, vega, theta);
    }
  };

  /** The undiscounted Black-76 price, USD per coin. */
  public abstract double price(
      double forward, double strike, double years, double vol, PutCall putCall);

  /**
   * Price, delta, gamma, vega and theta (per year of calendar time), rate 0, in the engine's
   * conventions.
   */
  public abstract OptionGreeks greeks(
      double forward, double strike, double years, double vol, PutCall putCall);
}
