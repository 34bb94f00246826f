package io.cryptomargin.historical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.InterCommodityPair;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.validation.ValidationException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scenario generation and the model on a 12-day synthetic history whose daily moves are chosen by
 * hand: +1%, −2%, +3%, −4%, +5%, −6%, +2%, −1%, +4%, −3%, +1% (closes from 1,000).
 */
class HistoricalVarModelTest {
  private static final double EXACT = 1e-9;
  private static final LocalDate START = LocalDate.of(2024, 1, 1);
  private static final double[] MOVES = {
    0.01, -0.02, 0.03, -0.04, 0.05, -0.06, 0.02, -0.01, 0.04, -0.03, 0.01
  };
  private static final MarginParameters CHARGES =
      new MarginParameters(
          1.2,
          0.01,
          List.of(7.0, 30.0, 90.0, 180.0),
          0.01,
          List.of(new InterCommodityPair("BTC", "ETH", 0.5)),
          100_000);

  private static NavigableMap<LocalDate, Double> series(double first, double[] moves) {
    NavigableMap<LocalDate, Double> closes = new TreeMap<>();
    double price = first;
    closes.put(START, price);
    for (int i = 0; i < moves.length; i++) {
      price *= 1 + moves[i];
      closes.put(START.plusDays(i + 1), price);
    }
    return closes;
  }

  private static PriceHistory btc() {
    return PriceHistory.joint("test", Map.of("BTC", series(1000, MOVES)));
  }

  private static HistoricalVarParameters plain(int lookback, double confidence) {
    return new HistoricalVarParameters(
        confidence,
        1,
        HorizonScaling.SQUARE_ROOT_OF_TIME,
        lookback,
        ReturnWeighting.PLAIN,
        0.94,
        1e-6,
        0.5,
        3.0,
        List.of(),
        10);
  }

  /** A snapshot taken at the close of a date (the end of that UTC day). */
  private static MarketSnapshot closeOf(LocalDate date, Map<String, Double> indices) {
    Map<String, UnderlyingMarket> markets = new TreeMap<>();
    indices.forEach((coin, price) -> markets.put(coin, UnderlyingMarket.flat(price, 0.6)));
    return MarketSnapshot.of(date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), markets);
  }

  private static LocalDate last() {
    return START.plusDays(MOVES.length);
  }

  @Test
  void asOf_plainLookbackFive_scenariosAreTheLastFiveDailyMoves() {
    HistoricalScenarioSet set = new HistoricalScenarioGenerator(btc(), plain(5, 0.99)).asOf(last());

    assertThat(set.size()).isEqualTo(5);
    assertThat(set.scenarios().get(0).date()).isEqualTo(START.plusDays(7));
    double[] expected = {-0.06, 0.02, -0.01, 0.04, -0.03, 0.01};
    for (int i = 0; i < 5; i++) {
      assertThat(set.scenarios().get(i).priceMove(0)).isCloseTo(expected[i + 1], within(EXACT));
      assertThat(set.scenarios().get(i).source()).isEqualTo(ScenarioSource.LOOKBACK);
    }
  }

  @Test
  void asOf_stressPeriodOutsideTheLookback_isAlwaysIncludedUnfiltered() {
    // The −4% day (day 4) is far outside a 3-day lookback; the stress period brings it back, raw.
    HistoricalVarParameters parameters =
        plain(3, 0.99)
            .withWeighting(ReturnWeighting.FILTERED)
            .withStressPeriods(List.of(new StressPeriod(START.plusDays(4), START.plusDays(4))));

    HistoricalScenarioSet set = new HistoricalScenarioGenerator(btc(), parameters).asOf(last());

    assertThat(set.size()).isEqualTo(4);
    HistoricalScenario stress = set.scenarios().get(0);
    assertThat(stress.date()).isEqualTo(START.plusDays(4));
    assertThat(stress.source()).isEqualTo(ScenarioSource.STRESS);
    assertThat(stress.priceMove(0)).isCloseTo(-0.04, within(EXACT));
  }

  @Test
  void asOf_stressPeriodNotYetHappened_isLeftOut() {
    HistoricalVarParameters parameters =
        plain(3, 0.99)
            .withStressPeriods(List.of(new StressPeriod(START.plusDays(9), START.plusDays(9))));

    HistoricalScenarioSet set =
        new HistoricalScenarioGenerator(btc(), parameters).asOf(START.plusDays(5));

    assertThat(set.scenarios())
        .extracting(HistoricalScenario::source)
        .containsOnly(ScenarioSource.LOOKBACK);
    assertThat(set.asOf()).isEqualTo(START.plusDays(5));
  }

  @Test
  void asOf_filtered_eachReturnRescaledByTodaysOverThenVol() {
    HistoricalVarParameters parameters = plain(4, 0.99).withWeighting(ReturnWeighting.FILTERED);
    HistoricalScenarioGenerator generator = new HistoricalScenarioGenerator(btc(), parameters);
    double[] r = HistoricalReturns.dailyLogReturns(btc().closes("BTC"));
    double[] variance = HistoricalReturns.ewmaVarianceBefore(r, 0.94);

    HistoricalScenarioSet set = generator.asOf(last());

    double sigmaNow = Math.sqrt(variance[12]);
    assertThat(set.currentDailyVol()[0]).isCloseTo(sigmaNow, within(EXACT));
    for (int i = 0; i < 4; i++) {
      int day = 8 + i;
      double filtered = r[day] * sigmaNow / Math.sqrt(variance[day]);
      assertThat(set.scenarios().get(i).priceMove(0))
          .isCloseTo(Math.expm1(filtered), within(EXACT));
    }
  }

  @Test
  void asOf_volMultiplier_isTheEwmaForecastAfterOverBefore() {
    double[] r = HistoricalReturns.dailyLogReturns(btc().closes("BTC"));
    double[] variance = HistoricalReturns.ewmaVarianceBefore(r, 0.94);

    HistoricalScenarioSet set =
        new HistoricalScenarioGenerator(btc(), plain(11, 0.99)).asOf(last());

    // Day 6 is the −6% day: √(v[7]/v[6]) = √(0.94 + 0.06·r²/v[6]).
    HistoricalScenario crash = set.scenarios().get(5);
    assertThat(crash.date()).isEqualTo(START.plusDays(6));
    assertThat(crash.volMultiplier(0))
        .isCloseTo(Math.sqrt(variance[7] / variance[6]), within(EXACT));
    assertThat(crash.volMultiplier(0))
        .isCloseTo(Math.sqrt(0.94 + 0.06 * r[6] * r[6] / variance[6]), within(EXACT));
  }

  @Test
  void asOf_overlappingTwoDays_movesAreTwoDayReturns() {
    HistoricalVarParameters parameters = plain(3, 0.99).withHorizon(2, HorizonScaling.OVERLAPPING);

    HistoricalScenarioSet set = new HistoricalScenarioGenerator(btc(), parameters).asOf(last());

    // Last three 2-day returns: (1.04)(0.97), (0.97)(1.01), and before them (0.99)(1.04).
    assertThat(set.horizonDays()).isEqualTo(2);
    assertThat(set.scenarios().get(0).priceMove(0)).isCloseTo(0.99 * 1.04 - 1, within(EXACT));
    assertThat(set.scenarios().get(1).priceMove(0)).isCloseTo(1.04 * 0.97 - 1, within(EXACT));
    assertThat(set.scenarios().get(2).priceMove(0)).isCloseTo(0.97 * 1.01 - 1, within(EXACT));
  }

  @Test
  void asOf_stressDaysInsideTheLookback_countAsLookbackDays() {
    // Days 2..11 are the 10-day window; the stress day 6 lies inside it and must not look
    // "missing".
    HistoricalVarParameters parameters =
        plain(10, 0.99)
            .withStressPeriods(List.of(new StressPeriod(START.plusDays(6), START.plusDays(6))));

    HistoricalScenarioSet set = new HistoricalScenarioGenerator(btc(), parameters).asOf(last());

    assertThat(set.size()).isEqualTo(10);
    assertThat(set.lookbackWindowDays()).isEqualTo(10);
    assertThat(set.stressPeriodsMissing()).isEmpty();
  }

  @Test
  void margin_historyShorterThanLookbackAndWithoutTheStressPeriod_notesBoth() {
    StressPeriod beforeTheHistory = new StressPeriod(START.minusDays(30), START.minusDays(20));
    HistoricalVarParameters parameters =
        plain(50, 0.8).withStressPeriods(List.of(beforeTheHistory));
    HistoricalVarModel model = new HistoricalVarModel("test", "", parameters, CHARGES, btc());
    Portfolio book = new Portfolio("a", Map.of(), List.of(new Position("BTC_USDC-PERPETUAL", 1)));

    HistoricalVarMargin margin =
        model.margin(book, closeOf(last(), Map.of("BTC", btc().close("BTC", 11))));

    assertThat(margin.account().notes())
        .anySatisfy(n -> assertThat(n).contains("only 11 of the 50 lookback days"))
        .anySatisfy(
            n ->
                assertThat(n)
                    .contains("stress period " + beforeTheHistory.from())
                    .contains("not in"))
        .noneSatisfy(n -> assertThat(n).contains("days earlier"));
  }

  @Test
  void margin_snapshotLongAfterTheLastClose_notesTheStaleHistory() {
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain(10, 0.8), CHARGES, btc());
    Portfolio book = new Portfolio("a", Map.of(), List.of(new Position("BTC_USDC-PERPETUAL", 1)));

    HistoricalVarMargin margin =
        model.margin(book, closeOf(last().plusDays(30), Map.of("BTC", 1000.0)));

    assertThat(margin.account().notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .contains("last close before the snapshot is " + last())
                    .contains("31 days earlier"));
  }

  @Test
  void margin_longPerpetualPlain_requirementIsMeanOfTheWorstFalls() {
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain(10, 0.8), CHARGES, btc());
    double price = btc().close("BTC", 11);
    Portfolio book = new Portfolio("a", Map.of(), List.of(new Position("BTC_USDC-PERPETUAL", 1)));

    HistoricalVarMargin margin = model.margin(book, closeOf(last(), Map.of("BTC", price)));

    // 10 scenarios (days 2..11), k = ⌈0.2·10⌉ = 2: the −6% and −4% days, ES = 5% of the price.
    assertThat(margin.scenarioCount()).isEqualTo(10);
    assertThat(margin.tailSize()).isEqualTo(2);
    assertThat(margin.expectedShortfallUsd()).isCloseTo(0.05 * price, within(1e-6));
    assertThat(margin.account().maintenanceMargin()).isCloseTo(0.05 * price, within(1e-6));
    assertThat(margin.account().initialMargin()).isCloseTo(1.2 * 0.05 * price, within(1e-6));
    assertThat(margin.account().model()).isEqualTo("historical-var");
    assertThat(margin.worstScenarios().get(0).date()).isEqualTo(START.plusDays(6));
    assertThat(margin.worstScenarios().get(0).lossUsd()).isCloseTo(0.06 * price, within(1e-6));
    assertThat(margin.historyThrough()).isEqualTo(last());
  }

  @Test
  void margin_farOutOfTheMoneyShortCall_minimumBindsAndNoNetOptionValueIsSubtracted() {
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain(10, 0.8), CHARGES, btc());
    double price = btc().close("BTC", 11);
    // Far out-of-the-money short call: tiny scenario losses, so the 1% short option minimum binds.
    Portfolio book =
        new Portfolio("a", Map.of(), List.of(new Position("BTC_USDC-29MAR24-5000-C", -1)));

    HistoricalVarMargin margin = model.margin(book, closeOf(last(), Map.of("BTC", price)));

    // Mark-to-market basis: MM = the minimum itself, 1% of the price; the premium owed is in
    // equity.
    var btc = margin.account().commodities().get(0);
    assertThat(btc.shortOptionMinimum()).isCloseTo(0.01 * price, within(1e-9));
    assertThat(btc.netOptionValue()).isLessThan(0);
    assertThat(btc.maintenanceMargin()).isCloseTo(0.01 * price, within(1e-9));
    assertThat(margin.account().initialMargin()).isCloseTo(1.2 * 0.01 * price, within(1e-9));
    assertThat(margin.account().equity()).isCloseTo(btc.netOptionValue(), within(1e-9));
  }

  @Test
  void margin_longCallAlone_needsMoreThanNothingAndAtMostItsValue() {
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain(10, 0.8), CHARGES, btc());
    double price = btc().close("BTC", 11);
    Portfolio book =
        new Portfolio("a", Map.of(), List.of(new Position("BTC_USDC-29MAR24-1100-C", 1)));

    HistoricalVarMargin margin = model.margin(book, closeOf(last(), Map.of("BTC", price)));

    // A long option can lose at most its value, so the ES of its losses (the MM) cannot exceed it;
    // that value is the book's whole equity, never taken off the requirement.
    var btc = margin.account().commodities().get(0);
    assertThat(btc.netOptionValue()).isPositive();
    assertThat(margin.account().maintenanceMargin())
        .isPositive()
        .isLessThanOrEqualTo(btc.netOptionValue());
    assertThat(margin.account().maintenanceMargin())
        .isCloseTo(margin.expectedShortfallUsd(), within(1e-9));
    assertThat(margin.account().initialMargin())
        .isCloseTo(1.2 * margin.account().maintenanceMargin(), within(1e-9));
    assertThat(margin.account().equity()).isCloseTo(btc.netOptionValue(), within(1e-9));
  }

  @Test
  void margin_underlyingWithoutHistory_errorNamesIt() {
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain(10, 0.99), CHARGES, btc());
    Portfolio book =
        new Portfolio(
            "a",
            Map.of(),
            List.of(new Position("BTC_USDC-PERPETUAL", 1), new Position("ETH_USDC-PERPETUAL", -2)));

    assertThatThrownBy(
            () -> model.margin(book, closeOf(last(), Map.of("BTC", 1000.0, "ETH", 50.0))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no price history for underlying ETH")
        .hasMessageNotContaining("underlying BTC");
  }

  @Test
  void margin_usesOnlyClosesKnownAtTheSnapshot() {
    // 44 days, so the EWMA seed (first 30 returns) is the same in the full and the cut history.
    double[] moves = new double[44];
    for (int i = 0; i < moves.length; i++) {
      moves[i] = MOVES[i % MOVES.length];
    }
    PriceHistory history = PriceHistory.joint("test", Map.of("BTC", series(1000, moves)));
    LocalDate day = START.plusDays(40);
    Portfolio book = new Portfolio("a", Map.of(), List.of(new Position("BTC_USDC-PERPETUAL", -1)));
    HistoricalVarParameters parameters = plain(5, 0.8).withWeighting(ReturnWeighting.FILTERED);
    MarketSnapshot snapshot = closeOf(day, Map.of("BTC", history.close("BTC", 40)));

    HistoricalVarMargin full =
        new HistoricalVarModel("t", "", parameters, CHARGES, history).margin(book, snapshot);
    HistoricalVarMargin cut =
        new HistoricalVarModel("t", "", parameters, CHARGES, history.upTo(day))
            .margin(book, snapshot);

    assertThat(full.historyThrough()).isEqualTo(day);
    assertThat(full.expectedShortfallUsd()).isCloseTo(cut.expectedShortfallUsd(), within(EXACT));
  }

  @Test
  void margin_jointHistory_hedgeAcrossCoinsIsCreditedAsDiversification() {
    // ETH moves exactly like BTC: long BTC against an equal USD short in ETH loses nothing on any
    // date.
    Map<String, NavigableMap<LocalDate, Double>> both = new LinkedHashMap<>();
    both.put("BTC", series(1000, MOVES));
    both.put("ETH", series(100, MOVES));
    PriceHistory history = PriceHistory.joint("test", both);
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain(10, 0.8), CHARGES, history);
    double btc = history.close("BTC", 11);
    double eth = history.close("ETH", 11);
    Portfolio book =
        new Portfolio(
            "a",
            Map.of(),
            new ArrayList<>(
                List.of(
                    new Position("BTC_USDC-PERPETUAL", 1),
                    new Position("ETH_USDC-PERPETUAL", -10))));

    HistoricalVarMargin margin =
        model.margin(book, closeOf(last(), Map.of("BTC", btc, "ETH", eth)));

    assertThat(margin.expectedShortfallUsd()).isCloseTo(0.0, within(1e-6));
    assertThat(margin.account().maintenanceMargin()).isCloseTo(0.0, within(1e-6));
    var btcMargin = margin.account().commodity("BTC", "USDC").orElseThrow();
    assertThat(btcMargin.scanningRisk()).isCloseTo(0.05 * btc, within(1e-6));
    assertThat(btcMargin.interSpreadCredit()).isCloseTo(btcMargin.scanningRisk(), within(1e-6));
  }

  @Test
  void report_text_listsTheWorstScenariosByDate() {
    HistoricalVarModel model = new HistoricalVarModel("test", "", plain(10, 0.8), CHARGES, btc());
    Portfolio book = new Portfolio("a", Map.of(), List.of(new Position("BTC_USDC-PERPETUAL", 1)));

    HistoricalVarMargin margin =
        model.margin(book, closeOf(last(), Map.of("BTC", btc().close("BTC", 11))));
    String text = io.cryptomargin.report.HistoricalVarReport.text(margin);

    assertThat(text)
        .contains("model historical-var")
        .contains("Expected shortfall 80.00%")
        .contains(START.plusDays(6).toString())
        .contains("-6.0%");
    assertThat(io.cryptomargin.report.HistoricalVarReport.plain(margin))
        .containsKeys("account", "worstScenarios");
  }
}
