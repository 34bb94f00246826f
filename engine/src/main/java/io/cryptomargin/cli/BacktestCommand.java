package io.cryptomargin.cli;

import io.cryptomargin.backtest.BacktestBook;
import io.cryptomargin.backtest.BacktestOptions;
import io.cryptomargin.backtest.BacktestResult;
import io.cryptomargin.backtest.CoverageBacktest;
import io.cryptomargin.backtest.CoverageModel;
import io.cryptomargin.backtest.ModelCoverage;
import io.cryptomargin.backtest.RequirementLevel;
import io.cryptomargin.historical.HistoricalVarModel;
import io.cryptomargin.historical.PriceHistory;
import io.cryptomargin.io.HistoricalVarModelFiles;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.io.PortfolioJson;
import io.cryptomargin.io.PriceHistoryCsv;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.io.RulesParametersJson;
import io.cryptomargin.io.SnapshotJson;
import io.cryptomargin.report.TextTable;
import io.cryptomargin.validation.ValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtest}: how well each margin model would have covered real next-day losses. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description =
        "Margin coverage backtest: each day, every model's requirement (fitted only on data up to "
            + "that day's close) against the next day's realized loss; breaches, Kupiec test, cost of cover.",
    footer = {
      "",
      "Default books: long 1 and short 1 <COIN>_USDC-PERPETUAL, as two books.",
      "History CSV: timestamp,open,close,... (one coin, --history-coin) or date,BTC,ETH,... (wide).",
      "Example: backtest --from 2015-08-01 --csv coverage.csv"
    })
final class BacktestCommand implements Callable<Integer> {
  /** Exceedance dates printed per model and book; the rest are counted (the CSV has every day). */
  private static final int LISTED_DATES = 20;

  private static final List<String> ALL_MODELS =
      List.of(
          "span-16",
          "crypto-pm",
          "tims",
          HistoricalVarModel.ID,
          RulesParametersJson.DERIBIT_SM,
          RulesParametersJson.STRATEGY_BASED);

  @Spec CommandSpec spec;

  @Option(
      names = "--history",
      description = "Price history CSV (default the shipped BTC/USD daily history).")
  String history;

  @Option(
      names = "--history-coin",
      defaultValue = "BTC",
      description = "The coin of a one-coin candle file (default ${DEFAULT-VALUE}).")
  String historyCoin;

  @Option(
      names = "--portfolio",
      description =
          "A portfolio JSON held unchanged through the walk "
              + "(default: long and short 1 coin of the perpetual, two books).")
  Path portfolio;

  @Option(
      names = "--market",
      description =
          "A snapshot file whose instrument list gives the book's contract "
              + "sizes (default: one coin per contract, as Deribit's names read); only its sizes are used, the "
              + "prices come from the history.")
  Path market;

  @Option(
      names = "--from",
      description =
          "First day margined (default 2015-08-01; at least 250 days of history "
              + "come before it).")
  LocalDate from;

  @Option(
      names = "--to",
      description = "Last day margined (default the day before the last close).")
  LocalDate to;

  @Option(
      names = "--models",
      split = ",",
      description =
          "Models, comma-separated (default span-16,crypto-pm,"
              + "tims,historical-var,deribit-sm,strategy-based).")
  List<String> models;

  @Option(
      names = "--historical-params",
      description = "A historical-var model file replacing the built-in one.")
  Path historicalParams;

  @Option(
      names = "--requirement",
      defaultValue = "maintenance",
      description = "maintenance or initial (default ${DEFAULT-VALUE}).")
  RequirementLevel requirement;

  @Option(
      names = "--coverage",
      defaultValue = "0.99",
      description = "Nominal coverage; breach rate expected 1 - this (default ${DEFAULT-VALUE}).")
  double coverage;

  @Option(names = "--csv", description = "Write the day-by-day series here (chart-ready).")
  Path csv;

  @Mixin SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    String historySource = history != null ? history : PriceHistoryCsv.BUILT_IN_BTC;
    PriceHistory prices = PriceHistoryCsv.read(historySource, historyCoin);
    Map<String, Double> contractSizes =
        market == null ? Map.of() : SnapshotJson.read(market).contractSizes();
    List<BacktestBook> books =
        portfolio == null
            ? BacktestBook.defaults(historyCoin)
            : List.of(
                new BacktestBook(
                    PortfolioJson.read(portfolio).account(),
                    PortfolioJson.read(portfolio),
                    contractSizes));
    List<CoverageModel> chosen = new ArrayList<>();
    for (String id : models == null ? ALL_MODELS : models) {
      chosen.add(model(id.trim(), historySource));
    }
    LocalDate start = from != null ? from : LocalDate.of(2015, 8, 1);
    BacktestOptions options = BacktestOptions.defaults().between(start, to).withLevel(requirement);
    options =
        new BacktestOptions(
            options.from(),
            options.to(),
            coverage,
            options.level(),
            options.ewmaLambda(),
            options.minimumDailyVol(),
            options.warmUpDays());
    BacktestResult result =
        CoverageBacktest.run(
            prices,
            books,
            chosen,
            options,
            message -> {
              err.println(message);
              err.flush();
            });
    if (csv != null) {
      try {
        Files.writeString(csv, result.toCsv(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw ValidationException.of("--csv", "cannot write " + csv + ": " + e.getMessage());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.json() ? ReportJson.write(json(result, seconds)) : table(result, seconds));
    out.flush();
    return 0;
  }

  private CoverageModel model(String id, String historySource) {
    if (id.equals(HistoricalVarModel.ID)) {
      String file = historicalParams != null ? historicalParams.toString() : HistoricalVarModel.ID;
      // The model is fitted on the backtest's own history, so it never sees a different series.
      return CoverageModel.of(HistoricalVarModelFiles.load(file, historySource, historyCoin));
    }
    if (!ALL_MODELS.contains(id)) {
      throw ValidationException.of(
          "--models", "unknown model '" + id + "': choose from " + ALL_MODELS);
    }
    if (RulesParametersJson.isBuiltIn(id)) {
      return CoverageModel.of(RulesParametersJson.load(id));
    }
    return CoverageModel.of(MarginModelFiles.load(id));
  }

  static String table(BacktestResult result, double seconds) {
    StringBuilder out = new StringBuilder();
    out.append(
        Formats.fmt(
            "Margin coverage backtest — %s, %s to %s (%d days), %s requirement vs next-day loss%n",
            result.historySource(),
            result.days().get(0),
            result.days().get(result.days().size() - 1),
            result.days().size(),
            result.level().name().toLowerCase(Locale.ROOT)));
    out.append(
        Formats.fmt(
            "Expected breach rate %.2f%% (nominal %s%% coverage); Kupiec POF test, 5%% level.%n%n",
            result.expectedRate() * 100,
            new java.math.BigDecimal(Formats.fmt("%.4f", (1 - result.expectedRate()) * 100))
                .stripTrailingZeros()
                .toPlainString()));
    TextTable table =
        new TextTable(
            "model",
            "book",
            "days",
            "exceedances",
            "rate %",
            "expected %",
            "Kupiec LR",
            "p-value",
            "verdict",
            "req breaches",
            "avg req USD",
            "avg req % notional",
            "worst shortfall USD");
    for (ModelCoverage c : result.coverage()) {
      table.row(
          c.model(),
          c.book(),
          c.days(),
          c.breaches(),
          c.kupiec().breachRate() * 100,
          c.kupiec().expectedRate() * 100,
          c.kupiec().likelihoodRatio(),
          pValue(c.kupiec().pValue()),
          c.kupiec().verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          c.requirementBreaches(),
          c.averageRequirementUsd(),
          c.averageRequirementOfNotional() * 100,
          c.worstShortfallUsd());
    }
    out.append(table);
    out.append('\n');
    out.append(
        "What each model's exceedances are (the Kupiec test fits a VaR; the others state no level):\n");
    result.coverage().stream()
        .map(c -> c.model() + ": " + c.tested())
        .distinct()
        .forEach(line -> out.append("  ").append(line).append('\n'));
    for (ModelCoverage c : result.coverage()) {
      if (!Double.isNaN(c.meanExpectedShortfallUsd())) {
        out.append(
            Formats.fmt(
                "  %s / %s ES check: mean loss beyond VaR %.2f USD vs mean ES %.2f USD on those %d "
                    + "days (ratio %.2f; at most 1 is what the ES promises)%n",
                c.model(),
                c.book(),
                c.meanTailLossUsd(),
                c.meanExpectedShortfallUsd(),
                c.breaches(),
                c.meanTailLossUsd() / c.meanExpectedShortfallUsd()));
      }
    }
    out.append('\n');
    for (ModelCoverage c : result.coverage()) {
      out.append(c.model()).append(" / ").append(c.book()).append(" exceedances: ");
      List<LocalDate> dates = c.breachDates();
      out.append(
              dates.isEmpty()
                  ? "none"
                  : dates.size() <= LISTED_DATES
                      ? dates.toString()
                      : dates.subList(0, LISTED_DATES)
                          + " and "
                          + (dates.size() - LISTED_DATES)
                          + " more (--csv lists every day)")
          .append('\n');
      if (c.skippedDays() > 0) {
        out.append("  (").append(c.skippedDays()).append(" days could not be margined)\n");
      }
    }
    out.append(
        Formats.fmt(
            "%nA breach date is the day margined; the loss is from its close to the next close. "
                + "Run time %.1f s.%n",
            seconds));
    return out.toString();
  }

  private static String pValue(double p) {
    return p >= 1e-4 ? TextTable.number(p, 4) : Formats.fmt("%.1e", p);
  }

  private static Map<String, Object> json(BacktestResult result, double seconds) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("history", result.historySource());
    root.put("from", result.days().get(0).toString());
    root.put("to", result.days().get(result.days().size() - 1).toString());
    root.put("days", result.days().size());
    root.put("requirement", result.level().name().toLowerCase(Locale.ROOT));
    root.put("expectedBreachRate", result.expectedRate());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ModelCoverage c : result.coverage()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", c.model());
      row.put("book", c.book());
      row.put("days", c.days());
      row.put("tested", c.tested());
      row.put("breaches", c.breaches());
      row.put("breachDates", c.breachDates().stream().map(LocalDate::toString).toList());
      row.put("breachRate", c.kupiec().breachRate());
      row.put("expectedRate", c.kupiec().expectedRate());
      row.put("kupiecLikelihoodRatio", c.kupiec().likelihoodRatio());
      row.put("kupiecPValue", c.kupiec().pValue());
      row.put("verdict", c.kupiec().verdict().name());
      row.put("averageRequirementUsd", c.averageRequirementUsd());
      row.put("averageRequirementOfNotional", c.averageRequirementOfNotional());
      row.put("requirementBreaches", c.requirementBreaches());
      row.put("worstShortfallUsd", c.worstShortfallUsd());
      row.put("meanTailLossUsd", c.meanTailLossUsd());
      row.put("meanExpectedShortfallUsd", c.meanExpectedShortfallUsd());
      row.put("skippedDays", c.skippedDays());
      rows.add(row);
    }
    root.put("models", rows);
    root.put("runSeconds", seconds);
    return root;
  }
}
