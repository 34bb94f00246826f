package io.cryptomargin.backtest;

import io.cryptomargin.book.BookInstruments;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.historical.HistoricalReturns;
import io.cryptomargin.historical.PriceHistory;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.pricing.ExpiryPolicy;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Walks a price history: for each day t, a market snapshot at t's close (index = close, flat
 * implied vol = the EWMA vol known at t, annualized over 365 days, no forwards, so dated futures
 * trade at the index), every model margins every book with nothing later than t, and the book's
 * realized loss from t's close to t+1's close (full revaluation at t+1's close and EWMA vol) is
 * compared with the requirement: a breach when loss &gt; requirement.
 */
public final class CoverageBacktest {
  private static final int PROGRESS_EVERY_DAYS = 500;

  private CoverageBacktest() {}

  /**
   * Runs the backtest.
   *
   * @param progress told how far the walk is (e.g. printed to stderr); may be a no-op
   * @throws ValidationException when the period holds no day to test, or a book's underlying has no
   *     history
   */
  public static BacktestResult run(
      PriceHistory history,
      List<BacktestBook> books,
      List<CoverageModel> models,
      BacktestOptions options,
      Consumer<String> progress) {
    List<String> coins = history.coins();
    Map<String, Double> contractSizes = contractSizes(books);
    for (BacktestBook book : books) {
      // The underlying is in the name; each day's snapshot gives the contract sizes below.
      for (Instrument instrument : BookInstruments.of(book.portfolio())) {
        if (!history.has(instrument.underlying())) {
          throw ValidationException.of(
              "portfolio." + book.name(),
              "no price history for underlying "
                  + instrument.underlying()
                  + " in "
                  + history.source()
                  + " (it has "
                  + coins
                  + ")");
        }
      }
    }
    int first =
        Math.max(
            options.warmUpDays(),
            options.from() == null ? 0 : history.indexOnOrBefore(options.from().minusDays(1)) + 1);
    int last =
        Math.min(
            history.size() - 2,
            options.to() == null ? Integer.MAX_VALUE : history.indexOnOrBefore(options.to()));
    if (first > last) {
      String dates =
          history.size() == 0
              ? "no dates"
              : history.dates().get(0) + " to " + history.dates().get(history.size() - 1);
      throw ValidationException.of(
          "period",
          "no day to test in "
              + history.source()
              + " ("
              + dates
              + ") from "
              + (options.from() == null ? "its start" : options.from())
              + " to "
              + (options.to() == null ? "its end" : options.to())
              + ", after a warm-up of "
              + options.warmUpDays()
              + " days and keeping the last day for the next-day loss");
    }
    double[][] annualVol = new double[coins.size()][];
    double[][] closes = new double[coins.size()][];
    for (int k = 0; k < coins.size(); k++) {
      closes[k] = history.closes(coins.get(k));
      double[] variance =
          HistoricalReturns.ewmaVarianceBefore(
              HistoricalReturns.dailyLogReturns(closes[k]), options.ewmaLambda());
      annualVol[k] = new double[closes[k].length];
      for (int i = 0; i < closes[k].length; i++) {
        annualVol[k][i] =
            Math.max(Math.sqrt(variance[i + 1]), options.minimumDailyVol()) * Math.sqrt(365.0);
      }
    }
    int dayCount = last - first + 1;
    double[][] loss = new double[books.size()][dayCount];
    double[][][] requirement = new double[models.size()][books.size()][dayCount];
    double[][][] maintenance = new double[models.size()][books.size()][dayCount];
    double[][][] valueAtRisk = new double[models.size()][books.size()][dayCount];
    double[][] notional = new double[books.size()][dayCount];
    int[][] skipped = new int[models.size()][books.size()];
    boolean[][] skipReported = new boolean[models.size() + 1][books.size()];
    List<LocalDate> days = new ArrayList<>(dayCount);
    double[][] dayCloses = new double[coins.size()][dayCount];
    MarketSnapshot next = snapshot(history, coins, closes, annualVol, first, contractSizes);
    for (int t = first; t <= last; t++) {
      int d = t - first;
      MarketSnapshot now = next;
      next = snapshot(history, coins, closes, annualVol, t + 1, contractSizes);
      days.add(history.dates().get(t));
      for (int k = 0; k < coins.size(); k++) {
        dayCloses[k][d] = closes[k][t];
      }
      for (int b = 0; b < books.size(); b++) {
        Portfolio book = books.get(b).portfolio();
        double realized;
        try {
          realized = realizedLossUsd(book, now, next);
          notional[b][d] = notionalUsd(book, now);
        } catch (ValidationException e) {
          realized = Double.NaN;
          reportFirstSkip(
              skipReported,
              models.size(),
              b,
              "every model",
              books.get(b),
              history.dates().get(t),
              e,
              progress);
        }
        loss[b][d] = realized;
        for (int m = 0; m < models.size(); m++) {
          requirement[m][b][d] = Double.NaN;
          maintenance[m][b][d] = Double.NaN;
          valueAtRisk[m][b][d] = Double.NaN;
          if (Double.isNaN(realized)) {
            skipped[m][b]++;
            continue;
          }
          try {
            CoverageModel.Cover cover = models.get(m).margin().apply(book, now);
            requirement[m][b][d] =
                options.level() == RequirementLevel.INITIAL
                    ? cover.initialUsd()
                    : cover.maintenanceUsd();
            maintenance[m][b][d] = cover.maintenanceUsd();
            valueAtRisk[m][b][d] = cover.valueAtRiskUsd();
          } catch (ValidationException e) {
            skipped[m][b]++;
            reportFirstSkip(
                skipReported,
                m,
                b,
                models.get(m).id(),
                books.get(b),
                history.dates().get(t),
                e,
                progress);
          }
        }
      }
      if ((d + 1) % PROGRESS_EVERY_DAYS == 0) {
        progress.accept(
            "backtest: " + (d + 1) + " of " + dayCount + " days (" + history.dates().get(t) + ")");
      }
    }
    double expectedRate = 1 - options.expectedCoverage();
    List<ModelCoverage> coverage = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      for (int b = 0; b < books.size(); b++) {
        coverage.add(
            summarize(
                models.get(m),
                books.get(b).name(),
                days,
                loss[b],
                requirement[m][b],
                maintenance[m][b],
                valueAtRisk[m][b],
                notional[b],
                expectedRate,
                skipped[m][b]));
      }
    }
    return new BacktestResult(
        history.source(),
        days,
        coins,
        dayCloses,
        books.stream().map(BacktestBook::name).toList(),
        models.stream().map(CoverageModel::id).toList(),
        loss,
        requirement,
        coverage,
        options.level(),
        expectedRate);
  }

  // Skipped days are counted in the result; the first one of each model and book also says why.
  private static void reportFirstSkip(
      boolean[][] reported,
      int model,
      int book,
      String modelName,
      BacktestBook backtestBook,
      LocalDate day,
      ValidationException reason,
      Consumer<String> progress) {
    if (!reported[model][book]) {
      reported[model][book] = true;
      progress.accept(
          "backtest: "
              + modelName
              + ", book "
              + backtestBook.name()
              + ": "
              + day
              + " cannot be margined, such days are skipped (first reason: "
              + reason.getMessage()
              + ")");
    }
  }

  private static ModelCoverage summarize(
      CoverageModel model,
      String book,
      List<LocalDate> days,
      double[] loss,
      double[] requirement,
      double[] maintenance,
      double[] valueAtRisk,
      double[] notional,
      double expectedRate,
      int skipped) {
    boolean var = model.measure() == CoverageModel.Measure.EXPECTED_SHORTFALL;
    int tested = 0;
    double sum = 0;
    double sumOfNotional = 0;
    double worstShortfall = 0;
    int requirementBreaches = 0;
    double tailLoss = 0;
    double tailShortfall = 0;
    List<LocalDate> breaches = new ArrayList<>();
    for (int d = 0; d < days.size(); d++) {
      if (Double.isNaN(requirement[d]) || (var && Double.isNaN(valueAtRisk[d]))) {
        continue;
      }
      tested++;
      sum += requirement[d];
      sumOfNotional += notional[d] > 0 ? requirement[d] / notional[d] : 0;
      if (loss[d] > requirement[d]) {
        requirementBreaches++;
        worstShortfall = Math.max(worstShortfall, loss[d] - requirement[d]);
      }
      // A VaR model is tested on its VaR (what Kupiec fits); any other on its requirement.
      if (loss[d] > (var ? valueAtRisk[d] : requirement[d])) {
        breaches.add(days.get(d));
        tailLoss += loss[d];
        tailShortfall += maintenance[d];
      }
    }
    if (tested == 0) {
      throw ValidationException.of(
          model.id(), "could not margin book " + book + " on any day (" + skipped + " skipped)");
    }
    String level = String.format(java.util.Locale.ROOT, "%.4g%%", 100 * (1 - expectedRate));
    String what =
        switch (model.measure()) {
          case EXPECTED_SHORTFALL ->
              "exceedances of its "
                  + level
                  + " VaR (Kupiec fits a VaR); its ES (the "
                  + "requirement) checked as the mean loss beyond VaR against the mean ES on those days";
          case SCENARIO_WORST_LOSS ->
              "exceedances of its requirement (a scenario worst loss with no stated level: Kupiec "
                  + "is a coverage check at "
                  + level
                  + ")";
          case RULES_FORMULA ->
              "exceedances of its requirement (a venue formula with no stated level: Kupiec is a "
                  + "coverage check at "
                  + level
                  + ")";
        };
    boolean tail = var && !breaches.isEmpty();
    return new ModelCoverage(
        model.id(),
        book,
        what,
        tested,
        breaches,
        KupiecTest.test(tested, breaches.size(), expectedRate),
        requirementBreaches,
        sum / tested,
        sumOfNotional / tested,
        worstShortfall,
        tail ? tailLoss / breaches.size() : Double.NaN,
        tail ? tailShortfall / breaches.size() : Double.NaN,
        skipped);
  }

  /**
   * Every book's contract sizes in one map; one instrument given two sizes is an error naming both
   * books.
   */
  private static Map<String, Double> contractSizes(List<BacktestBook> books) {
    Map<String, Double> sizes = new TreeMap<>();
    Map<String, String> from = new TreeMap<>();
    Problems problems = new Problems();
    for (BacktestBook book : books) {
      book.contractSizes()
          .forEach(
              (name, size) -> {
                Double earlier = sizes.putIfAbsent(name, size);
                if (earlier != null && !earlier.equals(size)) {
                  problems.add(
                      "portfolio." + book.name() + ".contractSizes." + name,
                      "contract size "
                          + size
                          + " differs from "
                          + earlier
                          + " in book "
                          + from.get(name));
                }
                from.putIfAbsent(name, book.name());
              });
    }
    problems.throwIfAny();
    return sizes;
  }

  /** The market at a day's close: a flat vol per coin at its EWMA level, no forwards, no marks. */
  private static MarketSnapshot snapshot(
      PriceHistory history,
      List<String> coins,
      double[][] closes,
      double[][] annualVol,
      int day,
      Map<String, Double> contractSizes) {
    Map<String, UnderlyingMarket> markets = new TreeMap<>();
    for (int k = 0; k < coins.size(); k++) {
      markets.put(coins.get(k), UnderlyingMarket.flat(closes[k][day], annualVol[k][day]));
    }
    LocalDate date = history.dates().get(day);
    return new MarketSnapshot(
        "close " + date,
        date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
        markets,
        Map.of(),
        Map.of(),
        contractSizes);
  }

  /**
   * The book's loss from one close to the next, USD: every position revalued at the later market,
   * futures and perpetuals against the earlier price; coin amounts at the earlier index, as the
   * models convert them.
   */
  static double realizedLossUsd(Portfolio book, MarketSnapshot now, MarketSnapshot next) {
    UsdRates rates = UsdRates.fromSnapshot(now);
    double loss = 0;
    for (Map.Entry<Instrument, Double> holding : holdings(book, now).entrySet()) {
      Instrument instrument = holding.getKey();
      PricingInputs before = InstrumentPricer.inputs(instrument, now, ExpiryPolicy.REJECT_EXPIRED);
      PricingInputs after = InstrumentPricer.inputs(instrument, next, ExpiryPolicy.REJECT_EXPIRED);
      double valueBefore =
          InstrumentPricer.value(
              instrument, before.forward(), before.years(), before.vol(), before.forward());
      double valueAfter =
          InstrumentPricer.value(
              instrument, after.forward(), after.years(), after.vol(), before.forward());
      loss +=
          holding.getValue()
              * (valueBefore - valueAfter)
              * rates.usdPer(instrument.settlementCurrency());
    }
    return loss;
  }

  private static double notionalUsd(Portfolio book, MarketSnapshot now) {
    double total = 0;
    for (Map.Entry<Instrument, Double> holding : holdings(book, now).entrySet()) {
      Instrument instrument = holding.getKey();
      total +=
          Math.abs(holding.getValue())
              * instrument.contractSize()
              * now.index(instrument.underlying());
    }
    return total;
  }

  /**
   * The book's net quantity per instrument, each instrument as the snapshot lists it (its contract
   * size).
   */
  private static Map<Instrument, Double> holdings(Portfolio book, MarketSnapshot snapshot) {
    Map<String, Double> net = new LinkedHashMap<>();
    for (Position p : book.positions()) {
      net.merge(p.instrument(), p.quantity(), Double::sum);
    }
    Map<Instrument, Double> out = new LinkedHashMap<>();
    for (Instrument instrument : BookInstruments.of(book, snapshot)) {
      out.put(instrument, net.get(instrument.name()));
    }
    return out;
  }
}
