package io.cryptomargin.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.validation.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Expected values from the formula in {@link KupiecTest}, evaluated by hand (and checked with erf).
 */
class KupiecTestTest {
  private static final double TIGHT = 1e-9;
  private static final double PRINTED_DIGITS = 1e-6;

  @Test
  void test_noBreachIn250DaysAt1Percent_lrIsMinusTwoLnOf099To250() {
    KupiecResult result = KupiecTest.test(250, 0, 0.01);

    // LR = −2·ln(0.99^250) = −500·ln 0.99 = 5.0251679; P(χ²₁ > 5.025) = 0.0249815.
    assertThat(result.likelihoodRatio()).isCloseTo(-500 * Math.log(0.99), within(TIGHT));
    assertThat(result.likelihoodRatio()).isCloseTo(5.025168, within(PRINTED_DIGITS));
    assertThat(result.pValue()).isCloseTo(0.0249815, within(PRINTED_DIGITS));
    assertThat(result.verdict()).isEqualTo(KupiecResult.Verdict.TOO_FEW_BREACHES);
  }

  @Test
  void test_fiveBreachesIn250_isWithinBaselTrafficLightGreenAndNotRejected() {
    KupiecResult result = KupiecTest.test(250, 5, 0.01);

    // −2[245 ln .99 + 5 ln .01] + 2[245 ln .98 + 5 ln .02] = 1.956810, p = 0.161855.
    assertThat(result.likelihoodRatio()).isCloseTo(1.956810, within(PRINTED_DIGITS));
    assertThat(result.pValue()).isCloseTo(0.161855, within(PRINTED_DIGITS));
    assertThat(result.verdict()).isEqualTo(KupiecResult.Verdict.CONSISTENT);
  }

  @Test
  void test_tenBreachesIn250_rejectedAsTooMany() {
    KupiecResult result = KupiecTest.test(250, 10, 0.01);

    // Basel's red zone starts at 10 of 250: LR = 12.955491, p = 0.000319.
    assertThat(result.likelihoodRatio()).isCloseTo(12.955491, within(PRINTED_DIGITS));
    assertThat(result.pValue()).isCloseTo(0.000319, within(PRINTED_DIGITS));
    assertThat(result.verdict()).isEqualTo(KupiecResult.Verdict.TOO_MANY_BREACHES);
  }

  @Test
  void test_breachesExactlyAtTheExpectedRate_lrZeroAndPValueOne() {
    KupiecResult result = KupiecTest.test(1000, 10, 0.01);

    assertThat(result.likelihoodRatio()).isCloseTo(0.0, within(TIGHT));
    assertThat(result.pValue()).isCloseTo(1.0, within(TIGHT));
  }

  @Test
  void chiSquareOneTail_atTheFivePercentCriticalValue_isFivePercent() {
    // 3.841459 is the 95% quantile of χ²₁ (1.959964²).
    assertThat(KupiecTest.chiSquareOneTail(1.959963985 * 1.959963985))
        .isCloseTo(0.05, within(1e-8));
  }

  @Test
  void test_moreBreachesThanDays_isRefused() {
    assertThatThrownBy(() -> KupiecTest.test(10, 11, 0.01)).isInstanceOf(ValidationException.class);
  }
}
