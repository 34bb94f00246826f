package io.cryptomargin.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.validation.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class Black76Test {
  /** Published values are printed to 4 decimals: half a unit of the last digit. */
  private static final double PUBLISHED_4DP = 5e-5;

  /** Published values printed to 2 decimals. */
  private static final double PUBLISHED_2DP = 5e-3;

  /** N(x) tables are quoted to 15 significant digits; Hart's algorithm is good to ~1e-14. */
  private static final double CDF_TOLERANCE = 1e-14;

  /** Identities that hold exactly, up to floating-point rounding on prices of order 1e4. */
  private static final double IDENTITY_TOLERANCE = 1e-9;

  /** Central finite differences of step h err by O(h²); relative tolerance of the comparison. */
  private static final double FINITE_DIFFERENCE_RELATIVE = 1e-5;

  @ParameterizedTest(name = "N({0}) = {1}")
  @CsvSource({
    // Standard normal CDF values, e.g. Abramowitz & Stegun Table 26.1 and any 15-digit table.
    "0, 0.5",
    "1, 0.841344746068543",
    "-1, 0.158655253931457",
    "-1.96, 0.0249978951482204",
    "1.96, 0.975002104851780",
    "2, 0.977249868051821",
    "-3, 0.00134989803163010",
  })
  void cdf_knownPoints_matchTables(double x, double expected) {
    assertThat(NormalDistribution.cdf(x)).isCloseTo(expected, within(CDF_TOLERANCE));
  }

  @Test
  void price_hullBlackModelExample_isCall1p1166() {
    // Hull, Options, Futures and Other Derivatives, Black's model example: F = 20, K = 20,
    // r = 9%, sigma = 25%, T = 4 months: call 1.1166.
    double call = Black76.price(20, 20, 4.0 / 12, 0.25, PutCall.CALL, 0.09);
    assertThat(call).isCloseTo(1.1166, within(PUBLISHED_4DP));
  }

  @Test
  void price_haugBlack76Example_callAndPuttAre1p7011() {
    // Haug, The Complete Guide to Option Pricing Formulas (2nd ed.), Black-76 example: futures
    // price 19, strike 19, 9 months, r = 10%, sigma = 28%: call = put = 1.7011.
    assertThat(Black76.price(19, 19, 0.75, 0.28, PutCall.CALL, 0.10))
        .isCloseTo(1.7011, within(PUBLISHED_4DP));
    assertThat(Black76.price(19, 19, 0.75, 0.28, PutCall.PUT, 0.10))
        .isCloseTo(1.7011, within(PUBLISHED_4DP));
  }

  @Test
  void price_hullBlackScholesExampleAsForward_matchesCall4p76Put0p81() {
    // Hull's Black-Scholes example: S = 42, K = 40, r = 10%, sigma = 20%, T = 0.5: call 4.76,
    // put 0.81. On a non-dividend stock the forward is S·e^(rT), and Black-76 on it is
    // Black-Scholes.
    double forward = 42 * Math.exp(0.10 * 0.5);
    assertThat(Black76.price(forward, 40, 0.5, 0.2, PutCall.CALL, 0.10))
        .isCloseTo(4.76, within(PUBLISHED_2DP));
    assertThat(Black76.price(forward, 40, 0.5, 0.2, PutCall.PUT, 0.10))
        .isCloseTo(0.81, within(PUBLISHED_2DP));
  }

  @Test
  void price_putCallParity_holdsOverGrid() {
    for (double forward : new double[] {500, 9000, 70000}) {
      for (double moneyness : new double[] {0.3, 0.8, 1.0, 1.25, 3.0}) {
        for (double years : new double[] {1.0 / 365, 0.1, 1, 3}) {
          for (double vol : new double[] {0.05, 0.6, 2.0}) {
            for (double rate : new double[] {0, 0.05}) {
              double strike = forward * moneyness;
              double call = Black76.price(forward, strike, years, vol, PutCall.CALL, rate);
              double put = Black76.price(forward, strike, years, vol, PutCall.PUT, rate);
              double parity = Math.exp(-rate * years) * (forward - strike);
              assertThat(call - put)
                  .as("F=%s K=%s T=%s vol=%s r=%s", forward, strike, years, vol, rate)
                  .isCloseTo(parity, within(IDENTITY_TOLERANCE * forward));
            }
          }
        }
      }
    }
  }

  @Test
  void inversePrice_isLinearPriceOverForward() {
    for (PutCall type : PutCall.values()) {
      for (double strike : new double[] {6000, 9250, 14000}) {
        double linear = Black76.price(9350, strike, 0.1, 0.8, type, 0);
        assertThat(Black76.inversePrice(9350, strike, 0.1, 0.8, type, 0))
            .isCloseTo(linear / 9350, within(1e-15));
        assertThat(Black76.inverseGreeks(9350, strike, 0.1, 0.8, type, 0).price())
            .isCloseTo(linear / 9350, within(1e-15));
      }
    }
  }

  @ParameterizedTest(name = "{0} K={1} T={2} r={3}")
  @CsvSource({
    "CALL, 9000, 0.05, 0",
    "PUT, 9000, 0.05, 0",
    "CALL, 12000, 0.5, 0.03",
    "PUT, 7000, 1.5, 0.03",
    "CALL, 9350, 0.003, 0",
    "PUT, 9350, 2.0, 0.08",
  })
  void greeks_linearAndInverse_matchFiniteDifferences(
      PutCall type, double strike, double years, double rate) {
    double f = 9350;
    double vol = 0.7;
    checkGreeks(f, strike, years, vol, type, rate, Settlement.LINEAR);
    checkGreeks(f, strike, years, vol, type, rate, Settlement.INVERSE);
  }

  private enum Settlement {
    LINEAR,
    INVERSE
  }

  private static double value(
      double f, double k, double t, double vol, PutCall type, double rate, Settlement s) {
    return s == Settlement.LINEAR
        ? Black76.price(f, k, t, vol, type, rate)
        : Black76.inversePrice(f, k, t, vol, type, rate);
  }

  private static void checkGreeks(
      double f, double k, double t, double vol, PutCall type, double rate, Settlement s) {
    OptionGreeks g =
        s == Settlement.LINEAR
            ? Black76.greeks(f, k, t, vol, type, rate)
            : Black76.inverseGreeks(f, k, t, vol, type, rate);
    double hf = f * 1e-4;
    double hv = 1e-5;
    double ht = t * 1e-4;
    double delta =
        (value(f + hf, k, t, vol, type, rate, s) - value(f - hf, k, t, vol, type, rate, s))
            / (2 * hf);
    double gamma =
        (value(f + hf, k, t, vol, type, rate, s)
                - 2 * value(f, k, t, vol, type, rate, s)
                + value(f - hf, k, t, vol, type, rate, s))
            / (hf * hf);
    double vega =
        (value(f, k, t, vol + hv, type, rate, s) - value(f, k, t, vol - hv, type, rate, s))
            / (2 * hv);
    // Theta is the change with calendar time, i.e. minus the change with time to expiry.
    double theta =
        -(value(f, k, t + ht, vol, type, rate, s) - value(f, k, t - ht, vol, type, rate, s))
            / (2 * ht);
    assertClose("delta " + s, g.delta(), delta);
    assertClose("gamma " + s, g.gamma(), gamma);
    assertClose("vega " + s, g.vega(), vega);
    assertClose("theta " + s, g.theta(), theta);
  }

  private static void assertClose(String what, double analytic, double numeric) {
    // Second differences lose about half the digits, so compare relative to the size, with an
    // absolute floor.
    double scale = Math.max(Math.abs(numeric), 1e-8);
    assertThat(Math.abs(analytic - numeric) / scale)
        .as(what + ": analytic " + analytic + " vs numeric " + numeric)
        .isLessThan(what.startsWith("gamma") ? 1e-3 : FINITE_DIFFERENCE_RELATIVE);
  }

  @Test
  void price_zeroYears_isIntrinsic() {
    assertThat(Black76.price(110, 100, 0, 0.5, PutCall.CALL, 0)).isEqualTo(10.0);
    assertThat(Black76.price(110, 100, 0, 0.5, PutCall.PUT, 0)).isEqualTo(0.0);
  }

  @Test
  void price_negativeOrNaNInputs_listsEveryProblem() {
    assertThatThrownBy(() -> Black76.price(-1, Double.NaN, 1, -0.2, PutCall.CALL, 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("3 problems")
        .hasMessageContaining("forward")
        .hasMessageContaining("strike")
        .hasMessageContaining("vol");
  }

  @ParameterizedTest
  @EnumSource(PutCall.class)
  void price_deepOutOfTheMoney_isPositiveZeroNeverMinusZero(PutCall type) {
    // Both terms underflow to 0 far out of the money; a put's −1 × (0 − 0) would be −0.0 and print
    // "-0.0".
    double strike = type == PutCall.CALL ? 900_000 : 100;
    double price = Black76.price(9_000, strike, 0.01, 0.5, type);
    OptionGreeks greeks = Black76.greeks(9_000, strike, 0.01, 0.5, type, 0.0);
    assertThat(Double.doubleToRawLongBits(price)).isEqualTo(Double.doubleToRawLongBits(0.0));
    assertThat(String.valueOf(greeks.price())).isEqualTo("0.0");
    assertThat(String.valueOf(greeks.delta())).isEqualTo("0.0");
    assertThat(String.valueOf(Black76.delta(9_000, strike, 0.01, 0.5, type))).isEqualTo("0.0");
  }
}
