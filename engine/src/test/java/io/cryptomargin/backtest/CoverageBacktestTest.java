package io.cryptomargin.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.historical.HistoricalVarModel;
import io.cryptomargin.historical.HistoricalVarParameters;
import io.cryptomargin.historical.PriceHistory;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.scenario.Span16Parameters;
import io.cryptomargin.validation.ValidationException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A 260-day synthetic BTC series: 250 quiet days (alternately +1% and −1/1.01), then chosen
 * next-day moves. span-16 margins one coin of a linear perpetual at PSR 15% of the price (the ±PSR
 * scenarios bind; ±2·PSR at 35% is only 10.5%), so a long breaches exactly on falls beyond 15% and
 * a short on rises beyond 15%.
 */
class CoverageBacktestTest {
  private static final double EXACT = 1e-9;
  private static final LocalDate START = LocalDate.of(2020, 1, 1);

  /** Moves into days 251..259. */
  private static final double[] TEST_MOVES = {
    -0.20, 0.05, 0.20, -0.16, -0.10, 0.16, 0.0, -0.14, 0.14
  };

  private static final MarginParameters CHARGES =
      new MarginParameters(1.1, 0.01, List.of(7.0, 30.0, 90.0, 180.0), 0.01, List.of(), 100_000);

  private static PriceHistory synthetic() {
    NavigableMap<LocalDate, Double> closes = new TreeMap<>();
    double price = 10_000;
    closes.put(START, price);
    for (int day = 1; day <= 250; day++) {
      price = day % 2 == 1 ? price * 1.01 : price / 1.01;
      closes.put(START.plusDays(day), price);
    }
    for (int i = 0; i < TEST_MOVES.length; i++) {
      price *= 1 + TEST_MOVES[i];
      closes.put(START.plusDays(251 + i), price);
    }
    return PriceHistory.joint("synthetic", Map.of("BTC", closes));
  }

  private static CoverageModel span16() {
    Span16Parameters btc = new Span16Parameters(0.15, 0.25, 2, 0.35);
    return CoverageModel.of(
        new MarginModel(
            new Span16Definition(
                "span-16",
                "test",
                1,
                0.01,
                new Span16Parameters(0.25, 0.25, 2, 0.35),
                Map.of("BTC", btc)),
            CHARGES,
            "test"));
  }

  /**
   * A model that always asks a fixed amount, to check the bookkeeping apart from any margin model.
   */
  private static CoverageModel fixed(double usd) {
    return new CoverageModel(
        "fixed",
        CoverageModel.Measure.RULES_FORMULA,
        (book, snapshot) -> new CoverageModel.Cover(usd, usd, Double.NaN));
  }

  @Test
  void run_span16OnSyntheticMoves_breachesExactlyOnTheMovesBeyondThePsr() {
    BacktestResult result =
        CoverageBacktest.run(
            synthetic(),
            BacktestBook.defaults("BTC"),
            List.of(span16()),
            BacktestOptions.defaults(),
            message -> {});

    // Tested days 250..258 (a loss needs the next close): 9 days. The breach date is the day
    // margined,
    // the day before the move.
    ModelCoverage longBook = result.coverage("span-16", "long-1-BTC");
    ModelCoverage shortBook = result.coverage("span-16", "short-1-BTC");
    assertThat(result.days()).hasSize(9);
    assertThat(longBook.breachDates()).containsExactly(START.plusDays(250), START.plusDays(253));
    assertThat(shortBook.breachDates()).containsExactly(START.plusDays(252), START.plusDays(255));
    assertThat(longBook.kupiec().days()).isEqualTo(9);
    assertThat(longBook.kupiec().breaches()).isEqualTo(2);
    // −20% against a 15% requirement: the shortfall is 5% of the day's price.
    double price250 = result.closes()[0][0];
    assertThat(longBook.worstShortfallUsd()).isCloseTo(0.05 * price250, within(1e-6));
    assertThat(longBook.averageRequirementOfNotional()).isCloseTo(0.15, within(EXACT));
  }

  @Test
  void run_fixedRequirement_lossesAndBreachesFollowThePrices() {
    PriceHistory history = synthetic();
    BacktestResult result =
        CoverageBacktest.run(
            history,
            BacktestBook.defaults("BTC"),
            List.of(fixed(1_500)),
            BacktestOptions.defaults(),
            message -> {});

    double[][] loss = result.realizedLossUsd();
    for (int d = 0; d < result.days().size(); d++) {
      double now = history.close("BTC", 250 + d);
      double next = history.close("BTC", 251 + d);
      assertThat(loss[0][d]).isCloseTo(now - next, within(1e-6));
      assertThat(loss[1][d]).isCloseTo(next - now, within(1e-6));
    }
    // Long: −20% of 10,000 = 2,000 and −16% of 10,080 = 1,613 exceed 1,500; −10% of 8,467 and
    // −14% of 8,840 = 1,238 do not. Short: only +20% of 8,400 = 1,680.
    assertThat(result.coverage("fixed", "long-1-BTC").breachDates())
        .containsExactly(START.plusDays(250), START.plusDays(253));
    assertThat(result.coverage("fixed", "short-1-BTC").breachDates())
        .containsExactly(START.plusDays(252));
    assertThat(result.toCsv().lines().findFirst().orElseThrow())
        .isEqualTo(
            "date,close_BTC,loss_long-1-BTC,loss_short-1-BTC,req_fixed_long-1-BTC,breach_fixed_long-1-BTC,"
                + "req_fixed_short-1-BTC,breach_fixed_short-1-BTC");
    assertThat(result.toCsv().lines().skip(1).findFirst().orElseThrow()).endsWith(",1500,1,1500,0");
  }

  @Test
  void run_historicalVar_testsItsVarWithKupiecAndChecksItsEsApart() {
    // Plain HS at 99% over N ≈ 250 past days: the tail holds the k = 3 worst past moves; the VaR is
    // the smallest of
    // them, the ES (the requirement) their mean. Kupiec counts VaR exceedances, which is what it
    // fits.
    // Long: day 250's tail is three quiet −0.99% days → VaR 0.99%: −20% exceeds. Day 253: tail 20,
    // 0.99, 0.99 →
    // VaR 0.99%: −16% exceeds. Day 254: tail 20, 16, 0.99 → VaR 0.99%: −10% exceeds (the ES, 12.3%,
    // covers it).
    // Day 257: tail 20, 16, 10 → VaR 10%: −14% exceeds (the ES, 15.3%, covers it).
    // Short: day 251 (+5%) and 252 (+20%) against a 1% VaR; 255: tail 20, 5, 1 → VaR 1%: +16%
    // exceeds;
    // 258: tail 20, 16, 5 → VaR 5%: +14% exceeds.
    // The requirement (ES) itself is exceeded only on the long's days 250 and 253, as before.
    HistoricalVarParameters plain =
        HistoricalVarParameters.defaults()
            .withWeighting(io.cryptomargin.historical.ReturnWeighting.PLAIN)
            .withStressPeriods(List.of());
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain, CHARGES, synthetic());

    BacktestResult result =
        CoverageBacktest.run(
            synthetic(),
            BacktestBook.defaults("BTC"),
            List.of(CoverageModel.of(model)),
            BacktestOptions.defaults(),
            message -> {});

    ModelCoverage longBook = result.coverage("historical-var", "long-1-BTC");
    assertThat(longBook.breachDates())
        .containsExactly(
            START.plusDays(250), START.plusDays(253), START.plusDays(254), START.plusDays(257));
    assertThat(longBook.requirementBreaches()).isEqualTo(2);
    assertThat(longBook.tested()).contains("VaR").contains("ES");
    assertThat(longBook.meanTailLossUsd()).isPositive();
    assertThat(longBook.meanExpectedShortfallUsd()).isPositive();
    assertThat(result.coverage("historical-var", "short-1-BTC").breachDates())
        .containsExactly(
            START.plusDays(251), START.plusDays(252), START.plusDays(255), START.plusDays(258));
  }

  @Test
  void run_modelsWithoutAStatedLevel_sayKupiecIsACoverageCheckAndHaveNoEsCheck() {
    BacktestResult result =
        CoverageBacktest.run(
            synthetic(),
            BacktestBook.defaults("BTC"),
            List.of(span16(), fixed(1_500)),
            BacktestOptions.defaults(),
            message -> {});

    for (ModelCoverage c : result.coverage()) {
      assertThat(c.tested()).contains("coverage check");
      assertThat(c.meanExpectedShortfallUsd()).isNaN();
      assertThat(c.requirementBreaches()).isEqualTo(c.breaches());
    }
  }

  @Test
  void run_tenTenthCoinContracts_loseAndAreMarginedAsOneCoin() {
    Portfolio tenths =
        new Portfolio("tenths", Map.of(), List.of(new Position("BTC_USDC-PERPETUAL", 10)));
    BacktestBook sized = new BacktestBook("tenths", tenths, Map.of("BTC_USDC-PERPETUAL", 0.1));

    // A snapshot gives one size per instrument name, so the 1-coin book runs on its own.
    BacktestResult tenthsRun =
        CoverageBacktest.run(
            synthetic(),
            List.of(sized),
            List.of(span16()),
            BacktestOptions.defaults(),
            message -> {});
    BacktestResult oneCoinRun =
        CoverageBacktest.run(
            synthetic(),
            List.of(BacktestBook.defaults("BTC").get(0)),
            List.of(span16()),
            BacktestOptions.defaults(),
            message -> {});

    // 10 contracts of 0.1 BTC are 1 BTC: the same losses, requirements and breaches as one 1-BTC
    // contract
    // (the first tested day's move is −20%: about 2,000 USD on a 10,000 USD coin, not 20,000).
    double[][] loss = tenthsRun.realizedLossUsd();
    double[][] oneCoin = oneCoinRun.realizedLossUsd();
    assertThat(loss[0][0]).isCloseTo(0.20 * tenthsRun.closes()[0][0], within(EXACT * 1e4));
    for (int d = 0; d < tenthsRun.days().size(); d++) {
      assertThat(loss[0][d]).isCloseTo(oneCoin[0][d], within(EXACT * 1e4));
    }
    assertThat(tenthsRun.coverage("span-16", "tenths").breachDates())
        .isEqualTo(oneCoinRun.coverage("span-16", "long-1-BTC").breachDates())
        .hasSize(2);
  }

  @Test
  void run_oneInstrumentGivenTwoContractSizes_errorNamesTheInstrumentAndBothBooks() {
    Portfolio book = new Portfolio("p", Map.of(), List.of(new Position("BTC_USDC-PERPETUAL", 1)));
    List<BacktestBook> books =
        List.of(
            new BacktestBook("tenth", book, Map.of("BTC_USDC-PERPETUAL", 0.1)),
            new BacktestBook("hundredth", book, Map.of("BTC_USDC-PERPETUAL", 0.01)));

    assertThatThrownBy(
            () ->
                CoverageBacktest.run(
                    synthetic(),
                    books,
                    List.of(span16()),
                    BacktestOptions.defaults(),
                    message -> {}))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("portfolio.hundredth.contractSizes.BTC_USDC-PERPETUAL")
        .hasMessageContaining("differs from 0.1 in book tenth");
  }

  @Test
  void run_bookOnAnUnderlyingWithoutHistory_errorNamesIt() {
    Portfolio eth = new Portfolio("eth", Map.of(), List.of(new Position("ETH_USDC-PERPETUAL", 1)));

    assertThatThrownBy(
            () ->
                CoverageBacktest.run(
                    synthetic(),
                    List.of(new BacktestBook("eth", eth)),
                    List.of(span16()),
                    BacktestOptions.defaults(),
                    message -> {}))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no price history for underlying ETH");
  }
}
