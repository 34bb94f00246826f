package io.cryptomargin.cli;

import io.cryptomargin.book.Portfolio;
import io.cryptomargin.comparison.MarginComparison;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.io.MarketFiles;
import io.cryptomargin.io.PortfolioJson;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.io.RulesParametersJson;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.report.ComparisonText;
import io.cryptomargin.validation.FiniteFigures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: the rules models and a portfolio model on the same book, side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "deribit-sm and strategy-based vs a portfolio margin model on a book: IM, MM, equity, capital "
            + "consumed, free collateral, and the saving and gain against each rules model.",
    footer = {
      "",
      "Mark-to-market basis: equity holds every position at its mark, a requirement is the further",
      "loss beyond the marks. Capital consumed = IM + haircuts; saving = consumed(rules) - consumed(PM);",
      "gain = saving / consumed(rules), shown only when the rules model consumes something.",
      "Example: compare --portfolio book.json --market btc_options_2020-05-14.csv --model crypto-pm"
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.PortfolioFile portfolio;

  @Option(
      names = "--market",
      required = true,
      description = "Market file (snapshot JSON, Deribit chain CSV or " + "book summary JSON).")
  Path market;

  @Option(
      names = "--model",
      defaultValue = "crypto-pm",
      description =
          "Portfolio margin model: span-16 or crypto-pm, or a model file (default ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--rules",
      split = ",",
      defaultValue = "deribit-sm,strategy-based",
      description =
          "Rules models, comma-separated: deribit-sm, strategy-based or parameter files; the last is the "
              + "one an account below the portfolio-margin minimum falls back to (default ${DEFAULT-VALUE}).")
  List<String> rules;

  @Mixin SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    MarketSnapshot snapshot = MarketFiles.read(market);
    Portfolio book = MarginCommand.checked(PortfolioJson.readAll(portfolio.path), snapshot);
    MarginComparison comparison =
        MarginComparison.compute(
            book,
            snapshot,
            MarginModelFiles.load(model),
            rules.stream().map(r -> RulesParametersJson.load(r.trim())).toList());
    FiniteFigures.require("result", comparison);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.json() ? ReportJson.write(comparison) : ComparisonText.text(comparison));
    out.flush();
    return 0;
  }
}
