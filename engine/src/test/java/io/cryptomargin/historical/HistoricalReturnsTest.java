package io.cryptomargin.historical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The return arithmetic on the hand series 100, 110, 99, 99, 108.9, 98.01: moves of +10%, −10%, 0,
 * +10%, −10%, so every log return is ln(1.1) = 0.0953102, ln(0.9) = −0.1053605 or 0.
 */
class HistoricalReturnsTest {
  private static final double EXACT = 1e-12;
  private static final double[] CLOSES = {100, 110, 99, 99, 108.9, 98.01};
  private static final double UP = Math.log(1.1);
  private static final double DOWN = Math.log(0.9);

  @Test
  void dailyLogReturns_handSeries_lnOfEachCloseOverThePrevious() {
    double[] r = HistoricalReturns.dailyLogReturns(CLOSES);

    assertThat(r).hasSize(6);
    assertThat(r[0]).isNaN();
    assertThat(r[1]).isCloseTo(0.0953101798, within(1e-10));
    assertThat(r[2]).isCloseTo(-0.1053605157, within(1e-10));
    assertThat(r[3]).isCloseTo(0.0, within(EXACT));
    assertThat(r[4]).isCloseTo(UP, within(EXACT));
    assertThat(r[5]).isCloseTo(DOWN, within(EXACT));
  }

  @Test
  void scaledToHorizon_fourDays_doublesTheReturn() {
    // √4 = 2: 2 × ln(1.1) = 0.1906204.
    assertThat(HistoricalReturns.scaledToHorizon(UP, 4)).isCloseTo(0.1906203596, within(1e-10));
    assertThat(HistoricalReturns.scaledToHorizon(UP, 1)).isEqualTo(UP);
  }

  @Test
  void overlappingLogReturns_twoDays_lnOfCloseOverTheCloseTwoDaysBefore() {
    double[] r = HistoricalReturns.overlappingLogReturns(CLOSES, 2);

    // 99/100, 99/110 = 0.9, 108.9/99 = 1.1, 98.01/99 = 0.99.
    assertThat(r[0]).isNaN();
    assertThat(r[1]).isNaN();
    assertThat(r[2]).isCloseTo(Math.log(0.99), within(EXACT));
    assertThat(r[3]).isCloseTo(DOWN, within(EXACT));
    assertThat(r[4]).isCloseTo(UP, within(EXACT));
    assertThat(r[5]).isCloseTo(Math.log(0.99), within(EXACT));
  }

  @Test
  void overlappingLogReturns_equalSumOfTheDailyReturnsTheyCover() {
    double[] daily = HistoricalReturns.dailyLogReturns(CLOSES);
    double[] threeDay = HistoricalReturns.overlappingLogReturns(CLOSES, 3);

    for (int i = 3; i < CLOSES.length; i++) {
      assertThat(threeDay[i]).isCloseTo(daily[i - 2] + daily[i - 1] + daily[i], within(EXACT));
    }
  }

  @Test
  void ewmaVarianceBefore_lambdaHalf_seedThenRecursion() {
    double[] r = HistoricalReturns.dailyLogReturns(CLOSES);

    double[] before = HistoricalReturns.ewmaVarianceBefore(r, 0.5);

    // Seed = mean square of the 5 returns = (2·0.0953102² + 2·0.1053605² + 0)/5 = 0.00807395;
    // then v[i+1] = 0.5·v[i] + 0.5·r[i]²: 0.5·0.00807395 + 0.5·0.00908403 = 0.00857899,
    // 0.5·0.00857899 + 0.5·0.01110084 = 0.00983991, 0.5·0.00983991 + 0 = 0.00491996,
    // 0.5·0.00491996 + 0.5·0.00908403 = 0.00700199, 0.5·0.00700199 + 0.5·0.01110084 = 0.00905142.
    assertThat(before).hasSize(7);
    assertThat(before[1]).isCloseTo(0.008073947454, within(1e-12));
    assertThat(before[2]).isCloseTo(0.008578988914, within(1e-12));
    assertThat(before[3]).isCloseTo(0.009839913587, within(1e-12));
    assertThat(before[4]).isCloseTo(0.004919956793, within(1e-12));
    assertThat(before[5]).isCloseTo(0.007001993584, within(1e-12));
    assertThat(before[6]).isCloseTo(0.009051415922, within(1e-12));
  }

  @Test
  void filtered_returnDrawnAtHalfTodaysVol_isDoubled() {
    // r·σ_now/σ_then = 0.02 × 0.03 / 0.01 = 0.06.
    assertThat(HistoricalReturns.filtered(0.02, 0.01, 0.03)).isCloseTo(0.06, within(EXACT));
    assertThat(HistoricalReturns.filtered(-0.05, 0.04, 0.02)).isCloseTo(-0.025, within(EXACT));
  }

  @Test
  void priceMove_logReturnOfTenPercentRise_isTenPercent() {
    assertThat(HistoricalReturns.priceMove(UP)).isCloseTo(0.1, within(EXACT));
    assertThat(HistoricalReturns.priceMove(Math.log(0.5))).isCloseTo(-0.5, within(EXACT));
  }
}
