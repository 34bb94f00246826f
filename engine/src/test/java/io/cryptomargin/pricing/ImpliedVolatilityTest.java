package io.cryptomargin.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.validation.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImpliedVolatilityTest {
  /** Round-trip price error, relative to the forward (the solver stops at 1e-12 of it). */
  private static final double PRICE_ROUND_TRIP = 1e-10;

  /** Round-trip vol error where vega is not tiny. */
  private static final double VOL_ROUND_TRIP = 1e-7;

  @ParameterizedTest(name = "{0} F={1} K={2} T={3} vol={4}")
  @CsvSource({
    "CALL, 9350, 9350, 0.1, 0.8", // at the money
    "PUT, 9350, 9350, 0.002, 1.2", // hours to expiry
    "CALL, 9350, 3000, 0.5, 0.9", // deep in the money
    "PUT, 9350, 30000, 0.3, 1.5", // deep in the money put
    "CALL, 9350, 30000, 1.5, 0.9", // deep out of the money, long dated
    "PUT, 9350, 4000, 0.05, 1.1", // deep out of the money, short dated
    "CALL, 70000, 72000, 3.0, 0.5", // long dated
  })
  void fromPrice_priceToVolToPrice_roundTripsLinearAndInverse(
      PutCall type, double f, double k, double t, double vol) {
    double price = Black76.price(f, k, t, vol, type, 0.01);
    double implied = ImpliedVolatility.fromPrice(price, f, k, t, type, 0.01);
    assertThat(Black76.price(f, k, t, implied, type, 0.01))
        .isCloseTo(price, within(PRICE_ROUND_TRIP * f));
    double vega = Black76.greeks(f, k, t, vol, type, 0.01).vega();
    if (vega > 1e-3 * f) {
      assertThat(implied).isCloseTo(vol, within(VOL_ROUND_TRIP));
    }
    double coin = Black76.inversePrice(f, k, t, vol, type, 0.01);
    double impliedInverse = ImpliedVolatility.fromInversePrice(coin, f, k, t, type, 0.01);
    assertThat(Black76.inversePrice(f, k, t, impliedInverse, type, 0.01))
        .isCloseTo(coin, within(PRICE_ROUND_TRIP));
  }

  @Test
  void fromPrice_belowIntrinsic_saysNoVolFits() {
    assertThatThrownBy(() -> ImpliedVolatility.fromPrice(5, 110, 100, 0.5, PutCall.CALL, 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no volatility fits");
  }

  /** A call 43% out of the money a week from expiry, priced ~1e-14 USD. */
  @ParameterizedTest(name = "vol={0} rate={1}")
  @CsvSource({"0.3, 0", "0.4, 0", "0.3, -800", "0.1, 0"})
  void fromPrice_tinyPriceOfFarOutOfTheMoneyCall_recoversTheVol(double vol, double rate) {
    double price = Black76.price(70000, 100000, 0.02, vol, PutCall.CALL, rate);
    assertThat(price).isLessThan(1e-6);
    assertThat(ImpliedVolatility.fromPrice(price, 70000, 100000, 0.02, PutCall.CALL, rate))
        .isCloseTo(vol, within(1e-9));
  }

  @Test
  void fromPrice_priceBelowWhatDeterminesAVol_saysSoInsteadOfAWrongNumber() {
    for (double price :
        new double[] {1e-300, 0.0, Black76.price(70000, 100000, 0.02, 0.05, PutCall.CALL, 0)}) {
      assertThatThrownBy(
              () -> ImpliedVolatility.fromPrice(price, 70000, 100000, 0.02, PutCall.CALL, 0))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("too small to determine a volatility");
    }
  }
}
