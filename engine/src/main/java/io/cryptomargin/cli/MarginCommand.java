package io.cryptomargin.cli;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.BookCheck;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.comparison.ApplicableMargin;
import io.cryptomargin.comparison.UnavailableFallback;
import io.cryptomargin.historical.HistoricalVarMargin;
import io.cryptomargin.io.HistoricalVarModelFiles;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.io.MarketFiles;
import io.cryptomargin.io.PortfolioJson;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.io.RiskArrayJson;
import io.cryptomargin.io.RulesParametersJson;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMargin;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.report.HistoricalVarReport;
import io.cryptomargin.report.MarginReport;
import io.cryptomargin.report.TextTable;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.rules.RulesBasedMargin;
import io.cryptomargin.validation.FiniteFigures;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code margin}: the portfolio margin of a book, from a market snapshot or from supplied risk
 * arrays.
 */
@Command(
    name = "margin",
    mixinStandardHelpOptions = true,
    description =
        "Portfolio margin of a book: scanning risk and every charge per underlying, then the account.",
    footer = {
      "",
      "Portfolio JSON: {\"account\":\"a-1\",\"collateral\":{\"USD\":50000,\"BTC\":0.5},",
      "  \"positions\":[{\"instrument\":\"BTC-26JUN20-9000-C\",\"quantity\":-2}]}  (negative quantity = short)",
      "Risk arrays JSON: {\"scenarioSet\":\"span-16\",\"riskArrays\":[{\"instrument\":\"X\",\"underlying\":\"ES\",",
      "  \"losses\":[...],\"compositeDelta\":0.52}]}  optional: price, optionValue, kind, putCall, expiry,",
      "  settlementCurrency (default USD), underlyingPrice.",
      "Example: margin --portfolio book.json --market btc_options_2020-05-14.csv --model crypto-pm"
    })
final class MarginCommand implements Callable<Integer> {
  private static final String HISTORICAL_VAR = "historical-var";

  @Spec CommandSpec spec;

  @Mixin SharedOptions.PortfolioFile portfolio;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--market", description = "Market file: risk arrays are computed from it.")
    Path market;

    @Option(
        names = "--risk-arrays",
        description =
            "Risk arrays JSON (as a clearing house supplies them): " + "no pricing happens.")
    Path riskArrays;
  }

  @Option(
      names = "--model",
      description =
          "span-16, crypto-pm, crypto-pm-2026-09, tims or historical-var "
              + "(default span-16, or the risk arrays' set). historical-var needs --market.")
  String model;

  @Option(
      names = "--history",
      description =
          "With --model historical-var: a price-history CSV replacing the "
              + "model file's (see the README for the format).")
  Path history;

  @Option(
      names = "--history-coin",
      description =
          "With --model historical-var: the coin of a one-coin candle "
              + "file (default the model file's historyCoin, BTC).")
  String historyCoin;

  @Option(
      names = "--params",
      description =
          "A model parameter JSON file replacing the built-in file of the model "
              + "it names (its id); with --model, both must name the same model.")
  Path params;

  @Option(
      names = "--as-of",
      description =
          "With --risk-arrays: the time expiry tiers are measured from "
              + "(ISO instant; overrides the file's asOf; default the file's asOf, else its snapshot id when a time).")
  Instant asOf;

  @Mixin SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    PortfolioJson.Parsed parsed = PortfolioJson.readAll(portfolio.path);
    if (HISTORICAL_VAR.equals(model)) {
      return historicalVar(parsed.orThrow());
    }
    AccountMargin result;
    ApplicableMargin applicable = null;
    UnavailableFallback unavailable = null;
    Portfolio book;
    if (source.market != null) {
      MarketSnapshot snapshot = MarketFiles.read(source.market);
      // The file's problems and the book's against the market, all at once.
      book = checked(parsed, snapshot);
      result = PortfolioMargin.compute(book, snapshot, model(model == null ? "span-16" : model));
      if (!result.portfolioMarginQualified()) {
        // The account falls back to the rules-based model: show what actually applies.
        String why =
            result.notes().isEmpty()
                ? "the account does not qualify for portfolio margin"
                : result.notes().get(0);
        try {
          applicable =
              ApplicableMargin.of(
                  result, RulesBasedMargin.compute(book, snapshot, RulesParametersJson.builtIn()));
        } catch (ValidationException e) {
          unavailable = UnavailableFallback.of(why, e);
        }
      }
    } else {
      RiskArrayJson.Read read = RiskArrayJson.readWithAsOf(source.riskArrays);
      RiskArraySet arrays = read.arrays();
      book = checked(parsed, arrays);
      MarginModel chosen = model(model == null ? arrays.scenarioSetId() : model);
      result =
          PortfolioMarginCalculator.margin(
              book, arrays, chosen, UsdRates.fromRiskArrays(arrays), asOf(read));
    }
    FiniteFigures.require("result", result);
    FiniteFigures.require("applicableMargin", applicable);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      // Capital consumed and free collateral are derived from the record's components: written
      // beside them.
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("capitalConsumed", result.capitalConsumed());
      extra.put("freeCollateral", result.freeCollateral());
      if (applicable != null) {
        extra.put("applicableMargin", applicable);
      }
      if (unavailable != null) {
        extra.put("rulesBasedFallback", unavailable);
      }
      out.print(ReportJson.writeWith(result, extra));
    } else {
      out.print(MarginReport.text(result));
      if (applicable != null) {
        out.printf(
            Locale.ROOT,
            "%nApplicable margin: %s — initial %s USD, maintenance %s USD, equity %s USD "
                + "(spot after haircut), status %s%n",
            applicable.model(),
            TextTable.number(applicable.initialMarginUsd(), 2),
            TextTable.number(applicable.maintenanceMarginUsd(), 2),
            TextTable.number(applicable.equityUsd(), 2),
            applicable.status());
      }
      if (unavailable != null) {
        out.printf(
            Locale.ROOT,
            "%nApplicable margin: RULES_BASED, not computed — %s:%n",
            unavailable.note());
        unavailable.problems().forEach(p -> out.printf(Locale.ROOT, "  %s%n", p));
      }
    }
    out.flush();
    return 0;
  }

  /**
   * One line per built-in model and profile: its id, version, profile and the profile's date, for
   * --help.
   */
  static List<String> profileLines() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("");
    lines.add("Built-in models (profile, date of its values):");
    List<String> ids = new java.util.ArrayList<>(io.cryptomargin.io.ModelFiles.BUILT_IN);
    ids.addAll(io.cryptomargin.io.ModelFiles.BUILT_IN_PROFILES);
    for (String id : ids) {
      MarginModel m = MarginModelFiles.load(id);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-18s %s v%s, profile %s of %s",
              id,
              m.id(),
              m.version(),
              m.profile().name(),
              m.profile().date()));
    }
    lines.add(
        "Portfolio options: \"accountType\": speculator|hedger|member (span-16's IM factor), "
            + "\"marginMode\": cross|segregated (crypto-pm).");
    return lines;
  }

  /**
   * The book, or every problem of the portfolio file and of the book against the market at once.
   */
  static Portfolio checked(PortfolioJson.Parsed parsed, MarketSnapshot snapshot) {
    Problems problems = fileProblems(parsed);
    BookCheck.check(parsed.portfolio(), snapshot, parsed.fileIndex(), problems);
    problems.throwIfAny();
    return parsed.portfolio();
  }

  /**
   * The book, or every problem of the portfolio file and every instrument without an array at once.
   */
  private static Portfolio checked(PortfolioJson.Parsed parsed, RiskArraySet arrays) {
    Problems problems = fileProblems(parsed);
    BookCheck.check(parsed.portfolio(), arrays, parsed.fileIndex(), problems);
    problems.throwIfAny();
    return parsed.portfolio();
  }

  private static Problems fileProblems(PortfolioJson.Parsed parsed) {
    Problems problems = new Problems();
    parsed.problems().forEach(p -> problems.add(p.field(), p.message()));
    return problems;
  }

  private int historicalVar(Portfolio book) {
    if (source.market == null) {
      throw ValidationException.of(
          "--model",
          "historical-var revalues every position in each dated scenario: "
              + "it needs --market, not --risk-arrays");
    }
    HistoricalVarMargin result =
        HistoricalVarModelFiles.load(
                params != null ? params.toString() : HISTORICAL_VAR,
                history == null ? null : history.toString(),
                historyCoin)
            .margin(book, MarketFiles.read(source.market));
    FiniteFigures.require("result", result);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        format.json()
            ? ReportJson.write(HistoricalVarReport.plain(result))
            : HistoricalVarReport.text(result));
    out.flush();
    return 0;
  }

  /**
   * The model: --params replaces the built-in file of the model it names, so with --model too the
   * two must name the same model (else --model would be silently ignored).
   */
  private MarginModel model(String id) {
    if (params == null) {
      return MarginModelFiles.load(id);
    }
    MarginModel fromFile = MarginModelFiles.load(params.toString());
    if (model != null && !model.equals(fromFile.id())) {
      throw ValidationException.of(
          "--params",
          params
              + " is the "
              + fromFile.id()
              + " model but --model is "
              + model
              + ": --params replaces the built-in file of the model it names; drop --model or give a "
              + model
              + " parameter file");
    }
    return fromFile;
  }

  /**
   * --as-of, else the file's asOf (a risk-arrays export has it), else its snapshot id when that is
   * a time.
   */
  private Instant asOf(RiskArrayJson.Read read) {
    if (asOf != null) {
      Problems problems = new Problems();
      InputRange.checkTime("--as-of", asOf, problems);
      problems.throwIfAny();
      return asOf;
    }
    if (read.asOf() != null) {
      return read.asOf();
    }
    RiskArraySet arrays = read.arrays();
    try {
      return Instant.parse(arrays.snapshotId());
    } catch (DateTimeParseException e) {
      boolean dated = arrays.arrays().values().stream().anyMatch(a -> a.expiry() != null);
      if (dated) {
        throw ValidationException.of(
            "--as-of",
            "the risk arrays' snapshot '"
                + arrays.snapshotId()
                + "' is not a time and the file has no asOf: give --as-of so expiry tiers can be measured");
      }
      return Instant.EPOCH;
    }
  }
}
