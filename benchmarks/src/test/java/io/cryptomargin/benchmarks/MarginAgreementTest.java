package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import org.junit.jupiter.api.Test;

/**
 * The two sides of the portfolio-margin benchmark compute the same margin: full revaluation of
 * every leg in shifted markets gives the cached arrays' scanning risk and margins, so the ratio
 * compares equal work. And the books exercise every charge. The full-revaluation side mirrors
 * span-16's SPAN aggregation; crypto-pm's (dampener, roll shock, currencies in USD) is not
 * mirrored, so the agreement is checked under span-16, with a short option minimum rate above the
 * shipped 0 so that charge is exercised too.
 */
class MarginAgreementTest {
  private static final MarginUniverse UNIVERSE = MarginUniverse.deribitBtcAndSyntheticEth();

  @Test
  void fullRevaluationGivesTheResolvedBooksMarginUnderSpan16() {
    for (String id : new String[] {Models.SPAN_16}) {
      MarginModel model = spanWithShortOptionMinimum();
      RiskArraySet arrays = UNIVERSE.arrays(model);
      for (int legs : new int[] {10, 100, 1000}) {
        Portfolio book = UNIVERSE.book(legs);
        AccountMargin cached =
            PortfolioMarginCalculator.margin(
                PortfolioMarginCalculator.resolve(book, arrays),
                model,
                UNIVERSE.rates(),
                UNIVERSE.snapshot().asOf());
        FullRevaluationMargin.Result full =
            FullRevaluationMargin.margin(book, UNIVERSE.instruments(), UNIVERSE.snapshot(), model);

        double tolerance = 1e-9 * Math.max(1.0, cached.maintenanceMargin());
        assertThat(full.maintenanceUsd())
            .as(id + " " + legs + " legs maintenance")
            .isCloseTo(cached.maintenanceMargin(), within(tolerance));
        assertThat(full.initialUsd())
            .as(id + " " + legs + " legs initial")
            .isCloseTo(cached.initialMargin(), within(tolerance * 1.5));
        for (CommodityMargin c : cached.commodities()) {
          assertThat(full.scanningRisk().get(c.underlying() + "/" + c.settlementCurrency()))
              .isCloseTo(c.scanningRisk(), within(1e-9 * Math.max(1.0, c.scanningRisk())));
        }
      }
    }
  }

  /** The shipped span-16 with a CME-form short option minimum of 1% of PSR × price per coin. */
  private static MarginModel spanWithShortOptionMinimum() {
    MarginModel shipped = Models.margin(Models.SPAN_16);
    MarginParameters p = shipped.parameters();
    return new MarginModel(
        shipped.scenarios(),
        new MarginParameters(
            p.initialToMaintenance(),
            p.intraSpreadRate(),
            p.intraTierBoundariesDays(),
            0.01,
            p.interCommodityCredits(),
            p.minimumEquityUsd()),
        shipped.description(),
        shipped.profile(),
        shipped.charges());
  }

  @Test
  void booksHoldBothCoinsAndEveryChargeIsExercised() {
    MarginModel model = spanWithShortOptionMinimum();
    AccountMargin margin =
        PortfolioMarginCalculator.margin(
            UNIVERSE.book(1000),
            UNIVERSE.arrays(model),
            model,
            UNIVERSE.rates(),
            UNIVERSE.snapshot().asOf());

    assertThat(UNIVERSE.size()).isEqualTo(CodecBenchmark.ARRAYS);
    assertThat(margin.commodities())
        .extracting(CommodityMargin::underlying)
        .containsExactly("BTC", "ETH");
    assertThat(margin.commodities())
        .allSatisfy(
            c -> {
              assertThat(c.scanningRisk()).isPositive();
              assertThat(c.shortOptionMinimum()).isPositive();
              assertThat(c.netOptionValue()).isNotZero();
            });
    assertThat(margin.commodities())
        .anySatisfy(c -> assertThat(c.intraSpreadCharge()).isPositive());
    assertThat(margin.maintenanceMargin()).isPositive();
  }
}
