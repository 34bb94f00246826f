package io.cryptomargin.cli;

import io.cryptomargin.comparison.ComparisonText;
import io.cryptomargin.comparison.MarginComparison;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.io.MarketFiles;
import io.cryptomargin.io.PortfolioJson;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.io.RulesParametersJson;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.FiniteFigures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: rules-based and portfolio margin of the same book, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Rules-based vs portfolio margin of a book: requirement, collateral, free collateral, "
        + "capital consumed and the capital efficiency gain, per underlying and in total.",
    footer = {"", "Capital consumed = requirement + spot haircut (rules-based) or requirement alone (portfolio",
        "margin, where spot is a risk position at full value); gain = 1 - consumed(PM) / consumed(rules).",
        "Example: compare --portfolio book.json --market btc_options_2020-05-14.csv --model crypto-pm"})
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SharedOptions.PortfolioFile portfolio;

  @Option(names = "--market", required = true, description = "Market file (snapshot JSON, Deribit chain CSV or "
      + "book summary JSON).")
  Path market;

  @Option(names = "--model", defaultValue = "crypto-pm",
      description = "Portfolio margin model: span-16 or crypto-pm, or a model file (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--rules", defaultValue = "rules-based",
      description = "Rules-based parameters: rules-based or a parameter file (default ${DEFAULT-VALUE}).")
  String rules;

  @Mixin
  SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    MarketSnapshot snapshot = MarketFiles.read(market);
    Portfolio book = MarginCommand.checked(PortfolioJson.readAll(portfolio.path), snapshot);
    MarginComparison comparison = MarginComparison.compute(book, snapshot, MarginModelFiles.load(model),
        RulesParametersJson.load(rules));
    FiniteFigures.require("result", comparison);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.json() ? ReportJson.write(comparison) : ComparisonText.text(comparison));
    out.flush();
    return 0;
  }
}
