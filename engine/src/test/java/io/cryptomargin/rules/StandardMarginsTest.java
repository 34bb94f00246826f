package io.cryptomargin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import org.junit.jupiter.api.Test;

/**
 * Deribit's standard formulas against published worked examples.
 *
 * <p>Sources:
 *
 * <ul>
 *   <li>Option formulas, inverse (BTC) form: Deribit's standard margin as transcribed in "Deribit
 *       Margin Requirements Calculation",
 *       https://doc.tslab.pro/tslab/eng/data-providers/connection-to-broker/deribit-cryptocurrency-exchange/deribit-margin-requirements-calculation
 *       (short call IM = max(0.15 − OTM/U, 0.1) + mark, MM = 0.075 + mark; short put IM =
 *       max(max(0.15 − OTM/U, 0.1) + mark, MM), MM = max(0.075, 0.075·mark) + mark).
 *   <li>Linear worked example (the same formulas in USD, ETH-USDT-17NOV23-1850-P, U ≈ 2098, mark
 *       2.4): bit.com, "Margin Rules for USDT Margined Options",
 *       https://helpcenter.bitexch.io/en/articles/9777723-margin-rules-for-usdt-margined-options
 *   <li>Perpetual size scaling (BTC_USDC at 100,000; 25 and 350 BTC): Deribit, "Linear Perpetual",
 *       https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual
 * </ul>
 */
class StandardMarginsTest {
  private static final double CENT = 1e-9;
  private static final double COIN_EXACT = 1e-12;
  private static final OptionRates DERIBIT = RulesParameters.deribitSm().options();
  private static final FuturesRates PERPETUAL = RulesParameters.deribitSm().defaultFutures();

  @Test
  void shortOption_linearPutPublishedExample_hasMm159_75AndIm212_2() {
    // OTM = 2098 − 1850 = 248; MM = max(157.35, 0.18) + 2.4 = 159.75;
    // IM = max(max(314.7 − 248, 209.8) + 2.4, 159.75) = 212.2.
    Requirement margin =
        StandardMargins.shortOption(PutCall.PUT, 2098, 1850, 2.4, Settlement.LINEAR, DERIBIT);

    assertThat(margin.maintenance()).isCloseTo(159.75, within(CENT));
    assertThat(margin.initial()).isCloseTo(212.2, within(CENT));
    // The published position figures: 50 contracts.
    assertThat(margin.times(50).initial()).isCloseTo(10_610, within(CENT));
    assertThat(margin.times(50).maintenance()).isCloseTo(7_987.5, within(CENT));
  }

  @Test
  void shortOption_linearOutOfTheMoneyCall_subtractsOtmUntilTheTenPercentFloor() {
    // U 2098, K 2300: OTM 202 → max(314.7 − 202, 209.8) = 209.8 (floor binds) + 5.
    Requirement floor =
        StandardMargins.shortOption(PutCall.CALL, 2098, 2300, 5, Settlement.LINEAR, DERIBIT);
    // K 2150: OTM 52 → 314.7 − 52 = 262.7 + 5.
    Requirement near =
        StandardMargins.shortOption(PutCall.CALL, 2098, 2150, 5, Settlement.LINEAR, DERIBIT);
    // In the money (K 2000): OTM 0 → 314.7 + 5.
    Requirement inTheMoney =
        StandardMargins.shortOption(PutCall.CALL, 2098, 2000, 110, Settlement.LINEAR, DERIBIT);

    assertThat(floor.initial()).isCloseTo(214.8, within(CENT));
    assertThat(floor.maintenance()).isCloseTo(157.35 + 5, within(CENT));
    assertThat(near.initial()).isCloseTo(267.7, within(CENT));
    assertThat(inTheMoney.initial()).isCloseTo(314.7 + 110, within(CENT));
  }

  @Test
  void shortOption_inverseCall_isTheCoinFormula() {
    // U 9350, K 10000, mark 0.02 BTC: OTM/U = 650/9350; IM = max(0.15 − 0.0695187, 0.1) + 0.02 =
    // 0.12.
    Requirement margin =
        StandardMargins.shortOption(PutCall.CALL, 9350, 10_000, 0.02, Settlement.INVERSE, DERIBIT);

    assertThat(margin.initial()).isCloseTo(0.12, within(COIN_EXACT));
    assertThat(margin.maintenance()).isCloseTo(0.095, within(COIN_EXACT));
  }

  @Test
  void shortOption_inversePut_isTheCoinFormula() {
    // U 9350, K 9000, mark 0.03 BTC: OTM/U = 350/9350 = 0.0374332; MM = max(0.075, 0.00225) + 0.03
    // = 0.105;
    // IM = max(max(0.15 − 0.0374332, 0.1) + 0.03, 0.105) = 0.1425668.
    Requirement margin =
        StandardMargins.shortOption(PutCall.PUT, 9350, 9000, 0.03, Settlement.INVERSE, DERIBIT);

    assertThat(margin.maintenance()).isCloseTo(0.105, within(COIN_EXACT));
    assertThat(margin.initial()).isCloseTo(0.15 - 350.0 / 9350 + 0.03, within(COIN_EXACT));
  }

  @Test
  void shortOption_inverse_equalsLinearDividedByUnderlying() {
    double underlying = 70_000;
    double markUsd = 1_400;
    for (PutCall putCall : PutCall.values()) {
      for (double strike : new double[] {50_000, 66_000, 70_000, 75_000, 90_000}) {
        Requirement linear =
            StandardMargins.shortOption(
                putCall, underlying, strike, markUsd, Settlement.LINEAR, DERIBIT);
        Requirement inverse =
            StandardMargins.shortOption(
                putCall, underlying, strike, markUsd / underlying, Settlement.INVERSE, DERIBIT);
        assertThat(inverse.initial()).isCloseTo(linear.initial() / underlying, within(COIN_EXACT));
        assertThat(inverse.maintenance())
            .isCloseTo(linear.maintenance() / underlying, within(COIN_EXACT));
      }
    }
  }

  @Test
  void future_linearPerpetual25BtcAt100k_hasIm53125AndMm28125() {
    Requirement margin = StandardMargins.future(25, 100_000, Settlement.LINEAR, PERPETUAL);

    assertThat(margin.initial()).isCloseTo(53_125, within(CENT));
    assertThat(margin.maintenance()).isCloseTo(28_125, within(CENT));
  }

  @Test
  void future_sizeScaling350Btc_hasIm1312500() {
    // 2% + 350 × 0.005% = 3.75% of 35,000,000.
    assertThat(StandardMargins.future(350, 100_000, Settlement.LINEAR, PERPETUAL).initial())
        .isCloseTo(1_312_500, within(CENT));
    // A short position is margined on its size.
    assertThat(StandardMargins.future(-25, 100_000, Settlement.LINEAR, PERPETUAL).initial())
        .isCloseTo(53_125, within(CENT));
  }

  @Test
  void future_inverse25Btc_isTheMarginInCoin() {
    // The published figure in coin: 25 × 2.125% = 0.53125 BTC; 25 × 1.125% = 0.28125 BTC.
    Requirement margin = StandardMargins.future(25, 100_000, Settlement.INVERSE, PERPETUAL);

    assertThat(margin.initial()).isCloseTo(0.53125, within(COIN_EXACT));
    assertThat(margin.maintenance()).isCloseTo(0.28125, within(COIN_EXACT));
  }

  @Test
  void longOption_venueNeedsNothingAndMarkToMarketTiesUpItsMark() {
    // Deribit: a long option needs no margin and is no collateral (cash basis). On the
    // mark-to-market basis its
    // value is in equity but lends nothing, so its mark is tied up (METHODOLOGY section 1a).
    assertThat(StandardMargins.longOption()).isEqualTo(Requirement.ZERO);
    assertThat(StandardMargins.longOptionMarkToMarket(0.0425))
        .isEqualTo(new Requirement(0.0425, 0.0425));
  }

  @Test
  void shortOptionMarkToMarket_linearPutPublishedExample_isTheVenueFigureLessTheMark() {
    // The bit.com put above: venue IM 212.2, MM 159.75, mark 2.4 → 209.8 and 157.35 on the
    // mark-to-market basis
    // (0.10 × 2098 and 0.075 × 2098: the floor and the MM rate, the "+ mark" taken out).
    Requirement venue =
        StandardMargins.shortOption(PutCall.PUT, 2098, 1850, 2.4, Settlement.LINEAR, DERIBIT);

    Requirement markToMarket = StandardMargins.shortOptionMarkToMarket(venue, 2.4);

    assertThat(markToMarket.initial()).isCloseTo(209.8, within(CENT));
    assertThat(markToMarket.maintenance()).isCloseTo(157.35, within(CENT));
  }
}
